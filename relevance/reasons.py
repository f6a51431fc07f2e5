"""Readable sentences, one per signal that moved the decision."""

from __future__ import annotations

import math
from datetime import date
from typing import TYPE_CHECKING

import numpy as np

from relevance.schema import Result
from relevance.settings import Settings
from relevance.signals.activity import newest_age

if TYPE_CHECKING:
    from relevance.analyzer import ScoredBatch

HIGH = 0.6
LOW = 0.3


class ReasonWriter:
    """Writes the ``reasons`` of a result from its signals and the batch's evidence."""

    def __init__(self, settings: Settings, today: date) -> None:
        self.settings = settings
        self.today = today

    def write(self, r: Result, scored: ScoredBatch, g: int, k: int) -> list[str]:
        reasons: list[str] = []
        if r.misleading:
            reasons.append(self._misleading(r, scored, g))
        if r.drift is not None and r.drift >= 0.5:
            reasons.append(self._drift(r, scored, g))
        reasons.extend(self._topic(r))
        reasons.extend(self._context(r, scored, g))
        return reasons

    def _misleading(self, r: Result, scored: ScoredBatch, g: int) -> str:
        claim = _top_terms(scored, scored.batch.claim, g)
        talk = _top_terms(scored, scored.batch.recent, g)
        return (
            f"Title and description promise {claim}, but recent discussions are about {talk} "
            f"(consistency {r.consistency:.2f})."
        )

    def _drift(self, r: Result, scored: ScoredBatch, g: int) -> str:
        old = _top_terms(scored, scored.batch.older, g)
        new = _top_terms(scored, scored.batch.newer, g)
        return (
            f"The group drifted from its description: older discussions were about {old}, "
            f"the newest are about {new} (drift {r.drift:.2f})."
        )

    def _topic(self, r: Result) -> list[str]:
        terms = ", ".join(t for t, _ in r.matched_terms[:4])
        rel = r.relevance or 0.0
        out = []
        if rel >= HIGH:
            out.append(f"Its title and description match your goal: {terms} (relevance {rel:.2f}).")
        elif rel < LOW:
            matched = f"; only {terms} matched" if terms else ""
            out.append(f"Little in its title and description serves your goal{matched} (relevance {rel:.2f}).")
        disc = r.discussion_relevance
        if disc is not None and not r.misleading:
            if disc >= HIGH and rel < HIGH:
                out.append(f"Its discussions serve your goal better than its title says (discussion relevance {disc:.2f}).")
            elif disc < LOW and rel >= HIGH:
                out.append(f"Its recent discussions rarely touch your goal (discussion relevance {disc:.2f}).")
        return out

    def _context(self, r: Result, scored: ScoredBatch, g: int) -> list[str]:
        group = scored.batch.groups[g]
        out = []
        if r.size_fit is not None and r.size_fit < LOW and group.member_count is not None:
            low, high = self.settings.size_range
            n = group.member_count
            if n < low:
                out.append(f"Only {n:,} members: too few to meet the people you need (size fit {r.size_fit:.2f}).")
            else:
                out.append(f"{n:,} members: one voice drowns in a group this big (size fit {r.size_fit:.2f}).")
        if r.member_fit is not None:
            if r.member_fit < LOW:
                out.append(f"Few of the listed members work in your industries or places (member fit {r.member_fit:.2f}).")
            elif r.member_fit >= HIGH:
                out.append(f"Most listed members work in your industries or places (member fit {r.member_fit:.2f}).")
        if r.activity is not None and r.activity < LOW:
            age = newest_age(group, self.today)
            when = f"the newest discussion is {age} days old" if age is not None else "few discussions"
            out.append(f"Quiet: {when} (activity {r.activity:.2f}).")
        effort = group.effort
        if r.return_on_time is not None and effort is not None and r.return_on_time < LOW:
            out.append(
                f"You put in {effort.hours:g} hours and got {effort.connections or 0} connections "
                f"and {effort.replies or 0} replies back (return on time {r.return_on_time:.2f})."
            )
        elif r.return_on_time is not None and r.return_on_time >= HIGH and effort is not None:
            out.append(
                f"It pays back: {effort.connections or 0} connections and {effort.replies or 0} "
                f"replies for {effort.hours:g} hours (return on time {r.return_on_time:.2f})."
            )
        return out


def _top_terms(scored: ScoredBatch, matrix: object, g: int, limit: int = 3) -> str:
    """The heaviest unigram terms of row ``g``, readable, as 'a, b and c'."""
    row = matrix.getrow(g).tocoo()  # type: ignore[attr-defined]
    terms = scored.batch.index.terms()
    order = np.argsort(-row.data, kind="stable")
    words: list[str] = []
    for i in order:
        term = terms[row.col[i]]
        if " " in term or term.isdigit():
            continue
        word = scored.batch.analyzer.display(term)
        if word not in words:
            words.append(word)
        if len(words) == limit:
            break
    if not words:
        return "nothing in particular"
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def is_nan(value: float | None) -> bool:
    return value is None or math.isnan(value)
