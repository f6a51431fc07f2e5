"""Counts and dates as people write them in exports and spreadsheets.

**Counts** (``member_count``, a discussion's ``comments`` and ``likes``, effort counts):

- ``1840``, ``1,840``, ``1 840``, ``1_840``, ``1'840``: separators between groups of three digits.
- ``1.2K``, ``12k``, ``2M``, ``1.5B`` (also ``1,5K``): a suffix multiplies by a thousand, a
  million or a billion; before a suffix a dot or a comma is the decimal mark. The result is
  rounded to a whole number.
- ``1.200`` without a suffix: a dot (or comma) followed by exactly three digits separates
  thousands, as in German or Spanish exports, so ``1.200`` is 1,200, ``1.000`` a thousand and
  ``1.200.000`` 1.2 million. ``1840.0`` (any other count of zeros) is 1840, as spreadsheets
  write whole numbers. ``1.5`` or ``1.25`` is refused: a count is whole, and the hint says so.
- A trailing word (``1,200 members``, ``12k subscribers``) and a ``+`` (``10K+``) are ignored.

**Dates** (``joined_on``, a discussion's ``date``): ISO 8601 first (``2026-10-02``,
``2026-10-02T09:30:00Z``); then the written forms a maintained parser (python-dateutil) reads:
``Nov 12, 2026``, ``12 November 2026``, ``6/1/2026``, ``2026/06/01``. A date whose day and month
could be swapped (``6/1/2026``: both at most 12, and different) is refused unless the order is
given (``date_order="mdy"``, US; or ``"dmy"``, most other places: ``--date-order``).
A ``joined_on`` after the run's today is refused (:func:`check_not_after`): it is a typo, or an
export from a machine whose clock is wrong, and would be read as a group joined minus N days ago.
So is a discussion dated more than a day after it, or after the computer's date if that is later
(:func:`check_posted_by`), unless it is marked ``"upcoming": true`` (a scheduled event, as the
Meetup reader marks them).
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from relevance.errors import InputError

DATE_ORDERS = ("mdy", "dmy")
"""How an ambiguous numeric date is read: month first (US) or day first."""

_SUFFIX = {"k": 1_000, "m": 1_000_000, "b": 1_000_000_000}
_WITH_SUFFIX = re.compile(r"(\d+(?:[.,]\d+)?)\s*([kmb])", re.I)
# The number, then an optional "+" and words: "12k subscribers", "10K+", "1,200 members".
_NUMBER = re.compile(r"\s*(\d[\d.,' _\u202f]*?(?:\s*[kmb](?![a-z]))?)\s*\+?(?:\s+\D*)?", re.I)
_GROUPED = re.compile(r"\d{1,3}(?:([,.' _\u00a0\u202f])\d{3})(?:\1\d{3})*")
_ISO_LIKE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")
"""A year-month-day date that ``fromisoformat`` refused: a day that does not exist."""
_NUMERIC_DATE = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2,4})")


def parse_count(text: str, name: str) -> int:
    """A whole number written as people write counts (see the module's rules).

    Parameters
    ----------
    text : str
        The cell or value, e.g. ``"1.2K"``, ``"1,200 members"``, ``"1.200"``.
    name : str
        The field, for the error.

    Raises
    ------
    InputError
        When the text is not a count, with a hint of the forms that are.
    """
    found = _NUMBER.fullmatch(text.replace("\u00a0", " "))
    number = found.group(1) if found else ""
    suffixed = _WITH_SUFFIX.fullmatch(number)
    if suffixed:
        value = float(suffixed.group(1).replace(",", "."))
        return round(value * _SUFFIX[suffixed.group(2).lower()])
    if number.isdigit():
        return int(number)
    if _GROUPED.fullmatch(number):
        return int(re.sub(r"\D", "", number))
    if re.fullmatch(r"\d+\.0+", number):  # 1840.0, as spreadsheets and pandas write counts
        return int(number.partition(".")[0])
    raise InputError(
        f"'{name}' must be a whole number >= 0, got {text!r}",
        field=name,
        hint="write counts as 1200, 1,200, 1.200 (thousands), 1.2K or 2M",
    )


def parse_date(text: str, name: str, order: str | None = None) -> date:
    """A date written in ISO 8601 or a common written form (see the module's rules).

    Parameters
    ----------
    text : str
        E.g. ``"2026-11-12"``, ``"Nov 12, 2026"``, ``"12/11/2026"``.
    name : str
        The field, for the error.
    order : {"mdy", "dmy"} or None, default=None
        How ``6/1/2026`` is read; ``None`` refuses a date whose day and month could swap.

    Raises
    ------
    InputError
        When the text is not a date, or is ambiguous and no order is given.
    """
    value = text.strip()
    try:
        return datetime.fromisoformat(value).date()
    except ValueError:
        pass
    if _ISO_LIKE.fullmatch(value):  # all its parts are there: the day is not in the calendar
        raise InputError(
            f"'{name}' is not a day of the calendar: {text!r}",
            field=name,
            hint="check the day and the month (year-month-day; February has 28 or 29 days)",
        )
    numeric = _NUMERIC_DATE.fullmatch(value)
    if numeric and order is None:
        first, second = int(numeric.group(1)), int(numeric.group(2))
        if first <= 12 and second <= 12 and first != second:
            raise InputError(
                f"'{name}' could be read two ways: {text!r}",
                field=name,
                hint="say which comes first with --date-order mdy (month) or dmy (day)",
                hint_on_skip=True,  # one option reads every such date: worth a rerun
            )
    return _written_date(value, text, name, order)


def _written_date(value: str, text: str, name: str, order: str | None) -> date:
    from dateutil import parser

    # Two different defaults: a part missing from the text shows up as a difference.
    try:
        one = parser.parse(value, dayfirst=order == "dmy", default=datetime(2000, 1, 1))
        two = parser.parse(value, dayfirst=order == "dmy", default=datetime(2001, 2, 2))
    except (ValueError, OverflowError):
        one = two = None
    if one is None or two is None or one.date() != two.date():
        raise InputError(
            f"'{name}' must be a date such as 2026-10-02 or Nov 12, 2026, got {text!r}",
            field=name,
            hint="write the day, month and year, e.g. 2026-10-02",
        )
    found: date = one.date()
    return found


def check_not_after(day: date, today: date, name: str) -> None:
    """Refuse a day after the run's ``today``: a group cannot have been joined yet on it.

    Raises
    ------
    InputError
        Naming the field, the day and today, with a hint (a mistyped year, or ``--today``).
    """
    if day > today:
        raise _after_today(day, today, name, "a group is joined on or before the day of the run")


POSTED_GRACE = timedelta(days=1)
"""How far after today a discussion may be dated: exports stamp posts in UTC (Reddit's
``created_utc``), whose day is a day ahead of the local one in the evening west of Greenwich."""


def check_posted_by(day: date, today: date, name: str = "date") -> None:
    """Refuse a discussion dated after today (by more than :data:`POSTED_GRACE`): it is a typo,
    or an export from a machine whose clock is wrong, and would read as posted 0 days ago.

    Today is the later of the run's ``today`` and the computer's date: a run as of a past day
    (``--today``, ``record --date``) still reads the posts written since.

    Raises
    ------
    InputError
        Naming the field, the day and today, with a hint.
    """
    latest = max(today, date.today())
    if day > latest + POSTED_GRACE:
        raise _after_today(
            day,
            latest,
            name,
            "a discussion is dated on or before the day of the run (or a day later, as UTC "
            'stamps may be); mark a scheduled event "upcoming": true',
        )


def _after_today(day: date, today: date, name: str, rule: str) -> InputError:
    return InputError(
        f"'{name}' {day.isoformat()} is after today ({today.isoformat()})",
        field=name,
        hint=f"check the year and the month: {rule}",
    )


DATE_FIELDS = ("joined_on",)
"""Top-level date fields; each discussion's ``date`` is one too."""


def with_date_order(record: object, order: str) -> object:
    """The record with its dates rewritten to ISO 8601, numeric ones read in ``order``.

    Dates that are not text, or that do not parse, are left for validation to report.
    """
    if not isinstance(record, dict):
        return record
    out = dict(record)
    for name in DATE_FIELDS:
        out[name] = _iso(out.get(name), name, order)
    discussions = out.get("discussions")
    if isinstance(discussions, list):
        out["discussions"] = [
            {**d, "date": _iso(d.get("date"), "date", order)} if isinstance(d, dict) else d
            for d in discussions
        ]
    return out


def _iso(value: object, name: str, order: str) -> object:
    if not isinstance(value, str) or not value.strip():
        return value
    try:
        return parse_date(value, name, order).isoformat()
    except InputError:
        return value
