"""Top-10 for one profile over 100,000 opportunity vectors of one kind.

    python bench/bench_query.py [--n 100000] [--queries 100] [--dim 896]

`--dim` picks the encoder whose vectors are used: 384 MiniLM, 512 multilingual USE, 896 both
(the default engine).

Baseline, same run, same matrix: bare `X @ q` + argpartition + sorting the ten. Measured:
`NumpyIndex.search` (the embedded default). Goal: within 1.5x of the baseline. Both must return
the same ten ids.

Vectors are shaped like real embeddings: noisy copies of encoded development-set texts,
renormalised (cosine about 0.8 to their source), so they cluster like real opportunities;
structureless random vectors would flatter approximate indexes. `realistic_vectors` is the
reusable source of such vectors; other backends plug in at `extra_backends` below.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from functools import cache
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DEV = ROOT / "data" / "eval" / "dev"
ENCODER_BY_DIM = {384: "minilm", 512: "usem3", 896: "minilm+usem3"}

SearchFn = Callable[[np.ndarray, int], list[str]]


@cache
def _dev_embeddings(encoder: str) -> np.ndarray:
    from matching.engine.dataset import load_dataset
    from matching.engine.encoder import get_encoder
    from matching.engine.text import opportunity_text, profile_text

    ds = load_dataset(DEV)
    texts = [opportunity_text(o) for o in ds.opportunities] + [profile_text(p) for p in ds.profiles]
    return get_encoder(encoder).encode(texts)


def realistic_vectors(n: int, dim: int = 896, seed: int = 0, noise: float = 0.75) -> np.ndarray:
    """(n, dim) float32 unit rows: noisy copies of encoded dev texts (cosine ~0.8 to the source).

    dim picks the encoder: 384 MiniLM, 512 multilingual USE, 896 both (the default engine).
    """
    if dim not in ENCODER_BY_DIM:
        raise ValueError(f"no encoder with {dim} dimensions; use one of {sorted(ENCODER_BY_DIM)}")
    base = _dev_embeddings(ENCODER_BY_DIM[dim])
    rng = np.random.default_rng(seed)
    rows = base[rng.integers(0, len(base), size=n)]
    jitter = rng.normal(size=rows.shape).astype(np.float32)
    jitter *= np.float32(noise) / np.linalg.norm(jitter, axis=1, keepdims=True)
    out = rows + jitter
    return (out / np.linalg.norm(out, axis=1, keepdims=True)).astype(np.float32)


def numpy_baseline(X: np.ndarray, ids: list[str]) -> SearchFn:
    def search(q: np.ndarray, k: int) -> list[str]:
        scores = X @ q
        top = np.argpartition(-scores, k)[:k]
        top = top[np.argsort(-scores[top])]
        return [ids[i] for i in top]

    return search


def numpy_index(kind: str, X: np.ndarray, ids: list[str]) -> SearchFn:
    from matching.engine.index import NumpyIndex

    index = NumpyIndex(X.shape[1])
    for start in range(0, len(ids), 10_000):  # incremental, as the platform fills it
        index.upsert(kind, ids[start : start + 10_000], X[start : start + 10_000])

    def search(q: np.ndarray, k: int) -> list[str]:
        return [i for i, _ in index.search(kind, q, k)]

    return search


# --- Hook for other backends (pgvector HNSW, ...) -------------------------------------------
# Return (name, search function) pairs built over the same kind, ids and vectors; each is timed
# and its recall@10 against the exact baseline printed. Empty by default: this script needs no
# database.
def extra_backends(kind: str, X: np.ndarray, ids: list[str]) -> list[tuple[str, SearchFn]]:
    return []


def timings(search: SearchFn, queries: np.ndarray, k: int) -> tuple[list[float], list[list[str]]]:
    search(queries[0], k)  # warm
    ms, found = [], []
    for q in queries:
        start = time.perf_counter()
        found.append(search(q, k))
        ms.append((time.perf_counter() - start) * 1000)
    return ms, found


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=100)
    parser.add_argument("--dim", type=int, default=896, choices=sorted(ENCODER_BY_DIM))
    args = parser.parse_args()

    kind, k = "job", 10
    X = realistic_vectors(args.n, args.dim, seed=0)
    queries = realistic_vectors(args.queries, args.dim, seed=1)
    ids = [f"job-{i:06d}" for i in range(args.n)]
    print(f"{args.n:,} x {args.dim} vectors ({ENCODER_BY_DIM[args.dim]}), {args.queries} queries")

    base_ms, truth = timings(numpy_baseline(X, ids), queries, k)
    base = statistics.median(base_ms)
    print(f"{'baseline X @ q + argpartition':32s} median {base:7.2f} ms")
    backends = [("NumpyIndex.search", numpy_index(kind, X, ids))]
    backends += extra_backends(kind, X, ids)
    for name, search in backends:
        ms, found = timings(search, queries, k)
        recall = statistics.mean(
            len(set(f) & set(t)) / k for f, t in zip(found, truth, strict=True)
        )
        median = statistics.median(ms)
        print(
            f"{name:32s} median {median:7.2f} ms   x{median / base:4.2f} of baseline"
            f"   recall@10 {recall:.3f}"
            + ("   (goal within 1.5x)" if name.startswith("Numpy") else "")
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
