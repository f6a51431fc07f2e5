"""``relevance explain`` as text: every signal, its evidence, and each threshold it is held to.

The text fits 80 columns: a line that does not fit is wrapped between words and its
continuation indented under where it started (never cut mid-word by the terminal), and a
discussion's title takes the room its line leaves. Wherever a number decides something, the
line shows the number beside the threshold it is compared with (``0.20 < misleading_below
0.50``), so the reader can check the decision without the source.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from relevance import display
from relevance.signals.activity import WINDOW_DAYS
from relevance.signals.table import TABLE

_ = display.GLUE  # between words a line must not be broken at: "0.1056 < 0.0355"

NAME = 21  # the signal names' column; values follow
DETAIL = NAME + 6  # where a signal's evidence starts


def render_explanation(data: dict[str, Any], width: int = 80) -> str:
    """The explanation of :func:`relevance.explain.explain_group` as lines of ``width`` columns.

    Parameters
    ----------
    data : dict
        The explanation (``goal``, ``group``, ``result``, ``evidence``, ``thresholds``).
    width : int, default=80
        The width of a line in terminal columns.

    Returns
    -------
    str
        The text, without a final line break.
    """
    r = data["result"]
    limits = data.get("thresholds", {})
    out = [*_wrap(f"{_text(data['group']['title'])} ({data['group']['id']})", width, "", "  ")]
    out += _wrap(f"Goal: {_text(data['goal']['text'])}", width, "", "  ")
    out += _wrap(_decision(r, limits), width, "", "  ")
    out.append("")
    for reason in r["reasons"]:
        out += _wrap(f"Reason: {_text(reason)}", width, "", "  ")
    out.append("")
    for name, value, detail, below in _signals(r, data["evidence"], limits, width):
        head = f"{name:<{NAME}}{_fmt(value)}"
        out += _wrap(f"{head}  {detail}" if detail else head, width, "", " " * DETAIL)
        for line in below:
            out += line if isinstance(line, list) else _wrap(line, width, "  ", "      ")
    return "\n".join(out)


def _wrap(text: str, width: int, first: str, rest: str) -> list[str]:
    return display.wrap(text, width, first, rest) or [first.rstrip()]


def _text(value: str) -> str:
    return display.clean(value)


def _decision(r: dict[str, Any], limits: dict[str, Any]) -> str:
    if not limits:
        return f"Decision: {r['decision']}   overall {r['overall']:.2f}"
    # Beside its thresholds, overall reads on its side of each (display.overall).
    shown = display.overall(r["overall"], limits)
    head = f"Decision: {r['decision']}   overall {shown}"
    if r["joined"]:
        sign = "<" if r["overall"] < limits["leave_below"] else ">="
        return f"{head}{_}{sign}{_}leave_below{_}{limits['leave_below']:.2f}"
    rule = (
        f"JOIN from join_at{_}{limits['join_at']:.2f}, "
        f"CONSIDER from consider_at{_}{limits['consider_at']:.2f}"
    )
    if r["misleading"]:
        rule += "; a misleading title is at best CONSIDER"
    return f"{head} ({rule})"


def _compare(value: float, name: str, limit: float, places: int = 2) -> str:
    """``0.58 >= leave_below 0.35``: a number, how it stands, the setting it is held to."""
    sign = "<" if value < limit else ">="
    shown = display.beside(value, limit, places)
    return f"{shown}{_}{sign}{_}{name}{_}{limit:.{places}f}"


def _signals(
    r: dict[str, Any], ev: dict[str, Any], limits: dict[str, Any], width: int
) -> list[tuple[str, Any, str, list[Any]]]:
    """A row per signal of the table: its value, the evidence beside it, the lines below."""
    rows = []
    for signal in TABLE:
        render = _RENDER.get(signal.name)
        found = ev.get(signal.name)
        detail, below = render(r, found, limits, width) if render else ("", [])
        missing = tuple(k for k in signal.rests_on if k not in r.get("evidence", ()))
        if not detail and r[signal.name] is None and missing:
            detail = f"unknown: no {_or(missing)} given"
        rows.append((signal.name, r[signal.name], detail, below))
    return rows


def _relevance(r: dict[str, Any], rel: Any, limits: dict[str, Any], width: int) -> Detail:
    terms = ", ".join(
        f"{t['term'].replace(' ', _)}{_}{t['weight']:.3f}" for t in rel["matched_terms"]
    )
    return (
        f"share of the goal's BM25 weight {rel['bm25_share']:.4f}; "
        f"relevance{_}={_}1{_}-{_}exp(-share{_}/{_}{rel['scale']})",
        [
            f"matched goal terms: {terms or 'none'}",
            f"goal words not in title or description: {_join(rel['goal_words_missing'])}",
        ],
    )


def _or(items: tuple[str, ...]) -> str:
    return display.listed([item.replace("_", " ") for item in items])


def _consistency(r: dict[str, Any], cons: Any, limits: dict[str, Any], width: int) -> Detail:
    value = r["consistency"]
    below = _discussions(cons, width)
    if value is None:
        return "no discussions to compare with the title", below
    verdict = "misleading" if r["misleading"] else "not misleading"
    return (
        f"{_compare(value, 'misleading_below', cons['misleading_below'])}: {verdict}; "
        "1 - the recency-weighted off-topic share of the recent discussions, judged one by "
        "one and read together. Each below: p = P(off topic), w = recency weight, goal = how "
        "much it serves the goal"
    ), below


def _discussions(cons: dict[str, Any], width: int) -> list[Any]:
    lines: list[Any] = []
    for d in cons["discussions"]:
        mark = "on topic " if d["on_topic"] else "OFF TOPIC"
        head = f"  {mark} p {d['off_topic_probability']:.2f} w {d['recency_weight']:.2f} "
        head += f"goal {d['vs_goal_relevance']:.2f} "
        head += f"{d['date'] or '?':10} "
        if d.get("read_as"):  # a pitch or a job ad: what it is decided, not its words
            head += f"{d['read_as']}: "
        # One line each: the title takes the room left and is cut there, with an ellipsis.
        lines.append([head + display.truncate(_text(d["title"]), width - display.width(head))])
    return lines


def _drift(r: dict[str, Any], drift: Any, limits: dict[str, Any], width: int) -> Detail:
    old, new = drift["older_off_topic_share"], drift["newer_off_topic_share"]
    # The newer half's share counts a post as off only when it is off the older talk too.
    text = f"older half off topic {_pct(old)}{_halves(drift, 'older')}; "
    text += f"newer half off topic and unlike the older {_pct(new)}{_halves(drift, 'newer')}"
    as_read = drift.get("newer_off_topic_as_read")
    if as_read is not None:
        text += f" (off the title as read, without the prior: {_pct(as_read)})"
    if r["drift"] is not None and "drifted_at" in limits:
        value = r["drift"]
        if value >= limits["drifted_at"]:
            text += f"; drift{_}{_compare(value, 'drifted_at', limits['drifted_at'])}: drifted"
        elif "join_drift" in limits and value >= limits["join_drift"]:
            verdict = "drifting, never JOIN"
            text += f"; drift{_}{_compare(value, 'join_drift', limits['join_drift'])}: {verdict}"
        else:
            verdict = "not drifted"
            text += f"; drift{_}{_compare(value, 'drifted_at', limits['drifted_at'])}: {verdict}"
    return text, []


def _halves(drift: Any, half: str) -> str:
    """How a half's share was made: the mean of its posts one by one and read together (a
    half whose posts each look off can read as on topic together, and the share says both)."""
    one, together = drift.get(f"{half}_one_by_one"), drift.get(f"{half}_read_together")
    if one is None or together is None:
        return ""
    return f" (one by one {_pct(one)}, read together {_pct(together)})"


def _promotion(r: dict[str, Any], promo: Any, limits: dict[str, Any], width: int) -> Detail:
    value = r["promotion"]
    below = [
        f"{'PITCH' if d['promotional'] else 'weak '} {_text(d['title'])}: {', '.join(d['marks'])}"
        for d in promo["discussions"]
    ]
    if value is None:
        return "no discussions", below
    verdict = "never JOIN" if value >= promo["promotion_at"] else "not a verdict"
    head = _compare(value, "promotion_at", promo["promotion_at"])
    own = promo.get("own_marks")
    if own:  # the group itself is a pitch, whatever its discussions
        return (
            f"{head}: {verdict}; its own title and description read as a pitch: "
            f"{display.listed(own)}"
        ), below
    return (
        f"{head}: {verdict}; the recent discussions with marks of a pitch below (PITCH: a "
        "strong mark or two weak ones)"
    ), below


def _size(r: dict[str, Any], size: Any, limits: dict[str, Any], width: int) -> Detail:
    count = size["member_count"]
    low, high = size["size_range"]
    members = "unknown" if count is None else f"{count:,}"
    return f"{members} members; size fit 1 from {low:,} to {high:,}", []


def _members(r: dict[str, Any], listed: Any, limits: dict[str, Any], width: int) -> Detail:
    return "", [_member(m, width) for m in listed]


def _member(m: dict[str, Any], width: int) -> list[str]:
    head = f"  {_yes(m['industry_match'])} industry {_yes(m['location_match'])} place  "
    text = f"{_text(m['name'] or '?')}: {_text(m['industry'] or '?')}, "
    text += _text(m["location"] or "?")
    return display.wrap(text, width, head, " " * display.width(head))


def _activity(r: dict[str, Any], act: Any, limits: dict[str, Any], width: int) -> Detail:
    newest = act["newest_days_ago"]
    seen = (
        "no dated discussions" if newest is None else f"newest {display.counted(newest, 'day')} ago"
    )
    median = act["median_reactions"]
    reactions = "no reactions given" if median is None else f"median reactions {median:.1f}"
    return f"{seen}, {act[f'in_last_{WINDOW_DAYS}_days']} in {WINDOW_DAYS} days, {reactions}", []


def _effort(r: dict[str, Any], effort: Any, limits: dict[str, Any], width: int) -> Detail:
    value = r["return_on_time"]
    if not effort:
        return "not joined, or no effort recorded", []
    connections, replies = effort["connections"], effort["replies"]
    recorded = connections is not None or replies is not None
    if not recorded:
        back = "no connections or replies recorded"
    else:
        back = (
            f"{_count(connections, 'connection', 'connections')}, "
            f"{_count(replies, 'reply', 'replies')}"
        )
    text = f"{display.hours(effort['hours'])} -> {back}" if effort["hours"] is not None else back
    if value is not None and "leave_return_below" in limits:
        hours = effort["hours"] or 0.0
        text += (
            f"; {_compare(value, 'leave_return_below', limits['leave_return_below'])}, "
            f"hours{_}{_compare(hours, 'leave_min_hours', limits['leave_min_hours'], 1)}"
        )
    elif effort["hours"] is not None and recorded and "leave_min_hours" in limits:
        text += f"; nothing back yet from under {limits['leave_min_hours']:g} hours: not judged"
    return text, []


Detail = tuple[str, list[Any]]
"""A signal's evidence beside its value, and the lines below it."""
Render = Callable[[dict[str, Any], Any, dict[str, Any], int], Detail]

_RENDER: dict[str, Render] = {
    "relevance": _relevance,
    "consistency": _consistency,
    "drift": _drift,
    "promotion": _promotion,
    "size_fit": _size,
    "member_fit": _members,
    "activity": _activity,
    "return_on_time": _effort,
}
"""Signals with evidence of their own to show; any other shows its value (and, when unknown,
the data it needs: the table's ``rests_on``)."""


def _fmt(value: float | None, places: int = 2) -> str:
    return "null" if value is None else f"{value:.{places}f}"


def _yes(value: bool | None) -> str:
    return {True: "yes", False: "no ", None: " ? "}[value]


def _join(words: list[str]) -> str:
    return ", ".join(words) or "none"


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value:.0%}"


def _count(value: int | None, one: str, many: str) -> str:
    """A recorded count with its noun (``1 reply``), or that it was not recorded."""
    return f"{many} not recorded" if value is None else display.counted(value, one, many)
