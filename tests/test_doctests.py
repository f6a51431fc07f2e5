"""The examples in the package's docstrings run, as the README's test command runs the suite."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import relevance

MODULES = sorted(
    info.name
    for info in pkgutil.walk_packages(relevance.__path__, prefix="relevance.")
    if info.name != "relevance.__main__"  # importing it runs the command line
)


@pytest.mark.parametrize("name", ["relevance", *MODULES])
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    failed, _ = doctest.testmod(module, optionflags=doctest.ELLIPSIS, report=True, verbose=False)
    assert failed == 0, f"{failed} docstring example(s) of {name} failed (see above)"
