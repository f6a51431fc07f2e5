"""Results per goal, best first: the order every writer and the API hand out.

:func:`check_order` is the one check of ``sort`` and ``top``; :class:`Ranking` keeps each goal's
``top`` best in a bounded heap (all of them when ``top`` is None), ties in input order.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Protocol

import numpy as np
from numpy.typing import NDArray

from relevance.errors import UsageError
from relevance.schema import SIGNALS, Goal, Result

if TYPE_CHECKING:
    from relevance.scoring import ScoredBatch

SORT_FIELDS = ("overall", *SIGNALS)
"""What results can be sorted by: ``overall`` or a signal."""


class ResultMaker(Protocol):
    """What builds the :class:`Result` objects of a scored batch: a
    :class:`~relevance.scoring.Scorer`."""

    def results(
        self, scored: ScoredBatch, pairs: Iterable[tuple[int, int]] | None = None
    ) -> list[Result]: ...


def check_order(sort: str, top: int | None) -> None:
    """Refuse a sort field that is not ``overall`` or a signal, and a ``top`` below 1."""
    if sort not in SORT_FIELDS:
        raise UsageError(f"cannot sort by {sort!r}", hint=f"use one of {', '.join(SORT_FIELDS)}")
    if top is not None and top < 1:
        raise UsageError(f"--top must be >= 1, got {top}")


def sort_key(result: Result, field: str) -> float:
    """Value to sort by, descending; unknown values sort last."""
    value = getattr(result, field)
    return -math.inf if value is None else float(value)


def top_rows(values: NDArray[np.float64], top: int) -> NDArray[np.intp]:
    """Rows of the ``top`` largest values, ties going to the earlier row (as :class:`Ranking`),
    in O(n): a partition finds the K-th value, then the rows above it and the first tied ones."""
    kth = np.partition(values, len(values) - top)[len(values) - top]
    above = np.flatnonzero(values > kth)
    tied = np.flatnonzero(values == kth)[: top - len(above)]
    return np.sort(np.concatenate([above, tied]))


class Ranking:
    """Results per goal, sorted by a field, keeping only the ``top`` best in a bounded heap.

    With ``top`` the memory is ``top`` results per goal, whatever the input size.

    Parameters
    ----------
    goals : sequence of Goal
        The goals, in the order their results are handed out.
    sort : str, default="overall"
        One of :data:`SORT_FIELDS`.
    top : int or None, default=None
        Keep the ``top`` best per goal, >= 1; None keeps all.
    """

    def __init__(
        self, goals: Sequence[Goal], sort: str = "overall", top: int | None = None
    ) -> None:
        check_order(sort, top)
        self.goal_order = {g.id: i for i, g in enumerate(goals)}
        self.sort = sort
        self.top = top
        self.seq = 0
        self.heaps: dict[str, list[tuple[float, int, Result]]] = {g.id: [] for g in goals}

    def add(self, results: Iterable[Result]) -> None:
        """Add results, in input order (which breaks ties)."""
        for result in results:
            self.seq += 1
            # Ties keep input order: a smaller -seq is the later item, which loses.
            item = (sort_key(result, self.sort), -self.seq, result)
            heap = self.heaps[result.goal_id]
            if self.top is None or len(heap) < self.top:
                heapq.heappush(heap, item)
            elif item[:2] > heap[0][:2]:
                heapq.heapreplace(heap, item)

    def add_scored(self, scored: ScoredBatch, maker: ResultMaker) -> None:
        """Add a scored batch, building Result objects only for each goal's best pairs."""
        values = scored.sort_values(self.sort)
        if self.top is None or self.top >= values.shape[0]:
            self.add(maker.results(scored))
            return
        pairs = [
            (int(g), k) for k in range(values.shape[1]) for g in top_rows(values[:, k], self.top)
        ]
        self.add(maker.results(scored, pairs))

    def results(self) -> list[Result]:
        """Goals in the order given; within a goal, best first."""
        out: list[Result] = []
        for goal_id in sorted(self.heaps, key=self.goal_order.__getitem__):
            ranked = sorted(self.heaps[goal_id], key=lambda item: item[:2], reverse=True)
            out.extend(result for _, _, result in ranked)
        return out
