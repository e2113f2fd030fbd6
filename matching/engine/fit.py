"""Fit the scorer's weights from graded pairs and write weights.json.

    python -m matching.engine.fit DATASET_DIR [--out PATH] [--folds 5] [--C 1.0]

Per group of kinds, a pairwise logistic regression (scikit-learn) learns which of two items
for the same woman and kind is the better one, from the differences of their features, with
pairs weighted by their gain difference (2^g - 2^g'), as nDCG weighs them. Coefficients are
kept non-negative (features that come out negative are dropped and the rest refitted), so the
score is monotone in every signal. A one-feature logistic regression then maps the linear score
to the probability that the item is a good fit (grade >= 2). Cross-validation holds out whole
profiles, never single pairs of a profile seen in training.

`fit_feedback` refits from platform feedback (saved, dismissed, accepted...) turned into grades.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.linear_model import LogisticRegression

from .cache import EmbeddingCache
from .dataset import Dataset, load_dataset
from .encoder import DEFAULT_ENCODER, Encoder, get_encoder
from .features import FEATURE_INDEX, FEATURES
from .pipeline import Engine
from .scoring import WEIGHTS_PATH, GroupWeights, Scorer
from .types import OpportunityData, ProfileData

_LIFTS = ("lift_full", "lift_focus", "sentence_lift_full", "sentence_lift_focus")
# (kinds, features). Financing has its own weights: its skills are generic ("business plan"),
# while the sector it funds and the amount decide.
GROUPS: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (("training", "mentor", "job"), tuple(f for f in FEATURES if f not in _LIFTS)),
    (("financing",), FEATURES),
)
WEIGHTS_VERSION = "1"


@dataclass(frozen=True)
class Feedback:
    """A graded pair from the platform, e.g. accepted = 3, saved = 2, opened = 1, dismissed = 0."""

    profile_id: str
    opportunity_id: str
    grade: int


@dataclass
class PairTable:
    profile: np.ndarray
    kind: np.ndarray
    X: np.ndarray
    grade: np.ndarray
    weak: np.ndarray


def unfitted_scorer(encoder: str, dim: int) -> Scorer:
    """Zero weights: lets the pipeline compute features before any weights exist."""
    groups = tuple(
        GroupWeights(kinds, feats, np.zeros(len(feats)), 1.0, 0.0, np.zeros(len(feats)))
        for kinds, feats in GROUPS
    )
    return Scorer("unfitted", encoder, groups, np.zeros((2, 2, dim), np.float32), {})


def profile_centroids(engine: Engine, profiles: list[ProfileData]) -> np.ndarray:
    """(2, 2, dim): normalised mean [full, focus] vector of job seekers and of entrepreneurs."""
    full, focus = engine.profile_vectors(profiles)
    out = np.zeros((2, 2, engine.encoder.dim), dtype=np.float32)
    roles = np.array([p.role == "entrepreneur" for p in profiles], dtype=bool)
    for r in (0, 1):
        rows = roles == bool(r)
        if not rows.any():
            rows = np.ones(len(profiles), dtype=bool)  # no one of this role: everyone
        for t, matrix in enumerate((full, focus)):
            mean = matrix[rows].mean(axis=0) if len(profiles) else out[r, t]
            norm = float(np.linalg.norm(mean))
            out[r, t] = mean / norm if norm else mean
    return out


def pair_table(
    engine: Engine,
    profiles: list[ProfileData],
    opportunities: list[OpportunityData],
    grades: dict[str, dict[str, int]],
    *,
    labelled_only: bool = False,
) -> PairTable:
    """Features of every pair that passes the hard filters; unlisted pairs have grade 0."""
    parts = []
    for oc, batch in engine.all_pairs(profiles, opportunities):
        kind = oc.kind
        pids = np.array([profiles[i].id for i in batch.pi], dtype=object)
        oids = [oc.items[j].id for j in batch.oj]
        g = np.array([grades.get(p, {}).get(o, -1) for p, o in zip(pids, oids, strict=True)])
        keep = g >= 0 if labelled_only else np.ones(len(g), dtype=bool)
        parts.append(
            (
                pids[keep],
                np.full(int(keep.sum()), kind, dtype=object),
                batch.X[keep],
                np.maximum(g[keep], 0),
                batch.filters.weak[keep],
            )
        )
    if not parts:
        empty = np.zeros(0, dtype=object)
        return PairTable(empty, empty, np.zeros((0, len(FEATURES))), np.zeros(0), np.zeros(0, bool))
    return PairTable(*(np.concatenate(c) for c in zip(*parts, strict=True)))


def _pairwise(X: np.ndarray, grade: np.ndarray, group: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    diffs, weights = [], []
    for key in np.unique(group):
        rows = np.flatnonzero(group == key)
        g = grade[rows]
        better, worse = np.nonzero(g[:, None] > g[None, :])
        if len(better):
            diffs.append(X[rows[better]] - X[rows[worse]])
            weights.append(2.0 ** g[better] - 2.0 ** g[worse])
    if not diffs:
        return np.zeros((0, X.shape[1])), np.zeros(0)
    return np.vstack(diffs), np.concatenate(weights)


def fit_coefficients(
    X: np.ndarray, grade: np.ndarray, group: np.ndarray, C: float = 1.0
) -> np.ndarray:
    """Non-negative pairwise logistic regression (active set: drop negatives, refit)."""
    D, w = _pairwise(X, grade, group)
    coef = np.zeros(X.shape[1])
    if len(D) == 0:
        return coef
    active = list(range(X.shape[1]))
    while active:
        # Each difference appears with both signs, so the classes balance and no intercept is
        # needed: the model is a pure ranking function.
        Xs = np.vstack([D[:, active], -D[:, active]])
        ys = np.r_[np.ones(len(D)), np.zeros(len(D))]
        model = LogisticRegression(fit_intercept=False, C=C, max_iter=5000)
        model.fit(Xs, ys, sample_weight=np.r_[w, w] / w.mean())
        c = model.coef_[0]
        if (c >= 0).all():
            coef[active] = c
            break
        active = [a for a, ci in zip(active, c, strict=True) if ci > 0]
    return coef


def calibrate(raw: np.ndarray, grade: np.ndarray) -> tuple[float, float]:
    y = grade >= 2
    if y.all() or not y.any():
        return 1.0, 0.0
    model = LogisticRegression(C=100.0, max_iter=1000).fit(raw.reshape(-1, 1), y)
    return float(model.coef_[0, 0]), float(model.intercept_[0])


def fit_scorer(
    encoder: Encoder,
    profiles: list[ProfileData],
    opportunities: list[OpportunityData],
    grades: dict[str, dict[str, int]],
    *,
    C: float = 1.0,
    labelled_only: bool = False,
    meta: dict[str, Any] | None = None,
    engine: Engine | None = None,
    cache: EmbeddingCache | None = None,
) -> Scorer:
    base = engine or Engine(
        encoder=encoder, cache=cache, scorer=unfitted_scorer(encoder.name, encoder.dim)
    )
    centroids = profile_centroids(base, profiles)
    fitting = Scorer(
        "fitting", encoder.name, unfitted_scorer(encoder.name, encoder.dim).groups, centroids, {}
    )
    engine = Engine(encoder=encoder, cache=base.cache, scorer=fitting)
    table = pair_table(engine, profiles, opportunities, grades, labelled_only=labelled_only)
    groups = []
    for kinds, feats in GROUPS:
        rows = np.isin(table.kind, kinds) & ~table.weak
        cols = np.array([FEATURE_INDEX[f] for f in feats])
        X = table.X[rows][:, cols]
        qid = np.array(
            [f"{p}/{k}" for p, k in zip(table.profile[rows], table.kind[rows], strict=True)],
            dtype=object,
        )
        coef = fit_coefficients(X, table.grade[rows], qid, C)
        scale, offset = calibrate(X @ coef, table.grade[rows]) if len(X) else (1.0, 0.0)
        means = X.mean(axis=0) if len(X) else np.zeros(len(feats))
        groups.append(GroupWeights(kinds, feats, coef, scale, offset, means))
    info = {
        "fitted": dt.date.today().isoformat(),
        "profiles": len(profiles),
        "pairs": len(table.grade),
        "C": C,
    } | (meta or {})
    return Scorer(WEIGHTS_VERSION, encoder.name, tuple(groups), centroids, info)


def fit_dataset(
    dataset: Dataset, encoder: Encoder, *, C: float = 1.0, engine: Engine | None = None
) -> Scorer:
    return fit_scorer(
        encoder, dataset.profiles, dataset.opportunities, dataset.qrels, C=C, engine=engine
    )


def fit_feedback(
    encoder: Encoder,
    profiles: list[ProfileData],
    opportunities: list[OpportunityData],
    feedback: Sequence[Feedback],
    *,
    C: float = 1.0,
    cache: EmbeddingCache | None = None,
) -> Scorer:
    """Refit from platform feedback; only pairs with feedback count (silence is not a 0).

    Pass the platform's embedding cache so that nothing already encoded is encoded again.
    """
    grades: dict[str, dict[str, int]] = {}
    for f in feedback:
        grades.setdefault(f.profile_id, {})[f.opportunity_id] = int(f.grade)
    return fit_scorer(
        encoder,
        profiles,
        opportunities,
        grades,
        C=C,
        labelled_only=True,
        meta={"source": "feedback", "feedback": len(feedback)},
        cache=cache,
    )


def cross_validate(
    dataset: Dataset, encoder: Encoder, *, folds: int = 5, seed: int = 0, C: float = 1.0
) -> dict[str, dict[str, float]]:
    """Per-kind metrics with each fold's profiles ranked by weights fitted without them."""
    from matching.evaluate import engine_rankings, evaluate_rankings, summarise

    ids = sorted(p.id for p in dataset.profiles)
    np.random.RandomState(seed).shuffle(ids)
    shared = Engine(encoder=encoder, scorer=unfitted_scorer(encoder.name, encoder.dim))
    results = []
    for f in range(folds):
        held_out = set(ids[f::folds])
        train = Dataset(
            [p for p in dataset.profiles if p.id not in held_out],
            dataset.opportunities,
            {p: g for p, g in dataset.qrels.items() if p not in held_out},
        )
        test = Dataset(
            [p for p in dataset.profiles if p.id in held_out],
            dataset.opportunities,
            {p: g for p, g in dataset.qrels.items() if p in held_out},
        )
        scorer = fit_dataset(train, encoder, C=C, engine=shared)
        engine = Engine(encoder=encoder, cache=shared.cache, scorer=scorer)
        results += evaluate_rankings(test, engine_rankings(test, engine))
    return summarise(results)


def _rounded(summary: dict[str, dict[str, float]]) -> dict[str, dict[str, float]]:
    return {k: {m: round(v, 3) for m, v in row.items()} for k, row in summary.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m matching.engine.fit", description=__doc__)
    parser.add_argument("dataset")
    parser.add_argument("--out", default=str(WEIGHTS_PATH))
    parser.add_argument("--encoder", default=DEFAULT_ENCODER)
    parser.add_argument("--folds", type=int, default=5, help="0 skips cross-validation")
    parser.add_argument("--C", type=float, default=1.0, help="inverse regularisation strength")
    args = parser.parse_args(argv)

    from matching.evaluate import engine_rankings, evaluate_rankings, format_table, summarise

    dataset = load_dataset(args.dataset)
    encoder = get_encoder(args.encoder)
    meta: dict[str, Any] = {"dataset": Path(args.dataset).name}
    if args.folds > 1:
        cv = cross_validate(dataset, encoder, folds=args.folds, C=args.C)
        print(f"cross-validated by profile, {args.folds} folds:")
        print(format_table(cv))
        meta["cv"] = {k: round(v["ndcg@10"], 3) for k, v in cv.items()}
    scorer = fit_dataset(dataset, encoder, C=args.C)
    in_sample = summarise(
        evaluate_rankings(dataset, engine_rankings(dataset, Engine(encoder=encoder, scorer=scorer)))
    )
    print("in sample:")
    print(format_table(in_sample))
    meta["in_sample"] = {k: round(v["ndcg@10"], 3) for k, v in in_sample.items()}
    scorer = Scorer(
        scorer.version, scorer.encoder, scorer.groups, scorer.centroids, scorer.meta | meta
    )
    scorer.save(args.out)
    for g in scorer.groups:
        weights = {f: round(float(c), 2) for f, c in zip(g.features, g.coef, strict=True) if c}
        print(f"{'/'.join(g.kinds)}: {weights}", file=sys.stderr)
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
