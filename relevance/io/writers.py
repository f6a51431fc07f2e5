"""Write results: a table for people, or JSON, JSON Lines or CSV for programs (DESIGN.md 4).

Every writer takes results one at a time (:meth:`ResultWriter.write`, or a chunk at a time with
:meth:`ResultWriter.write_chunk`, which flushes) and finishes on :meth:`ResultWriter.close`. The
stream belongs to the caller and is never closed here.

- ``jsonl``: one result a line, written as it comes (streamed).
- ``json``: ``{"schema_version", "settings", "results"}``, written at close.
- ``csv``: a header, then one row a result; scores with 4 decimals, ``true``/``false``, empty
  cells for unknown values, ``matched_terms`` as ``term:0.1234;term2:0.0567``, ``reasons``
  joined with `` | ``.
- ``table``: collected and laid out at close to fit ``width`` columns, grouped by goal, in the
  order given (the caller sorts).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Mapping
from types import TracebackType
from typing import Any, TextIO

from relevance import display
from relevance.errors import UsageError
from relevance.schema import SCHEMA_VERSION, SIGNALS, Result

FORMATS = ("table", "json", "jsonl", "csv", "html")
"""The output formats."""

_BY_EXTENSION = {
    ".html": "html",
    ".htm": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
}

REASONS = ("first", "all", "none")
"""How many reasons the table shows under each group."""

MIN_WIDTH = 80
LEGEND = "! = title not borne out by the discussions"
CSV_COLUMNS = (
    "goal_id",
    "id",
    "title",
    "decision",
    "overall",
    *SIGNALS,
    "misleading",
    "joined",
    "matched_terms",
    "reasons",
    "evidence",
)


class ResultWriter:
    """Base of the writers: counts results, closes once, finishes only on success.

    Parameters
    ----------
    stream : TextIO
        Where to write; flushed but not closed.
    """

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.count = 0
        self._closed = False

    def write(self, result: Result) -> None:
        """Write (or collect) one result."""
        self.count += 1
        self._write(result)

    def write_chunk(self, results: Iterable[Result]) -> None:
        """Write a batch of results and flush, so streamed output keeps up with the scoring."""
        for result in results:
            self.write(result)
        self.stream.flush()

    def close(self) -> None:
        """Write what is collected (JSON document, table) and flush; later calls do nothing."""
        if self._closed:
            return
        self._closed = True
        self._finish()
        self.stream.flush()

    def _write(self, result: Result) -> None:
        raise NotImplementedError

    def _finish(self) -> None:
        """Write what comes after the last result."""

    def __enter__(self) -> ResultWriter:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        # A failed run must not end with a complete-looking JSON document or table.
        if exc_type is None:
            self.close()
        else:
            self._closed = True


class JsonLinesWriter(ResultWriter):
    """One ``Result.to_dict()`` JSON object a line."""

    def _write(self, result: Result) -> None:
        self.stream.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")


class JsonWriter(ResultWriter):
    """One JSON document with the schema version, the run's settings and the results."""

    def __init__(self, stream: TextIO, settings: Mapping[str, Any] | None = None) -> None:
        super().__init__(stream)
        self.settings = dict(settings or {})
        self._results: list[dict[str, Any]] = []

    def _write(self, result: Result) -> None:
        self._results.append(result.to_dict())

    def _finish(self) -> None:
        document = {
            "schema_version": SCHEMA_VERSION,
            "settings": self.settings,
            "results": self._results,
        }
        # default=str: settings may hold paths and other values JSON has no type for.
        json.dump(document, self.stream, ensure_ascii=False, indent=2, default=str)
        self.stream.write("\n")


class CsvWriter(ResultWriter):
    """A header (:data:`CSV_COLUMNS`), then one row a result, written as it comes."""

    def __init__(self, stream: TextIO) -> None:
        super().__init__(stream)
        self._csv = csv.writer(stream, lineterminator="\n")
        # csv quotes a cell that holds the line terminator, "\n", but not a bare "\r", which a
        # reader also ends a line at: a row with one is written with every cell quoted.
        self._quoted = csv.writer(stream, lineterminator="\n", quoting=csv.QUOTE_ALL)
        self._csv.writerow(CSV_COLUMNS)

    def _write(self, result: Result) -> None:
        record = result.to_dict()
        record["matched_terms"] = ";".join(
            f"{item['term']}:{item['weight']:.4f}" for item in record["matched_terms"]
        )
        record["reasons"] = " | ".join(record["reasons"])
        record["evidence"] = ";".join(record["evidence"])
        row = [_csv_cell(record[column]) for column in CSV_COLUMNS]
        (self._quoted if any("\r" in cell for cell in row) else self._csv).writerow(row)


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:.4f}"
    return str(value)


class TableWriter(ResultWriter):
    """A table for a terminal, laid out at close (see :func:`render_table`)."""

    def __init__(
        self,
        stream: TextIO,
        width: int = MIN_WIDTH,
        goals: Mapping[str, str] | None = None,
        reasons: str = "first",
        settings: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(stream)
        self.width = width
        self.goals = dict(goals or {})
        self.reasons = reasons
        self.settings = dict(settings or {})
        self._by_goal: dict[str, list[Result]] = {}

    def _write(self, result: Result) -> None:
        self._by_goal.setdefault(result.goal_id, []).append(result)

    def _finish(self) -> None:
        lines = render_table(self._by_goal, self.goals, self.width, self.reasons, self.settings)
        self.stream.write("".join(line + "\n" for line in lines))


def output_format(path: str, given: str | None = None) -> str:
    """The output format: ``given`` when set, else the one the file's extension names.

    Parameters
    ----------
    path : str
        The output file, or ``"-"`` for standard output.
    given : str or None, default=None
        The format asked for (``--format``); it wins over the extension.

    Returns
    -------
    str
        ``given``, else ``html`` for ``.html``/``.htm``, ``json``, ``jsonl`` (``.jsonl``,
        ``.ndjson``) or ``csv`` by extension (any case), else ``table``.
    """
    if given is not None:
        return given
    _, dot, extension = path.rpartition(".")
    return _BY_EXTENSION.get(f".{extension.lower()}", "table") if dot else "table"


def open_writer(
    fmt: str,
    stream: TextIO,
    settings: Mapping[str, Any] | None = None,
    width: int = MIN_WIDTH,
    goals: Mapping[str, str] | None = None,
    reasons: str = "first",
) -> ResultWriter:
    """Make the writer for an output format.

    Parameters
    ----------
    fmt : {"table", "json", "jsonl", "csv", "html"}
        The output format.
    stream : TextIO
        Where to write (e.g. from :func:`~relevance.io.atomic.atomic_output`); not closed.
    settings : mapping or None, default=None
        The run's settings, for the ``json`` document and the ``html`` report.
    width : int, default=80
        The table's width in columns (the terminal's); at least 80 is used.
    goals : mapping or None, default=None
        Goal id to goal text, for the table's goal headings.
    reasons : {"first", "all", "none"}, default="first"
        How many reasons the table shows under each group; the other formats keep them all.

    Raises
    ------
    UsageError
        For an unknown format or reasons mode.
    """
    if reasons not in REASONS:
        raise UsageError(f"unknown reasons mode {reasons!r}; use first, all or none")
    if fmt == "table":
        return TableWriter(stream, width, goals, reasons, settings)
    if fmt == "json":
        return JsonWriter(stream, settings)
    if fmt == "jsonl":
        return JsonLinesWriter(stream)
    if fmt == "csv":
        return CsvWriter(stream)
    if fmt == "html":
        from relevance.report import HtmlWriter  # plotly is imported only for a report

        return HtmlWriter(stream, settings, goals)
    raise UsageError(f"unknown output format {fmt!r}; use table, json, jsonl, csv or html")


# --- table ---------------------------------------------------------------------------------

_GAP = "  "
_MIN_TITLE = 40
_MIN_TITLE_BESIDE_ID = 12
"""The narrowest title the id column is made room for when two rows would look alike."""
_HEADERS = ("#", "decision", "overall", "relevance", "!")


def render_table(
    by_goal: Mapping[str, list[Result]],
    goals: Mapping[str, str] | None = None,
    width: int = MIN_WIDTH,
    reasons: str = "first",
    settings: Mapping[str, Any] | None = None,
) -> list[str]:
    """Lay results out as lines of at most ``max(width, 80)`` terminal columns.

    Columns: rank within the goal, decision, overall, relevance (``-`` when unknown), ``!`` when
    the title is misleading, the title (cut with ``…`` to fit) and the id when there is room for
    it whole, or when two rows of a goal would show the same title: then the titles are cut
    further to make room (down to :data:`_MIN_TITLE_BESIDE_ID`), or, with ids too long for that,
    each row's id is on a line of its own under it. Under each row, its first reason (or all,
    or none). With more than one goal, each goal's rows come under a ``Goal <id>: <text>``
    heading. A legend of the ``!`` flag ends the table when a row is flagged. Widths are
    terminal columns (:mod:`relevance.display`).

    Parameters
    ----------
    by_goal : mapping
        Goal id to its results, in the order to show.
    goals : mapping or None, default=None
        Goal id to goal text, for the headings.
    width : int, default=80
        The terminal width.
    reasons : {"first", "all", "none"}, default="first"
        How many reasons to show under each row.
    settings : mapping or None, default=None
        The run's settings: ``overall`` is shown with as many decimals as it takes to read on
        its side of the decision lines they hold (``SKIP 0.396``, never ``SKIP 0.40`` beside a
        CONSIDER from 0.40; :func:`relevance.display.overall`).

    Returns
    -------
    list of str
        The lines, without line breaks or trailing spaces.
    """
    width = max(width, MIN_WIDTH)
    goals = goals or {}
    if not any(by_goal.values()):
        return ["No groups to show."]
    layout = _Layout.fit(list(by_goal.values()), width)
    headed = len(by_goal) > 1 or len(goals) > 1
    lines: list[str] = []
    for goal_id, results in by_goal.items():
        if headed:
            lines += [""] if lines else []
            lines.append(display.truncate(_goal_heading(goal_id, goals.get(goal_id)), width))
        lines.append(layout.header())
        for rank, result in enumerate(results, 1):
            lines.append(layout.row(rank, result, settings or {}))
            lines += layout.id_line(result)
            lines += layout.reason_lines(result, reasons)
    if any(r.misleading is True for results in by_goal.values() for r in results):
        lines += ["", LEGEND]  # only when a row carries the flag it explains
    return [line.rstrip() for line in lines]


def _look_alike(sections: list[list[Result]], title_width: int) -> bool:
    """Whether two rows of one goal, with different ids, would show the same title."""
    for section in sections:
        ids_by_title: dict[str, set[str]] = {}
        for result in section:
            shown = display.truncate(display.clean(result.title), title_width).casefold()
            ids_by_title.setdefault(shown, set()).add(result.id)
        if any(len(ids) > 1 for ids in ids_by_title.values()):
            return True
    return False


def _goal_heading(goal_id: str, text: str | None) -> str:
    return f"Goal {goal_id}: {display.clean(text)}" if text else f"Goal {goal_id}"


class _Layout:
    """Column widths shared by all rows, so the goals' sections line up."""

    def __init__(
        self, widths: list[int], title: int, id_width: int, width: int, id_lines: bool = False
    ) -> None:
        self.widths = widths  # rank, decision, overall, relevance, flag
        self.title = title
        self.id_width = id_width  # 0: no id column
        self.width = width
        self.id_lines = id_lines  # the id under each row: rows look alike, no room for a column

    @classmethod
    def fit(cls, sections: list[list[Result]], width: int) -> _Layout:
        """The widths for the sections (each goal's rows); see :func:`table`."""
        results = [r for section in sections for r in section]
        rank = max(len(str(len(results))), 1)
        decision = max([len(r.decision) for r in results] + [len("decision")])
        widths = [rank, decision, len("overall"), len("relevance"), 1]
        room = width - sum(widths) - len(_GAP) * len(widths)
        titles = max([display.width(display.clean(r.title)) for r in results] + [len("title")])
        ids = max([display.width(display.clean(r.id)) for r in results] + [len("id")])
        # The id only whole (it is what `explain --group` takes) and never at the title's cost.
        with_id = room - ids - len(_GAP)
        if with_id >= min(titles, _MIN_TITLE):
            return cls(widths, min(titles, with_id), ids, width)
        title = min(titles, room)
        if not _look_alike(sections, title):
            return cls(widths, title, 0, width)
        # Two rows a reader could not tell apart: the ids are what tells them apart.
        if with_id >= _MIN_TITLE_BESIDE_ID:
            return cls(widths, with_id, ids, width)
        return cls(widths, title, 0, width, id_lines=True)

    def id_line(self, result: Result) -> list[str]:
        """The row's id on a line of its own, when the rows need their ids and no column fits."""
        if not self.id_lines:
            return []
        indent = " " * (self.widths[0] + len(_GAP))
        return display.wrap(f"id {display.clean(result.id)}", self.width, indent, indent)

    def header(self) -> str:
        return self._line(list(_HEADERS), "title", "id")

    def row(self, rank: int, result: Result, settings: Mapping[str, Any]) -> str:
        relevance = "-" if result.relevance is None else f"{result.relevance:.2f}"
        cells = [
            str(rank),
            result.decision,
            display.overall(result.overall, settings),
            relevance,
            "!" if result.misleading is True else "",
        ]
        return self._line(cells, display.clean(result.title), display.clean(result.id))

    def reason_lines(self, result: Result, reasons: str) -> list[str]:
        shown = {"none": [], "first": result.reasons[:1]}.get(reasons, result.reasons)
        indent = " " * (self.widths[0] + len(_GAP))
        lines: list[str] = []
        for reason in shown:
            # Wrapped, not cut: the end of a reason ("... (return on time 0.00)") is the point.
            lines += display.wrap(display.clean(reason), self.width, indent, indent)
        return lines

    def _line(self, cells: list[str], title: str, group_id: str) -> str:
        # Numbers (overall, relevance) right-aligned; rank too, so its digits line up.
        right = (True, False, True, True, False)
        parts = [
            display.pad(cell, w, align_right)
            for cell, w, align_right in zip(cells, self.widths, right, strict=True)
        ]
        parts.append(display.pad(display.truncate(title, self.title), self.title))
        if self.id_width:
            parts.append(group_id)
        return _GAP.join(parts)
