"""Tests of relevance.settings (constants, overrides, the size range) and relevance.profile."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from relevance.errors import InputError, UsageError
from relevance.profile import Profile, load_profile
from relevance.settings import DEFAULT_WEIGHTS, Settings, parse_size_range, size_range

# -- size ranges: one parser ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [("300:5000", (300, 5000)), ("1,000:20,000", (1000, 20000)), ("0:0", (0, 0))],
)
def test_parse_size_range(text: str, expected: tuple[int, int]) -> None:
    assert parse_size_range(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("5", "--size-range must look like MIN:MAX (e.g. 300:5000), got '5'"),
        ("a:b", "--size-range must look like MIN:MAX (e.g. 300:5000), got 'a:b'"),
        ("5:2", "--size-range must have 0 <= MIN <= MAX, got '5:2'"),
        ("-1:5", "--size-range must have 0 <= MIN <= MAX, got '-1:5'"),
    ],
)
def test_parse_size_range_errors(text: str, message: str) -> None:
    with pytest.raises(UsageError) as caught:
        parse_size_range(text)
    assert caught.value.message == message


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("a", "size_range must be [MIN, MAX], two whole numbers, got 'a'"),
        ([1, 2, 3], "size_range must be [MIN, MAX], two whole numbers, got [1, 2, 3]"),
        ([1.5, 2], "size_range must be [MIN, MAX], two whole numbers, got [1.5, 2]"),
        ([True, 2], "size_range must be [MIN, MAX], two whole numbers, got [True, 2]"),
        ([5, 2], "size_range must be [MIN, MAX] with 0 <= MIN <= MAX, got [5, 2]"),
    ],
)
def test_size_range_errors(value: object, message: str) -> None:
    with pytest.raises(UsageError) as caught:
        size_range(value)
    assert caught.value.message == message
    with pytest.raises(InputError) as located:
        size_range(value, "me.toml: 'size_range'", InputError)
    assert located.value.message == message.replace("size_range", "me.toml: 'size_range'", 1)


# -- settings ---------------------------------------------------------------------------------


def test_overrides_merge_weights_and_check_values() -> None:
    changed = Settings().with_overrides(weights={"drift": 0.0}, size_range=[10, 20], join_at=0.6)
    assert changed.weights == {**DEFAULT_WEIGHTS, "drift": 0.0}
    assert changed.size_range == (10, 20) and changed.join_at == 0.6
    assert Settings().weights == DEFAULT_WEIGHTS  # the defaults are not changed
    with pytest.raises(UsageError, match="unknown setting 'joinat'"):
        Settings().with_overrides(joinat=0.6)
    with pytest.raises(UsageError, match="unknown weight 'size'"):
        Settings().with_overrides(weights={"size": 1.0})
    with pytest.raises(UsageError, match="weights must be a table"):
        Settings().with_overrides(weights=[1])


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"b": 1.5}, "b must be between 0.0 and 1.0, got 1.5"),
        ({"k1": float("nan")}, "k1 must be a number, got nan"),
        ({"recent_discussions": 2.5}, "recent_discussions must be a whole number, got 2.5"),
        ({"join_at": 0.3, "consider_at": 0.4}, "consider_at must not be above join_at"),
        ({"weights": {k: 0.0 for k in DEFAULT_WEIGHTS}}, "every weight is 0"),
        ({"hours_per_week": 200.0}, "hours_per_week must be between 0.0 and 168.0, got 200.0"),
        ({"misleading_below": True}, "misleading_below must be a number, got True"),
        ({"k1": -1}, "k1 must be 0 or more, got -1"),  # not "between 0.0 and inf"
        ({"relevance_scale": 0}, "relevance_scale must be more than 0, got 0"),
        ({"weights": {"relevance": -0.5}}, "weights.relevance must be 0 or more, got -0.5"),
    ],
)
def test_out_of_range_settings_are_refused(changes: dict[str, object], message: str) -> None:
    with pytest.raises(UsageError) as caught:
        Settings(**changes)  # type: ignore[arg-type]
    assert caught.value.message == message


def test_to_dict_is_json_ready() -> None:
    data = Settings(size_range=(10, 20)).to_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["size_range"] == [10, 20] and data["weights"] == DEFAULT_WEIGHTS


# -- profile ----------------------------------------------------------------------------------


def write(tmp_path: Path, text: str, name: str = "me.toml") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_full_profile(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        'goal = "meet fintech CTOs"\nindustries = ["Banking"]\nlocations = "Europe"\n'
        "size_range = [300, 5000]\nhours_per_week = 3\n"
        "[weights]\nrelevance = 0.6\n[thresholds]\njoin_at = 0.6\n",
    )
    assert load_profile(path) == Profile(
        goal="meet fintech CTOs",
        industries=["Banking"],
        locations=["Europe"],
        size_range=(300, 5000),
        hours_per_week=3.0,
        weights={"relevance": 0.6},
        thresholds={"join_at": 0.6},
    )


def test_goal_file_is_read_beside_the_profile(tmp_path: Path) -> None:
    (tmp_path / "goal.txt").write_text("  sourdough bread  \n", encoding="utf-8")
    assert load_profile(write(tmp_path, 'goal_file = "goal.txt"\n')).goal == "sourdough bread"


@pytest.mark.parametrize(
    ("text", "error", "message"),
    [
        ("goal = [", InputError, "not valid TOML"),
        ("golas = 1", InputError, "unknown key 'golas'"),
        ('goal = "  "', InputError, "'goal' must be a non-empty string"),
        ("industries = [1]", InputError, "'industries' must be a list of non-empty strings"),
        ("hours_per_week = -1", InputError, "'hours_per_week' must be a number >= 0"),
        ("size_range = [5, 2]", InputError, "'size_range' must be [MIN, MAX] with 0 <= MIN"),
        ("weights = 1", InputError, "'weights' must be a table"),
        ('goal_file = "nope.txt"', InputError, "'goal_file'"),
    ],
)
def test_bad_profiles_name_the_key(
    tmp_path: Path, text: str, error: type[Exception], message: str
) -> None:
    path = write(tmp_path, text + "\n")
    with pytest.raises(error) as caught:
        load_profile(path)
    assert str(caught.value).startswith(f"{path}: ")
    assert message in str(caught.value)


def test_missing_profile_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="no such profile file"):
        load_profile(str(tmp_path / "none.toml"))
