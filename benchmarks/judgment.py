"""Group-level judgment benchmark (issue 8): honest, short, noisy, misleading and drifted groups.

Run from the repository root::

    python benchmarks/judgment.py [--data ../shared/data] [--json figures.json] [--limit N]
                                  [--only fnc1-train,fnc1-holdout,arc,meetup]

Protocol (issue 8). For each claim (a headline) with at least six related and six unrelated
texts, six of each are drawn with a seeded generator. Each text becomes a discussion: its title
is the text's first sentence (up to the first word ending in ``.``, ``!`` or ``?`` from the third
word on) cut at 16 words, its body the 60 words that follow the title. The discussions are a week
apart, newest first, the newest on :data:`NEWEST`; ``today`` is a week later. The group's title
is the claim, ``member_count`` 1200, and the goal is the claim. Five groups per claim:

- ``honest``: the six related texts;
- ``short``: the same six, titles only;
- ``noisy``: five related, one unrelated third-newest;
- ``misleading``: the six unrelated;
- ``drifted``: the three newest unrelated, the three older related.

Sets: FNC-1 training pairs built separately from the bodies of the official split's training
ids (``fnc1-train``) and of its hold-out ids (``fnc1-holdout``); ARC training pairs (``arc``);
Meetup (``meetup``), a short-post set: a group (name, HTML description) with at least four
events, its own newest (up to six) event titles as ``honest``; ``noisy`` the first five of them
with another group's newest event third-newest; ``misleading`` another group's newest (up to six)
event titles; ``drifted`` another group's three newest, then three of its own. The other group
is drawn (seeded) among the eligible groups that share no topic tag with it, so that its events
are off the group's purpose. The Meetup goal is the group's *name* (what a user would type to
find it), not a topic tag: about half of the groups have no tag.

The product scores all groups of a set as ONE batch (so document frequencies and the level of
unrelated pairs come from the whole set, as ``score`` does for a chunk), each group against its
own claim: the goals are the set's claims and only the (group, own goal) results are built.

Baseline, in the same run: scikit-learn ``TfidfVectorizer()`` fitted on the set's texts; one
cosine threshold per discussion (discussion vs the group's title and description), fitted for
accuracy on the ``fnc1-train`` set's discussion-vs-claim pairs (the six related and six
unrelated full texts of each claim) and used unchanged on every set. A group is misleading when
a majority (more than half) of its discussions is under the threshold; ``drift`` is the share of
the newer half (the ``n // 2`` newest) under it minus that of the older half (four discussions
or more), drifted at 0.5; its discussion relevance (and its ``overall``, for the ranking row) is
the mean cosine of the discussions with the goal; it says JOIN when the group is neither
misleading nor drifted and that mean is above the threshold.
"""

from __future__ import annotations

import argparse
import functools
import json
import re
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

try:  # imported as ``benchmarks.judgment``
    from benchmarks import quality_data as qd
except ImportError:  # run as ``python benchmarks/judgment.py``
    import quality_data as qd  # type: ignore[no-redef]

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO_ROOT.parent / "shared" / "data"
SETS = ("fnc1-train", "fnc1-holdout", "arc", "meetup")
#: The folder each set needs under ``--data``.
FOLDERS = {"fnc1-train": "fnc1", "fnc1-holdout": "fnc1", "arc": "arc", "meetup": "meetup"}
KINDS = ("honest", "short", "noisy", "misleading", "drifted")
PER_KIND = 6
TITLE_WORDS = 16
BODY_WORDS = 60
MEMBER_COUNT = 1200
#: The newest discussion's date; the others are a week apart before it.
NEWEST = date(2026, 11, 22)
TODAY = NEWEST + timedelta(days=7)
#: A Meetup group needs this many events (the drift split needs four discussions).
MEETUP_MIN_EVENTS = 4
#: ``drift`` at or above this is "drifted" (the product's ``drifted_at`` default).
DRIFTED_AT = 0.5
#: ``discussion_relevance`` at or above this, for a group whose talk is all off its goal, is wrong.
OFF_GOAL_RELEVANCE = 0.3
GOAL_BLOCK = 64

Post = tuple[str, str | None]


# --------------------------------------------------------------------------- building the groups


def to_post(text: str) -> Post | None:
    """A text as a discussion ``(title, body)``: first sentence cut at 16 words, next 60 words.

    The first sentence ends at the first word ending in ``.``, ``!`` or ``?`` (closing quotes
    and brackets aside) from the third word on, so that "Mr." or "U.S." at the start do not
    make a one-word title. ``None`` for a text without words.
    """
    words = text.split()
    if not words:
        return None
    end = len(words)
    for i, word in enumerate(words[2:], 2):
        if re.search(r"[.!?][\"'\u201d\u2019)\]]*$", word):
            end = i + 1
            break
    n_title = min(end, TITLE_WORDS)
    body = " ".join(words[n_title : n_title + BODY_WORDS])
    return " ".join(words[:n_title]), body or None


@dataclass
class Claim:
    """One claim and the texts its groups are built from (newest first)."""

    title: str
    description: str | None
    goal: str
    related: list[Post]
    unrelated: list[Post]
    #: The claim as plain text for the baseline (title and description).
    plain: str


@dataclass
class JudgeSet:
    """The groups of one set, in the product's input schema, with what each one is."""

    name: str
    claims: list[Claim]
    groups: list[dict[str, Any]] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    owner: list[int] = field(default_factory=list)  # index of the group's claim
    posts: list[list[Post]] = field(default_factory=list)


def _discussions(posts: list[Post]) -> list[dict[str, Any]]:
    return [
        {
            "title": title,
            **({"body": body} if body else {}),
            "date": (NEWEST - timedelta(days=7 * i)).isoformat(),
        }
        for i, (title, body) in enumerate(posts)
    ]


def group_posts(claim: Claim, short_set: bool) -> dict[str, list[Post]]:
    """The discussions of each of a claim's groups (``short`` only when texts have bodies)."""
    rel, unrel = claim.related, claim.unrelated
    kinds = {
        "honest": rel[:PER_KIND],
        "short": [(title, None) for title, _ in rel[:PER_KIND]],
        "noisy": [*rel[:2], unrel[0], *rel[2 : PER_KIND - 1]],
        "misleading": unrel[:PER_KIND],
        "drifted": [*unrel[:3], *rel[:3]],
    }
    if short_set:
        del kinds["short"]
    return kinds


def assemble(name: str, claims: list[Claim], short_set: bool = False) -> JudgeSet:
    """Build the groups of every claim (ids ``<set>-<claim>-<kind>``)."""
    out = JudgeSet(name, claims)
    for c, claim in enumerate(claims):
        for kind, posts in group_posts(claim, short_set).items():
            group: dict[str, Any] = {
                "id": f"{name}-{c}-{kind}",
                "title": claim.title,
                "member_count": MEMBER_COUNT,
                "discussions": _discussions(posts),
            }
            if claim.description:
                group["description"] = claim.description
            out.groups.append(group)
            out.kinds.append(kind)
            out.owner.append(c)
            out.posts.append(posts)
    return out


def stance_claims(data: qd.PairData, keep: np.ndarray, limit: int | None = None) -> list[Claim]:
    """Claims of an FNC-1-format data set with >= 6 related and >= 6 unrelated texts.

    Only the pairs in ``keep`` count. Claims in file order; six of each kind drawn per claim
    with one seeded generator (candidates sorted by body index), so the first ``limit`` claims
    are the same whatever ``limit``.
    """
    related: dict[int, set[int]] = defaultdict(set)
    unrelated: dict[int, set[int]] = defaultdict(set)
    posts = [to_post(body) for body in data.bodies]
    for i in np.flatnonzero(keep):
        b = int(data.body_of[i])
        if posts[b] is not None:
            (unrelated if data.unrelated[i] else related)[int(data.claim_of[i])].add(b)
    rng = np.random.default_rng(qd.SEED)
    claims: list[Claim] = []
    for c, text in enumerate(data.claims):
        if len(related[c]) < PER_KIND or len(unrelated[c]) < PER_KIND:
            continue
        picked = [
            [posts[b] for b in rng.choice(sorted(pool), PER_KIND, replace=False)]
            for pool in (related[c], unrelated[c])
        ]
        claims.append(Claim(text, None, text, *picked, plain=text))  # type: ignore[arg-type]
        if limit is not None and len(claims) == limit:
            break
    return claims


@functools.lru_cache(maxsize=2)
def _fnc1(root: Path) -> qd.PairData:
    """FNC-1, read once for both parts."""
    return qd.load_fnc1(root)


def build_fnc1(root: Path, part: str, limit: int | None = None) -> JudgeSet:
    """FNC-1 training pairs whose body is in the split's ``training`` or ``hold-out`` ids."""
    data = _fnc1(root)
    fold = {"fnc1-train": 0, "fnc1-holdout": 1}[part]
    return assemble(part, stance_claims(data, data.fold == fold, limit))


def build_arc(root: Path, limit: int | None = None) -> JudgeSet:
    """ARC training pairs (all of them)."""
    data = qd.load_arc(root)
    return assemble("arc", stance_claims(data, np.ones(len(data.claim_of), bool), limit))


def build_meetup(root: Path, limit: int | None = None) -> JudgeSet:
    """Meetup groups with their own and another (topic-disjoint) group's event titles."""
    folder = root / "meetup"
    events: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for row in qd.read_csv(folder / "events.csv"):
        if row["name"].strip():
            events[row["group_id"]].append((int(row["time"] or 0), row["name"].strip()))
    tags: dict[str, set[str]] = defaultdict(set)
    for row in qd.read_csv(folder / "groups_topics.csv"):
        tags[row["groupId"]].add(row["name"])
    rows = [
        r for r in qd.read_csv(folder / "groups.csv") if len(events[r["id"]]) >= MEETUP_MIN_EVENTS
    ]
    newest = {
        r["id"]: [(t, None) for _, t in sorted(events[r["id"]], reverse=True)[:PER_KIND]]
        for r in rows
    }
    rng = np.random.default_rng(qd.SEED)
    claims: list[Claim] = []
    for row in rows:
        others = [
            o["id"] for o in rows if o["id"] != row["id"] and not tags[o["id"]] & tags[row["id"]]
        ]
        other = others[int(rng.integers(len(others)))]
        plain = f"{row['name']} {qd.html_to_text(row['description'])}"
        claims.append(
            Claim(
                row["name"],
                row["description"],
                row["name"],
                newest[row["id"]],
                newest[other],
                plain,
            )
        )
        if limit is not None and len(claims) == limit:
            break
    return assemble("meetup", claims, short_set=True)


BUILDERS: dict[str, Callable[[Path, int | None], JudgeSet]] = {
    "fnc1-train": lambda root, limit: build_fnc1(root, "fnc1-train", limit),
    "fnc1-holdout": lambda root, limit: build_fnc1(root, "fnc1-holdout", limit),
    "arc": build_arc,
    "meetup": build_meetup,
}


# --------------------------------------------------------------------------- per-group verdicts


@dataclass
class Verdicts:
    """One system's verdict on every group of a set (arrays aligned with ``JudgeSet.groups``)."""

    misleading: np.ndarray  # bool
    drifted: np.ndarray  # bool: drift >= 0.5 (or, for the product, a drift reason)
    drift_high: np.ndarray  # bool: drift >= 0.5
    join: np.ndarray  # bool
    discussion_relevance: np.ndarray  # float, NaN unknown
    overall: np.ndarray  # float


def load_product() -> tuple[Any | None, str]:
    """An ``Analyzer(today=TODAY)`` from the working tree's package, or why there is none."""
    if str(REPO_ROOT) not in sys.path:
        sys.path.insert(0, str(REPO_ROOT))
    try:
        from relevance import Analyzer  # type: ignore[attr-defined]

        return Analyzer(today=TODAY), ""
    except Exception as exc:
        return None, f"{type(exc).__name__}: {exc}"


def product_results(analyzer: Any, jset: JudgeSet) -> list[Any]:
    """The product's ``Result`` of every group against its own claim's goal, in group order.

    This is the only place that calls the product: adapt it here when its API changes. The
    whole set is one batch (``Analyzer.index``, as ``score`` vectorizes a chunk), scored against
    the claims' goals block by block (``Analyzer.signals``), and ``Analyzer.results`` builds
    only the (group, own goal) pairs: the same pipeline as ``Analyzer.score`` with one chunk.
    """
    goals = analyzer.check_goals(
        analyzer.goals(
            None, [{"id": f"claim-{c}", "text": cl.goal} for c, cl in enumerate(jset.claims)]
        )
    )
    batch = analyzer.index(jset.groups)
    by_claim: dict[int, list[int]] = defaultdict(list)
    for g, c in enumerate(jset.owner):
        by_claim[c].append(g)
    found: dict[int, Any] = {}
    for start in range(0, len(goals), GOAL_BLOCK):
        block = goals[start : start + GOAL_BLOCK]
        scored = analyzer.signals(batch, block)
        pairs = [(g, k) for k in range(len(block)) for g in by_claim[start + k]]
        for (g, _), result in zip(pairs, analyzer.results(scored, pairs), strict=True):
            found[g] = result
    return [found[g] for g in range(len(jset.groups))]


def says_drift(reasons: Sequence[str]) -> bool:
    """Whether a reason tells of drift (``drift``, ``drifted``...)."""
    return any(re.search(r"\bdrift", reason, re.IGNORECASE) for reason in reasons)


def product_verdicts(results: list[Any]) -> Verdicts:
    """The product's verdicts from its results."""
    drift = np.array([np.nan if r.drift is None else r.drift for r in results])
    high = np.nan_to_num(drift, nan=0.0) >= DRIFTED_AT
    return Verdicts(
        misleading=np.array([r.misleading is True for r in results]),
        drifted=high | np.array([says_drift(r.reasons) for r in results]),
        drift_high=high,
        join=np.array([r.decision == "JOIN" for r in results]),
        discussion_relevance=np.array(
            [np.nan if r.discussion_relevance is None else r.discussion_relevance for r in results]
        ),
        overall=np.array([r.overall for r in results]),
    )


def _text(post: Post) -> str:
    return post[0] if post[1] is None else f"{post[0]} {post[1]}"


@dataclass
class Cosines:
    """The baseline's cosines: each discussion with its group's claim and with its goal."""

    claim: list[np.ndarray]
    goal: list[np.ndarray]


def baseline_cosines(jset: JudgeSet) -> Cosines:
    """``TfidfVectorizer()`` fitted on the set's distinct texts; L2-normalised dot products."""
    texts = sorted(
        {cl.plain for cl in jset.claims}
        | {cl.goal for cl in jset.claims}
        | {_text(p) for posts in jset.posts for p in posts}
    )
    row = {t: i for i, t in enumerate(texts)}
    matrix = TfidfVectorizer().fit_transform(texts)
    claim_cos, goal_cos = [], []
    for c, posts in zip(jset.owner, jset.posts, strict=True):
        docs = matrix[[row[_text(p)] for p in posts]]
        claim = jset.claims[c]
        claim_cos.append(np.asarray((docs @ matrix[row[claim.plain]].T).todense()).ravel())
        goal_cos.append(np.asarray((docs @ matrix[row[claim.goal]].T).todense()).ravel())
    return Cosines(claim_cos, goal_cos)


def fit_baseline_threshold(jset: JudgeSet, cosines: Cosines) -> float:
    """The cosine threshold that best separates related from unrelated texts of ``jset``.

    The pairs are each claim's six related and six unrelated full texts (from its ``honest``
    and ``misleading`` groups) against the claim.
    """
    try:  # the same threshold fit as the quality benchmark
        from benchmarks.quality import fit_threshold
    except ImportError:
        from quality import fit_threshold  # type: ignore[no-redef]

    scores, unrelated = [], []
    for kind, cos in zip(jset.kinds, cosines.claim, strict=True):
        if kind in ("honest", "misleading"):
            scores.append(cos)
            unrelated.append(np.full(len(cos), kind == "misleading"))
    return fit_threshold(np.concatenate(scores), np.concatenate(unrelated))


def baseline_verdicts(cosines: Cosines, threshold: float) -> Verdicts:
    """Majority vote for misleading, newer-minus-older off share for drift (see the module)."""
    mis, drift, rel = [], [], []
    for claim_cos, goal_cos in zip(cosines.claim, cosines.goal, strict=True):
        off = claim_cos < threshold
        n = len(off)
        mis.append(off.mean() > 0.5)
        newer = n // 2
        d = np.clip(off[:newer].mean() - off[newer:].mean(), 0, 1) if n >= 4 else 0.0
        drift.append(d)
        rel.append(goal_cos.mean())
    misleading = np.array(mis)
    drift_high = np.array(drift) >= DRIFTED_AT
    relevance = np.array(rel)
    return Verdicts(
        misleading=misleading,
        drifted=drift_high,
        drift_high=drift_high,
        join=~misleading & ~drift_high & (relevance > threshold),
        discussion_relevance=relevance,
        overall=relevance,
    )


# --------------------------------------------------------------------------- the measures


@dataclass(frozen=True)
class Measure:
    """One row of the table: a share over some groups, and its target."""

    key: str
    label: str
    op: str  # "<=" or ">="
    target: float
    compute: Callable[[JudgeSet, Verdicts], tuple[float, int]]

    def met(self, value: float) -> bool | None:
        if not self.op:  # a figure shown for context, with no target
            return None
        return value <= self.target if self.op == "<=" else value >= self.target


def _share(jset: JudgeSet, kinds: Sequence[str], flag: np.ndarray) -> tuple[float, int]:
    mask = np.isin(jset.kinds, kinds)
    n = int(mask.sum())
    return (float(flag[mask].mean()) if n else float("nan")), n


def _below_twin(jset: JudgeSet, v: Verdicts) -> tuple[float, int]:
    index = {(c, k): g for g, (c, k) in enumerate(zip(jset.owner, jset.kinds, strict=True))}
    wins = [
        v.overall[g] < v.overall[index[c, "honest"]]
        for (c, k), g in index.items()
        if k == "drifted"
    ]
    return float(np.mean(wins)), len(wins)


HONEST = ("honest", "short", "noisy")
MEASURES = (
    Measure(
        "honest_misleading",
        "honest, short and noisy flagged misleading",
        "<=",
        0.03,
        lambda s, v: _share(s, HONEST, v.misleading),
    ),
    Measure(
        "honest_drifted",
        "the same said to have drifted (drift >= 0.5 or a drift reason)",
        "<=",
        0.03,
        lambda s, v: _share(s, HONEST, v.drifted),
    ),
    Measure(
        "noisy_drifted",
        "  noisy alone (one unrelated post among six)",
        "<=",
        0.03,
        lambda s, v: _share(s, ("noisy",), v.drifted),
    ),
    Measure(
        "misleading_flagged",
        "all off the title: flagged misleading",
        ">=",
        0.97,
        lambda s, v: _share(s, ("misleading",), v.misleading),
    ),
    Measure(
        "drifted_drift",
        "newer half left the title: drift >= 0.5",
        ">=",
        0.90,
        lambda s, v: _share(s, ("drifted",), v.drift_high),
    ),
    Measure(
        "bad_join",
        "misleading or drifted recommended JOIN",
        "<=",
        0.0,
        lambda s, v: _share(s, ("misleading", "drifted"), v.join),
    ),
    Measure(
        "drifted_join",
        "  drifted alone",
        "<=",
        0.0,
        lambda s, v: _share(s, ("drifted",), v.join),
    ),
    Measure(
        "off_goal_relevance",
        "all off the goal, yet discussion_relevance >= 0.3",
        "<=",
        0.03,
        lambda s, v: _share(
            s, ("misleading",), np.nan_to_num(v.discussion_relevance) >= OFF_GOAL_RELEVANCE
        ),
    ),
    Measure(
        "drifted_below_honest",
        "drifted ranked below its honest twin (overall)",
        ">=",
        0.97,
        _below_twin,
    ),
    # Context, not a target: the figures above are easy to meet by never recommending anything.
    Measure(
        "honest_join",
        "(context) honest, short and noisy recommended JOIN",
        "",
        0.0,
        lambda s, v: _share(s, HONEST, v.join),
    ),
)


@dataclass
class Row:
    """A measure's figures on one set."""

    key: str
    measure: str
    groups: int
    product: float | None
    baseline: float | None
    op: str
    target: float
    met: bool | None


@dataclass
class SetFigures:
    """Everything measured on one set."""

    name: str
    claims: int
    groups: int
    rows: list[Row]
    seconds: dict[str, float]
    baseline_threshold: float | None = None

    def row(self, key: str) -> Row:
        return next(r for r in self.rows if r.key == key)


def measure_rows(jset: JudgeSet, product: Verdicts | None, baseline: Verdicts | None) -> list[Row]:
    """The table's rows for one set."""
    rows = []
    for m in MEASURES:
        p = m.compute(jset, product) if product is not None else None
        b = m.compute(jset, baseline) if baseline is not None else None
        n = (p or b or (float("nan"), 0))[1]
        if n == 0:
            continue  # e.g. no short groups in a short-post set
        value = None if p is None else p[0]
        rows.append(
            Row(
                m.key,
                m.label,
                n,
                value,
                None if b is None else b[0],
                m.op,
                m.target,
                None if value is None else m.met(value),
            )
        )
    return rows


def judge(
    root: Path = DEFAULT_DATA,
    sets: Sequence[str] = SETS,
    analyzer: Any | None = None,
    baseline: bool = True,
    limit: int | None = None,
    log: Callable[[str], None] = lambda _: None,
) -> dict[str, SetFigures]:
    """Build and score each set; return the figures per set (sets whose data is absent left out).

    Parameters
    ----------
    root : pathlib.Path, default=DEFAULT_DATA
        The data folder (``fnc1/``, ``arc/``, ``meetup/``).
    sets : sequence of str, default=SETS
        Which sets, among :data:`SETS`.
    analyzer : relevance.Analyzer or None, default=None
        The product; None loads ``Analyzer(today=TODAY)``.
    baseline : bool, default=True
        Also measure the TF-IDF baseline (its threshold is fitted on ``fnc1-train``, built
        whatever ``sets`` says when the FNC-1 data is there).
    limit : int or None, default=None
        Use only the first ``limit`` claims of each set (smaller, faster runs).
    log : callable, default=no-op
        Called with a line of progress or a note on a skipped set.

    Returns
    -------
    dict
        Set name to :class:`SetFigures`, in the order of ``sets``.
    """
    if analyzer is None:
        analyzer, why = load_product()
        if analyzer is None:
            raise RuntimeError(f"relevance is not available: {why}")
    present = [s for s in sets if (root / FOLDERS[s]).is_dir()]
    for s in sets:
        if s not in present:
            log(f"{s}: skipped, no folder {root / FOLDERS[s]}")
    threshold: float | None = None
    built: dict[str, tuple[JudgeSet, float]] = {}
    need = list(present)
    if baseline and (root / "fnc1").is_dir() and "fnc1-train" not in need:
        need.insert(0, "fnc1-train")
    for name in need:
        start = time.perf_counter()
        built[name] = (BUILDERS[name](root, limit), time.perf_counter() - start)
    if baseline and "fnc1-train" in built:
        train = built["fnc1-train"][0]
        threshold = fit_baseline_threshold(train, baseline_cosines(train))
    out: dict[str, SetFigures] = {}
    for name in present:
        jset, build_s = built[name]
        start = time.perf_counter()
        product = product_verdicts(product_results(analyzer, jset))
        product_s = time.perf_counter() - start
        start = time.perf_counter()
        base = (
            baseline_verdicts(baseline_cosines(jset), threshold) if threshold is not None else None
        )
        seconds = {"build": build_s, "relevance": product_s, "tfidf": time.perf_counter() - start}
        out[name] = SetFigures(
            name,
            len(jset.claims),
            len(jset.groups),
            measure_rows(jset, product, base),
            seconds,
            threshold,
        )
        log(f"{name}: {len(jset.groups):,} groups scored in {product_s:.1f} s")
    return out


# --------------------------------------------------------------------------- output

TITLES = {
    "fnc1-train": "FNC-1 training pairs, training bodies of the official split",
    "fnc1-holdout": "FNC-1 training pairs, hold-out bodies of the official split",
    "arc": "ARC training pairs",
    "meetup": "Meetup groups, own and another group's event titles (short posts)",
}


def _pct(value: float | None) -> str:
    return "-" if value is None or np.isnan(value) else f"{value:.1%}"


def format_set(figures: SetFigures) -> str:
    """One set's table: measure, groups, product, baseline, target, met?"""
    head = ["measure", "groups", "relevance", "TF-IDF", "target", "met?"]
    lines = [head]
    for r in figures.rows:
        met = "-" if r.met is None else ("yes" if r.met else "NO")
        target = f"{r.op} {r.target:.0%}" if r.op else ""
        lines.append([r.measure, f"{r.groups:,}", _pct(r.product), _pct(r.baseline), target, met])
    widths = [max(len(line[i]) for line in lines) for i in range(len(head))]
    text = [
        "  ".join(
            c.ljust(w) if i == 0 else c.rjust(w)
            for i, (c, w) in enumerate(zip(line, widths, strict=True))
        )
        for line in lines
    ]
    text.insert(1, "-" * len(text[0]))
    size = f"{figures.claims:,} claims, {figures.groups:,} groups"
    title = f"{TITLES[figures.name]} ({figures.name}): {size}"
    return "\n".join([title, *text])


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Parse the command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the data folder")
    parser.add_argument("--only", default=",".join(SETS), help=f"comma-separated subset of {SETS}")
    parser.add_argument("--limit", type=int, help="only the first N claims of each set")
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    args = parser.parse_args(argv)
    args.only = [name.strip() for name in args.only.split(",") if name.strip()]
    unknown = sorted(set(args.only) - set(SETS))
    if unknown:
        parser.error(f"unknown set(s): {', '.join(unknown)}")
    if args.limit is not None and args.limit < 1:
        parser.error("--limit must be >= 1")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark; return the exit code."""
    args = parse_args(argv)
    if not any((args.data / FOLDERS[s]).is_dir() for s in args.only):
        print(f"judgment: skipped, none of the data is in {args.data} (see shared/data/SOURCES.md)")
        return 0
    start = time.perf_counter()
    figures = judge(args.data, args.only, limit=args.limit, log=print)
    total = time.perf_counter() - start
    for fig in figures.values():
        print()
        print(format_set(fig))
    threshold = next((f.baseline_threshold for f in figures.values()), None)
    if threshold is not None:
        print(f"\nTF-IDF cosine threshold (fitted on fnc1-train): {threshold:.4f}")
    print(f"whole run: {total:.1f} s")
    if args.json:
        payload = {
            "data": str(args.data),
            "today": TODAY.isoformat(),
            "limit": args.limit,
            "seconds": round(total, 1),
            "sets": {name: asdict(fig) for name, fig in figures.items()},
        }
        args.json.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
