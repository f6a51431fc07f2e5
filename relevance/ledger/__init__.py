"""The ledger: what each group costs and gives back, week after week (DESIGN.md section 10).

One SQLite file (:mod:`relevance.ledger.db`) keeps the groups a user belongs to or weighs, a
dated snapshot of each every time it is recorded (:mod:`~relevance.ledger.record`) and the
effort log. :mod:`~relevance.ledger.review` turns it into STAY/LEAVE with what changed,
:mod:`~relevance.ledger.plan` spends a weekly budget of hours, :mod:`~relevance.ledger.effort`
lends the log to ``score`` and ``explain``, :mod:`~relevance.ledger.exchange` exports and
imports it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from relevance._lazy import lazy_getattr

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

# On first use: ``score`` without a ledger file asks only for the path (ledger.db), and need
# not load the book and its SQLite queries.
_LAZY = {
    "Entry": "relevance.ledger.book",
    "GroupRow": "relevance.ledger.book",
    "Ledger": "relevance.ledger.book",
    "Snapshot": "relevance.ledger.book",
    "SCHEMA_VERSION": "relevance.ledger.db",
    "LedgerError": "relevance.ledger.db",
    "ledger_path": "relevance.ledger.db",
    "EffortSource": "relevance.ledger.effort",
    "effort_source": "relevance.ledger.effort",
}
__getattr__ = lazy_getattr("relevance.ledger", _LAZY)
