"""The ledger: what each group costs and gives back, week after week (DESIGN.md section 10).

One SQLite file (:mod:`relevance.ledger.db`) keeps the groups a user belongs to or weighs, a
dated snapshot of each every time it is recorded (:mod:`~relevance.ledger.record`) and the
effort log. :mod:`~relevance.ledger.review` turns it into STAY/LEAVE with what changed,
:mod:`~relevance.ledger.plan` spends a weekly budget of hours, :mod:`~relevance.ledger.effort`
lends the log to ``score`` and ``explain``, :mod:`~relevance.ledger.exchange` exports and
imports it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from relevance.ledger.book import Entry, GroupRow, Ledger, Snapshot
    from relevance.ledger.db import SCHEMA_VERSION, LedgerError, ledger_path
    from relevance.ledger.effort import EffortSource, effort_source

__all__ = [
    "SCHEMA_VERSION",
    "EffortSource",
    "Entry",
    "GroupRow",
    "Ledger",
    "LedgerError",
    "Snapshot",
    "effort_source",
    "ledger_path",
]

_LAZY = {
    "Entry": "book",
    "GroupRow": "book",
    "Ledger": "book",
    "Snapshot": "book",
    "SCHEMA_VERSION": "db",
    "LedgerError": "db",
    "ledger_path": "db",
    "EffortSource": "effort",
    "effort_source": "effort",
}


def __getattr__(name: str) -> Any:
    # On first use: ``score`` without a ledger file asks only for the path (ledger.db), and
    # need not load the book and its SQLite queries.
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'relevance.ledger' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(f"relevance.ledger.{module}"), name)
