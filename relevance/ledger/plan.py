"""``relevance plan``: where this week's hours go.

Every group gets an expected return per hour, in connections (a reply counts half, as in
``return_on_time``):

- a joined group the review keeps (STAY) with time logged in the last 12 weeks: what it
  returned per hour over those weeks;
- a joined group without recent hours, or a group not joined whose last snapshot says JOIN or
  CONSIDER: ``overall`` times the user's own typical rate (the median rate of the joined groups
  that pay back; :data:`DEFAULT_RATE` before there is any);
- a LEAVE group or a SKIP candidate gets nothing, with the reason.

Each group can usefully take at most ``cap`` hours a week: a joined group about
:data:`CAP_GROWTH` times its recent weekly hours (at least :data:`MIN_CAP`), a new one a trial
of :data:`TRIAL_HOURS`. With returns linear up to the cap, filling the budget greedily by rate,
in steps of :data:`STEP` hours, maximises the expected return (a fractional knapsack).
"""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass
from datetime import date
from typing import Any

from relevance.display import counted, given_back
from relevance.display import hours as display_hours
from relevance.ledger.book import Ledger
from relevance.ledger.review import GroupReview, review_ledger
from relevance.settings import Settings

STEP = 0.5
DEFAULT_RATE = 0.25
"""Connections an hour expected before the user has a return of their own (one per 4 hours)."""
CAP_GROWTH = 1.5
MIN_CAP = 1.0
TRIAL_HOURS = 1.0


@dataclass
class PlanRow:
    """One group in the plan: the hours it gets (0 when cut) and why."""

    id: str
    title: str
    status: str
    rate: float
    cap: float
    hours: float = 0.0
    reason: str = ""

    @property
    def expected(self) -> float:
        """Connections expected this week."""
        return self.rate * self.hours

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON values."""
        return {
            "id": self.id,
            "title": self.title,
            "status": self.status,
            "hours": self.hours,
            "rate": round(self.rate, 4),
            "cap": self.cap,
            "expected": round(self.expected, 4),
            "reason": self.reason,
        }


@dataclass
class Plan:
    """The week's plan."""

    budget: float
    rows: list[PlanRow]

    @property
    def planned(self) -> list[PlanRow]:
        """Groups that get hours, most first."""
        return [r for r in self.rows if r.hours > 0]

    @property
    def cut(self) -> list[PlanRow]:
        """Groups that get none."""
        return [r for r in self.rows if r.hours == 0]

    @property
    def hours(self) -> float:
        """Hours planned (never more than the budget)."""
        return sum(r.hours for r in self.rows)

    @property
    def expected(self) -> float:
        """Connections expected this week."""
        return sum(r.expected for r in self.rows)


def make_plan(ledger: Ledger, budget: float, today: date, settings: Settings | None = None) -> Plan:
    """Spend ``budget`` hours a week on the groups of the ledger.

    Parameters
    ----------
    ledger : Ledger
        The open ledger.
    budget : float
        Hours a week, >= 0.
    today : date
        The day the review counts back from.
    settings : Settings or None, default=None
        The decision thresholds.
    """
    settings = settings or Settings()
    reviews = {r.id: r for r in review_ledger(ledger, today, settings)}
    paying = [
        r.last_12.value / r.last_12.hours
        for r in reviews.values()
        if r.decision == "STAY" and r.last_12.hours > 0 and r.last_12.value > 0
    ]
    typical = statistics.median(paying) if paying else DEFAULT_RATE
    rows: list[PlanRow] = []
    for group in ledger.groups():
        review = reviews.get(group.id)
        if review is not None:
            rows.append(_joined(review, typical, settings))
            continue
        snapshots = [s for s in ledger.snapshots(group.key) if s.day <= today]
        if group.joined or not snapshots:
            continue  # joined but never recorded by today: nothing to judge it on
        score = snapshots[-1].score
        rows.append(_candidate(group.id, snapshots[-1].title, score, typical))
    _allocate(rows, budget)
    rows.sort(key=lambda r: (-r.hours, -r.rate, r.id))
    return Plan(budget, rows)


def _joined(review: GroupReview, typical: float, settings: Settings) -> PlanRow:
    w = review.last_12
    if review.decision == "LEAVE":
        weeks = _weeks_logged(review)
        poor = w.return_on_time is not None and w.return_on_time < settings.leave_return_below
        # The return is named as the cause only when it was judged (enough hours put in).
        if poor and w.hours >= settings.leave_min_hours:
            why = (
                f"dropped: {given_back(w.connections, w.replies)} in {counted(weeks, 'week')} for "
                f"{display_hours(w.hours)}"
            )
        else:
            first = review.reasons[0] if review.reasons else "its score is too low"
            why = f"dropped: the review says LEAVE. {first}"
        return PlanRow(review.id, review.title, "joined", 0.0, 0.0, reason=why)
    if w.hours > 0:
        recent = review.last_4
        rate = (w.value + recent.value) / (w.hours + recent.hours)  # the last 4 weeks count twice
        cap = max(MIN_CAP, _steps(CAP_GROWTH * w.hours / 12.0))
        # Replies count half: a rate of replies alone is not "connections".
        why = (
            f"returned {rate:.2f} an hour (connections, a reply counting half; 12 weeks, the "
            "last 4 counted twice)"
        )
    else:
        rate = (review.overall_now or 0.0) * typical
        cap = MIN_CAP
        why = f"no hours in 12 weeks; expected {rate:.2f} an hour from its score"
    return PlanRow(review.id, review.title, "joined", rate, cap, reason=why)


def _candidate(group_id: str, title: str, score: dict[str, Any], typical: float) -> PlanRow:
    decision = score.get("decision", "SKIP")
    overall = float(score.get("overall") or 0.0)
    if decision not in ("JOIN", "CONSIDER"):
        return PlanRow(
            group_id,
            title,
            "candidate",
            0.0,
            0.0,
            reason=f"skipped: {decision} on its last snapshot (overall {overall:.2f})",
        )
    rate = overall * typical
    why = f"{decision}: expected {rate:.2f} an hour (overall {overall:.2f} x your {typical:.2f})"
    return PlanRow(group_id, title, "candidate", rate, TRIAL_HOURS, reason=why)


def _allocate(rows: list[PlanRow], budget: float) -> None:
    left = _steps(budget)
    for row in sorted(rows, key=lambda r: (-r.rate, r.id)):
        if row.cap == 0:
            continue
        if left < STEP:
            row.reason = (
                f"cut: the {budget:g} hours went to groups expected to return more "
                f"(this one {row.rate:.2f} an hour)"
            )
            continue
        row.hours = min(row.cap, left)
        left -= row.hours


def _steps(hours: float) -> float:
    return math.floor(hours / STEP + 1e-9) * STEP


def _weeks_logged(review: GroupReview) -> int:
    if review.joined_on is None or review.today is None:
        return 12
    return max(1, min(12, round((review.today - review.joined_on).days / 7)))
