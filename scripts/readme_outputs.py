"""Keep the README's example outputs true: rerun each command and rewrite its block.

Each block in README.md looks like::

    <!-- README-OUTPUT: score examples/groups.json --goal ... -->
    ```text
    ...output of `relevance score examples/groups.json --goal ...`...
    ```
    <!-- END-OUTPUT -->

``python scripts/readme_outputs.py`` rewrites the blocks; ``--check`` exits 1 when one is stale
(tests/test_readme.py runs the check).

Blocks that read :data:`EXAMPLE_LEDGER` get it built first, fresh, by the real commands of
``examples/ledger/build.py``. Every other command runs with no ledger, whatever the machine has.
"""

from __future__ import annotations

import re
import shlex
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_LEDGER = "examples/ledger/example.sqlite"
NO_LEDGER = str(ROOT / "examples" / "ledger" / "no-ledger-here.sqlite")
BLOCK = re.compile(
    r"(<!-- README-OUTPUT: (?P<args>.+?) -->\n```text\n)(?P<body>.*?)(```\n<!-- END-OUTPUT -->)",
    re.S,
)


def run(args: str) -> str:
    """The command's standard output and error, as a user at an 80-column pipe sees them."""
    from typer.testing import CliRunner

    from relevance.cli import app

    env = {"COLUMNS": "80", "RELEVANCE_LEDGER": NO_LEDGER}
    result = CliRunner().invoke(app, shlex.split(args), env=env)
    return result.output


def build_example_ledger() -> None:
    """(Re)build the example ledger with ``examples/ledger/build.py``."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("ledger_build", ROOT / "examples/ledger/build.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.build(ROOT / EXAMPLE_LEDGER)


def render(text: str) -> str:
    if EXAMPLE_LEDGER in text:
        build_example_ledger()
    return BLOCK.sub(lambda m: m.group(1) + run(m.group("args")) + m.group(4), text)


def main(argv: list[str]) -> int:
    readme = ROOT / "README.md"
    old = readme.read_text(encoding="utf-8")
    new = render(old)
    if "--check" in argv:
        if new != old:
            print("README.md outputs are stale: run python scripts/readme_outputs.py")
            return 1
        return 0
    readme.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
