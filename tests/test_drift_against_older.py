"""Drift reads a newer post against the title and against what the group used to discuss.

A club whose recurring talk never uses its description's words has not drifted when its newer
posts read like its older ones; a post on another subject is off both. JOIN also needs the
drift under ``join_drift``; a joined group that drifts that far is told so. The groups were
written for these tests.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from relevance import Settings
from relevance.errors import UsageError
from tests.test_judgment_cases import (
    PAYMENTS,
    PAYMENTS_GOAL,
    drift_reasons,
    explained_discussions,
    post,
    score,
)

# Its description names the field; its nights are named after the community's own words.
CLUB = {
    "id": "hamburg-systems-club",
    "title": "Hamburg Systems Programmers",
    "description": "Monthly talks for people who write low-level software in Hamburg.",
    "member_count": 900,
    "discussions": [
        post("2026-11-26", "Rustacean night: embedded Rust on the RP2040 with embassy"),
        post("2026-11-12", "Rustacean night: reviewing unsafe blocks in our crates"),
        post("2026-10-29", "Rustacean night: async runtimes compared, tokio against embassy"),
        post("2026-10-15", "Rustacean night: borrow checker war stories from our crates"),
    ],
}
CLUB_GOAL = "meet systems programmers in Hamburg who write Rust"

# The same club, whose newest night was taken over by a token pitch.
TAKEN = {
    **CLUB,
    "id": "hamburg-systems-taken",
    "discussions": [
        post("2026-11-26", "Presale of the HAMR memecoin opens Friday, whitelist spots left"),
        *CLUB["discussions"][1:],
    ],
}


def test_a_newer_post_like_the_older_ones_has_not_left_the_purpose(tmp_path: Path) -> None:
    found = explained_discussions(tmp_path, [CLUB], CLUB_GOAL, CLUB["id"])
    newest = found["Rustacean night: embedded Rust on the RP2040 with embassy"]
    # It shares few words with the description, but reads like what the club always discussed.
    assert newest["left_purpose_probability"] < newest["off_topic_probability"]
    # The older half is judged against the title alone: it has no "left" probability.
    assert (
        found["Rustacean night: borrow checker war stories from our crates"][
            "left_purpose_probability"
        ]
        is None
    )


def test_a_newer_post_on_another_subject_is_off_both(tmp_path: Path) -> None:
    found = explained_discussions(tmp_path, [TAKEN], CLUB_GOAL, TAKEN["id"])
    pitch = found["Presale of the HAMR memecoin opens Friday, whitelist spots left"]
    honest = explained_discussions(tmp_path, [CLUB], CLUB_GOAL, CLUB["id"])[
        "Rustacean night: embedded Rust on the RP2040 with embassy"
    ]
    assert pitch["left_purpose_probability"] > 0.5
    assert pitch["left_purpose_probability"] > honest["left_purpose_probability"]


def _payments(**extra: Any) -> dict[str, Any]:
    return {**PAYMENTS, **extra}


def test_join_needs_drift_under_join_drift() -> None:
    # The payments group's newer posts are in jargon its description does not use (SEPA
    # Instant, verification of payee): its drift is measurable but under the default 0.35.
    default = score([_payments()], PAYMENTS_GOAL)[PAYMENTS["id"]]
    assert default.drift is not None and 0.25 <= default.drift < 0.35
    assert default.decision == "JOIN"
    assert drift_reasons(default) == []
    strict = score([_payments()], PAYMENTS_GOAL, settings=Settings(join_drift=0.25))
    held = strict[PAYMENTS["id"]]
    assert held.decision == "CONSIDER"
    assert held.reasons[0] == (
        "Its newer discussions bear out its title and description less than its older ones "
        f"(drift {held.drift:.2f} >= 0.25; drifted from 0.50): at best CONSIDER until you "
        "have read them."
    )


def test_a_joined_group_that_drifts_is_told_so() -> None:
    joined = _payments(joined=True, joined_on="2026-06-01")
    result = score([joined], PAYMENTS_GOAL, settings=Settings(join_drift=0.25))[PAYMENTS["id"]]
    assert result.decision == "STAY"
    assert any(r.startswith("Its newer discussions bear out its title") for r in result.reasons)
    # Under join_drift nothing is said.
    quiet = score([joined], PAYMENTS_GOAL)[PAYMENTS["id"]]
    assert drift_reasons(quiet) == []


@pytest.mark.parametrize("value", [-0.1, 1.5])
def test_join_drift_is_validated(value: float) -> None:
    with pytest.raises(UsageError, match="join_drift"):
        Settings(join_drift=value)
