"""``activity``: how recent and lively the discussions are.

The mean of the parts the data allows:

- recency ``0.5 ** (days since the newest discussion / 45)`` (a 45-day half-life);
- volume ``1 - exp(-n / 4)``, ``n`` the discussions of the last 90 days;
- engagement ``1 - exp(-m / 10)``, ``m`` the median of comments + likes per discussion.

A group with an empty discussion list scores 0; without a discussion list, or with discussions
that carry neither dates nor counts, NaN.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from relevance.schema import Group

if TYPE_CHECKING:
    from relevance.signals.context import GroupContext

HALF_LIFE_DAYS = 45.0
WINDOW_DAYS = 90
VOLUME_SCALE = 4.0
ENGAGEMENT_SCALE = 10.0


@dataclass(frozen=True)
class ActivityEvidence:
    """What ``activity`` is computed from (``explain`` shows it as it is)."""

    newest_days_ago: int | None
    recent: int
    median_reactions: float | None


def evidence(group: Group, today: date) -> ActivityEvidence:
    """The ages and reactions of a group's discussions (future dates count as today)."""
    discussions = group.discussions or ()
    ages = [max((today - d.date).days, 0) for d in discussions if d.date is not None]
    reactions = [
        (d.comments or 0) + (d.likes or 0)
        for d in discussions
        if d.comments is not None or d.likes is not None
    ]
    return ActivityEvidence(
        newest_days_ago=min(ages) if ages else None,
        recent=sum(1 for age in ages if age <= WINDOW_DAYS),
        median_reactions=float(statistics.median(reactions)) if reactions else None,
    )


def group_activity(group: Group, today: date) -> float:
    """``activity`` of one group (NaN when unknown)."""
    if group.discussions is None:
        return math.nan
    if not group.discussions:
        return 0.0
    found = evidence(group, today)
    parts: list[float] = []
    if found.newest_days_ago is not None:
        parts.append(0.5 ** (found.newest_days_ago / HALF_LIFE_DAYS))
        parts.append(1.0 - math.exp(-found.recent / VOLUME_SCALE))
    if found.median_reactions is not None:
        parts.append(1.0 - math.exp(-found.median_reactions / ENGAGEMENT_SCALE))
    return sum(parts) / len(parts) if parts else math.nan


def newest_age(group: Group, today: date) -> int | None:
    """Days since the newest dated discussion, for reasons."""
    dates = [d.date for d in group.discussions or () if d.date is not None]
    return (today - max(dates)).days if dates else None


def activity(groups: Sequence[Group], today: date) -> NDArray[np.float64]:
    """``activity`` of every group."""
    return np.fromiter((group_activity(g, today) for g in groups), np.float64, count=len(groups))


def compute(ctx: GroupContext) -> NDArray[np.float64]:
    """``activity`` of a batch (:data:`relevance.signals.table.TABLE`)."""
    return activity(ctx.batch.groups, ctx.today)
