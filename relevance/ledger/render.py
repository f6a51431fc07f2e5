"""Review, plan and history as a table (80 columns), JSON, JSON Lines or CSV."""

from __future__ import annotations

import csv
import io
import json
import textwrap
from datetime import date
from typing import Any

from relevance.display import counted
from relevance.display import hours as display_hours
from relevance.ledger.book import Entry, GroupRow, Snapshot
from relevance.ledger.plan import Plan
from relevance.ledger.review import GroupReview, Window

SCHEMA_VERSION = 1
WIDTH = 80


def review_output(reviews: list[GroupReview], fmt: str, today: date, ledger: str) -> str:
    """The review in ``fmt``: ``table``, ``json``, ``jsonl`` or ``csv``."""
    records = [r.to_dict() for r in reviews]
    if fmt != "table":
        head = {"schema_version": SCHEMA_VERSION, "today": today.isoformat(), "ledger": ledger}
        return _structured(records, fmt, head, "groups")
    if not reviews:
        return "No joined group in the ledger: log time with 'relevance log GROUP --hours H'.\n"
    lines = [
        f"{'decision':<9}{'last 4 weeks':<15}{'last 12 weeks':<16}{'return':>6}  {'trend':<10}title"
    ]
    for r in reviews:
        roi = r.last_12.return_on_time
        cells = f"{r.decision:<9}{_window(r.last_4):<15}{_window(r.last_12):<16}"
        cells += f"{'-' if roi is None else f'{roi:.2f}':>6}  {r.trend_word:<10}"
        lines.append(cells + _fit(r.title, WIDTH - len(cells)))
        lines.extend(_wrapped(r.reasons))
    lines.append("")
    lines.append("h hours, c connections, r replies; return: return on time over 12 weeks")
    return "\n".join(lines) + "\n"


def plan_output(plan: Plan, fmt: str, today: date) -> str:
    """The plan in ``fmt``: ``table``, ``json``, ``jsonl`` or ``csv``."""
    records = [r.to_dict() for r in plan.rows]
    if fmt != "table":
        head = {
            "schema_version": SCHEMA_VERSION,
            "today": today.isoformat(),
            "budget": plan.budget,
            "hours": plan.hours,
            "expected": round(plan.expected, 4),
        }
        return _structured(records, fmt, head, "groups")
    lines = [f"{'hours':>5}  {'expected':>8}  group"]
    for row in plan.planned:
        lines.append(f"{row.hours:>5.1f}  {row.expected:>8.2f}  " + _fit(row.title, WIDTH - 17))
        lines.extend(_wrapped([row.reason], indent=17))
    if plan.cut:
        lines.append("")
        lines.append("Not this week:")
        for row in plan.cut:
            lines.extend(
                textwrap.wrap(
                    f"{row.title}: {row.reason}",
                    WIDTH,
                    initial_indent="  ",
                    subsequent_indent="    ",
                )
            )
    lines.append("")
    lines.append(
        f"{plan.hours:g} of {plan.budget:g} hours planned; {plan.expected:.2f} connections "
        "expected this week (a reply counts half)."
    )
    return "\n".join(lines) + "\n"


def history_output(
    group: GroupRow, snapshots: list[Snapshot], entries: list[Entry], fmt: str
) -> str:
    """One group's snapshots and effort log as ``table`` or ``json``."""
    if fmt == "json":
        data = {
            "schema_version": SCHEMA_VERSION,
            "id": group.id,
            "title": group.title,
            "url": group.url,
            "joined": group.joined,
            "joined_on": None if group.joined_on is None else group.joined_on.isoformat(),
            "snapshots": [_snapshot_row(s) for s in snapshots],
            "effort": [
                {
                    "day": e.day.isoformat(),
                    "hours": e.hours,
                    "connections": e.connections,
                    "replies": e.replies,
                    "posts": e.posts,
                    "comments": e.comments,
                    "note": e.note,
                    "entry": e.entry,
                }
                for e in entries
            ],
        }
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    joined = (
        f"joined {group.joined_on.isoformat()}"
        if group.joined and group.joined_on
        else ("joined" if group.joined else "not joined")
    )
    lines = [f"{group.title} ({group.id}), {joined}"]
    if group.url:
        lines.append(group.url)
    lines.append("")
    lines.append(f"Snapshots ({len(snapshots)}):")
    lines.append(
        f"  {'day':<12}{'members':>8}{'relevance':>11}{'overall':>9}{'drift':>7}"
        "  decision  talk about"
    )
    for s in snapshots:
        row = _snapshot_row(s)
        words = ", ".join(w for _, w, _ in s.topics[:3])
        lines.append(
            f"  {row['day']:<12}{_num(row['member_count']):>8}{_score(row['relevance']):>11}"
            f"{_score(row['overall']):>9}{_score(row['drift']):>7}  {row['decision'] or '-':<10}"
            + _fit(words, WIDTH - 59)
        )
    hours = sum(e.hours for e in entries)
    conn = sum(e.connections for e in entries)
    rep = sum(e.replies for e in entries)
    lines.append("")
    lines.append(
        f"Effort ({counted(len(entries), 'entry', 'entries')}: {display_hours(hours)}, "
        f"{counted(conn, 'connection')}, {counted(rep, 'reply', 'replies')}):"
    )
    if entries:
        lines.append(f"  {'day':<12}{'hours':>6}{'connections':>13}{'replies':>9}  note")
    for e in entries:
        lines.append(
            f"  {e.day.isoformat():<12}{e.hours:>6g}{e.connections:>13}{e.replies:>9}  "
            + _fit(e.note or "", WIDTH - 44)
        )
    return "\n".join(line.rstrip() for line in lines).rstrip() + "\n"


def _snapshot_row(s: Snapshot) -> dict[str, Any]:
    score = s.score
    return {
        "day": s.day.isoformat(),
        "title": s.title,
        "member_count": s.member_count,
        "decision": score.get("decision"),
        "overall": score.get("overall"),
        "relevance": score.get("relevance"),
        "discussion_relevance": score.get("discussion_relevance"),
        "drift": score.get("drift"),
        "return_on_time": score.get("return_on_time"),
        "topics": [w for _, w, _ in s.topics],
    }


def _structured(records: list[dict[str, Any]], fmt: str, head: dict[str, Any], key: str) -> str:
    if fmt == "json":
        return json.dumps({**head, key: records}, indent=2, ensure_ascii=False) + "\n"
    if fmt == "jsonl":
        return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    out = io.StringIO()
    columns = list(records[0]) if records else []
    writer = csv.DictWriter(out, columns, lineterminator="\n")
    writer.writeheader()
    for record in records:
        writer.writerow({k: _csv(v) for k, v in record.items()})
    return out.getvalue()


def _csv(value: Any) -> Any:
    if isinstance(value, list):
        return " | ".join("" if v is None else str(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else value


def _window(w: Window) -> str:
    return f"{w.hours:.1f}h {w.connections}c {w.replies}r"


def _wrapped(reasons: list[str], indent: int = 4) -> list[str]:
    pad = " " * indent
    return [
        line
        for reason in reasons
        for line in textwrap.wrap(reason, WIDTH, initial_indent=pad, subsequent_indent=pad)
    ]


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(1, width - 1)] + "…"


def _num(value: int | None) -> str:
    return "-" if value is None else f"{value:,}"


def _score(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"
