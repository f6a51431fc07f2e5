"""``return_on_time``: for a joined group, what came back per hour put in.

``value = connections + 0.5 * replies`` (a new connection is the point of a group; a reply to
the user's post is half of one), ``rate = value / hours`` and
``return_on_time = 1 - exp(-rate / 0.25)``: one connection per four hours scores 0.63, none 0.
NaN for a group not joined or without ``effort.hours``; with 0 hours, 1 if anything came back.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from relevance.schema import Group

if TYPE_CHECKING:
    from relevance.signals.context import GroupContext

REPLY_VALUE = 0.5
RATE_SCALE = 0.25


def group_return(group: Group) -> float:
    """``return_on_time`` of one group (NaN when unknown)."""
    effort = group.effort
    if not group.joined or effort is None or effort.hours is None:
        return math.nan
    value = (effort.connections or 0) + REPLY_VALUE * (effort.replies or 0)
    if effort.hours == 0:
        return 1.0 if value > 0 else math.nan
    return 1.0 - math.exp(-(value / effort.hours) / RATE_SCALE)


def return_on_time(groups: Sequence[Group]) -> NDArray[np.float64]:
    """``return_on_time`` of every group."""
    return np.fromiter((group_return(g) for g in groups), np.float64, count=len(groups))


def compute(ctx: GroupContext) -> NDArray[np.float64]:
    """``return_on_time`` of a batch (:data:`relevance.signals.table.TABLE`)."""
    return return_on_time(ctx.batch.groups)
