"""Tests of relevance.schema: every validation rule of Group.from_dict, Goal.from_value and
Result.to_dict."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from relevance.errors import InputError, field_name
from relevance.schema import SIGNALS, Discussion, Effort, Goal, Group, Member, Result


def invalid(record: Any) -> InputError:
    with pytest.raises(InputError) as caught:
        Group.from_dict(record, default_id="d")
    return caught.value


def group(**fields: Any) -> Group:
    return Group.from_dict({"title": "Fintech CTOs", **fields}, default_id="d")


# -- the record and its title -----------------------------------------------------------------


def test_minimal_group_has_every_other_field_unknown() -> None:
    g = Group.from_dict({"title": "Fintech CTOs"}, default_id="line-3")
    assert g == Group(id="line-3", title="Fintech CTOs")
    assert g.description is None and g.url is None and g.member_count is None
    assert g.members == () and g.discussions is None
    assert g.joined is None and g.joined_on is None and g.effort is None
    assert g.claim == "Fintech CTOs"


def test_full_group_from_design() -> None:
    g = Group.from_dict(
        {
            "id": "fintech-founders",
            "title": "Fintech Founders Europe",
            "description": "A place for founders",
            "url": "https://www.linkedin.com/groups/123/",
            "member_count": 1840,
            "members": [
                {
                    "name": "A. Person",
                    "headline": "CTO at PayCo",
                    "industry": "Financial Services",
                    "location": "Berlin, Germany",
                }
            ],
            "discussions": [
                {
                    "title": "PSD3",
                    "body": "open banking",
                    "date": "2026-10-02",
                    "comments": 14,
                    "likes": 30,
                }
            ],
            "joined": True,
            "joined_on": "2026-08-01",
            "effort": {"hours": 12.5, "posts": 4, "comments": 10, "connections": 1, "replies": 3},
        }
    )
    assert g.id == "fintech-founders"
    assert g.member_count == 1840
    assert g.members == (
        Member("A. Person", "CTO at PayCo", "Financial Services", "Berlin, Germany"),
    )
    assert g.discussions == (Discussion("PSD3", "open banking", date(2026, 10, 2), 14, 30),)
    assert g.discussions[0].text == "PSD3 \nopen banking"
    assert g.joined is True and g.joined_on == date(2026, 8, 1)
    assert g.effort == Effort(12.5, 4, 10, 1, 3)
    assert g.claim == "Fintech Founders Europe \nA place for founders"


def test_group_object_passes_through() -> None:
    g = group()
    assert Group.from_dict(g) is g


@pytest.mark.parametrize(
    ("record", "kind"),
    [([1], "an array"), ("text", "a string"), (None, "null"), (5, "a number"), (True, "a boolean")],
)
def test_record_must_be_an_object(record: Any, kind: str) -> None:
    error = invalid(record)
    assert error.message == f"a group must be a JSON object, got {kind}"
    assert error.field is None


@pytest.mark.parametrize("record", [{}, {"title": None}, {"title": ""}, {"title": "  \t"}])
def test_title_required(record: dict[str, Any]) -> None:
    error = invalid(record)
    assert error.message == "'title' is required"
    assert error.field == "title"


@pytest.mark.parametrize(
    ("title", "kind"), [(5, "a number"), (["a"], "an array"), ({"x": 1}, "an object")]
)
def test_title_must_be_a_string(title: Any, kind: str) -> None:
    error = invalid({"title": title})
    assert error.message == f"'title' must be a string, got {kind}"
    assert error.field == "title"


# -- id ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(("value", "expected"), [(7, "7"), ("abc", "abc"), ("", "d"), (None, "d")])
def test_id(value: Any, expected: str) -> None:
    assert group(id=value).id == expected


@pytest.mark.parametrize(
    ("value", "got"),
    [(True, "a boolean"), ([1], "an array"), ({"a": 1}, "an object"), (1.5, "1.5")],
)
def test_bad_id(value: Any, got: str) -> None:
    error = invalid({"title": "t", "id": value})
    assert error.field == "id"
    assert error.message == f"'id' must be a string or a whole number, got {got}"


# -- text fields ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["description", "url"])
def test_text_fields_must_be_strings(name: str) -> None:
    error = invalid({"title": "t", name: 5})
    assert error.message == f"'{name}' must be a string, got a number"
    assert error.field == name


def test_empty_description_is_unknown() -> None:
    assert group(description="").description is None


# -- member_count -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [(1840, 1840), (0, 0), (1840.0, 1840), ("1840", 1840), ("1,840", 1840), (" 2_400 ", 2400)],
)
def test_member_count_accepted(value: Any, expected: int) -> None:
    assert group(member_count=value).member_count == expected


@pytest.mark.parametrize("value", [None, ""])
def test_member_count_unknown(value: Any) -> None:
    assert group(member_count=value).member_count is None


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (-5, "-5"),
        ("-3", "'-3'"),
        (1.5, "1.5"),
        ("abc", "'abc'"),
        ("12.5 members", "'12.5 members'"),
        (True, "True"),
        ([1], "[1]"),
        (float("nan"), "nan"),
        (float("inf"), "inf"),
    ],
)
def test_member_count_rejected(value: Any, shown: str) -> None:
    error = invalid({"title": "t", "member_count": value})
    assert error.message == f"'member_count' must be a whole number >= 0, got {shown}"
    assert error.field == "member_count"


# -- members ----------------------------------------------------------------------------------


def test_members_as_strings_are_names() -> None:
    assert group(members=["Ann", {"name": "Bob"}]).members == (Member(name="Ann"), Member("Bob"))


def test_members_not_a_list() -> None:
    error = invalid({"title": "t", "members": "Ann, Bob"})
    assert error.message == "'members' must be a list, got a string"
    assert error.field == "members"


def test_member_not_an_object() -> None:
    error = invalid({"title": "t", "members": [{"name": "a"}, 5]})
    assert error.message == "'members[1]' (the 2nd member) must be an object, got a number"
    assert error.field == "members[1]"


def test_member_field_error_names_its_path() -> None:
    # Regression: the field used to be reported as plain "industry".
    error = invalid({"title": "t", "members": [{"name": "a"}, {"industry": 5}]})
    assert error.field == "members[1].industry"
    assert error.message == "'members[1].industry' (the 2nd member) must be a string, got a number"


# -- discussions ------------------------------------------------------------------------------


def test_no_discussions_vs_empty_list() -> None:
    assert group().discussions is None
    assert group(discussions=None).discussions is None
    assert group(discussions=[]).discussions == ()


def test_discussions_as_strings_are_bodies() -> None:
    assert group(discussions=["hello"]).discussions == (Discussion(body="hello"),)


@pytest.mark.parametrize(("value", "kind"), [("x", "a string"), ({}, "an object"), (3, "a number")])
def test_discussions_not_a_list(value: Any, kind: str) -> None:
    error = invalid({"title": "t", "discussions": value})
    assert error.message == f"'discussions' must be a list, got {kind}"
    assert error.field == "discussions"


def test_discussion_not_an_object() -> None:
    error = invalid({"title": "t", "discussions": [[1]]})
    assert error.message == "'discussions[0]' (the 1st discussion) must be an object, got an array"
    assert error.field == "discussions[0]"


def test_a_date_with_every_part_that_is_not_a_day() -> None:
    for value in ("2026-13-01", "2026-02-30"):
        error = invalid({"title": "t", "discussions": [{"title": "x", "date": value}]})
        assert error.field == "discussions[0].date"
        assert (
            error.message
            == f"'discussions[0].date' (the 1st discussion) is not a day of the calendar: {value!r}"
        )
        assert error.hint == (
            "check the day and the month (year-month-day; February has 28 or 29 days)"
        )


@pytest.mark.parametrize("value", ["yesterday", 20261002])
def test_discussion_date_invalid(value: Any) -> None:
    error = invalid({"title": "t", "discussions": [{"title": "x", "date": value}]})
    assert error.field == "discussions[0].date"
    assert error.message == (
        f"'discussions[0].date' (the 1st discussion) must be a date such as 2026-10-02 or Nov "
        f"12, 2026, got {value!r}"
    )


def test_ambiguous_discussion_date_asks_for_the_order() -> None:
    error = invalid({"title": "t", "discussions": [{"title": "x", "date": "02/10/2026"}]})
    assert error.field == "discussions[0].date"
    assert (
        error.message
        == "'discussions[0].date' (the 1st discussion) could be read two ways: '02/10/2026'"
    )
    assert error.hint == "say which comes first with --date-order mdy (month) or dmy (day)"


def test_second_discussion_located() -> None:
    error = invalid({"title": "t", "discussions": [{"title": "ok"}, {"likes": -1}]})
    assert error.field == "discussions[1].likes"
    assert (
        error.message
        == "'discussions[1].likes' (the 2nd discussion) must be a whole number >= 0, got -1"
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-10-02", date(2026, 10, 2)),
        ("2026-10-02T18:30:00", date(2026, 10, 2)),
        ("2026-10-02T18:30:00Z", date(2026, 10, 2)),
        ("2026-10-02T18:30:00+02:00", date(2026, 10, 2)),
        (" 2026-10-02 ", date(2026, 10, 2)),
        ("", None),
    ],
)
def test_discussion_dates_accepted(value: str, expected: date | None) -> None:
    discussions = group(discussions=[{"title": "x", "date": value}]).discussions
    assert discussions is not None
    assert discussions[0].date == expected


def test_discussion_counts_from_strings() -> None:
    discussions = group(discussions=[{"comments": "14", "likes": "1,200"}]).discussions
    assert discussions == (Discussion(comments=14, likes=1200),)


def test_discussion_text_skips_missing_parts() -> None:
    assert Discussion(title="T").text == "T"
    assert Discussion(body="B").text == "B"
    assert Discussion().text == ""


# -- joined, joined_on ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [(True, True), (False, False), ("yes", True), ("False", False), ("1", True), ("0", False)],
)
def test_joined(value: Any, expected: bool) -> None:
    assert group(joined=value).joined is expected


@pytest.mark.parametrize("value", ["maybe", 2, [True]])
def test_joined_rejected(value: Any) -> None:
    error = invalid({"title": "t", "joined": value})
    assert error.field == "joined"
    assert error.message == f"'joined' must be true or false, got {value!r}"


def test_joined_on() -> None:
    assert group(joined_on="2026-08-01").joined_on == date(2026, 8, 1)
    error = invalid({"title": "t", "joined_on": "August"})
    assert error.field == "joined_on"


# -- effort -----------------------------------------------------------------------------------


def test_effort_from_strings() -> None:
    effort = group(effort={"hours": "12.5", "connections": "3", "replies": None}).effort
    assert effort == Effort(hours=12.5, connections=3)


@pytest.mark.parametrize(
    ("effort", "field", "message"),
    [
        ({"hours": -1}, "effort.hours", "'effort.hours' must be a number of hours >= 0, got -1"),
        (
            {"hours": "lots"},
            "effort.hours",
            "'effort.hours' must be a number of hours >= 0, got 'lots'",
        ),
        (
            {"hours": True},
            "effort.hours",
            "'effort.hours' must be a number of hours >= 0, got True",
        ),
        (
            {"connections": 1.5},
            "effort.connections",
            "'effort.connections' must be a whole number >= 0, got 1.5",
        ),
        ({"posts": -2}, "effort.posts", "'effort.posts' must be a whole number >= 0, got -2"),
    ],
)
def test_effort_fields_rejected(effort: dict[str, Any], field: str, message: str) -> None:
    error = invalid({"title": "t", "effort": effort})
    assert error.field == field
    assert error.message == message


def test_effort_not_an_object() -> None:
    error = invalid({"title": "t", "effort": [1]})
    assert error.message == "'effort' must be an object, got an array"
    assert error.field == "effort"


# -- unknown fields ---------------------------------------------------------------------------


def test_unknown_fields_kept_in_extra() -> None:
    g = group(source="meetup", tags=["a", "b"], rating={"stars": 4})
    assert dict(g.extra) == {"source": "meetup", "tags": ["a", "b"], "rating": {"stars": 4}}
    assert "title" not in g.extra


def test_extra_does_not_change_equality() -> None:
    assert group(foo=1) == group(bar=2)


# -- located errors ---------------------------------------------------------------------------


def test_located_error_message() -> None:
    error = invalid({"title": "t", "member_count": -5}).located("groups.json", "record 1")
    assert str(error) == "groups.json record 1: 'member_count' must be a whole number >= 0, got -5"
    assert error.field == "member_count"
    assert error.exit_code == 1


# -- goals ------------------------------------------------------------------------------------


def test_goal_from_string_is_stripped() -> None:
    assert Goal.from_value("  meet fintech CTOs \n", "goal") == Goal("goal", "meet fintech CTOs")


def test_goal_from_object() -> None:
    assert Goal.from_value({"id": "g7", "text": "x y"}, "goal-1") == Goal("g7", "x y")
    assert Goal.from_value({"id": 3, "text": "x"}, "goal-1").id == "3"
    assert Goal.from_value({"text": "x"}, "goal-1") == Goal("goal-1", "x")


def test_goal_passes_through() -> None:
    goal = Goal("a", "b")
    assert Goal.from_value(goal, "x") is goal


@pytest.mark.parametrize("value", ["", "   ", {"text": " "}])
def test_empty_goal(value: Any) -> None:
    with pytest.raises(InputError, match="the goal is empty") as caught:
        Goal.from_value(value, "goal")
    assert caught.value.field == "text"


@pytest.mark.parametrize("value", [{"id": "a"}, {"text": 5}])
def test_goal_object_needs_text(value: Any) -> None:
    with pytest.raises(InputError, match="'text' is required and must be a string"):
        Goal.from_value(value, "goal")


@pytest.mark.parametrize("value", [5, None, ["a"]])
def test_goal_of_wrong_kind(value: Any) -> None:
    with pytest.raises(InputError, match="a goal must be a string or an object"):
        Goal.from_value(value, "goal")


# -- results ----------------------------------------------------------------------------------


def test_result_to_dict_keys_in_order_and_rounding() -> None:
    result = Result(
        goal_id="goal",
        id="g1",
        title="T",
        decision="JOIN",
        overall=0.123456,
        relevance=0.99995,
        discussion_relevance=None,
        consistency=0.5,
        misleading=False,
        drift=None,
        size_fit=1.0,
        member_fit=0.33333333,
        activity=0.0,
        return_on_time=None,
        joined=False,
        matched_terms=[("open banking", 0.123456789)],
        reasons=["because"],
    )
    out = result.to_dict()
    assert list(out) == [
        "goal_id",
        "id",
        "title",
        "decision",
        "overall",
        "relevance",
        "discussion_relevance",
        "consistency",
        "misleading",
        "drift",
        "promotion",
        "size_fit",
        "member_fit",
        "activity",
        "return_on_time",
        "joined",
        "matched_terms",
        "reasons",
        "evidence",
    ]
    assert set(SIGNALS) <= set(out)
    assert out["overall"] == 0.1235
    assert out["relevance"] == 1.0
    assert out["member_fit"] == 0.3333
    assert out["discussion_relevance"] is None and out["drift"] is None
    assert out["return_on_time"] is None
    assert out["misleading"] is False
    assert out["matched_terms"] == [{"term": "open banking", "weight": 0.1235}]
    assert out["reasons"] == ["because"]
    out["reasons"].append("x")
    assert result.reasons == ["because"]


@pytest.mark.parametrize(
    ("path", "column", "named"),
    [
        ("title", None, "'title'"),
        ("discussions[1].date", None, "'discussions[1].date' (the 2nd discussion)"),
        ("members[0]", None, "'members[0]' (the 1st member)"),
        ("members[11].name", None, "'members[11].name' (the 12th member)"),
        ("discussions[22].likes", None, "'discussions[22].likes' (the 23rd discussion)"),
        ("discussions[102]", None, "'discussions[102]' (the 103rd discussion)"),
        ("effort.hours", "Hours", "'effort.hours' (column 'Hours')"),
        (
            "discussions[0].date",
            "Posts",
            "'discussions[0].date' (the 1st discussion, column 'Posts')",
        ),
        ("tags[2]", None, "'tags[2]' (the 3rd item of 'tags')"),
    ],
)
def test_field_name_says_the_index_in_words(path: str, column: str | None, named: str) -> None:
    assert field_name(path, column) == named
