"""Quality benchmark: the product against TF-IDF and BM25 baselines on public data.

Run from the repository root::

    python benchmarks/quality.py [--data ../shared/data] [--only fnc1,arc,scifact,meetup]
                                 [--json results.json]

It prints one table, rows = (data set, metric), columns = ``relevance`` (the product),
``tfidf`` (scikit-learn ``TfidfVectorizer()`` cosine), ``bm25s`` (BM25, k1=1.5, b=0.75, English
stop words, Snowball stemming), the published anchor (``SOURCES.md``) and the product's target,
then the time spent per data set. The data is read from ``--data`` (never copied into the
repository); a data set whose folder is absent is skipped with a note. Mapping of each data set
to groups: ``quality_data.py`` and ``DESIGN.md`` section 8.

Threshold protocol: the product's ``misleading`` flag uses its own calibrated threshold. In
addition every system gets one similarity threshold fitted for accuracy on the calibration part
only (FNC-1: the bodies of ``splits/training_ids.txt``; ARC: the other four folds) and applied to
the reported part (FNC-1: the hold-out bodies; ARC: the held-out fold). No threshold is ever
fitted on the pairs it is scored on.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import time
import traceback
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import bm25s
import numpy as np
import scipy.sparse as sp
import sklearn
from nltk.stem import SnowballStemmer
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import roc_auc_score
from sklearn.metrics.pairwise import linear_kernel

try:  # imported as ``benchmarks.quality``
    from benchmarks import quality_data as qd
except ImportError:  # run as ``python benchmarks/quality.py``
    import quality_data as qd  # type: ignore[no-redef]

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO_ROOT.parent / "shared" / "data"
DATASETS = ("fnc1", "arc", "scifact", "meetup")
SYSTEMS = ("relevance", "tfidf", "bm25s")
K = 10
#: The goal given to the product when only goal-independent signals (consistency) are read.
DUMMY_GOAL = {"id": "dummy", "text": "news"}

#: Published or measured figures, from ``shared/data/SOURCES.md`` (not all on the same split).
ANCHORS: dict[tuple[str, str], str] = {
    ("fnc1", "auc"): "TF-IDF .983 (official test)",
    ("fnc1", "acc_flag"): "SOLAT .970, Athene .969 (test)",
    ("fnc1", "acc_fit"): "TF-IDF thr .964 (test)",
    ("arc", "auc"): "TF-IDF .80 (ARC test)",
    ("arc", "acc_flag"): "",
    ("arc", "acc_fit"): "TF-IDF thr .862 (ARC test)",
    ("scifact", "ndcg"): "BM25 .665-.690, TF-IDF .580 (300 q)",
    ("meetup", "ndcg"): "TF-IDF .504",
    ("meetup", "auc"): "TF-IDF .971",
    ("meetup", "acc_flag"): "",
}

#: What the product (the ``relevance`` column) should reach; edit here. From the quality issue:
#: FNC-1 flag accuracy >= .975 and ROC-AUC >= .99; ARC ROC-AUC >= .85; SciFact nDCG@10 >= .70
#: (and above BM25 in the same run); Meetup nDCG@10 above BM25; Meetup own-vs-other AUC >= .98.
TARGETS: dict[tuple[str, str], float] = {
    ("fnc1", "auc"): 0.99,
    ("fnc1", "acc_flag"): 0.975,
    ("fnc1", "acc_fit"): 0.964,
    ("arc", "auc"): 0.85,
    ("arc", "acc_flag"): 0.862,
    ("arc", "acc_fit"): 0.862,
    ("scifact", "ndcg"): 0.70,
    ("meetup", "ndcg"): 0.504,
    ("meetup", "auc"): 0.98,
    ("meetup", "acc_flag"): 0.90,
}


Cell = float | str | None
#: A pair system's output: similarity per pair (higher = more related) and, for the product,
#: its ``misleading`` flag per pair (1.0, 0.0 or NaN); or a string when the system could not run.
PairOutcome = tuple[np.ndarray, np.ndarray | None] | str
#: A ranking system's output: the indices of the top-K groups per goal, or a string.
RankOutcome = np.ndarray | str


@dataclass
class Row:
    """One line of the table."""

    dataset: str
    key: str
    metric: str
    values: dict[str, Cell]
    anchor: str = ""
    target: float | None = None

    def meets_target(self) -> bool | None:
        """Whether the product's value reaches the target (``None`` when either is missing)."""
        value = self.values.get("relevance")
        if self.target is None or not isinstance(value, float):
            return None
        return value >= self.target


@dataclass
class Timer:
    """Accumulates wall-clock seconds per phase (``load`` and one per system)."""

    seconds: dict[str, float] = field(default_factory=lambda: defaultdict(float))

    @contextmanager
    def __call__(self, phase: str) -> Iterator[None]:
        """Time the enclosed block under ``phase``."""
        start = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[phase] += time.perf_counter() - start


# --------------------------------------------------------------------------- metrics


def ndcg_at_k(
    ranked: Sequence[Sequence[int]], relevant: Sequence[frozenset[int]], k: int = K
) -> float:
    """Mean nDCG@k with binary gains (Järvelin and Kekäläinen 2002; as in BEIR / trec_eval).

    ``DCG@k = sum_{i=1..k} rel_i / log2(i + 1)`` with ``rel_i = 1`` when the group at rank ``i``
    is judged relevant, else 0; ``IDCG@k = sum_{i=1..min(k, |R|)} 1 / log2(i + 1)`` with ``R``
    all the judged-relevant groups of the goal; ``nDCG@k = DCG@k / IDCG@k``.

    Parameters
    ----------
    ranked : sequence of sequence of int
        For each goal, group indices best first (at least the first ``k`` are read).
    relevant : sequence of frozenset of int
        For each goal, the judged-relevant group indices.
    k : int
        Cut-off.

    Returns
    -------
    float
        The mean over goals that have at least one relevant group.
    """
    discounts = 1.0 / np.log2(np.arange(2, k + 2))
    values = []
    for docs, rel in zip(ranked, relevant, strict=True):
        if rel:
            gains = np.array([int(d) in rel for d in list(docs)[:k]], dtype=float)
            ideal = discounts[: min(k, len(rel))].sum()
            values.append(float(gains @ discounts[: len(gains)]) / ideal)
    return float(np.mean(values))


def top_k(scores: np.ndarray, k: int = K) -> np.ndarray:
    """Indices of the ``k`` highest scores per row, ties broken by lower index, NaN last."""
    filled = np.where(np.isnan(scores), -np.inf, scores)
    return np.argsort(-filled, axis=1, kind="stable")[:, :k]


def roc_auc(positive: np.ndarray, scores: np.ndarray) -> float:
    """ROC-AUC of ``scores`` for the ``positive`` class, pairs with a NaN score left out.

    ``AUC = P(s+ > s-) + P(s+ = s-) / 2`` over all (positive, negative) pairs, that is the
    Mann-Whitney U statistic divided by ``n+ * n-`` (``sklearn.metrics.roc_auc_score``).
    """
    keep = ~np.isnan(scores)
    return float(roc_auc_score(positive[keep], scores[keep]))


def accuracy(predicted: np.ndarray, truth: np.ndarray) -> float:
    """Fraction ``mean(predicted == truth)`` over the pairs whose prediction is not NaN."""
    keep = ~np.isnan(predicted)
    return float(np.mean(predicted[keep].astype(bool) == truth[keep]))


def fit_threshold(scores: np.ndarray, unrelated: np.ndarray) -> float:
    """The threshold ``t`` maximising the accuracy of the flag ``score < t`` for ``unrelated``.

    Every split between two distinct sorted scores is tried (plus flagging none or all); the
    threshold is the midpoint of the best split, so it never depends on a score's exact value.

    Parameters
    ----------
    scores : numpy.ndarray
        Similarities of the calibration pairs (NaN left out).
    unrelated : numpy.ndarray
        Their labels.

    Returns
    -------
    float
        The threshold.
    """
    keep = ~np.isnan(scores)
    order = np.argsort(scores[keep], kind="stable")
    s, y = scores[keep][order], unrelated[keep][order].astype(int)
    n = len(s)
    # correct[m] = unrelated among the m lowest (flagged) + related among the rest.
    flagged_right = np.concatenate([[0], np.cumsum(y)])
    kept_right = np.concatenate([np.cumsum((1 - y)[::-1])[::-1], [0]])
    correct = flagged_right + kept_right
    valid = np.ones(n + 1, dtype=bool)
    valid[1:n] = s[1:] > s[:-1]
    m = int(np.flatnonzero(valid)[np.argmax(correct[valid])])
    if m == 0:
        return float(s[0])
    if m == n:
        return float("inf")
    return float((s[m - 1] + s[m]) / 2)


def cross_fitted_accuracy(scores: np.ndarray, data: qd.PairData) -> float:
    """Accuracy on the reported folds, each with a threshold fitted on the other folds only.

    For each reported fold ``f``: ``t_f = fit_threshold(scores[fold != f])``, prediction
    ``unrelated = score < t_f`` on fold ``f``; the accuracy is pooled over reported pairs.
    """
    predicted = np.full(len(scores), np.nan)
    for f in data.report_folds:
        test, calibration = data.fold == f, data.fold != f
        t = fit_threshold(scores[calibration], data.unrelated[calibration])
        predicted[test] = np.where(np.isnan(scores[test]), np.nan, scores[test] < t)
    rep = data.reported
    return accuracy(predicted[rep], data.unrelated[rep])


# --------------------------------------------------------------------------- baselines

_STEMMER = SnowballStemmer("english")


def _stem_words(words: list[str]) -> list[str]:
    """Snowball (English) stems of a list of words, for ``bm25s.tokenize``."""
    return [_STEMMER.stem(word) for word in words]


def bm25_tokenize(texts: list[str]) -> list[list[str]]:
    """bm25s tokens: lowercase, ``\\w\\w+`` words, English stop words out, Snowball stems."""
    return bm25s.tokenize(
        texts, stopwords="en", stemmer=_stem_words, return_ids=False, show_progress=False
    )


def bm25_index(texts: list[str]) -> bm25s.BM25:
    """A ``bm25s.BM25(k1=1.5, b=0.75)`` index of ``texts`` (Lucene scoring, bm25s' default)."""
    retriever = bm25s.BM25(k1=1.5, b=0.75)
    retriever.index(bm25_tokenize(texts), show_progress=False)
    return retriever


def rowwise_dot(a: sp.csr_matrix, b: sp.csr_matrix) -> np.ndarray:
    """``diag(a @ b.T)`` without the full product: the cosine of L2-normalised rows."""
    return np.asarray(a.multiply(b).sum(axis=1)).ravel()


def tfidf_pair_scores(data: qd.PairData) -> np.ndarray:
    """TF-IDF cosine of each pair, ``TfidfVectorizer()`` fitted on all claims and bodies."""
    vectorizer = TfidfVectorizer().fit(data.claims + data.bodies)
    claims = vectorizer.transform(data.claims)
    bodies = vectorizer.transform(data.bodies)
    return rowwise_dot(claims[data.claim_of], bodies[data.body_of])


def _pairs_by_claim(claim_of: np.ndarray) -> Iterator[tuple[int, np.ndarray]]:
    """Yield each claim index with the indices of its pairs."""
    order = np.argsort(claim_of, kind="stable")
    bounds = np.flatnonzero(np.diff(claim_of[order])) + 1
    for chunk in np.split(order, bounds):
        yield int(claim_of[chunk[0]]), chunk


def bm25_pair_scores(data: qd.PairData) -> np.ndarray:
    """BM25 of each pair: the claim as query over the index of all bodies, its own body's score."""
    retriever = bm25_index(data.bodies)
    queries = bm25_tokenize(data.claims)
    scores = np.zeros(len(data.claim_of))
    for claim, pairs in _pairs_by_claim(data.claim_of):
        if queries[claim]:
            scores[pairs] = retriever.get_scores(queries[claim])[data.body_of[pairs]]
    return scores


def tfidf_ranking(data: qd.RankingData, k: int = K) -> np.ndarray:
    """Top-k groups per goal by TF-IDF cosine, ``TfidfVectorizer()`` fitted on the groups."""
    vectorizer = TfidfVectorizer().fit(data.texts)
    goals = vectorizer.transform([goal["text"] for goal in data.goals])
    return top_k(linear_kernel(goals, vectorizer.transform(data.texts)), k)


def bm25_ranking(data: qd.RankingData, k: int = K) -> np.ndarray:
    """Top-k groups per goal by BM25 (``bm25s.BM25.retrieve``)."""
    retriever = bm25_index(data.texts)
    queries = bm25_tokenize([goal["text"] for goal in data.goals])
    documents, _ = retriever.retrieve(queries, k=k, show_progress=False)
    return np.asarray(documents)


# --------------------------------------------------------------------------- the product


@dataclass
class ProductScores:
    """The product's signals, as arrays.

    Attributes
    ----------
    relevance : numpy.ndarray
        ``(n_goals, n_groups)``; NaN where the product gave none.
    consistency : numpy.ndarray
        ``(n_groups,)``, from the first goal's results (it does not depend on the goal).
    misleading : numpy.ndarray
        ``(n_groups,)``: 1.0, 0.0, or NaN for ``None``.
    """

    relevance: np.ndarray
    consistency: np.ndarray
    misleading: np.ndarray


def load_product() -> tuple[Any | None, str]:
    """An ``Analyzer()`` from the working tree's ``relevance`` package, or why there is none."""
    if str(REPO_ROOT) not in sys.path:
        sys.path.insert(0, str(REPO_ROOT))
    try:
        from relevance import Analyzer  # type: ignore[attr-defined]

        return Analyzer(), ""
    except Exception as exc:
        return None, f"{type(exc).__name__}: {exc}"


def product_scores(analyzer: Any, groups: list[qd.Group], goals: list[qd.Goal]) -> ProductScores:
    """Score ``groups`` against ``goals`` with the product, as arrays.

    This is the only place that calls the product: adapt it here when its API changes. The whole
    collection is vectorized as one batch (``analyzer.index``), so document frequencies come from
    the model's background corpus plus the whole collection (as ``score`` with a ``chunk_size``
    at least the collection's size), then ``analyzer.signals`` computes every signal as arrays;
    no per-pair ``Result`` object is built.

    Parameters
    ----------
    analyzer : relevance.Analyzer
        The product.
    groups : list of dict
        Groups with distinct ``id``.
    goals : list of dict
        Goals with distinct ``id``.

    Returns
    -------
    ProductScores
        The signals as arrays aligned with ``goals`` and ``groups``.
    """
    batch = analyzer.index(groups)
    scored = analyzer.signals(batch, analyzer.goals(None, goals))
    relevance = np.asarray(scored.signals["relevance"], dtype=float).T
    consistency = np.asarray(scored.signals["consistency"], dtype=float)
    has_disc = np.asarray(batch.has_discussions, dtype=bool)
    misleading = np.where(has_disc, np.asarray(scored.misleading, dtype=float), np.nan)
    return ProductScores(relevance, consistency, misleading)


def run_product(analyzer: Any | None, timer: Timer, call: Callable[[], Any]) -> Any:
    """Run ``call`` timed as ``relevance``; a string cell when unavailable or failing."""
    if analyzer is None:
        return "not available"
    try:
        with timer("relevance"):
            return call()
    except Exception:
        traceback.print_exc()
        return "error"


# --------------------------------------------------------------------------- evaluation


def pair_outcomes(data: qd.PairData, analyzer: Any | None, timer: Timer) -> dict[str, PairOutcome]:
    """The similarity (and flag) of every pair under each system."""

    def product() -> PairOutcome:
        scores = product_scores(analyzer, data.groups, [DUMMY_GOAL])
        return scores.consistency, scores.misleading

    outcomes: dict[str, PairOutcome] = {"relevance": run_product(analyzer, timer, product)}
    with timer("tfidf"):
        outcomes["tfidf"] = (tfidf_pair_scores(data), None)
    with timer("bm25s"):
        outcomes["bm25s"] = (bm25_pair_scores(data), None)
    return outcomes


def cells(outcomes: dict[str, Any], metric: Callable[[Any], Cell]) -> dict[str, Cell]:
    """Apply ``metric`` to each system's outcome, passing string outcomes through."""
    return {s: o if isinstance(o, str) else metric(o) for s, o in outcomes.items()}


def _flag_accuracy(data: qd.PairData) -> Callable[[Any], Cell]:
    """Accuracy of the product's own ``misleading`` flag against ``unrelated`` (reported part)."""
    rep = data.reported

    def metric(outcome: tuple[np.ndarray, np.ndarray | None]) -> Cell:
        flag = outcome[1]
        return None if flag is None else accuracy(flag[rep], data.unrelated[rep])

    return metric


def pair_rows(
    data: qd.PairData, outcomes: dict[str, PairOutcome], part: str, auc_name: str
) -> list[Row]:
    """Rows for a pair data set: ROC-AUC, flag accuracy, and cross-fitted accuracy."""
    rep = data.reported
    related = ~data.unrelated
    base = 1 - data.unrelated[rep].mean()
    rows = [
        Row(
            data.name,
            "auc",
            f"{auc_name} ({part}, {rep.sum():,} pairs)",
            cells(outcomes, lambda o: roc_auc(related[rep], o[0][rep])),
        ),
        Row(
            data.name,
            "acc_flag",
            f"accuracy of `misleading` = unrelated (related {base:.1%})",
            cells(outcomes, _flag_accuracy(data)),
        ),
    ]
    if len(np.unique(data.fold)) > 1:
        rows.append(
            Row(
                data.name,
                "acc_fit",
                "accuracy, one threshold fitted on calibration part",
                cells(outcomes, lambda o: cross_fitted_accuracy(o[0], data)),
            )
        )
    return rows


def ranking_rows(data: qd.RankingData, analyzer: Any | None, timer: Timer) -> list[Row]:
    """The nDCG@10 row of a ranking data set, each system timed."""

    def product() -> np.ndarray:
        return top_k(product_scores(analyzer, data.groups, data.goals).relevance)

    outcomes: dict[str, RankOutcome] = {"relevance": run_product(analyzer, timer, product)}
    with timer("tfidf"):
        outcomes["tfidf"] = tfidf_ranking(data)
    with timer("bm25s"):
        outcomes["bm25s"] = bm25_ranking(data)
    n_rel = sum(len(r) for r in data.relevant)
    metric = f"nDCG@{K} ({len(data.goals)} goals x {len(data.groups):,} groups, {n_rel} rel.)"
    return [Row(data.name, "ndcg", metric, cells(outcomes, lambda o: ndcg_at_k(o, data.relevant)))]


def evaluate_fnc1(root: Path, analyzer: Any | None, timer: Timer) -> list[Row]:
    """FNC-1: consistency ROC-AUC and misleading accuracy on the official hold-out bodies."""
    with timer("load"):
        data = qd.load_fnc1(root)
    outcomes = pair_outcomes(data, analyzer, timer)
    return pair_rows(data, outcomes, "hold-out", "ROC-AUC related vs unrelated")


def evaluate_arc(root: Path, analyzer: Any | None, timer: Timer) -> list[Row]:
    """ARC: the same as FNC-1, 5-fold cross-validation over bodies."""
    with timer("load"):
        data = qd.load_arc(root)
    outcomes = pair_outcomes(data, analyzer, timer)
    return pair_rows(data, outcomes, f"{qd.ARC_FOLDS}-fold CV", "ROC-AUC related vs unrelated")


def evaluate_scifact(root: Path, analyzer: Any | None, timer: Timer) -> list[Row]:
    """SciFact: nDCG@10 of the ranking of abstracts by relevance to each query."""
    with timer("load"):
        data = qd.load_scifact(root)
    return ranking_rows(data, analyzer, timer)


def evaluate_meetup(root: Path, analyzer: Any | None, timer: Timer) -> list[Row]:
    """Meetup: nDCG@10 per topic, and own-versus-other events consistency."""
    with timer("load"):
        ranking = qd.load_meetup_ranking(root)
        pairs = qd.load_meetup_pairs(root)
    rows = ranking_rows(ranking, analyzer, timer)
    outcomes = pair_outcomes(pairs, analyzer, timer)
    n = len(pairs.claims)
    part = f"{n} groups with >= {qd.MEETUP_MIN_EVENTS} events"
    return rows + pair_rows(pairs, outcomes, part, "ROC-AUC own vs other events")


EVALUATORS: dict[str, Callable[[Path, Any | None, Timer], list[Row]]] = {
    "fnc1": evaluate_fnc1,
    "arc": evaluate_arc,
    "scifact": evaluate_scifact,
    "meetup": evaluate_meetup,
}


# --------------------------------------------------------------------------- output


def _format_cell(value: Cell) -> str:
    """A float to four decimals (SciFact's margin over BM25 needs them), ``None`` as a dash."""
    if value is None:
        return "-"
    return f"{value:.4f}" if isinstance(value, float) else value


def format_table(rows: list[Row]) -> str:
    """The results as one aligned text table."""
    header = ["dataset", "metric", *SYSTEMS, "published anchor", "target"]
    lines = [header]
    for row in rows:
        target = "" if row.target is None else f">= {row.target:.3f}"
        values = [_format_cell(row.values.get(s)) for s in SYSTEMS]
        lines.append([row.dataset, row.metric, *values, row.anchor, target])
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    numeric = {2, 3, 4}
    out = []
    for line in lines:
        parts = [
            cell.rjust(w) if i in numeric else cell.ljust(w)
            for i, (cell, w) in enumerate(zip(line, widths, strict=True))
        ]
        out.append("  ".join(parts).rstrip())
    out.insert(1, "-" * len(out[0]))
    return "\n".join(out)


def format_timings(timings: dict[str, dict[str, float]], total: float) -> str:
    """Seconds per data set and phase, and the whole run's wall time."""
    phases = ["load", *SYSTEMS]
    lines = [f"{'seconds':<10}" + "".join(f"{p:>11}" for p in [*phases, "total"])]
    for name, seconds in timings.items():
        values = [seconds.get(p) for p in phases]
        shown = "".join("          -" if v is None else f"{v:>11.1f}" for v in values)
        lines.append(f"{name:<10}{shown}{sum(seconds.values()):>11.1f}")
    lines.append(f"whole run: {total:.1f} s")
    return "\n".join(lines)


def versions() -> dict[str, str]:
    """Versions of the interpreter and of the libraries the figures depend on."""
    import nltk

    return {
        "python": platform.python_version(),
        "scikit-learn": sklearn.__version__,
        "bm25s": bm25s.__version__,
        "nltk": nltk.__version__,
        "numpy": np.__version__,
    }


def write_json(path: Path, rows: list[Row], timings: dict[str, Any], meta: dict[str, Any]) -> None:
    """Write the rows, timings and run metadata as JSON."""
    payload = {
        **meta,
        "rows": [{**asdict(row), "meets_target": row.meets_target()} for row in rows],
        "timings_s": timings,
    }
    path.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")


# --------------------------------------------------------------------------- command line


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Parse the command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the data folder")
    parser.add_argument(
        "--only", default=",".join(DATASETS), help=f"comma-separated subset of {DATASETS}"
    )
    parser.add_argument("--json", type=Path, help="also write the results to this JSON file")
    args = parser.parse_args(argv)
    args.only = [name.strip() for name in args.only.split(",") if name.strip()]
    unknown = sorted(set(args.only) - set(DATASETS))
    if unknown:
        parser.error(f"unknown data set(s): {', '.join(unknown)}")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark; return the exit code."""
    args = parse_args(argv)
    start = time.perf_counter()
    analyzer, why = load_product()
    if analyzer is None:
        print(f"relevance: not available ({why})")
    rows: list[Row] = []
    timings: dict[str, dict[str, float]] = {}
    for name in args.only:
        if not (args.data / name).is_dir():
            print(f"{name}: skipped, no folder {args.data / name}")
            continue
        timer = Timer()
        rows += EVALUATORS[name](args.data, analyzer, timer)
        timings[name] = dict(timer.seconds)
    for row in rows:
        row.anchor = ANCHORS.get((row.dataset, row.key), "")
        row.target = TARGETS.get((row.dataset, row.key))
    total = time.perf_counter() - start
    print(format_table(rows))
    print()
    print(format_timings(timings, total))
    if args.json:
        meta = {"data": str(args.data), "relevance": why or "available", "versions": versions()}
        write_json(args.json, rows, timings, meta)
    return 0


if __name__ == "__main__":
    sys.exit(main())
