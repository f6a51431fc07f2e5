"""The user's profile: a TOML file of goal, industries, places, size range, time and weights.

Command-line options override the profile; the profile overrides the defaults. Example::

    goal = "meet CTOs of fintech start-ups in Europe"
    industries = ["Financial Services", "Banking"]
    locations = ["Europe"]
    size_range = [300, 5000]
    hours_per_week = 3

    [weights]        # how much each signal counts in `overall`
    relevance = 0.5

    [thresholds]     # any other constant of relevance.settings.Settings
    join_at = 0.6
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from relevance.errors import InputError, UsageError
from relevance.settings import size_range

KEYS = {
    "goal",
    "goal_file",
    "industries",
    "locations",
    "size_range",
    "hours_per_week",
    "weights",
    "thresholds",
}


@dataclass
class Profile:
    """What a profile file says; every field may be absent."""

    goal: str | None = None
    industries: list[str] = field(default_factory=list)
    locations: list[str] = field(default_factory=list)
    size_range: tuple[int, int] | None = None
    hours_per_week: float | None = None
    weights: dict[str, float] = field(default_factory=dict)
    thresholds: dict[str, Any] = field(default_factory=dict)


def load_profile(path: str) -> Profile:
    """Read and check a TOML profile.

    Raises
    ------
    UsageError
        The file does not exist.
    InputError
        The file is not TOML, or a key has a wrong value (a ``[weights]`` or ``[thresholds]``
        one too); the message names the file and the key.
    """
    file = Path(path)
    try:
        data = tomllib.loads(file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UsageError(f"{path}: no such profile file") from None
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"{path}: cannot read the profile ({error})") from None
    except tomllib.TOMLDecodeError as error:
        raise InputError(f"{path}: not valid TOML ({error})") from None
    unknown = sorted(set(data) - KEYS)
    if unknown:
        raise InputError(
            f"{path}: unknown key {unknown[0]!r}",
            hint=f"profile keys are {', '.join(sorted(KEYS))}",
        )
    profile = Profile()
    goal = data.get("goal")
    if goal is not None and not (isinstance(goal, str) and goal.strip()):
        raise InputError(f"{path}: 'goal' must be a non-empty string")
    profile.goal = goal
    if "goal_file" in data:
        goal_file = file.parent / str(data["goal_file"])
        try:
            profile.goal = goal_file.read_text(encoding="utf-8").strip()
        except OSError:
            raise InputError(f"{path}: 'goal_file' {goal_file} cannot be read") from None
        except UnicodeDecodeError as error:
            raise InputError(
                f"{path}: 'goal_file' {goal_file} is not UTF-8 text (byte {error.start + 1})",
                hint="save the goal file as UTF-8",
            ) from None
    profile.industries = _strings(data, "industries", path)
    profile.locations = _strings(data, "locations", path)
    if "size_range" in data:
        profile.size_range = size_range(data["size_range"], f"{path}: 'size_range'", InputError)
    if "hours_per_week" in data:
        hours = data["hours_per_week"]
        if isinstance(hours, bool) or not isinstance(hours, int | float) or hours < 0:
            raise InputError(f"{path}: 'hours_per_week' must be a number >= 0, got {hours!r}")
        if hours > 168:
            raise InputError(f"{path}: 'hours_per_week' {hours} is more than a week (168 hours)")
        profile.hours_per_week = float(hours)
    for table in ("weights", "thresholds"):
        value = data.get(table, {})
        if not isinstance(value, dict):
            raise InputError(f"{path}: '{table}' must be a table")
        setattr(profile, table, dict(value))
    _check_settings(profile, path)
    return profile


def _check_settings(profile: Profile, path: str) -> None:
    """Check the profile's thresholds and weights now, so that an error names the file and
    its table: ``join_at = 1.5`` is a mistake in the file's data (exit 1, as its other keys),
    not in the command line's usage (the same value given as an option is exit 2)."""
    from relevance.settings import Settings

    for table, changes in (
        ("thresholds", profile.thresholds),
        ("weights", {"weights": profile.weights} if profile.weights else {}),
    ):
        try:
            Settings().with_overrides(**changes)
        except UsageError as error:
            # Settings names a weight "weights.relevance"; under [weights] it is "relevance".
            said = error.message.removeprefix(f"{table}.")
            raise InputError(f"{path}: [{table}] {said}", hint=error.hint) from None


def _strings(data: dict[str, Any], key: str, path: str) -> list[str]:
    value = data.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise InputError(f"{path}: '{key}' must be a list of non-empty strings")
    return list(value)
