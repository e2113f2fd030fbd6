"""Score the matching engine on a dataset in the format of docs/dataset-format.md.

    python -m matching.evaluate DATASET_DIR [--json] [--baseline cosine|tfidf]

Prints nDCG@5, nDCG@10, recall@10 and MRR per kind and overall. Plain Python and numpy: no
Django, no database; embeddings are cached in memory for the run only.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from matching.engine.dataset import Dataset, load_dataset
from matching.engine.types import KINDS

METRICS = ("ndcg@5", "ndcg@10", "recall@10", "mrr")
Rankings = dict[str, dict[str, list[str]]]  # profile id -> kind -> opportunity ids, best first


# Reference implementation of one pair, verbatim from docs/dataset-format.md.
def dcg(grades: list[int]) -> float:
    return sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(grades))


def pair_metrics(ranking: list[str], grades: dict[str, int]) -> dict[str, float]:
    """ranking: opportunity ids of one kind, best first; grades: {opportunity id: grade} for this
    profile and kind (missing ids have grade 0)."""
    relevant = {o for o, g in grades.items() if g >= 2}
    out = {}
    for n in (5, 10):
        ideal = dcg(sorted(grades.values(), reverse=True)[:n])
        out[f"ndcg@{n}"] = dcg([grades.get(o, 0) for o in ranking[:n]]) / ideal
    out["recall@10"] = len(relevant & set(ranking[:10])) / len(relevant)
    out["mrr"] = next((1 / (i + 1) for i, o in enumerate(ranking) if o in relevant), 0.0)
    return out


@dataclass(frozen=True)
class PairResult:
    profile: str
    kind: str
    metrics: dict[str, float]


def counted_grades(dataset: Dataset) -> dict[tuple[str, str], dict[str, int]]:
    """(profile, kind) -> grades of that kind, for the pairs the README counts (a grade >= 2)."""
    kind_of = {o.id: o.kind for o in dataset.opportunities}
    out: dict[tuple[str, str], dict[str, int]] = {}
    for p in dataset.profiles:
        for kind in KINDS:
            grades = {
                o: g
                for o, g in dataset.qrels.get(p.id, {}).items()
                if kind_of.get(o) == kind and g > 0
            }
            if any(g >= 2 for g in grades.values()):
                out[(p.id, kind)] = grades
    return out


def evaluate_rankings(dataset: Dataset, rankings: Rankings) -> list[PairResult]:
    return [
        PairResult(pid, kind, pair_metrics(rankings.get(pid, {}).get(kind, []), grades))
        for (pid, kind), grades in counted_grades(dataset).items()
    ]


def summarise(results: list[PairResult]) -> dict[str, dict[str, float]]:
    groups: dict[str, list[PairResult]] = {k: [r for r in results if r.kind == k] for k in KINDS}
    groups["overall"] = list(results)
    out = {}
    for name, rows in groups.items():
        if not rows:
            continue
        out[name] = {"pairs": len(rows)} | {
            m: float(np.mean([r.metrics[m] for r in rows])) for m in METRICS
        }
    return out


def format_table(summary: dict[str, dict[str, float]]) -> str:
    lines = [f"{'kind':<10}{'pairs':>6}{'nDCG@5':>8}{'nDCG@10':>9}{'recall@10':>11}{'MRR':>7}"]
    for name, row in summary.items():
        lines.append(
            f"{name:<10}{int(row['pairs']):>6}{row['ndcg@5']:>8.3f}{row['ndcg@10']:>9.3f}"
            f"{row['recall@10']:>11.3f}{row['mrr']:>7.3f}"
        )
    return "\n".join(lines)


def engine_rankings(dataset: Dataset, engine: Any = None) -> Rankings:
    from matching.engine.pipeline import Engine

    engine = engine or Engine()
    ranked = engine.rank_many(
        dataset.profiles, dataset.opportunities, top_n=None, limit=None, with_reasons=False
    )
    return {
        pid: {kind: [m.opportunity_id for m in matches] for kind, matches in kinds.items()}
        for pid, kinds in ranked.items()
    }


def _plain_profile(p: Any) -> str:
    return " ".join([p.bio, p.goals, ", ".join(p.skills)])


def _plain_opportunity(o: Any) -> str:
    return " ".join([o.title, o.description, ", ".join(o.skills)])


def baseline_rankings(dataset: Dataset, name: str) -> Rankings:
    """Text similarity alone, as in the README's reference points (no filters)."""
    p_texts = [_plain_profile(p) for p in dataset.profiles]
    o_texts = [_plain_opportunity(o) for o in dataset.opportunities]
    if name == "tfidf":
        from sklearn.feature_extraction.text import TfidfVectorizer

        vectors = TfidfVectorizer(sublinear_tf=True).fit_transform(p_texts + o_texts)
        sim = (vectors[: len(p_texts)] @ vectors[len(p_texts) :].T).toarray()
    elif name == "cosine":
        from matching.engine.encoder import get_encoder

        encoder = get_encoder("minilm")
        sim = encoder.encode(p_texts) @ encoder.encode(o_texts).T
    else:
        raise ValueError(f"unknown baseline {name!r}; use cosine or tfidf")
    out: Rankings = {}
    for i, p in enumerate(dataset.profiles):
        out[p.id] = {}
        for kind in KINDS:
            rows = [
                (float(sim[i, j]), o.id)
                for j, o in enumerate(dataset.opportunities)
                if o.kind == kind
            ]
            out[p.id][kind] = [oid for _, oid in sorted(rows, key=lambda t: (-t[0], t[1]))]
    return out


def _report(results: list[PairResult]) -> dict[str, Any]:
    return {
        "summary": summarise(results),
        "pairs": [{"profile": r.profile, "kind": r.kind} | r.metrics for r in results],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m matching.evaluate", description=__doc__)
    parser.add_argument("dataset", help="folder with profiles.jsonl, opportunities.jsonl, qrels")
    parser.add_argument("--json", action="store_true", help="print the numbers as JSON")
    parser.add_argument("--baseline", choices=("cosine", "tfidf"), help="also score a baseline")
    args = parser.parse_args(argv)

    if not Path(args.dataset).is_dir():
        parser.error(f"{args.dataset}: no such folder")
    try:
        dataset = load_dataset(args.dataset)
    except OSError as exc:  # a missing or unreadable file of the three
        parser.error(f"cannot read {exc.filename or args.dataset}: {exc.strerror or exc}")
    except ValueError as exc:  # malformed JSON or fields; the message names file and line
        parser.error(f"malformed dataset in {args.dataset}: {exc}")
    from matching.engine.pipeline import Engine

    engine = Engine()
    reports = {"engine": _report(evaluate_rankings(dataset, engine_rankings(dataset, engine)))}
    if args.baseline:
        results = evaluate_rankings(dataset, baseline_rankings(dataset, args.baseline))
        reports["baseline"] = {"name": args.baseline} | _report(results)
    if args.json:
        json.dump(reports, sys.stdout, indent=1)
        print()
        return 0
    title = f"engine ({engine.encoder.name}, weights {engine.scorer.version})"
    print(title)
    print(format_table(reports["engine"]["summary"]))
    if args.baseline:
        print(f"\nbaseline: {args.baseline}")
        print(format_table(reports["baseline"]["summary"]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
