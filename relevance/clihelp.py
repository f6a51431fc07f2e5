"""How the command line's help reads: the conventions of sqlite-utils and ripgrep.

- Usage lines name arguments by their metavar (``FILE``, ``CORPUS...``), never by a Python type
  (``FILE <str>``, ``{FILE}``).
- Each choice option lists its values in its help and rejects others with the list
  (``'xml' is not one of table, json, jsonl, csv, html``), without a validator's prefix, for
  every command (:func:`plain`).
- Each command ends with an example or two (``Examples:``), kept as written.
- The command list shows each command's first sentence whole, wrapped, never cut.

And how it reads its values: a plain string, number or flag as Python reads it
(:func:`plain_values`), without the Pydantic validator Typer would build for every option.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
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
        plain_values(self.get_params(ctx))
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

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        plain_values(self.get_params(ctx))
        parsed: list[str] = super().parse_args(ctx, args)
        return parsed

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


# -- reading values ----------------------------------------------------------------------------

try:  # Typer 0.2x: each parameter's value passes through a Pydantic TypeAdapter, built on use
    from typer._coercion import RuntimeParam, build_runtime_param

    # The shape this reads it in: a frozen dataclass (PlainParam below extends it).
    TYPER_VALIDATES = dataclasses.is_dataclass(RuntimeParam) and bool(
        getattr(getattr(RuntimeParam, "__dataclass_params__", None), "frozen", False)
    )
except ImportError:  # pragma: no cover - older Typer reads values with Click's types
    TYPER_VALIDATES = False

_MISSING = object()
_NUMBER = {
    int: re.compile(r"(?:0|[1-9][0-9]{0,14})"),
    float: re.compile(r"(?:0|[1-9][0-9]{0,14})(?:\.[0-9]{1,15})?"),
}
"""A number as Python and Pydantic read it alike: ASCII digits, no sign, space or exponent."""


def _plain(annotation: Any, info: Any, value: Any) -> Any:
    """``value`` read as ``annotation``, where Python reads it the way Typer's validator does:
    a ``str``, an ``int`` of ASCII digits, a ``float`` of digits and a point, a ``bool``, a
    list of ``str``, within the option's ``min`` and ``max``; else ``_MISSING``."""
    kind = type(value)
    if annotation is str or annotation is bool:
        return value if kind is annotation else _MISSING
    if annotation is int or annotation is float:
        if kind is str:
            if not _NUMBER[annotation].fullmatch(value):
                return _MISSING
            value = annotation(value)
        elif kind is not annotation:
            return _MISSING
        low, high = info.min, info.max
        if info.clamp or (low is not None and value < low) or (high is not None and value > high):
            return _MISSING  # Typer says why, in its own words
        return value
    if annotation == list[str] and isinstance(value, tuple | list):
        return list(value) if all(type(item) is str for item in value) else _MISSING
    return _MISSING


if TYPER_VALIDATES:

    @dataclass(frozen=True)
    class PlainParam(RuntimeParam):
        """Reads plain values as Python does and hands anything else (a wrong value, a type of
        its own) to Typer's own validator, so every message stays Typer's."""

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            plain = _plain(self.annotation, self.parameter_info, value)
            if plain is not _MISSING:
                return plain
            typer_param = build_runtime_param(param.type_descriptor)
            param._runtime_param = typer_param  # built once, as Typer would
            return typer_param._coerce_value(value, param=param, ctx=ctx)


def plain_values(params: Iterable[Any]) -> None:
    """Read the values of ``params`` without building a Pydantic validator for each.

    Typer 0.2x validates every parameter's value, a default too, with a ``TypeAdapter`` built
    on first use: importing Pydantic and building the adapters of ``score``'s options took 70
    ms of CPU, a ninth of scoring the 12 example groups. The values here are strings,
    numbers, flags and lists of strings, which Python reads the same way; anything else falls
    back to Typer's validator (tests/test_clihelp.py holds the two to the same results)."""
    if not TYPER_VALIDATES:
        return  # pragma: no cover
    for param in params:
        descriptor = getattr(param, "type_descriptor", None)
        if descriptor is None or getattr(param, "_runtime_param", _MISSING) is not None:
            continue
        try:
            plain = PlainParam(
                parameter_info=descriptor.parameter_info, annotation=descriptor.annotation
            )
        except (TypeError, AttributeError):  # pragma: no cover - another Typer's internals
            return  # Typer reads every value itself, as it would without this
        param._runtime_param = plain
