"""``relevance review``: for every joined group, what it cost, what it gave, what changed.

Per group, as of ``today``:

- hours, connections and replies over the last 4 and the last 12 weeks, and ``return_on_time``
  of each window (the scoring's own formula, :func:`relevance.signals.return_on_time.group_return`);
- the trend: ``return_on_time`` of each of the last three 4-week blocks, oldest first;
- what changed between the snapshot taken when the user joined (else the first one) and the
  latest: member count, ``relevance``, ``overall``, and whether the discussions moved to other
  topics (the cosine of the two snapshots' topic terms under :data:`MOVED_BELOW`);
- STAY or LEAVE from :func:`relevance.recommend.decide`, fed the latest snapshot's ``overall``
  and the last 12 weeks' effort, with the reasons behind it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from relevance import display
from relevance.display import counted, given_back, listed
from relevance.ledger.book import Entry, GroupRow, Ledger, Snapshot
from relevance.reasons import bad_talk, kept_or_left, too_soon
from relevance.recommend import Verdict, decide, over_budget
from relevance.schema import Effort, Group
from relevance.settings import Settings
from relevance.signals.return_on_time import REPLY_VALUE, group_return

MOVED_BELOW = 0.35
"""Topic similarity between two snapshots under which the discussions moved."""
MIN_WEEKS = 2.0
"""Weeks of membership before a weekly cost is judged (as the scoring does)."""


@dataclass(frozen=True)
class Window:
    """Effort over the last ``weeks`` weeks."""

    weeks: int
    hours: float
    connections: int
    replies: int
    return_on_time: float | None

    @property
    def value(self) -> float:
        """Connections plus half the replies: what came back, as the scoring counts it."""
        return self.connections + REPLY_VALUE * self.replies


@dataclass
class GroupReview:
    """The review of one joined group."""

    id: str
    title: str
    decision: str
    joined_on: date | None
    last_4: Window
    last_12: Window
    trend: list[float | None]
    trend_word: str
    members_then: int | None
    members_now: int | None
    relevance_then: float | None
    relevance_now: float | None
    overall_now: float | None
    moved_from: list[str] = field(default_factory=list)
    moved_to: list[str] = field(default_factory=list)
    topic_similarity: float | None = None
    since: date | None = None
    today: date | None = None
    reasons: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON values."""
        return {
            "id": self.id,
            "title": self.title,
            "decision": self.decision,
            "joined_on": _iso(self.joined_on),
            "hours_4w": round(self.last_4.hours, 2),
            "connections_4w": self.last_4.connections,
            "replies_4w": self.last_4.replies,
            "return_on_time_4w": _round(self.last_4.return_on_time),
            "hours_12w": round(self.last_12.hours, 2),
            "connections_12w": self.last_12.connections,
            "replies_12w": self.last_12.replies,
            "return_on_time_12w": _round(self.last_12.return_on_time),
            "trend": [_round(v) for v in self.trend],
            "trend_word": self.trend_word,
            "since": _iso(self.since),
            "members_then": self.members_then,
            "members_now": self.members_now,
            "relevance_then": _round(self.relevance_then),
            "relevance_now": _round(self.relevance_now),
            "overall_now": _round(self.overall_now),
            "topic_similarity": _round(self.topic_similarity),
            "moved_from": self.moved_from,
            "moved_to": self.moved_to,
            "reasons": list(self.reasons),
        }


def window(entries: list[Entry], today: date, weeks: int, min_hours: float = 0.0) -> Window:
    """Effort in the ``weeks`` weeks up to ``today`` (inclusive); its ``return_on_time`` is
    unknown while nothing came back from under ``min_hours`` (as the scoring's)."""
    start = today - timedelta(days=7 * weeks)
    chosen = [e for e in entries if start < e.day <= today]
    hours = sum(e.hours for e in chosen)
    connections = sum(e.connections for e in chosen)
    replies = sum(e.replies for e in chosen)
    roi = group_return(
        Group(
            id="", title="-", joined=True, effort=Effort(hours, None, None, connections, replies)
        ),
        min_hours,
    )
    return Window(weeks, hours, connections, replies, None if math.isnan(roi) else roi)


def trend(
    entries: list[Entry], today: date, min_hours: float = 0.0
) -> tuple[list[float | None], str]:
    """``return_on_time`` of the three 4-week blocks of the last 12 weeks, oldest first, and
    ``rising``, ``falling`` or ``steady`` (a change of 0.1 or more between the first and the
    last known block)."""
    blocks = []
    for k in (2, 1, 0):
        end = today - timedelta(days=28 * k)
        blocks.append(window(entries, end, 4, min_hours).return_on_time)
    known = [b for b in blocks if b is not None]
    if len(known) < 2:
        return blocks, "too early"
    change = known[-1] - known[0]
    return blocks, "rising" if change >= 0.1 else "falling" if change <= -0.1 else "steady"


def baseline(snapshots: list[Snapshot], joined_on: date | None) -> Snapshot:
    """The snapshot to compare with: the last one on or before joining, else the first."""
    if joined_on is not None:
        before = [s for s in snapshots if s.day <= joined_on]
        if before:
            return before[-1]
    return snapshots[0]


def topic_shift(then: Snapshot, now: Snapshot) -> tuple[float | None, list[str], list[str]]:
    """Cosine of the two snapshots' topic terms, and the words that left and arrived."""
    if not then.topics or not now.topics or then is now:
        return None, [], []
    old = {t: w for t, _, w in then.topics}
    new = {t: w for t, _, w in now.topics}
    dot = sum(w * new.get(t, 0.0) for t, w in old.items())
    norm = math.sqrt(sum(w * w for w in old.values())) * math.sqrt(sum(w * w for w in new.values()))
    similarity = dot / norm if norm else 0.0
    left = [word for t, word, _ in then.topics if t not in new][:3]
    arrived = [word for t, word, _ in now.topics if t not in old][:3]
    return similarity, left, arrived


def review_group(
    ledger: Ledger, group: GroupRow, today: date, settings: Settings
) -> GroupReview | None:
    """The review of one group; None when it is not joined or has no snapshot."""
    snapshots = [s for s in ledger.snapshots(group.key) if s.day <= today]
    if not group.joined or not snapshots:
        return None
    entries = ledger.entries(group.key, today)
    # Judged from leave_min_hours, as the scoring judges: sooner only for a group that takes
    # half the user's weekly hours (return_on_time.judged_from).
    weekly = _weekly(window(entries, today, 12).hours, group.joined_on, entries, today)
    least = 0.0 if over_budget(weekly, settings) else settings.leave_min_hours
    last_12 = window(entries, today, 12, least)
    # Once the 12 weeks are judged, a shorter stretch that gave nothing gave 0.
    least = 0.0 if last_12.return_on_time is not None else least
    last_4 = window(entries, today, 4, least)
    blocks, word = trend(entries, today, least)
    then, now = baseline(snapshots, group.joined_on), snapshots[-1]
    similarity, left, arrived = topic_shift(then, now)
    review = GroupReview(
        id=group.id,
        title=now.title,
        decision="STAY",
        joined_on=group.joined_on,
        last_4=last_4,
        last_12=last_12,
        trend=blocks,
        trend_word=word,
        members_then=then.member_count,
        members_now=now.member_count,
        relevance_then=then.score.get("relevance"),
        relevance_now=now.score.get("relevance"),
        overall_now=now.score.get("overall"),
        topic_similarity=similarity,
        since=then.day if then is not now else None,
        today=today,
    )
    if similarity is not None and similarity < MOVED_BELOW and left and arrived:
        review.moved_from, review.moved_to = left, arrived
    verdict = _verdict(review, now, group.joined_on, entries, today, settings)
    review.decision = decide(verdict, settings)
    review.reasons = _reasons(review, verdict, settings, now.score)
    return review


def _verdict(
    review: GroupReview,
    now: Snapshot,
    joined_on: date | None,
    entries: list[Entry],
    today: date,
    settings: Settings,
) -> Verdict:
    weekly = _weekly(review.last_12.hours, joined_on, entries, today)
    overall = review.overall_now if review.overall_now is not None else 1.0
    return Verdict(
        overall=overall,
        joined=True,
        misleading=now.score.get("misleading"),
        # Drifted by the snapshots (its topics moved) or by the last one's own discussions.
        drifted=bool(review.moved_to) or (now.score.get("drift") or 0.0) >= settings.drifted_at,
        promotion=now.score.get("promotion"),
        joined_days=(today - joined_on).days if joined_on else None,
        return_on_time=review.last_12.return_on_time,
        hours=review.last_12.hours,
        weekly_hours=weekly,
    )


def _weekly(
    hours: float, joined_on: date | None, entries: list[Entry], today: date
) -> float | None:
    """Hours a week over the last 12 weeks (or since joining), from two weeks of membership."""
    start = joined_on or (entries[0].day if entries else today)
    weeks = min(12.0, (today - start).days / 7.0)
    return hours / weeks if weeks >= MIN_WEEKS else None


def _reasons(
    review: GroupReview, verdict: Verdict, settings: Settings, score: dict[str, Any]
) -> list[str]:
    """The reasons of a review, the one that decided first; ``score`` is the latest
    snapshot's result."""
    reasons: list[tuple[float, str]] = []
    w = review.last_12
    roi = w.return_on_time
    got = given_back(w.connections, w.replies)
    if roi is not None:
        per_week = f"{w.hours:.1f} hours in the last 12 weeks"
        if roi < settings.leave_return_below:
            reasons.append((3.0, f"It gave back {got} for {per_week} (return on time {roi:.2f})."))
        else:
            # What keeps a STAY comes first; a LEAVE's reasons lead with what went wrong.
            first = 9.0 if roi >= settings.stay_return_at and review.decision == "STAY" else 1.0
            reasons.append(
                (first, f"It pays back: {got} for {per_week} (return on time {roi:.2f}).")
            )
    elif w.hours == 0:
        reasons.append((0.5, "No time logged in the last 12 weeks."))
    else:
        reasons.append((0.5, too_soon(w.hours, settings)))
    if review.trend_word in ("rising", "falling"):
        shown = " -> ".join("-" if v is None else f"{v:.2f}" for v in review.trend)
        reasons.append(
            (1.5, f"Its return on time is {review.trend_word}: {shown} (4-week blocks).")
        )
    since = (
        "since you joined"
        if review.since and review.joined_on and review.since <= review.joined_on
        else (f"since {review.since.isoformat()}" if review.since else "")
    )
    if review.moved_to:
        reasons.append(
            (
                3.2,
                f"Its discussions moved from {listed(review.moved_from)} to "
                f"{listed(review.moved_to)} {since} (topic similarity "
                f"{review.topic_similarity:.2f}).",
            )
        )
    then, now = review.relevance_then, review.relevance_now
    if review.since and then is not None and now is not None and abs(now - then) >= 0.1:
        moved = "rose" if now > then else "fell"
        reasons.append(
            (
                2.0 if now < then else 1.0,
                f"Its relevance {moved} from {then:.2f} to {now:.2f} {since}.",
            )
        )
    m0, m1 = review.members_then, review.members_now
    if review.since and m0 and m1 is not None and abs(m1 - m0) >= 0.1 * m0:
        reasons.append(
            (0.8, f"Members went from {m0:,} to {m1:,} {since} ({(m1 - m0) / m0:+.0%}).")
        )
    if verdict.overall < settings.leave_below:
        reasons.append(
            (
                2.8,
                f"Its score is {display.overall(verdict.overall, settings)}, "
                f"under the LEAVE line {settings.leave_below:.2f}.",
            )
        )
    bad = bad_talk(score.get("promotion"), score.get("drift"), score.get("misleading"), settings)
    if bad is None and review.moved_to:
        bad = "its talk moved away from what it was when you joined"
    gone = None
    if bad is not None:
        given = f"{got} for {w.hours:.1f} hours in the last 12 weeks" if roi is not None else ""
        gone = kept_or_left(review.decision, bad, roi, given, settings)
        said = _latest_talk(score, settings)
        if said:
            reasons.append((3.1, said))
    if gone:
        if roi is not None and roi >= settings.stay_return_at:  # it says what it gives back
            reasons = [item for item in reasons if not item[1].startswith("It pays back: ")]
        # What keeps a STAY opens it; a LEAVE's opens with what its talk became.
        reasons.append((9.5 if review.decision == "STAY" else 3.15, gone))
    elif review.decision == "STAY" and (roi is None or roi < settings.leave_return_below):
        # A STAY opens with what keeps it: nothing it gave back does.
        reasons.append((9.0, _kept(review, verdict, settings)))
    reasons.sort(key=lambda r: -r[0])
    return [text for _, text in reasons]


def _latest_talk(score: dict[str, Any], settings: Settings) -> str | None:
    """What the last snapshot's own discussions said of the group's talk, when it went bad."""
    drift, promotion = score.get("drift"), score.get("promotion")
    if promotion is not None and promotion >= settings.promotion_at:
        said = f"promotion {promotion:.2f}"
        return f"When last recorded, its recent talk was promotion or spam ({said})."
    if drift is not None and drift >= settings.drifted_at:
        return (
            f"When last recorded, its newer discussions had left its purpose (drift {drift:.2f})."
        )
    if score.get("misleading"):
        return "When last recorded, its discussions did not bear out its title (misleading)."
    return None


def _kept(review: GroupReview, verdict: Verdict, settings: Settings) -> str:
    """Why a joined group that does not pay back (or not yet) stays."""
    if review.overall_now is None:
        return "No score of it recorded yet: it stays until one says otherwise."
    shown = display.overall(review.overall_now, settings)
    if review.overall_now >= settings.leave_below:
        return (
            f"Its score is over the LEAVE line (overall {shown} >= leave_below "
            f"{settings.leave_below:.2f})."
        )
    days = verdict.joined_days or 0
    return (
        f"Joined {counted(days, 'day')} ago: too soon to leave it on its score alone "
        f"(overall {shown} < leave_below {settings.leave_below:.2f})."
    )


def review_ledger(
    ledger: Ledger, today: date, settings: Settings | None = None
) -> list[GroupReview]:
    """The review of every joined group, LEAVE first, then by 12-week return."""
    settings = settings or Settings()
    reviews = [r for g in ledger.groups() if (r := review_group(ledger, g, today, settings))]
    reviews.sort(key=lambda r: (r.decision != "LEAVE", -(r.last_12.return_on_time or 0.0), r.id))
    return reviews


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()
