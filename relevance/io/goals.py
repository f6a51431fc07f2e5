"""Reading goals: a goals file (``--goals``) and a single goal's text file (``--goal-file``)."""

from __future__ import annotations

import json
from typing import IO, Any

from relevance.errors import InputError
from relevance.io.formats import is_jsonl_name, json_error, surrogate_error
from relevance.io.source import check_readable, display_name, open_lines
from relevance.schema import Goal, check_unique_goal_ids


def read_goals(path: str, stdin: IO[Any] | None = None) -> list[Goal]:
    """Read several goals: a text file with a goal a line, or JSON Lines of ``{"id", "text"}``.

    Blank lines and lines starting with ``#`` are skipped. JSON Lines is recognized by the
    extension (``.jsonl``, ``.ndjson``) or by a first goal line starting with ``{``. A goal
    without an id gets ``goal-N``, N counting goals (not lines) from 1.

    Parameters
    ----------
    path : str
        The goals file; ``"-"`` for standard input.
    stdin : IO or None, default=None
        What ``-`` reads; default ``sys.stdin``.

    Returns
    -------
    list of Goal
        In file order.

    Raises
    ------
    UsageError
        When the file cannot be read.
    InputError
        For a bad line (located ``goals.txt line 4``), a repeated id, or no goals at all.
    """
    name = display_name(path)
    check_readable(path)
    # Goal files are small: read whole, so the format can be told from the first goal line.
    with open_lines(path, stdin) as lines:
        entries = [(n, line.strip()) for n, line in enumerate(lines, 1)]
    entries = [(n, text) for n, text in entries if text and not text.startswith("#")]
    if not entries:
        raise InputError("no goals found", name)
    as_json = is_jsonl_name(path) or entries[0][1].startswith("{")
    goals = [_goal(text, n, k, name, as_json) for k, (n, text) in enumerate(entries, 1)]
    check_unique_goal_ids(goals, [f"line {n}" for n, _ in entries], name)
    return goals


def _goal(text: str, line: int, position: int, name: str, as_json: bool) -> Goal:
    value: Any = text
    if as_json:
        try:
            value = json.loads(text)
        except (ValueError, RecursionError) as error:
            raise json_error(error, name, line) from None
        invalid = surrogate_error(value) if "\\u" in text else None
        if invalid is not None:
            raise invalid.located(name, f"line {line}")
    try:
        return Goal.from_value(value, f"goal-{position}")
    except InputError as error:
        raise error.located(name, f"line {line}") from None


def read_text_file(path: str, stdin: IO[Any] | None = None) -> str:
    """Read a whole text file (``--goal-file``), stripped.

    Parameters
    ----------
    path : str
        The file; ``"-"`` for standard input.
    stdin : IO or None, default=None
        What ``-`` reads; default ``sys.stdin``.

    Raises
    ------
    UsageError
        When the file cannot be read.
    InputError
        When it is not UTF-8 text or holds nothing but white space.
    """
    check_readable(path)
    with open_lines(path, stdin) as lines:
        text = "".join(lines).strip()
    if not text:
        raise InputError("the file is empty", display_name(path))
    return text
