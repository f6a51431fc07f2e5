"""Readable sentences, one per signal that moved the decision."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray

from relevance import display, language, recommend
from relevance.display import beside, counted
from relevance.roles import said_in
from relevance.schema import Group, Result
from relevance.settings import Settings
from relevance.signals import relevance as relevance_signal
from relevance.signals import return_on_time
from relevance.signals.activity import newest_age
from relevance.signals.members import LISTED, MemberMatcher
from relevance.signals.table import TABLE, Signal
from relevance.terms import SHIFT

if TYPE_CHECKING:
    from relevance.scoring import ScoredBatch

HIGH = 0.6
LOW = 0.3
TITLE_COLUMNS = 60
"""A title quoted in a reason is cut (with an ellipsis) past this many columns."""

Reasons = list[tuple[float, str]]
"""Reasons with their impact on the decision (see :meth:`ReasonWriter.write`)."""
SignalWriter = Callable[[Signal, Result, "ScoredBatch", int, int], Reasons]


def too_soon(hours: float, settings: Settings) -> str:
    """The reason of a joined group that gave nothing back from too few hours to be judged (its
    ``return_on_time`` unknown), said alike by ``score`` and ``review``."""
    least = settings.leave_min_hours
    return (
        f"Too soon to judge what it gives back: nothing yet from {display.hours(hours)} "
        f"(judged from {display.hours(least)}, leave_min_hours)."
    )


def bad_talk(
    promotion: float | None, drift: float | None, misleading: bool | None, settings: Settings
) -> str | None:
    """What a joined group's talk became when it went bad (promotion, drift, a misleading
    title): the cases :func:`relevance.recommend.decide` keeps only for what the group gives
    back. Said alike by ``score`` and ``review``."""
    if promotion is not None and promotion >= settings.promotion_at:
        return "its talk turned to promotion"
    if drift is not None and drift >= settings.drifted_at:
        return "its newer talk left its purpose"
    return "its talk is off its title" if misleading else None


def kept_or_left(
    decision: str, bad: str, rot: float | None, given: str, settings: Settings
) -> str | None:
    """Why a joined group whose talk went bad (``bad``, from :func:`bad_talk`) is STAY or
    LEAVE: what it gives back (``given``: "1 connection and 2 replies for 8 hours") decides."""
    line = settings.stay_return_at
    if decision == "STAY" and rot is not None and rot >= line:
        return (
            f"It stays for what it gives back: {given} (return on time {rot:.2f} >= "
            f"stay_return_at {line:.2f}), though {bad}."
        )
    if decision == "STAY" and rot is None:
        return (
            f"It stays only until you know what it gives back, as {bad}: log your hours "
            "and what came back (relevance log), and leave it unless it pays back."
        )
    if decision == "LEAVE" and rot is not None and rot >= line:  # promotion overrides it
        return (
            f"It gives back {given} (return on time {rot:.2f}), but {bad}: what it gives back "
            "no longer keeps it."
        )
    if decision == "LEAVE" and rot is not None and rot < line:
        return (
            f"{bad[0].upper()}{bad[1:]}, and it does not give enough back to keep it for that: "
            f"{given} (return on time {rot:.2f} < stay_return_at {line:.2f})."
        )
    return None


class ReasonWriter:
    """Writes the ``reasons`` of a result from its signals and the batch's evidence."""

    def __init__(self, settings: Settings, today: date, members: MemberMatcher) -> None:
        self.settings = settings
        self.today = today
        self.members = members
        # Signals with a sentence of their own; any other signal of the table gets _generic.
        self._writers: dict[str, SignalWriter] = {
            "relevance": self._topic,
            "discussion_relevance": _said_with_relevance,
            "consistency": self._misleading,
            "drift": self._drift,
            "promotion": self._promotion,
            "size_fit": self._size,
            "member_fit": self._member_fit,
            "activity": self._activity,
            "return_on_time": self._return,
        }

    def write(self, r: Result, scored: ScoredBatch, g: int, k: int) -> list[str]:
        """The reasons, the one that moved the decision most first; never empty.

        Each reason carries an impact: its signal's weight in ``overall`` times the log of the
        signal over neutral (0.5), since ``overall`` is a geometric mean; negative for what speaks
        against the group. A misleading title or a drift counts -1. JOIN and STAY list the
        strongest positives first; SKIP, CONSIDER and LEAVE the strongest negatives. A JOIN or
        STAY always opens with what speaks for it, and a verdict on thin evidence says what is
        missing.
        """
        reasons: list[tuple[float, str]] = []
        for signal in TABLE:  # each signal that moved the decision says so
            write = self._writers.get(signal.name, self._generic)
            reasons.extend(write(signal, r, scored, g, k))
        reasons.extend(self._language(scored, g, k))
        thin = _missing(r, self.settings.join_at, self._asked())
        if thin:
            reasons.append((-0.5, thin))
        held = self._held_back(r, scored, g)
        if held:
            reasons.append((-0.9, held))
        kept = self._just_joined(r, scored, g)
        if kept:
            reasons.append((0.9, kept))
        gone = self._gone_bad(r, scored, g)
        if gone:
            reasons.append((-1.5 if r.decision == "LEAVE" else 0.95, gone))
        sign = -1.0 if r.decision in {"JOIN", "STAY"} else 1.0
        reasons.sort(key=lambda item: sign * item[0])
        if r.decision in {"JOIN", "STAY"} and (not reasons or reasons[0][0] <= 0):
            reasons.insert(0, (1.0, self._strength(r)))
        if gone and r.decision == "STAY":
            # What its talk became is said next to what keeps it, not after every praise.
            bad = [item for item in reasons[1:] if item[0] <= -1.0]
            reasons = reasons[:1] + bad + [item for item in reasons[1:] if item[0] > -1.0]
        if not reasons:
            reasons.append((0.0, self._summary(r)))
        return [text for _, text in reasons]

    def _bad_talk(self, r: Result) -> str | None:
        """What a joined group's talk became, when it went bad (:func:`bad_talk`)."""
        return bad_talk(r.promotion, r.drift, r.misleading, self.settings) if r.joined else None

    def _gone_bad(self, r: Result, scored: ScoredBatch, g: int) -> str | None:
        """Why a joined group whose talk went bad is LEAVE, or what keeps it."""
        bad = self._bad_talk(r)
        if bad is None:
            return None
        return kept_or_left(
            r.decision, bad, r.return_on_time, self._given(scored, g), self.settings
        )

    @staticmethod
    def _given(scored: ScoredBatch, g: int) -> str:
        """What a joined group gave for the time put in: "1 connection and 2 replies for 8
        hours"."""
        effort = scored.batch.groups[g].effort
        if effort is None:
            return "nothing recorded"
        got = display.given_back(effort.connections or 0, effort.replies or 0)
        return f"{got} for {display.hours(effort.hours or 0.0)}"

    def _asked(self) -> list[str]:
        """Which member criteria the user gave: "industries", "places"."""
        matcher = self.members
        asked = [("industries", matcher.industries), ("places", matcher.locations)]
        return [name for name, given in asked if given]

    def _just_joined(self, r: Result, scored: ScoredBatch, g: int) -> str | None:
        """Why a joined group whose score is under the LEAVE line is STAY: joined too lately
        (:func:`relevance.recommend.just_joined`), when it does not pay back either."""
        s, joined_on = self.settings, scored.batch.groups[g].joined_on
        pays = r.return_on_time is not None and r.return_on_time >= s.stay_return_at
        if r.decision != "STAY" or r.overall >= s.leave_below or pays or joined_on is None:
            return None
        days = (self.today - joined_on).days
        return (
            f"Joined {counted(days, 'day')} ago: too soon to leave it on its score alone "
            f"(overall {display.overall(r.overall, s)} < leave_below {s.leave_below:.2f}); "
            "judge it again from two weeks on."
        )

    def _held_back(self, r: Result, scored: ScoredBatch, g: int) -> str | None:
        """Why a group whose ``overall`` reaches JOIN is CONSIDER, when no flag says it."""
        s = self.settings
        drifted = r.drift is not None and r.drift >= s.drifted_at
        if r.decision != "CONSIDER" or r.overall < s.join_at or r.misleading or drifted:
            return None
        newer = float(scored.newer_as_read[g])
        until = "at best CONSIDER until you have read them"
        if not math.isnan(newer) and newer >= 0.5:
            return (
                f"Its newer discussions do not clearly match its title and description "
                f"(read as they are, off-topic share {newer:.2f} >= 0.50): {until}."
            )
        if r.consistency is not None and r.consistency < s.join_consistency:
            return (
                f"Its discussions bear out its title with little margin (consistency "
                f"{beside(r.consistency, s.join_consistency)} < {s.join_consistency:.2f}"
                f"{self._off_by_form(scored, g)}): {until}."
            )
        if r.drift is not None and r.drift >= s.join_drift:
            return f"{self._drifting(r)}: {until}."
        return None

    @staticmethod
    def _off_by_form(scored: ScoredBatch, g: int) -> str:
        """ "; 3 of 8 recent discussions are job ads": the recent posts off its purpose by what
        they are (pitches, job ads), which a margin of consistency may come from."""
        rows = _rows(scored, g)
        recent = rows[scored.batch.discussion_weight[rows] > 0]
        said = [
            f"{_of(n, len(recent))} recent discussions {one if n == 1 else many}"
            for n, one, many in _by_form(scored, recent)
        ]
        return f"; {'; '.join(said)}" if said else ""

    def _strength(self, r: Result) -> str:
        """What speaks most for a group whose other reasons all speak against it."""
        known = {
            signal.label: value
            for signal in TABLE
            if signal.praise and (value := r.signals[signal.name]) is not None
        }
        # By what it does to ``overall`` (a size fit of 1 is common and weighs little).
        by_name = {signal.label: signal.name for signal in TABLE}
        name, value = max(known.items(), key=lambda item: self._impact(by_name[item[0]], item[1]))
        strongest = f"its strongest side is its {name} ({name} {value:.2f})"
        shown = display.overall(r.overall, self.settings)
        if r.decision == "STAY":  # what keeps it is that it is over the LEAVE line
            line = self.settings.leave_below
            return (
                f"Its score is over the LEAVE line (overall {shown} >= "
                f"leave_below {line:.2f}); {strongest}."
            )
        return f"{strongest[0].upper()}{strongest[1:]}; overall {shown}."

    def _summary(self, r: Result) -> str:
        """A reason for a verdict that no single signal moved."""
        shown = display.overall(r.overall, self.settings)
        return (
            f"Nothing stands out for or against it: overall {shown}, between "
            f"{self.settings.consider_at:.2f} (consider) and {self.settings.join_at:.2f} (join)."
            if r.decision == "CONSIDER"
            else f"No signal is strong enough to recommend it (overall {shown})."
        )

    def _blend_impact(self, scored: ScoredBatch, g: int, k: int, rel: float) -> float:
        """What the discussions did to the topic term of ``overall``: its weight times the log
        of the blended topic (:func:`recommend.topic`, as scored) over the title's relevance."""
        floor = recommend.FLOOR
        topic = max(float(scored.topic[g, k]), floor)
        return self.settings.weights.get("relevance", 0.0) * math.log(topic / max(rel, floor))

    def _impact(self, signal: str, value: float) -> float:
        return self.settings.weights.get(signal, 0.0) * math.log(max(value, 0.01) / 0.5)

    def _misleading(self, _: Signal, r: Result, scored: ScoredBatch, g: int, k: int) -> Reasons:
        if not r.misleading:
            return []
        rows = _rows(scored, g)
        recent = rows[scored.batch.discussion_weight[rows] > 0]
        off = recent[scored.p_off[recent] >= 0.5]  # the words come from the posts counted
        n_off = len(off)
        # The title as written: the words a batch of similar groups weighs most are its filler.
        title = display.truncate(display.clean(scored.batch.groups[g].title), TITLE_COLUMNS)
        consistency = beside(r.consistency or 0.0, self.settings.misleading_below)
        if n_off == 0:  # no post alone is off topic, but together they do not bear it out
            said = (
                f'Its title says "{title}", but its recent discussions do not clearly bear that '
                f"out (consistency {consistency})."
            )
            return [(-1.0, said)]
        said = f'Its title says "{title}", but {_of(n_off, len(recent))} recent discussions'
        return [
            (-1.0, f"{said} {self._off_talk(scored, g, off, 'it')} (consistency {consistency}).")
        ]

    def _off_talk(self, scored: ScoredBatch, g: int, off: NDArray[np.intp], what: str) -> str:
        """What the off-topic discussions ``off`` of a group are, after "N of M discussions":
        promotion and job ads by their kind (their words have much in common with the title
        and are not the evidence; the promotion reason names a pitch's marks), and the others
        by their heaviest words."""
        plain = off[~(scored.pitched[off] | scored.job_listed[off])]
        talk = (
            _top_terms(scored, _summed_top(scored.batch.discussions, plain), _surfaces(scored, g))
            if len(plain)
            else ""
        )
        said = _by_form(scored, off)
        if not said:
            return f"{_verb(len(plain), 'has', 'have')} little in common with {what}: {talk}"
        if len(said) == 1 and not len(plain):
            n, one, many = said[0]
            return one if n == 1 else many
        parts = [f"{n} {one if n == 1 else many}" for n, one, many in said]
        if len(plain):
            verb = _verb(len(plain), "has", "have")
            parts.append(f"{len(plain)} {verb} little in common with {what} ({talk})")
        return f"are off {what}: {', '.join(parts)}"

    def _drifting(self, r: Result) -> str:
        """A drift from ``join_drift`` but under ``drifted_at``, said as what was measured: not
        a verdict of drift, which needs ``drifted_at``."""
        s = self.settings
        return (
            f"Its newer discussions bear out its title and description less than its older ones "
            f"(drift {beside(r.drift or 0.0, s.join_drift)} >= {s.join_drift:.2f}; drifted "
            f"from {s.drifted_at:.2f})"
        )

    def _drift(self, _: Signal, r: Result, scored: ScoredBatch, g: int, k: int) -> Reasons:
        if r.drift is None or r.drift < self.settings.join_drift:
            return []
        if r.drift < self.settings.drifted_at:  # CONSIDER says it as why it is held back
            return [(-0.3, self._drifting(r) + ".")] if r.joined else []
        rows = _rows(scored, g)
        half = scored.batch.discussion_half[rows]
        off = scored.p_left[rows] >= 0.5
        new = rows[half == 2]
        new_off = new[off[half == 2]]
        talk = self._off_talk(scored, g, new_off, "its description")
        # The older half as drift read it (the share explain shows), not a count of its posts
        # judged one by one: an honest older post the words miss would read as "off" there.
        before = float(scored.drift_parts.off_old[g])
        said = (
            f"The group drifted: {_of(len(new_off), len(new))} newer discussions {talk}, while "
            f"its older half was {before:.0%} off it (drift "
            f"{beside(r.drift, self.settings.drifted_at)})."
        )
        # Before a misleading title: that it was on purpose and left it says more.
        return [(-1.05, said)]

    def _promotion(self, _: Signal, r: Result, scored: ScoredBatch, g: int, k: int) -> Reasons:
        """Say which recent discussions are promotion or spam, and by which marks."""
        value = r.promotion
        if not value:
            return []
        context = scored.group.context
        itself = context.claim_pitches[g]
        if itself:
            how = display.listed(itself)
            said = "Its own title and description read as a pitch, by its marks"
            return [(-1.0, f"{said}: {how} (promotion {value:.2f}).")]
        batch, rows = scored.batch, _rows(scored, g)
        recent = rows[batch.discussion_weight[rows] > 0]
        marks = context.pitch_marks
        pitches = context.pitches
        n_recent = int(np.count_nonzero(pitches[recent]))
        also = ""
        if context.promotion_of_newer[g] > context.promotion_of_recent[g]:  # the newer half decided
            also = f" ({_of(n_recent, len(recent))} recent)"
            recent = recent[batch.discussion_half[recent] == 2]
        pitched = [marks[row] for row in recent if pitches[row]]
        if not pitched:
            return []
        seen = Counter(name for found in pitched for name in found).most_common(3)
        how = display.listed([name for name, _ in seen])
        n, said = len(pitched), f"(promotion {beside(value, self.settings.promotion_at)})"
        which = "newer" if also else "recent"
        head = f"{_of(n, len(recent)).capitalize()} {which} discussions{also}"
        if value >= self.settings.promotion_at:
            verb = _verb(n, "is", "are")
            return [(-1.0, f"{head} {verb} promotion or spam, by their marks: {how} {said}.")]
        verb = _verb(n, "reads", "read")
        text = f"{head} {verb} as promotion ({how}): too few to judge the group by {said}."
        return [(-0.1, text)]

    def _topic(self, _: Signal, r: Result, scored: ScoredBatch, g: int, k: int) -> Reasons:
        """``relevance``, and ``discussion_relevance`` where it tells another story."""
        n_recent = scored.batch.recent_count(g)
        terms = ", ".join(t for t, _ in r.matched_terms[:4])
        rel = r.relevance or 0.0
        impact = self._impact("relevance", rel)
        # A group given no description is judged on its title; the reason says so.
        described = bool(scored.batch.groups[g].description)
        read, match = ("title and description", "match") if described else ("title", "matches")
        out: list[tuple[float, str]] = []
        if rel >= HIGH:
            out.append((impact, f"Its {read} {match} your goal: {terms} ({_n(rel)})."))
        elif rel < LOW:
            matched = f"; only {terms} matched" if terms else ""
            out.append(
                (
                    impact,
                    f"Little in its {read} serves your goal{matched} ({_n(rel)}).",
                )
            )
        elif terms:  # between: say what matched and what did not, as a reader would check it
            missing = relevance_signal.missing_words(
                scored.batch.analyzer,
                scored.goals[k].text,
                scored.batch.groups[g].claim,
                scored.goal_surfaces[k],
            )[:4]
            lacks = f"; it does not say {display.listed(missing, 'or')}" if missing else ""
            said = f"Its {read} {match} part of your goal: {terms}{lacks}"
            if r.decision == "JOIN":  # what it serves of the goal is why it is recommended
                impact = max(impact, 0.01)
            out.append((impact, f"{said} ({_n(rel)})."))
        disc = r.discussion_relevance
        if disc is not None and not r.misleading:
            said = f"(discussion relevance {disc:.2f})"
            half = self._blend_impact(scored, g, k, rel)
            if disc >= HIGH and rel < HIGH:
                out.append(
                    (half, f"Its discussions serve your goal more than its title says {said}.")
                )
            elif disc < LOW and rel >= HIGH:
                # An average of word matches over the discussions, not a count, and jargon
                # the goal does not use defeats it: say what it measures, not a verdict.
                few = (
                    "Its one recent discussion shares few words with your goal"
                    if n_recent == 1
                    else "Its recent discussions share few words with your goal"
                )
                out.append((half, f"{few} {said}."))
        return out

    def _size(self, _: Signal, r: Result, scored: ScoredBatch, g: int, k: int) -> Reasons:
        n = scored.batch.groups[g].member_count
        if r.size_fit is None or r.size_fit >= LOW or n is None:
            return []
        fit = f"(size fit {r.size_fit:.2f})"
        text = (
            f"{'Only ' + counted(n, 'member') if n else 'No members'}: too few to meet the people "
            f"you need {fit}."
            if n < self.settings.size_range[0]
            else f"{counted(n, 'member')}: one voice drowns in a group this big {fit}."
        )
        return [(self._impact("size_fit", r.size_fit), text)]

    def _member_fit(self, _: Signal, r: Result, scored: ScoredBatch, g: int, k: int) -> Reasons:
        if r.member_fit is None or LOW <= r.member_fit < HIGH:
            return []
        return [(self._impact("member_fit", r.member_fit), self._members(r, scored, g, k))]

    def _activity(self, _: Signal, r: Result, scored: ScoredBatch, g: int, k: int) -> Reasons:
        if r.activity is None or r.activity >= LOW:
            return []
        age = newest_age(scored.batch.groups[g], self.today)
        when = (
            f"the newest discussion is {counted(age, 'day')} old"
            if age is not None
            else "little talk"
        )
        return [
            (self._impact("activity", r.activity), f"Quiet: {when} (activity {r.activity:.2f}).")
        ]

    def _return(self, _: Signal, r: Result, scored: ScoredBatch, g: int, k: int) -> Reasons:
        group = scored.batch.groups[g]
        effort, rot = group.effort, r.return_on_time
        if rot is None and group.joined and effort is not None and effort.hours is not None:
            # Not a cause of any decision: said after what decided it.
            return [(0.0, self._return_unknown(group, effort.hours))]
        if rot is None or effort is None or LOW <= rot < HIGH:
            return []
        if rot >= self.settings.stay_return_at and self._bad_talk(r):
            return []  # said with what its talk became (_gone_bad)
        got = display.given_back(effort.connections or 0, effort.replies or 0)
        spent = display.hours(effort.hours or 0.0)
        weekly = recommend.weekly_hours(effort.hours, group.joined_on, self.today)
        budget = self.settings.hours_per_week
        if rot < LOW and weekly is not None and budget:
            spent += f" ({weekly:.1f} h a week of your {budget:g} h for groups)"
        text = (
            f"You put in {spent} and got {got} back (return on time {rot:.2f})."
            if rot < LOW
            else f"It pays back: {got} for {spent} (return on time {rot:.2f})."
        )
        return [(self._impact("return_on_time", rot), text)]

    def _return_unknown(self, group: Group, hours: float) -> str:
        """Why a joined group's return on time is unknown: nothing recorded, or too soon."""
        if not return_on_time.recorded(group):
            return (
                f"What it gives back is unknown: its effort records {display.hours(hours)}, but no "
                "connections or replies."
            )
        return too_soon(hours, self.settings)

    def _generic(self, signal: Signal, r: Result, scored: ScoredBatch, g: int, k: int) -> Reasons:
        """The reason of a signal without a sentence of its own: said when it is far from
        neutral, with what a high value means (the table's ``meaning``)."""
        value = r.signals[signal.name]
        if value is None or LOW <= value < HIGH or signal.role == "topic":
            return []
        if signal.role == "penalty":
            said = f"Its {signal.label} speaks against it: {signal.meaning} ({value:.2f})."
            return [(-1.0, said)] if value >= HIGH else []
        how = "high" if value >= HIGH else "low"
        said = (
            f"Its {signal.label} is {how} ({signal.label} {value:.2f}; 1 means {signal.meaning})."
        )
        return [(self._impact(signal.name, value), said)]

    def _language(self, scored: ScoredBatch, g: int, k: int) -> list[tuple[float, str]]:
        """Say when a group is written in another language than the goal."""
        text = scored.batch.analyzer
        if not text.detect_language:
            return []
        group = scored.batch.language(g)
        goal = text.language(scored.goals[k].text)
        if group == goal:
            return []
        said = f"It is written in {language.name(group)}; your goal is in {language.name(goal)}."
        return [(-0.2, said)]

    def _members(self, r: Result, scored: ScoredBatch, g: int, k: int) -> str:
        """Say which part of member fit speaks: industries (and how they match), places, roles."""
        matcher = self.members
        listed = scored.batch.groups[g].members[:LISTED]
        roles = matcher.roles(scored.goals[k])
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
            verb = _verb(len(matched), "works", "work")
            parts.append(f"{len(matched)} of {len(found)} {verb} in {labels}")
        places = [a for a in map(matcher.location, listed) if a is not None]
        if places and matcher.known_locations:
            n_in = sum(places)
            parts.append(
                f"{n_in} of {len(places)} {_verb(n_in, 'is', 'are')} in "
                f"{_list(matcher.known_locations)}"
            )
        held = [a for a in (matcher.role(m, roles) for m in listed) if a is not None]
        if held:
            n_held = sum(held)
            said = said_in(scored.goals[k].text)  # the people in the goal's own words
            parts.append(
                f"{n_held} of {len(held)} {_verb(n_held, 'is one of the', 'are')} "
                f"{_list([said.get(r.key, r.label) for r in roles])}"
            )
        said_all = "; ".join(parts) if parts else "the listed members"
        return f"Listed members: {said_all} (member fit {r.member_fit:.2f})."


def _said_with_relevance(_: Signal, r: Result, scored: ScoredBatch, g: int, k: int) -> Reasons:
    """``discussion_relevance`` is said beside ``relevance``, where it tells another story."""
    return []


def _surfaces(scored: ScoredBatch, g: int) -> Mapping[str, str]:
    """Each term of group ``g`` with the word its texts write it as, read in the group's
    language (as the batch encoded them: a text of its own language would give other terms)."""
    group = scored.batch.groups[g]
    texts = [group.title, group.description, *(d.text for d in group.discussions or ())]
    return scored.batch.analyzer.surfaces_in(texts, scored.batch.language(g))


def _top_terms(
    scored: ScoredBatch, top: list[tuple[int, float]], surfaces: Mapping[str, str], limit: int = 3
) -> str:
    """The heaviest unigram terms of ``top`` (column, weight), in the group's own words, as
    'a, b and c'."""
    words: list[str] = []
    columns = scored.batch.columns
    # Ties broken by the term, not the column: columns are numbered per process. Bigrams are
    # never shown, so their strings are not made.
    candidates = sorted(
        ((value, scored.batch.term(col)) for col, value in top if columns[col] < SHIFT),
        key=lambda item: (-round(item[0], 12), item[1]),
    )
    for _, term in candidates:
        if term.isdigit():
            continue
        word = scored.batch.analyzer.display(term, surfaces)
        if word not in words:
            words.append(word)
        if len(words) == limit:
            break
    return display.listed(words) if words else "nothing in particular"


def _rows(scored: ScoredBatch, g: int) -> NDArray[np.intp]:
    """The discussion rows of group ``g`` (consecutive, most recent first)."""
    return scored.batch.discussion_rows(g)


def _summed_top(
    matrix: sp.csr_matrix, rows: NDArray[np.intp], limit: int = 50
) -> list[tuple[int, float]]:
    """The ``limit`` heaviest columns of the chosen rows summed, as (column, value), heaviest
    first; read from the CSR arrays (slicing rows and summing them as a matrix built a dense
    row of the whole vocabulary for every flagged result)."""
    if len(rows) == 0:
        return []
    indptr = matrix.indptr
    picked = np.concatenate([np.arange(indptr[r], indptr[r + 1]) for r in rows])
    columns, where = np.unique(matrix.indices[picked], return_inverse=True)
    sums = np.bincount(where, weights=matrix.data[picked]).astype(matrix.dtype)
    order = np.argsort(-sums, kind="stable")[:limit]
    return [(int(columns[i]), float(sums[i])) for i in order if sums[i] > 0]


def _by_form(scored: ScoredBatch, rows: NDArray[np.intp]) -> list[tuple[int, str, str]]:
    """How many of discussion ``rows`` are off any purpose by what they are (a pitch, a job
    ad), with the words that say it of one and of many; kinds with none are left out."""
    pitched, ads = scored.pitched[rows], scored.job_listed[rows]
    kinds = (
        (pitched, "is promotion or spam", "are promotion or spam"),
        (ads & ~pitched, "is a job ad", "are job ads"),
    )
    counts = ((int(np.count_nonzero(mask)), one, many) for mask, one, many in kinds)
    return [(n, one, many) for n, one, many in counts if n]


def _of(n: int, total: int) -> str:
    if n == total == 2:
        return "both"
    return f"all {total}" if n == total and total > 2 else f"{n} of {total}"


def _verb(n: int, one: str, many: str) -> str:
    return one if n == 1 else many


def _missing(r: Result, join_at: float, asked: Sequence[str] = ()) -> str | None:
    """Say what a verdict is missing: discussions (then honesty is unknown), and what else was
    not given when only the title and description were (and which of the user's ``asked``
    criteria, "industries" or "places", no member could answer); and, where ``overall`` would
    make it JOIN, that this is why it is at best CONSIDER."""
    known = set(r.evidence)
    if "discussions" in known:
        return None
    held = not r.joined and r.overall >= join_at
    if r.joined or {"member_count", "members"} & known:
        said = "No discussions were given, so whether its title is borne out is unknown"
        return (
            f"{said}: at best CONSIDER until you see what it talks about." if held else f"{said}."
        )
    what = "its title and description" if "description" in known else "its title"
    said = f"Judged on {what} alone: no discussions, member count or listed members were given"
    if asked:
        said += f" (your {display.listed(asked)} were not checked)"
    return f"{said}, so it is at best CONSIDER until you see more of it." if held else f"{said}."


def _n(relevance: float) -> str:
    return f"relevance {relevance:.2f}"


def _list(words: Iterable[object]) -> str:
    return display.listed([str(w) for w in words], "or")
