"""``relevance explain``: every signal of one group, with the evidence behind it."""

from __future__ import annotations

import math
import textwrap
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import numpy as np

from relevance.analyzer import Analyzer
from relevance.runner import DEFAULT_CHUNK_SIZE
from relevance.schema import Goal, Group
from relevance.signals import discussions as discussions_signal
from relevance.signals.activity import WINDOW_DAYS
from relevance.signals.activity import evidence as activity_evidence
from relevance.signals.members import LISTED

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
    goal_terms = list(dict.fromkeys(analyzer.text.unigrams(goal.text)))
    surfaces = analyzer.text.surfaces([goal.text])
    claim_terms = set(analyzer.text.unigrams(group.claim))
    rows = np.flatnonzero(batch.discussion_owner == index)
    similarity = discussions_signal.similarity(batch, s.null_cap)[rows]
    p_off = scored.p_off[rows]
    weight = batch.discussion_weight[rows]
    null = float(min(batch.null_level()[index], s.null_cap))
    per_goal = scored.discussion_goal[rows, 0]
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
                "recency_weight": round(float(weight[row]), 4),
                "vs_goal_relevance": round(float(per_goal[row]), 4),
                "recent": row < s.recent_discussions,
            }
        )
    c_old, c_new = scored.drift_parts
    return {
        "goal": {"id": goal.id, "text": goal.text},
        "group": {"id": group.id, "title": group.title, "member_count": group.member_count},
        "result": result.to_dict(),
        "evidence": {
            "relevance": {
                "bm25_share": round(float(scored.relevance_score[index, 0]), 4),
                "scale": s.relevance_scale,
                "matched_terms": [
                    {"term": t, "weight": round(w, 4)} for t, w in result.matched_terms
                ],
                "goal_words_missing": [
                    analyzer.text.display(t, surfaces) for t in goal_terms if t not in claim_terms
                ],
            },
            "consistency": {
                "misleading_below": s.misleading_below,
                "null_level": round(null, 4),
                "discussions": discussions,
            },
            "drift": {
                "older_off_topic_share": _round(c_old[index]),
                "newer_off_topic_share": _round(c_new[index]),
            },
            "size_fit": {"member_count": group.member_count, "size_range": list(s.size_range)},
            "member_fit": _members(analyzer, group),
            "activity": _activity(analyzer, group),
            "return_on_time": _effort(group),
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


def render_explanation(data: dict[str, Any], width: int = 80) -> str:
    """The explanation as readable text."""
    r = data["result"]
    ev = data["evidence"]
    out = [
        f"{data['group']['title']} ({data['group']['id']})",
        *textwrap.wrap(f"Goal: {data['goal']['text']}", width, subsequent_indent="  "),
        f"Decision: {r['decision']}   overall {r['overall']:.2f}",
        "",
    ]
    for reason in r["reasons"]:
        out.extend(textwrap.wrap(f"Reason: {reason}", width, subsequent_indent="  "))
    rel = ev["relevance"]
    terms = ", ".join(f"{t['term']} {t['weight']:.3f}" for t in rel["matched_terms"]) or "none"
    out += [
        "",
        f"relevance            {_fmt(r['relevance'])}  share of the goal's BM25 weight "
        f"{rel['bm25_share']:.4f}; 1 - exp(-share / {rel['scale']})",
        *textwrap.wrap(
            f"matched goal terms: {terms}", width, initial_indent="  ", subsequent_indent="    "
        ),
        *textwrap.wrap(
            f"goal words not in title or description: {_join(rel['goal_words_missing'])}",
            width,
            initial_indent="  ",
            subsequent_indent="    ",
        ),
        f"discussion_relevance {_fmt(r['discussion_relevance'])}",
        f"consistency          {_fmt(r['consistency'])}  "
        f"1 - recency-weighted off-topic share; misleading below "
        f"{ev['consistency']['misleading_below']}: {r['misleading']}",
        "  p = P(off topic), w = recency weight, goal = relevance to the goal:",
    ]
    for d in ev["consistency"]["discussions"]:
        mark = "on topic " if d["on_topic"] else "OFF TOPIC"
        title = textwrap.shorten(d["title"], max(width - 50, 20), placeholder="…")
        out.append(
            f"  {mark} p {d['off_topic_probability']:.2f} w {d['recency_weight']:.2f} "
            f"goal {d['vs_goal_relevance']:.2f} {d['date'] or '?':10} {title}"
        )
    out += [
        f"drift                {_fmt(r['drift'])}  "
        f"off topic: older half {_pct(ev['drift']['older_off_topic_share'])}, "
        f"newer half {_pct(ev['drift']['newer_off_topic_share'])}",
        f"size_fit             {_fmt(r['size_fit'])}  {_members_count(ev['size_fit'])} members, "
        f"best {ev['size_fit']['size_range'][0]}-{ev['size_fit']['size_range'][1]}",
        f"member_fit           {_fmt(r['member_fit'])}",
    ]
    for m in ev["member_fit"]:
        out.append(
            f"  {_yes(m['industry_match'])} industry {_yes(m['location_match'])} place  "
            f"{m['name'] or '?'}: {m['industry'] or '?'}, {m['location'] or '?'}"
        )
    act = ev["activity"]
    out.append(
        f"activity             {_fmt(r['activity'])}  {_newest(act['newest_days_ago'])}, "
        f"{act[f'in_last_{WINDOW_DAYS}_days']} in {WINDOW_DAYS} days, "
        f"median reactions {_fmt(act['median_reactions'], 1)}"
    )
    effort = ev["return_on_time"]
    detail = (
        f"{effort['hours']} hours -> {effort['connections']} connections, "
        f"{effort['replies']} replies"
        if effort
        else "not joined, or no effort recorded"
    )
    out.append(f"return_on_time       {_fmt(r['return_on_time'])}  {detail}")
    return "\n".join(out)


def _fmt(value: float | None, places: int = 2) -> str:
    return "null" if value is None else f"{value:.{places}f}"


def _yes(value: bool | None) -> str:
    return {True: "yes", False: "no ", None: " ? "}[value]


def _join(words: list[str]) -> str:
    return ", ".join(words) or "none"


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value:.0%}"


def _newest(days: int | None) -> str:
    return "no dated discussions" if days is None else f"newest {days} days ago"


def _members_count(size: dict[str, Any]) -> str:
    count = size["member_count"]
    return "unknown" if count is None else f"{count:,}"
