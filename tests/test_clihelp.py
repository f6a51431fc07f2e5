"""The command line reads plain values as Typer's own validator does (relevance/clihelp.py)."""

from __future__ import annotations

from typing import Any

import pytest
import typer
import typer.main

from relevance.cli import app
from relevance.clihelp import _MISSING, _plain

typer_coercion = pytest.importorskip("typer._coercion")  # Typer 0.2x: values go via Pydantic

SAMPLES: dict[Any, list[Any]] = {
    str: ["", "x", "fintech CTOs", " spaced ", "\u00e9 \u2013 \u65e5\u672c", "-"],
    int: [
        *("0", "1", "2", "10", "2000", "007", "-1", "+3", " 4", "1_000", "1e3", "3.0"),
        *("\u0663", "99999999999999999999", 0, 1, 2000, True, 2.0),
    ],
    float: [
        *("0", "0.5", "2.5", "1.0", ".5", "5.", "1e-3", "inf", "nan", "-0.0", "00.5", "3"),
        *("0.1000000000000000055511151231257827", 0.5, 1.0, 2),
    ],
    bool: [True, False, "true", 1],
    list[str]: [("a", "b"), ("x",), [], ["a"], ("a", 1)],
}


def parameters(command: Any, path: str = "relevance") -> list[tuple[str, Any]]:
    """Every parameter of ``command`` and its subcommands, with the command's path."""
    found = [(f"{path} {p.name}", p) for p in command.params]
    for name, sub in getattr(command, "commands", {}).items():
        found += parameters(sub, f"{path} {name}")
    return found


def test_plain_values_read_as_typer_reads_them() -> None:
    """Every parameter of every command, on values typed and not: where the plain reading
    takes a value, it gives what Typer's validator gives, of the same type."""
    command = typer.main.get_command(app)
    ctx = typer.Context(command)
    compared, differ = 0, []
    for where, param in parameters(command):
        descriptor = param.type_descriptor
        typer_param = typer_coercion.build_runtime_param(descriptor)
        for value in SAMPLES.get(descriptor.annotation, ["x", 1, ("a",)]):
            plain = _plain(descriptor.annotation, descriptor.parameter_info, value)
            if plain is _MISSING:
                continue  # Typer's validator reads it (or says why not)
            expected = typer_param._coerce_value(value, param=param, ctx=ctx)
            compared += 1
            if (type(plain), plain) != (type(expected), expected):
                differ.append((where, value, plain, expected))
    assert not differ
    assert compared > 500  # every command's options, most of them strings


def test_plain_values_cover_the_usual_ones() -> None:
    """The fast path is taken for what people type, so Pydantic is not loaded for them."""
    at_least_one = typer.models.OptionInfo(min=1)
    assert _plain(int, at_least_one, "10") == 10
    assert _plain(float, typer.models.OptionInfo(min=0), "2.5") == 2.5
    assert _plain(str, typer.models.OptionInfo(), "meet CTOs") == "meet CTOs"
    assert _plain(list[str], typer.models.OptionInfo(), ("Europe", "Berlin")) == [
        "Europe",
        "Berlin",
    ]
    assert _plain(int, at_least_one, "0") is _MISSING  # out of range: Typer's own message
    assert _plain(int, at_least_one, "x") is _MISSING
