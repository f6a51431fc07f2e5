"""How the command line's help reads: the conventions of sqlite-utils and ripgrep.

- Usage lines name arguments by their metavar (``FILE``, ``CORPUS...``), never by a Python type
  (``FILE <str>``, ``{FILE}``).
- Each choice option lists its values in its help and rejects others with the list
  (``'xml' is not one of table, json, jsonl, csv, html``), without a validator's prefix, for
  every command (:func:`plain`).
- Each command ends with an example or two (``Examples:``), kept as written.
- The command list shows each command's first sentence whole, wrapped, never cut.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import typer
from typer.core import TyperCommand, TyperGroup

HELP_OPTIONS = {"help_option_names": ["-h", "--help"]}
"""``-h`` as well as ``--help``, for every command."""


class Command(TyperCommand):
    """A Typer command whose help shows arguments by metavar and keeps its examples as written."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if param.param_type_name == "argument":
                name = param.metavar or (param.name or "").upper()
                pieces.append(name if param.required else f"[{name}]")
        return pieces

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        try:
            parsed: list[str] = super().parse_args(ctx, args)
        except typer.BadParameter as error:
            error.message = plain(error.message)
            raise
        return parsed

    def format_options(self, ctx: Any, formatter: Any) -> None:
        arguments = [
            (param.metavar or (param.name or "").upper(), getattr(param, "help", "") or "")
            for param in self.get_params(ctx)
            if param.param_type_name == "argument"
        ]
        options = [
            record
            for param in self.get_params(ctx)
            if param.param_type_name == "option" and (record := param.get_help_record(ctx))
        ]
        if arguments:
            with formatter.section("Arguments"):
                formatter.write_dl(arguments)
        if options:
            with formatter.section("Options"):
                formatter.write_dl(options)


class Group(TyperGroup):
    """A Typer group whose command list shows each command's first sentence whole, wrapped.

    Its commands (and groups) read their help the same way, whichever module declared them:
    a plain Typer command or group is given this module's class (they add no state, so the
    swap is safe).
    """

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        command = super().get_command(ctx, cmd_name)
        if type(command) is TyperCommand:
            command.__class__ = Command
        elif type(command) is TyperGroup:
            command.__class__ = Group
        return command

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, command.get_short_help_str(limit=1000)))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


def plain(message: str) -> str:
    """A validator's message as a person reads it: no ``Value error,`` prefix, choices bare.

    >>> plain("Value error, 'xml' is not one of 'table', 'json'.")
    "'xml' is not one of table, json"
    """
    text = message.removeprefix("Value error, ")
    head, sep, choices = text.partition(" is not one of ")
    if sep:
        text = head + sep + ", ".join(c.strip().strip("'") for c in choices.rstrip(".").split(","))
    return text


def examples(*lines: str) -> str:
    """An ``Examples:`` epilog; ``\\b`` keeps Click from re-flowing the command lines."""
    return "\b\nExamples:\n" + "\n".join(f"  {line}" for line in lines)


def choice(values: Sequence[str]) -> Callable[[str | None], str | None]:
    """A callback that accepts one of ``values`` (or no value) and names them otherwise."""

    def check(value: str | None) -> str | None:
        if value is None or value in values:
            return value
        raise typer.BadParameter(f"{value!r} is not one of {', '.join(values)}")

    return check
