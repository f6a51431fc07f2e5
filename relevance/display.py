"""Text for a terminal: one line of printable text, its width in columns, and aligned tables.

Widths are those a terminal draws (``wcwidth``, the maintained table of East Asian wide
characters, emoji and zero-width marks): ``"日本"`` takes four columns, ``"é"`` written as
``e`` plus a combining accent one. Every table the command line prints (results, models, a
manifest) is laid out with these functions, so none of them breaks on a wide title.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

ELLIPSIS = "…"
GLUE = "\u00a0"
"""A no-break space: :func:`wrap` never breaks a line there, and prints it as a space."""


def clean(text: str) -> str:
    """One line of printable text: whitespace runs become one space, control characters go.

    Titles come from web pages: newlines and tabs would break a table, and control characters
    (terminal escape sequences) must not reach the terminal.
    """
    printable = "".join(ch for ch in text if ch.isprintable() or ch.isspace())
    return " ".join(printable.split())


def char_width(ch: str) -> int:
    """Columns one character takes: 0 (combining, zero-width), 1, or 2 (wide)."""
    if " " <= ch <= "~":  # printable ASCII: one column, without loading the tables
        return 1
    from wcwidth import wcwidth

    return max(wcwidth(ch), 0)


def width(text: str) -> int:
    """Columns the text takes on a terminal."""
    if text.isascii() and text.isprintable():  # one column each (wcwidth's tables load slowly)
        return len(text)
    from wcwidth import wcswidth

    found = wcswidth(text)
    return found if found >= 0 else sum(char_width(ch) for ch in text)


def truncate(text: str, columns: int) -> str:
    """The text cut to at most ``columns`` columns, ending in ``…`` when cut."""
    if width(text) <= columns:
        return text
    if columns <= 0:
        return ""
    kept: list[str] = []
    used = 0
    for ch in text:
        used += char_width(ch)
        if used > columns - 1:
            break
        kept.append(ch)
    return "".join(kept).rstrip() + ELLIPSIS


def pad(text: str, columns: int, right: bool = False) -> str:
    """The text filled with spaces to ``columns`` columns, on the right or (``right``) left."""
    fill = " " * max(columns - width(text), 0)
    return fill + text if right else text + fill


def wrap(text: str, columns: int, first: str = "", rest: str = "  ") -> list[str]:
    """The text as lines of at most ``columns`` columns, broken between words only.

    Parameters
    ----------
    text : str
        One line of text (see :func:`clean`); runs of spaces between words are kept, and
        words joined by :data:`GLUE` stay on one line.
    columns : int
        The width of a line, indent included.
    first, rest : str, default="" and "  "
        The indent of the first line and of the lines after it: a wrapped line is indented, so
        that it reads as the continuation it is.

    Returns
    -------
    list of str
        The lines; a word longer than a whole line is cut with ``…`` rather than broken.
    """
    lines: list[str] = []
    line, room, fresh, space = first, columns - width(first), True, ""
    # Runs of spaces inside a line are kept (aligned columns); at a break they are dropped.
    for part in re.findall(r"[^ ]+| +", text):
        if part.isspace():
            space = "" if fresh else part
            continue
        size = width(part)
        if not fresh and width(space) + size > room:  # the word starts the next line
            lines.append(line)
            line, room, space = rest, columns - width(rest), ""
        line, room = line + space, room - width(space)
        if size > room:
            part, size = truncate(part, room), min(size, room)
        line, room, fresh, space = line + part, room - size, False, ""
    if not fresh:
        lines.append(line)
    return [line.replace(GLUE, " ") for line in lines]


def columns(
    rows: Sequence[Sequence[str]], right: Sequence[bool] = (), gap: str = "  "
) -> list[str]:
    """Rows of cells aligned in columns; the last column is not padded.

    Parameters
    ----------
    rows : sequence of sequences of str
        The cells, a header first if there is one; every row as long as the first.
    right : sequence of bool, default=()
        Which columns are right-aligned (numbers); missing ones are left-aligned.
    gap : str, default="  "
        Between two columns.

    Returns
    -------
    list of str
        The lines, without trailing spaces.
    """
    if not rows:
        return []
    count = len(rows[0])
    widths = [max(width(row[i]) for row in rows) for i in range(count)]
    aligned = list(right) + [False] * (count - len(right))
    lines = []
    for row in rows:
        cells = [
            cell if i == count - 1 and not aligned[i] else pad(cell, widths[i], aligned[i])
            for i, cell in enumerate(row)
        ]
        lines.append(gap.join(cells).rstrip())
    return lines


def counted(count: int, one: str, many: str | None = None) -> str:
    """A count with its noun in agreement, thousands grouped: ``1 reply``, ``2 replies``,
    ``0 connections``, ``1,200 members``. Every count a person reads is said through it.

    >>> counted(1, "day"), counted(3, "reply", "replies"), counted(1200, "member")
    ('1 day', '3 replies', '1,200 members')
    """
    return f"{count:,} {one if count == 1 else many or one + 's'}"


def given_back(connections: int, replies: int) -> str:
    """What a group gave for the time put in, as every reason says it.

    >>> given_back(1, 2)
    '1 connection and 2 replies'
    """
    return f"{counted(connections, 'connection')} and {counted(replies, 'reply', 'replies')}"


def agrees(count: int, one: str, many: str) -> str:
    """The verb (or other word) that agrees with ``count``: ``1 of 18 groups has``.

    >>> agrees(1, "has", "have"), agrees(20, "has", "have")
    ('has', 'have')
    """
    return one if count == 1 else many


def listed(words: Sequence[str], last: str = "and") -> str:
    """Words as a sentence lists them: ``a``, ``a and b``, ``a, b and c`` (``last``: the word
    before the last one, "and" or "or")."""
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} {last} {words[-1]}"


def first_of(items: Sequence[str], shown: int = 6) -> str:
    """Items joined by commas, at most ``shown`` of them, saying how many more were left off,
    so that a list that is cut never passes for the whole.

    >>> first_of(["a", "b"]), first_of(["a", "b", "c", "d"], shown=2)
    ('a, b', 'a, b and 2 more')
    """
    if len(items) <= shown:
        return ", ".join(items)
    return f"{', '.join(items[:shown])} and {len(items) - shown} more"


def hours(value: float) -> str:
    """Hours with their noun in agreement: ``1 hour``, ``1.5 hours``, ``14 hours``."""
    return f"{value:g} {'hour' if value == 1 else 'hours'}"


def beside(value: float, limit: float, places: int = 2) -> str:
    """``value`` with as few decimals as ``places`` and as many as it takes to read on its
    side of ``limit``: a consistency of 0.4996 flagged under 0.5 reads ``0.4996``, not
    ``0.50``, so the printed number agrees with the decision it explains.

    >>> beside(0.4996, 0.5), beside(0.53, 0.5), beside(0.5, 0.5)
    ('0.4996', '0.53', '0.50')
    """
    return beside_all(value, (limit,), places)


def beside_all(value: float, limits: Iterable[float], places: int = 2) -> str:
    """:func:`beside` for several limits at once: as many decimals as it takes for ``value`` to
    read on its side of each.

    >>> beside_all(0.396, (0.35, 0.40, 0.55)), beside_all(0.5492, (0.35, 0.40, 0.55))
    ('0.396', '0.549')
    """
    limits = tuple(limits)
    for digits in range(places, places + 6):
        text = f"{value:.{digits}f}"
        if all((float(text) < limit) == (value < limit) for limit in limits):
            return text
    return repr(value)


DECISION_LINES = ("consider_at", "join_at", "leave_below")
"""The settings an ``overall`` is decided against (CONSIDER, JOIN, LEAVE)."""


def overall(value: float, settings: Mapping[str, Any] | object) -> str:
    """``overall`` as every output shows it beside a decision: on its side of each of the
    :data:`DECISION_LINES` (``SKIP 0.396`` under CONSIDER from 0.40, never ``SKIP 0.40``).

    Parameters
    ----------
    value : float
        The overall score.
    settings : Settings or mapping
        The run's settings (:class:`relevance.settings.Settings`, or a mapping such as a
        report's); a line it does not hold is not looked at.
    """
    if isinstance(settings, Mapping):
        found = [settings.get(name) for name in DECISION_LINES]
    else:
        found = [getattr(settings, name, None) for name in DECISION_LINES]
    return beside_all(value, [float(limit) for limit in found if limit is not None])
