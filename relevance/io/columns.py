"""Column names as exports and spreadsheets write them, matched to the group fields.

A CSV header (and a JSON record's top-level keys) is matched without regard to case, spaces,
``_`` or ``-``: ``Group Name``, ``group_name`` and ``GROUP-NAME`` are one name. The common export
headers of :data:`HEADERS` are understood as they are; ``--columns "Group Name=title,..."``
names any other (and wins over the table). A column that matches nothing is kept and ignored,
as unknown fields are.

``members`` is the one name that means two things: a list of members (JSON text in a CSV cell,
``[...]``), or in a CSV a count, which is then read as ``member_count``.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping

from relevance.errors import UsageError
from relevance.schema import GROUP_FIELDS

FIELDS = GROUP_FIELDS
"""The top-level group fields a column may be named to (and ``effort.<part>``)."""
EFFORT_PARTS = ("hours", "posts", "comments", "connections", "replies")
"""The parts of ``effort`` a column may fill as ``effort.<part>``."""
_KNOWN = frozenset(FIELDS) | {f"effort.{part}" for part in EFFORT_PARTS}
LEFT_OUT = "-"
"""``--columns "Organizer=-"``: a column the user leaves out on purpose (read as nothing, and
not warned of)."""

HEADERS: dict[str, tuple[str, ...]] = {
    "id": ("id", "group id", "identifier", "key", "slug"),
    "title": (
        "title", "name", "group name", "group", "group title", "community", "community name",
        "display name", "subreddit", "channel", "channel name", "list name",
    ),
    "description": (
        "description", "about", "summary", "group description", "public description",
        "overview", "details", "purpose", "topic",
    ),
    "url": ("url", "link", "group url", "group link", "website", "web address", "href"),
    "member_count": (
        "member count", "members count", "number of members", "subscribers", "size",
        "group size", "member total", "total members", "followers", "member_count",
    ),
    "discussions": ("discussions", "posts", "recent posts"),
    "joined": ("joined", "is member"),
    "joined_on": ("joined on", "joined date", "date joined", "join date", "member since"),
    "effort.hours": ("hours", "hours spent", "time spent hours"),
}  # fmt: skip
"""The export headers understood without ``--columns``, by field (README, "Files as people
have them")."""


def key(name: str) -> str:
    """The form names are compared in: lower case, ``_``/``-``/spaces as one space."""
    return " ".join(re.split(r"[\s_\-]+", name.strip().lower()))


_BY_KEY = {key(alias): field for field, aliases in HEADERS.items() for alias in aliases}
for _field in FIELDS:
    _BY_KEY.setdefault(key(_field), _field)


class ColumnMap(dict[str, str]):
    """What ``--columns`` says: column key (:func:`key`) to field, and each column as written
    (``written``), for messages."""

    def __init__(self) -> None:
        super().__init__()
        self.written: dict[str, str] = {}


def parse_columns(text: str) -> ColumnMap:
    """``"Group Name=title, Members=member_count"`` as ``{key("Group Name"): "title", ...}``.

    Raises
    ------
    UsageError
        For a pair without ``=``, or a field that is not a group field.
    """
    mapping = ColumnMap()
    for pair in (p for p in text.split(",") if p.strip()):
        column, sep, field = (part.strip() for part in pair.partition("="))
        if not sep or not column or not field:
            raise UsageError(
                f"--columns: {pair.strip()!r} is not COLUMN=FIELD",
                hint='write --columns "Group Name=title,Members=member_count"',
            )
        if field not in FIELDS and not field.startswith("effort.") and field != LEFT_OUT:
            raise UsageError(
                f"--columns: {field!r} is not a group field",
                hint=f"fields are {', '.join(FIELDS)}, effort.hours, ...; - leaves a column out",
            )
        mapping[key(column)] = field
        mapping.written[key(column)] = column
    return mapping


def is_field(field: str) -> bool:
    """Whether a column's field (:func:`field_for`) is one a group has, so that it is read."""
    return field in _KNOWN


def close_field(column: str) -> str | None:
    """The field whose name or export header is closest to ``column`` (a misspelling such as
    ``Descripton``), or None when none is close."""
    found = difflib.get_close_matches(key(column), list(_BY_KEY), n=1, cutoff=0.8)
    return _BY_KEY[found[0]] if found else None


def ignored_notice(source: str, ignored: list[str], filled: set[str]) -> str:
    """The warning for a header's columns that name no field: named, with the fields known,
    a "did you mean" where a field is close, and how to map one with ``--columns``.

    Parameters
    ----------
    source : str
        The file, as the user gave it.
    ignored : list of str
        The columns, as written, in header order.
    filled : set of str
        The fields other columns fill (the example mapping names one still empty).
    """
    close = {column: close_field(column) for column in ignored}
    named = [f"'{c}' (did you mean {close[c]}?)" if close[c] else f"'{c}'" for c in ignored]
    first = ignored[0]
    # The example maps the first column to its close field, else to a field no column fills.
    example = close[first] or next(
        (f for f in ("description", "member_count", "url") if f not in filled), "FIELD"
    )
    which = (
        "column matches no group field and is"
        if len(ignored) == 1
        else "columns match no group field and are"
    )
    fields = ", ".join((*FIELDS, "effort.hours"))
    return (
        f"{source}: {len(ignored)} {which} ignored: {', '.join(named)} (the fields: {fields})\n"
        f'Hint: say what a column holds with --columns, e.g. --columns "{first}={example}", '
        f'or "{first}={LEFT_OUT}" to leave it out'
    )


def field_for(column: str, given: Mapping[str, str] | None = None) -> str:
    """The field a column names: ``--columns`` first, then :data:`HEADERS`, else itself."""
    k = key(column)
    if given and k in given:
        return given[k]
    return _BY_KEY.get(k, column.strip())


def rename_keys(record: object, given: Mapping[str, str] | None = None) -> object:
    """A JSON record with its top-level keys named as fields (a key already a field stays)."""
    if not isinstance(record, dict):
        return record
    out: dict[str, object] = {}
    for name, value in record.items():
        field = name if name in FIELDS and not given else field_for(str(name), given)
        if field == LEFT_OUT:
            continue
        if field not in out or out[field] is None:
            out[field] = value
    return out
