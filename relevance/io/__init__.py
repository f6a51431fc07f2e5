"""Reading groups and goals, writing results, and writing files atomically.

The names below are loaded on first use (PEP 562), so that importing one module of the
package (``relevance.io.atomic``, which the command line needs at start) loads only that one:
``relevance --help`` stays fast.
"""

from __future__ import annotations

import importlib
from typing import Any

_WHERE = {
    "AtomicFile": "atomic",
    "atomic_output": "atomic",
    "atomic_write_bytes": "atomic",
    "atomic_write_text": "atomic",
    "INPUT_FORMATS": "formats",
    "RawRecord": "formats",
    "detect_format": "formats",
    "sniff_format": "formats",
    "read_goals": "goals",
    "read_text_file": "goals",
    "GroupReader": "records",
    "iter_records": "records",
    "read_groups": "records",
    "to_group": "records",
    "RejectsWriter": "rejects",
    "FORMATS": "writers",
    "ResultWriter": "writers",
    "open_writer": "writers",
    "render_table": "writers",
}

__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'relevance.io' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"relevance.io.{module}"), name)
    globals()[name] = value
    return value
