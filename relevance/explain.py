"""``relevance explain``: every signal of one group, with the evidence behind it."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import numpy as np

from relevance.analyzer import Analyzer
from relevance.explain_text import render_explanation
from relevance.runner import DEFAULT_CHUNK_SIZE
from relevance.schema import Goal, Group
from relevance.settings import THRESHOLDS
from relevance.signals import discussions as discussions_signal
from relevance.signals import promotion
from relevance.signals import relevance as relevance_signal
from relevance.signals.activity import WINDOW_DAYS
from relevance.signals.activity import evidence as activity_evidence
from relevance.signals.members import LISTED
from relevance.signals.table import TABLE

__all__ = ["explain_group", "render_explanation"]


if TYPE_CHECKING:
    from relevance.io.records import GroupReader


def explain_group(
    analyzer: Analyzer,
    groups: Iterable[Group | Mapping[str, Any]] | GroupReader,
    group_id: str,
    goal: Goal,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
) -> dict[str, Any]:
    """Score one group of a file as ``score`` would, and gather the evidence of each signal.

    The runner finds the batch ``score`` scores the group in (:meth:`Analyzer.locate`: same
    chunks, same sample), so the numbers are the same; the input is read up to that chunk.
    """
    s = analyzer.settings
    batch, index = analyzer.locate(groups, group_id, chunk_size)
    scored = analyzer.signals(batch, [goal])
    result = analyzer.result(scored, index, 0)
    group = batch.groups[index]
    surfaces = analyzer.text.surfaces([goal.text])
    rows = np.flatnonzero(batch.discussion_owner == index)
    similarity = discussions_signal.similarity(batch, s.null_cap)[rows]
    p_off = scored.p_off[rows]
    p_left = scored.p_left[rows]
    newer = batch.discussion_half[rows] == 2
    weight = batch.discussion_weight[rows]
    null = float(min(batch.null_level()[index], s.null_cap))
    per_goal = scored.discussion_goal[0].toarray().ravel()[rows]
    context = scored.group.context
    # What a post is whatever its words, where that decided its probability.
    known = np.select(
        [context.pitched[rows], context.job_listed[rows] | context.job_on_purpose[rows]],
        ["pitch", "job ad"],
        "",
    )
    discussions = []
    for row, original in enumerate(batch.discussion_order[index]):
        d = (group.discussions or ())[original]
        discussions.append(
            {
                "title": d.title or (d.body or "")[:60],
                "date": d.date.isoformat() if d.date else None,
                "vs_title_similarity": round(float(similarity[row]), 4),
                "off_topic_probability": round(float(p_off[row]), 4),
                "on_topic": bool(p_off[row] < 0.5),
                # A newer-half discussion: off the claim and off what the group used to discuss.
                "left_purpose_probability": round(float(p_left[row]), 4) if newer[row] else None,
                "recency_weight": round(float(weight[row]), 4),
                "vs_goal_relevance": round(float(per_goal[row]), 4),
                "recent": row < s.recent_discussions,
                "read_as": str(known[row]) or None,
            }
        )
    parts = scored.drift_parts
    marks = scored.group.context.pitch_marks
    gathered: dict[str, Any] = {
        "relevance": {
            "bm25_share": round(float(scored.relevance_score[index, 0]), 4),
            "scale": s.relevance_scale,
            "matched_terms": [{"term": t, "weight": round(w, 4)} for t, w in result.matched_terms],
            "goal_words_missing": relevance_signal.missing_words(
                analyzer.text, goal.text, group.claim, surfaces
            ),
        },
        "consistency": {
            "misleading_below": s.misleading_below,
            "null_level": round(null, 4),
            "discussions": discussions,
        },
        "drift": {
            "older_off_topic_share": _round(parts.off_old[index]),
            "newer_off_topic_share": _round(parts.off_new[index]),
            # Each share is the mean of the posts judged one by one and read together.
            "older_one_by_one": _round(parts.old_one_by_one[index]),
            "older_read_together": _round(parts.old_together[index]),
            "newer_one_by_one": _round(parts.new_one_by_one[index]),
            "newer_read_together": _round(parts.new_together[index]),
            "newer_off_topic_as_read": _round(scored.newer_as_read[index]),
        },
        "promotion": {
            "promotion_at": s.promotion_at,
            # The marks that make the group's own title and description a pitch (then 1).
            "own_marks": scored.group.context.claim_pitches[index],
            "discussions": [
                {
                    "title": d["title"],
                    "marks": marks[rows[row]],
                    "promotional": promotion.is_promotional(marks[rows[row]]),
                }
                for row, d in enumerate(discussions)
                if d["recent"] and marks[rows[row]]
            ],
        },
        "size_fit": {"member_count": group.member_count, "size_range": list(s.size_range)},
        "member_fit": _members(analyzer, group),
        "activity": _activity(analyzer, group),
        "return_on_time": _effort(group),
    }
    return {
        "goal": {"id": goal.id, "text": goal.text},
        "group": {"id": group.id, "title": group.title, "member_count": group.member_count},
        "result": result.to_dict(),
        "thresholds": {name: getattr(s, name) for name in THRESHOLDS},
        # Every signal of the table; one without evidence of its own shows what it rests on.
        "evidence": {
            signal.name: gathered.get(signal.name, {"rests_on": list(signal.rests_on)})
            for signal in TABLE
        },
    }


def _round(value: float) -> float | None:
    return None if math.isnan(value) else round(float(value), 4)


def _members(analyzer: Analyzer, group: Group) -> list[dict[str, Any]]:
    matcher = analyzer.members
    return [
        {
            "name": m.name,
            "industry": m.industry,
            "location": m.location,
            "industry_match": matcher.industry(m),
            "location_match": matcher.location(m),
        }
        for m in group.members[:LISTED]
    ]


def _activity(analyzer: Analyzer, group: Group) -> dict[str, Any]:
    found = activity_evidence(group, analyzer.today)
    return {
        "discussions": None if group.discussions is None else len(group.discussions),
        "newest_days_ago": found.newest_days_ago,
        f"in_last_{WINDOW_DAYS}_days": found.recent,
        "median_reactions": found.median_reactions,
    }


def _effort(group: Group) -> dict[str, Any] | None:
    if not group.joined or group.effort is None:
        return None
    e = group.effort
    return {
        "hours": e.hours,
        "posts": e.posts,
        "comments": e.comments,
        "connections": e.connections,
        "replies": e.replies,
    }
