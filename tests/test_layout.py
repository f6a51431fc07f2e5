"""The README's layout names every module of the package, so a newcomer finds each in one step."""

from __future__ import annotations

import re
from pathlib import Path

import relevance

README = Path(__file__).resolve().parent.parent / "README.md"


def layout_block() -> str:
    text = README.read_text(encoding="utf-8")
    found = re.search(r"```\n(relevance/cli\.py .*?)```", text, re.S)
    assert found, "the README's Development section has no layout block"
    return found.group(1)


def test_every_module_is_in_the_readme_layout() -> None:
    block = layout_block()
    package = Path(relevance.__file__).parent
    names = [p.name for p in package.glob("*.py") if not p.name.startswith("__")]
    names += [f"{p.name}/" for p in package.iterdir() if (p / "__init__.py").exists()]
    missing = [name for name in sorted(names) if not re.search(rf"\b{re.escape(name)}", block)]
    assert not missing, f"add a line for each to the README's layout: {missing}"
