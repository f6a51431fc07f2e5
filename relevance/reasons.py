"""Readable sentences, one per signal that moved the decision."""

from __future__ import annotations

import math
from collections import Counter
from datetime import date
from typing import TYPE_CHECKING

import scipy.sparse as sp

from relevance import language, recommend
from relevance.schema import Result
from relevance.settings import Settings
from relevance.signals.activity import newest_age
from relevance.signals.members import LISTED, MemberMatcher
from relevance.weighting import row_top

if TYPE_CHECKING:
    from relevance.scoring import ScoredBatch

HIGH = 0.6
LOW = 0.3


class ReasonWriter:
    """Writes the ``reasons`` of a result from its signals and the batch's evidence."""

    def __init__(self, settings: Settings, today: date, members: MemberMatcher) -> None:
        self.settings = settings
        self.today = today
        self.members = members

    def write(self, r: Result, scored: ScoredBatch, g: int, k: int) -> list[str]:
        """The reasons, the one that moved the decision most first.

        Each reason carries an impact: its signal's weight in ``overall`` times the log of the
        signal over neutral (0.5), since ``overall`` is a geometric mean; negative for what speaks
        against the group. A misleading title or a drift counts -1. JOIN and STAY list the
        strongest positives first; SKIP, CONSIDER and LEAVE the strongest negatives.
        """
        reasons: list[tuple[float, str]] = []
        if r.misleading:
            reasons.append((-1.0, self._misleading(r, scored, g)))
        if r.drift is not None and r.drift >= self.settings.drifted_at:
            reasons.append((-1.0, self._drift(r, scored, g)))
        reasons.extend(self._topic(r))
        reasons.extend(self._context(r, scored, g))
        reasons.extend(self._language(scored, g, k))
        sign = -1.0 if r.decision in {"JOIN", "STAY"} else 1.0
        reasons.sort(key=lambda item: sign * item[0])
        return [text for _, text in reasons]

    def _impact(self, signal: str, value: float) -> float:
        return self.settings.weights.get(signal, 0.0) * math.log(max(value, 0.01) / 0.5)

    def _misleading(self, r: Result, scored: ScoredBatch, g: int) -> str:
        claim = _top_terms(scored, scored.batch.claim, g, g)
        talk = _top_terms(scored, scored.batch.recent, g, g)
        return (
            f"Title and description promise {claim}, but recent discussions are about {talk} "
            f"(consistency {r.consistency:.2f})."
        )

    def _drift(self, r: Result, scored: ScoredBatch, g: int) -> str:
        old = _top_terms(scored, scored.batch.half_terms(g, 1), 0, g)
        new = _top_terms(scored, scored.batch.half_terms(g, 2), 0, g)
        off_old, off_new = (share[g] for share in scored.drift_parts)
        return (
            f"The group drifted from its description: {off_old:.0%} of the older discussions "
            f"were off topic ({old}), {off_new:.0%} of the newest are ({new}) "
            f"(drift {r.drift:.2f})."
        )

    def _topic(self, r: Result) -> list[tuple[float, str]]:
        terms = ", ".join(t for t, _ in r.matched_terms[:4])
        rel = r.relevance or 0.0
        impact = self._impact("relevance", rel)
        out: list[tuple[float, str]] = []
        if rel >= HIGH:
            out.append((impact, f"Its title and description match your goal: {terms} ({_n(rel)})."))
        elif rel < LOW:
            matched = f"; only {terms} matched" if terms else ""
            out.append(
                (
                    impact,
                    f"Little in its title and description serves your goal{matched} ({_n(rel)}).",
                )
            )
        disc = r.discussion_relevance
        if disc is not None and not r.misleading:
            said = f"(discussion relevance {disc:.2f})"
            half = self._impact("relevance", disc) / 2
            if disc >= HIGH and rel < HIGH:
                out.append(
                    (half, f"Its discussions serve your goal better than its title says {said}.")
                )
            elif disc < LOW and rel >= HIGH:
                out.append((half, f"Its recent discussions rarely touch your goal {said}."))
        return out

    def _context(self, r: Result, scored: ScoredBatch, g: int) -> list[tuple[float, str]]:
        group = scored.batch.groups[g]
        out: list[tuple[float, str]] = []
        if r.size_fit is not None and r.size_fit < LOW and group.member_count is not None:
            n, fit = group.member_count, f"(size fit {r.size_fit:.2f})"
            text = (
                f"Only {n:,} members: too few to meet the people you need {fit}."
                if n < self.settings.size_range[0]
                else f"{n:,} members: one voice drowns in a group this big {fit}."
            )
            out.append((self._impact("size_fit", r.size_fit), text))
        if r.member_fit is not None and (r.member_fit < LOW or r.member_fit >= HIGH):
            out.append((self._impact("member_fit", r.member_fit), self._members(r, scored, g)))
        if r.activity is not None and r.activity < LOW:
            age = newest_age(group, self.today)
            when = f"the newest discussion is {age} days old" if age is not None else "little talk"
            out.append(
                (
                    self._impact("activity", r.activity),
                    f"Quiet: {when} (activity {r.activity:.2f}).",
                )
            )
        effort = group.effort
        rot = r.return_on_time
        if rot is not None and effort is not None and (rot < LOW or rot >= HIGH):
            got = f"{effort.connections or 0} connections and {effort.replies or 0} replies"
            spent = f"{effort.hours:g} hours"
            weekly = recommend.weekly_hours(effort.hours, group.joined_on, self.today)
            budget = self.settings.hours_per_week
            if rot < LOW and weekly is not None and budget:
                spent += f" ({weekly:.1f} h a week of your {budget:g} h for groups)"
            text = (
                f"You put in {spent} and got {got} back (return on time {rot:.2f})."
                if rot < LOW
                else f"It pays back: {got} for {spent} (return on time {rot:.2f})."
            )
            out.append((self._impact("return_on_time", rot), text))
        return out

    def _language(self, scored: ScoredBatch, g: int, k: int) -> list[tuple[float, str]]:
        """Say when a group is written in another language than the goal."""
        text = scored.batch.analyzer
        if not text.detect_language:
            return []
        group = language.detect(language.group_text(scored.batch.groups[g]))
        goal = text.language(scored.goals[k].text)
        if group == goal:
            return []
        said = f"It is written in {language.name(group)}; your goal is in {language.name(goal)}."
        return [(-0.2, said)]

    def _members(self, r: Result, scored: ScoredBatch, g: int) -> str:
        """Say which part of member fit speaks: industries (and how they match), places, roles."""
        matcher = self.members
        listed = scored.batch.groups[g].members[:LISTED]
        goal = next((goal for goal in scored.goals if goal.id == r.goal_id), None)
        roles = matcher.roles(goal) if goal is not None else ()
        parts = []
        found = [m for m in map(matcher.industry_match, listed) if m is not None]
        if found and matcher.industries:
            matched = [m for m in found if m]
            same = [
                w
                for w in matcher.industries
                if any(m.wanted == w and m.how == "same" for m in matched)
            ]
            other = Counter(m.describe() for m in matched if m.how != "same").most_common(2)
            if not other:
                labels = _list(matcher.industries)
            elif not same:  # say how they match: "Real Estate, a family of Commercial Real Estate"
                labels = " or ".join(d for d, _ in other)
            else:
                labels = f"{_list(same)} ({'; '.join(f'{n} in {d}' for d, n in other)})"
            parts.append(f"{len(matched)} of {len(found)} work in {labels}")
        places = [a for a in map(matcher.location, listed) if a is not None]
        if places and matcher.known_locations:
            parts.append(f"{sum(places)} of {len(places)} are in {_list(matcher.known_locations)}")
        held = [a for a in (matcher.role(m, roles) for m in listed) if a is not None]
        if held:
            parts.append(f"{sum(held)} of {len(held)} are {_list([r.label for r in roles])}")
        said_all = "; ".join(parts) if parts else "the listed members"
        return f"Listed members: {said_all} (member fit {r.member_fit:.2f})."


def _top_terms(scored: ScoredBatch, matrix: sp.csr_matrix, row: int, g: int, limit: int = 3) -> str:
    """The heaviest unigram terms of ``row``, in group ``g``'s own words, as 'a, b and c'."""
    group = scored.batch.groups[g]
    texts = [group.title, group.description, *(d.text for d in group.discussions or ())]
    surfaces = scored.batch.analyzer.surfaces(texts)
    words: list[str] = []
    # Ties broken by the term, not the column: columns are numbered per process.
    candidates = sorted(
        ((value, scored.batch.term(col)) for col, value in row_top(matrix, row, 50)),
        key=lambda item: (-round(item[0], 12), item[1]),
    )
    for _, term in candidates:
        if " " in term or term.isdigit():
            continue
        word = scored.batch.analyzer.display(term, surfaces)
        if word not in words:
            words.append(word)
        if len(words) == limit:
            break
    if not words:
        return "nothing in particular"
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _n(relevance: float) -> str:
    return f"relevance {relevance:.2f}"


def _list(words: object) -> str:
    items = [str(w) for w in words]  # type: ignore[attr-defined]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]
