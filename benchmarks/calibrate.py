"""Fit the per-discussion off-topic calibration (``Settings.off_topic_coef``) on development data.

Each discussion of the judgment benchmark's groups (``benchmarks/judgment.py``: FNC-1 training
bodies of the official split, ARC training pairs, Meetup groups) becomes one example: its
similarity to its group's claim as the product computes it (cosine minus the capped level of
unrelated pairs, :mod:`relevance.signals.discussions`), its length and its claim's length in
distinct words, and whether it is unrelated. Every related and unrelated text appears both as a
title with a body and as a title alone, so that length carries no label and only changes how
much a similarity is worth. A logistic regression on::

    s, s * ln(1 + n_discussion), s * ln(1 + n_claim), ln(1 + n_discussion), ln(1 + n_claim)

gives the coefficients. ARC and Meetup claims are split in two by position: the fit uses the even
ones and the FNC-1 training bodies, and the ROC-AUC is reported on the odd ones and the FNC-1
hold-out bodies; the coefficients printed last are refitted on every part but the FNC-1 hold-out
(which ``benchmarks/quality.py`` reports on).

    python benchmarks/calibrate.py [--data ../shared/data]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

import judgment


def examples(jset: judgment.JudgeSet) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Features, labels (1 = unrelated) and claim index of every usable discussion of a set."""
    from relevance import Analyzer
    from relevance.signals import discussions

    groups, label, owner_claim = [], [], []
    for claim_index, claim in enumerate(jset.claims):
        for unrelated, posts in ((0, claim.related), (1, claim.unrelated)):
            variants = [posts[: judgment.PER_KIND]]
            if any(body for _, body in posts):
                variants.append([(title, None) for title, _ in posts[: judgment.PER_KIND]])
            for variant in variants:
                group = {
                    "id": f"{len(groups)}",
                    "title": claim.title,
                    "discussions": judgment._discussions(variant),
                }
                if claim.description:
                    group["description"] = claim.description
                groups.append(group)
                label.append(unrelated)
                owner_claim.append(claim_index)
    analyzer = Analyzer(today=judgment.TODAY)
    batch = analyzer.index(groups)
    s = analyzer.settings
    sim = discussions.similarity(batch, s.null_cap)
    owner = batch.discussion_owner
    keep = batch.discussion_terms > 0
    x = features(sim, batch.discussion_terms, batch.claim_terms[owner])
    return x[keep], np.asarray(label)[owner][keep], np.asarray(owner_claim)[owner][keep]


def features(sim: np.ndarray, n_terms: np.ndarray, claim_terms: np.ndarray) -> np.ndarray:
    """The regression's columns, in the order of ``off_topic_coef[1:]``."""
    ld, lc = np.log1p(n_terms.astype(float)), np.log1p(claim_terms.astype(float))
    return np.column_stack([sim, sim * ld, sim * lc, ld, lc])


def _scaled(weights: list[np.ndarray]) -> np.ndarray:
    """Per-example weights giving each set the same total, averaging 1 per example."""
    w = np.concatenate(weights)
    return w * len(w) / w.sum()


def main(argv: list[str] | None = None) -> int:
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=judgment.DEFAULT_DATA)
    args = parser.parse_args(argv)
    if not (args.data / "fnc1").is_dir():
        print(f"no development data in {args.data}: nothing to fit")
        return 0
    parts = {name: examples(judgment.BUILDERS[name](args.data, None)) for name in judgment.SETS}
    fit_x, fit_y, fit_w, tests = [], [], [], {}
    for name, (x, y, claim) in parts.items():
        if name == "fnc1-train":
            fit_x.append(x)
            fit_y.append(y)
            fit_w.append(np.full(len(y), 1.0 / len(y)))
        elif name == "fnc1-holdout":
            tests[name] = (x, y)
        else:
            even = claim % 2 == 0
            fit_x.append(x[even])
            fit_y.append(y[even])
            fit_w.append(np.full(int(even.sum()), 1.0 / int(even.sum())))
            tests[f"{name} (odd claims)"] = (x[~even], y[~even])
    # Each set weighs the same, so that FNC-1's many news articles (whose first sentences repeat
    # the headline's words) do not make every post that shares no word look off topic.
    model = LogisticRegression(C=1.0, max_iter=5000).fit(
        np.vstack(fit_x), np.concatenate(fit_y), sample_weight=_scaled(fit_w)
    )
    for name, (x, y) in tests.items():
        auc = roc_auc_score(y, model.predict_proba(x)[:, 1])
        print(f"{name:28} discussions {len(y):6,}  off-topic ROC-AUC {auc:.4f}")
    # The FNC-1 hold-out stays out of the final fit: benchmarks/quality.py reports on it.
    final = [part for name, part in parts.items() if name != "fnc1-holdout"]
    everything = LogisticRegression(C=1.0, max_iter=5000).fit(
        np.vstack([x for x, _, _ in final]),
        np.concatenate([y for _, y, _ in final]),
        sample_weight=_scaled([np.full(len(y), 1.0 / len(y)) for _, y, _ in final]),
    )
    coef = [float(everything.intercept_[0]), *map(float, everything.coef_[0])]
    print("off_topic_coef = (" + ", ".join(f"{c:.4f}" for c in coef) + ")")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
