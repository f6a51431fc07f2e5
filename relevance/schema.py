"""The input and output records: groups, their members and discussions, goals and results.

Records come in as plain dicts (parsed JSON, CSV rows) and are validated here, in one place, into
frozen dataclasses; every problem raises :class:`~relevance.errors.InputError` naming the field.
The reader adds the file and the line or record number.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from relevance.errors import InputError, UsageError, field_name
from relevance.signals.table import NAMES
from relevance.text import GoalText

SCHEMA_VERSION = 1
MAX_COUNT = 10**12
"""The largest count accepted (members, comments, likes, connections...)."""


@dataclass(frozen=True, slots=True)
class Member:
    """One listed member of a group; every field may be unknown."""

    name: str | None = None
    headline: str | None = None
    industry: str | None = None
    location: str | None = None


@dataclass(frozen=True, slots=True)
class Discussion:
    """One discussion (post, thread, event) of a group."""

    title: str | None = None
    body: str | None = None
    date: date | None = None
    comments: int | None = None
    likes: int | None = None

    @property
    def text(self) -> str:
        """Title and body, the text that is analysed."""
        return " \n".join(part for part in (self.title, self.body) if part)


@dataclass(frozen=True, slots=True)
class Effort:
    """What the user put into a joined group and what came back."""

    hours: float | None = None
    posts: int | None = None
    comments: int | None = None
    connections: int | None = None
    replies: int | None = None


@dataclass(frozen=True, slots=True)
class Group:
    """A group as the input contract describes it (DESIGN.md section 2)."""

    id: str
    title: str
    description: str | None = None
    url: str | None = None
    member_count: int | None = None
    members: tuple[Member, ...] = ()
    discussions: tuple[Discussion, ...] | None = None
    joined: bool | None = None
    joined_on: date | None = None
    effort: Effort | None = None
    extra: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def from_dict(cls, record: Any, default_id: str = "", today: date | None = None) -> Group:
        """Validate one record.

        Parameters
        ----------
        record : Any
            A parsed JSON value or CSV row; must be an object with at least ``title``.
        default_id : str, default=""
            The id given to a record without one (the reader passes its line or record number).
        today : date or None, default=None
            The run's day: a ``joined_on`` after it is refused, and a discussion dated more
            than a day after it unless marked ``"upcoming": true``
            (:func:`relevance.io.values.check_posted_by`; a scoring run passes it; None checks
            nothing).

        Raises
        ------
        InputError
            When the record is not an object, lacks ``title`` or has a field of the wrong type.
        """
        if type(record) is not dict:  # a parsed record is a dict: the ABC checks cost more
            if isinstance(record, Group):
                return record
            if not isinstance(record, Mapping):
                raise InputError(f"a group must be a JSON object, got {_kind(record)}")
        return cls(
            id=_id(record.get("id"), default_id),
            title=_title(record.get("title"), record),
            description=_text(record, "description"),
            url=_text(record, "url"),
            member_count=_count(record.get("member_count"), "member_count"),
            members=_members(record.get("members")),
            discussions=_discussions(record.get("discussions"), today),
            joined=_bool(record.get("joined"), "joined"),
            joined_on=_joined_on(record.get("joined_on"), today),
            effort=_effort(record.get("effort")),
            extra={k: v for k, v in record.items() if k not in _GROUP_FIELDS},
        )

    @property
    def claim(self) -> str:
        """Title and description: the purpose the group claims."""
        return " \n".join(part for part in (self.title, self.description) if part)


@dataclass(frozen=True, slots=True)
class Goal:
    """A goal statement; ``id`` tells goals apart when several are scored in one run."""

    id: str
    text: str
    """As written; a :class:`~relevance.text.GoalText`, so that it is read without its framing
    words ("meet", "share", "looking")."""

    def __post_init__(self) -> None:
        if not isinstance(self.text, GoalText):
            object.__setattr__(self, "text", GoalText(self.text))

    @classmethod
    def from_value(cls, value: Any, default_id: str) -> Goal:
        """Build a goal from a string or a ``{"id", "text"}`` object."""
        if isinstance(value, Goal):
            return value
        if isinstance(value, str):
            goal_id, text = default_id, value
        elif isinstance(value, Mapping):
            goal_id = _id(value.get("id"), default_id)
            raw = value.get("text")
            if not isinstance(raw, str):
                raise InputError("'text' is required and must be a string", field="text")
            text = raw
        else:
            raise InputError(f"a goal must be a string or an object, got {_kind(value)}")
        if not text.strip():
            raise InputError("the goal is empty", field="text", hint="write what you want to get")
        return cls(id=goal_id, text=text.strip())


def check_unique_goal_ids(
    goals: Sequence[Goal], places: Sequence[str] | None = None, source: str | None = None
) -> None:
    """The one check that no two goals share an id (results are told apart by goal id, so two
    goals with one id would mix their rankings).

    Parameters
    ----------
    goals : sequence of Goal
    places : sequence of str or None, default=None
        Where each goal was written (``"line 3"``): a repeat is then an :class:`InputError` of
        ``source`` located there; without, a :class:`~relevance.errors.UsageError`.
    source : str or None, default=None
        The file the goals come from.
    """
    first: dict[str, int] = {}
    for i, goal in enumerate(goals):
        if goal.id not in first:
            first[goal.id] = i
        elif places is None:
            raise UsageError(f"two goals have the id {goal.id!r}", hint="give each goal its own id")
        else:
            message = f"goal id {goal.id!r} is already used on {places[first[goal.id]]}"
            raise InputError(message, source, places[i], field="id")


GROUP_FIELDS = (
    "id",
    "title",
    "description",
    "url",
    "member_count",
    "members",
    "discussions",
    "joined",
    "joined_on",
    "effort",
)
"""The fields of a group record, in the order the README lists them; others are kept as extra."""
_GROUP_FIELDS = frozenset(GROUP_FIELDS)
_MEMBER_FIELDS = ("name", "headline", "industry", "location")


def _kind(value: Any) -> str:
    names = {dict: "an object", list: "an array", str: "a string", bool: "a boolean"}
    if value is None:
        return "null"
    if isinstance(value, int | float) and not isinstance(value, bool):
        return "a number"
    return names.get(type(value), type(value).__name__)


def _id(value: Any, default: str) -> str:
    if value is None or value == "":
        return default
    if isinstance(value, bool) or not isinstance(value, str | int):
        got = repr(value) if isinstance(value, float) else _kind(value)  # 1.5, not "a number"
        raise InputError(f"'id' must be a string or a whole number, got {got}", field="id")
    return str(value)


def _title(value: Any, record: Mapping[str, Any] | None = None) -> str:
    if value is None or (isinstance(value, str) and not value.strip()):
        named = [k for k in ("name", "group", "group_name", "Group Name") if record and k in record]
        hint = f"the title seems to be under '{named[0]}': call that key 'title'" if named else None
        raise InputError("'title' is required", field="title", hint=hint)
    if not isinstance(value, str):
        raise InputError(f"'title' must be a string, got {_kind(value)}", field="title")
    return value


def _text(record: Mapping[str, Any], name: str) -> str | None:
    value = record.get(name)
    if type(value) is str:
        return value or None
    if value is None:
        return None
    if isinstance(value, str):
        return value or None
    raise InputError(f"'{name}' must be a string, got {_kind(value)}", field=name)


def _count(value: Any, name: str) -> int | None:
    """A whole number >= 0; CSV cells arrive as strings, JSON may say 1840.0."""
    if value is None or value == "":
        return None
    number: Any = value
    if isinstance(value, str) and value.isascii() and value.isdigit():
        number = int(value)  # the common CSV cell, without the parser
    elif isinstance(value, str):
        from relevance.io.values import parse_count  # 1,200, 1.2K, 2M, 1.200 (README)

        number = parse_count(value, name)
    if (
        isinstance(number, bool)
        or not isinstance(number, int | float)
        or (isinstance(number, float) and not (math.isfinite(number) and number.is_integer()))
    ):
        number = None
    if number is None or number < 0:
        raise InputError(f"'{name}' must be a whole number >= 0, got {value!r}", field=name)
    if number > MAX_COUNT:  # beyond any real group, and beyond what a float holds exactly
        raise InputError(f"'{name}' is too large: {value!r} (at most {MAX_COUNT:,})", field=name)
    return int(number)


def _hours(value: Any, name: str) -> float | None:
    if value is None or value == "":
        return None
    try:
        number = float(value) if not isinstance(value, bool) else math.nan
    except (TypeError, ValueError):
        number = math.nan
    if not math.isfinite(number) or number < 0:
        raise InputError(f"'{name}' must be a number of hours >= 0, got {value!r}", field=name)
    return number


def _bool(value: Any, name: str) -> bool | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in {"true", "yes", "1", "false", "no", "0"}:
        return value.strip().lower() in {"true", "yes", "1"}
    raise InputError(f"'{name}' must be true or false, got {value!r}", field=name)


def _date(value: Any, name: str) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value.strip()).date()
        except ValueError:
            from relevance.io.values import parse_date  # Nov 12, 2026; 13/1/2026 (README)

            return parse_date(value, name)
    raise InputError(
        f"'{name}' must be a date such as 2026-10-02 or Nov 12, 2026, got {value!r}", field=name
    )


def _joined_on(value: Any, today: date | None) -> date | None:
    day = _date(value, "joined_on")
    if day is not None and today is not None:
        from relevance.io.values import check_not_after

        check_not_after(day, today, "joined_on")
    return day


def _list(value: Any, name: str) -> list[Any] | None:
    if value is None:
        return None
    if not isinstance(value, list):
        count = name == "members" and (isinstance(value, int | float) and value is not False)
        raise InputError(
            f"'{name}' must be a list, got {_kind(value)}",
            field=name,
            hint="a count of members goes in 'member_count'" if count else None,
        )
    return value


def _members(value: Any) -> tuple[Member, ...]:
    items = _list(value, "members") or []
    members = []
    for i, item in enumerate(items):
        # The common case first: an ABC check costs 0.5 us.
        if type(item) is not dict and (text := _bare_text(item, "members", i)) is not None:
            members.append(Member(name=text))
            continue
        get = item.get
        name, headline, industry, location = (
            get("name"),
            get("headline"),
            get("industry"),
            get("location"),
        )
        # Spelled out: this runs for every listed member of every group of a large batch.
        if not (
            (name is None or type(name) is str)
            and (headline is None or type(headline) is str)
            and (industry is None or type(industry) is str)
            and (location is None or type(location) is str)
        ):
            bad = next(k for k in _MEMBER_FIELDS if not isinstance(get(k), str | None))
            raise _nested(_not_text(bad, get(bad)), f"members[{i}]")
        members.append(Member(name or None, headline or None, industry or None, location or None))
    return tuple(members)


def _bare_text(item: Any, name: str, i: int) -> str | None:
    """A list item that is not a dict: its text when it is a bare string, None when it is
    another mapping; ``InputError`` naming ``name[i]`` otherwise."""
    if isinstance(item, str):
        return item
    if not isinstance(item, Mapping):
        where = f"{name}[{i}]"
        raise InputError(f"{field_name(where)} must be an object, got {_kind(item)}", field=where)
    return None


def _not_text(name: str, value: Any) -> InputError:
    return InputError(f"'{name}' must be a string, got {_kind(value)}", field=name)


def _discussions(value: Any, today: date | None = None) -> tuple[Discussion, ...] | None:
    items = _list(value, "discussions")
    if items is None:
        return None
    from relevance.io.values import check_posted_by  # a discussion is dated by the run's day

    discussions = []
    for i, item in enumerate(items):
        if type(item) is not dict and (text := _bare_text(item, "discussions", i)) is not None:
            discussions.append(Discussion(body=text))
            continue
        try:
            day = _date(item.get("date"), "date")
            if day is not None and today is not None and item.get("upcoming") is not True:
                check_posted_by(day, today)
            discussions.append(
                Discussion(
                    title=_text(item, "title"),
                    body=_text(item, "body"),
                    date=day,
                    comments=_count(item.get("comments"), "comments"),
                    likes=_count(item.get("likes"), "likes"),
                )
            )
        except InputError as error:
            raise _nested(error, f"discussions[{i}]") from None
    return tuple(discussions)


def _effort(value: Any) -> Effort | None:
    if value is None:
        return None
    if not isinstance(value, Mapping):
        raise InputError(f"'effort' must be an object, got {_kind(value)}", field="effort")
    try:
        return Effort(
            hours=_hours(value.get("hours"), "hours"),
            **{k: _count(value.get(k), k) for k in ("posts", "comments", "connections", "replies")},
        )
    except InputError as error:
        raise _nested(error, "effort") from None


def _nested(error: InputError, parent: str) -> InputError:
    """Name a nested field by its path, e.g. ``'discussions[2].date' (the 3rd discussion)``."""
    path = f"{parent}.{error.field}"
    detail = error.detail.replace(f"'{error.field}'", field_name(path), 1)
    return InputError(detail, field=path, hint=error.hint, hint_on_skip=error.hint_on_skip)


EVIDENCE = ("description", "discussions", "dates", "member_count", "members", "effort")
"""The kinds of data a result can rest on besides the title (its ``evidence`` field): a group
known only by its title and description (no discussions, size or members) is at best CONSIDER."""

SIGNALS: tuple[str, ...] = NAMES
"""The signals of a result, in output order (:data:`relevance.signals.table.TABLE`), each a float
in [0, 1] or None when its data is absent."""
_SIGNAL_SET = frozenset(SIGNALS)


@dataclass(slots=True, init=False)
class Result:
    """The verdict on one (goal, group) pair (DESIGN.md section 4).

    Each signal of :data:`SIGNALS` is an attribute (``result.relevance``) and a keyword of the
    constructor; they are kept in :attr:`signals`, in table order.
    """

    goal_id: str
    id: str
    title: str
    decision: str
    overall: float
    signals: dict[str, float | None]
    """Every signal by name, None when its data is absent."""
    misleading: bool | None
    joined: bool
    matched_terms: list[tuple[str, float]]
    reasons: list[str]
    evidence: list[str]
    """What the group was judged on, from :data:`EVIDENCE`: the data that was there."""
    member_count: int | None
    """The group's, for the HTML report's size chart; not in :meth:`to_dict`."""

    def __init__(
        self,
        goal_id: str,
        id: str,
        title: str,
        decision: str,
        overall: float,
        *,
        misleading: bool | None = None,
        joined: bool = False,
        matched_terms: list[tuple[str, float]] | None = None,
        reasons: list[str] | None = None,
        evidence: list[str] | None = None,
        member_count: int | None = None,
        **signals: float | None,
    ) -> None:
        unknown = sorted(set(signals) - _SIGNAL_SET)
        if unknown:
            raise TypeError(f"Result() got unknown signal {unknown[0]!r}; signals: {SIGNALS}")
        self.goal_id, self.id, self.title = goal_id, id, title
        self.decision, self.overall = decision, overall
        self.signals = {name: signals.get(name) for name in SIGNALS}
        self.misleading, self.joined = misleading, joined
        self.matched_terms = [] if matched_terms is None else matched_terms
        self.reasons = [] if reasons is None else reasons
        self.evidence = [] if evidence is None else evidence
        self.member_count = member_count

    def __getattr__(self, name: str) -> float | None:
        # Only called when no slot has the name: a signal, or a mistake.
        if name in _SIGNAL_SET:
            return self.signals[name]
        raise AttributeError(f"'Result' object has no attribute {name!r}")

    def to_dict(self) -> dict[str, Any]:
        """The result as plain JSON-ready values, scores rounded to 4 places."""
        out: dict[str, Any] = {
            "goal_id": self.goal_id,
            "id": self.id,
            "title": self.title,
            "decision": self.decision,
            "overall": round(self.overall, 4),
        }
        for name, value in self.signals.items():
            out[name] = None if value is None else round(value, 4)
            if name == "consistency":
                out["misleading"] = self.misleading
        out["joined"] = self.joined
        out["matched_terms"] = [{"term": t, "weight": round(w, 4)} for t, w in self.matched_terms]
        out["reasons"] = list(self.reasons)
        out["evidence"] = list(self.evidence)
        return out
