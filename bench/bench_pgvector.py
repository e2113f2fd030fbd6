"""pgvector HNSW vs exact top-10: recall@10 and latency, on realistic (not random) vectors.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/pathways_matching \
        python bench/bench_pgvector.py [--n 100000] [--queries 100]

Vectors are noisy copies of encoded development-set texts (all-MiniLM-L6-v2, 384-d), so they
cluster like real profiles and opportunities do; random vectors would understate recall.
The baseline is measured in the same run: numpy exact search over the same matrix, and
pgvector's own exact scan. Rows are written to the real `matching_vector` table under a
throw-away model name and removed at the end.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "backend.settings")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
DEV = ROOT / "data" / "eval" / "dev"


def dev_texts() -> list[str]:
    texts = []
    for name, fields in (
        ("opportunities.jsonl", ("title", "description")),
        ("profiles.jsonl", ("bio", "goals")),
    ):
        for line in (DEV / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                texts.append(" ".join(str(row.get(f) or "") for f in fields))
    return texts


def realistic_vectors(n: int, seed: int = 0, dim: int = 384) -> np.ndarray:
    """n noisy copies of encoded dev texts (cosine about 0.8 to their source): the core's helper."""
    from bench.bench_query import realistic_vectors as core_realistic

    return core_realistic(n, dim=dim, seed=seed)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=100)
    parser.add_argument("--ef-search", type=int, default=100)
    parser.add_argument("--dim", type=int, default=384, choices=[384, 512, 896])
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from matching.vector_store import TABLE, PgVectorIndex, _vector_literal, pgvector_ready

    if connection.vendor != "postgresql":
        print("needs DATABASE_URL pointing at PostgreSQL with pgvector")
        return 2
    call_command("migrate", "matching", verbosity=0)
    if not pgvector_ready():
        print("the vector extension is not installed on this server")
        return 2

    vectors = realistic_vectors(args.n, seed=0, dim=args.dim)
    queries = realistic_vectors(args.queries, seed=1, dim=args.dim)
    dim = vectors.shape[1]
    model, kind = f"bench-{os.getpid()}", "job"
    ids = [f"job:{i}" for i in range(args.n)]
    index = PgVectorIndex(model, dim, ef_search=args.ef_search)
    print(f"{args.n:,} x {dim} vectors, {args.queries} queries, ef_search {args.ef_search}")

    try:
        start = time.perf_counter()
        with (
            connection.cursor() as cursor,
            cursor.connection.cursor().copy(
                f"COPY {TABLE} (model, kind, item_id, text_hash, embedding) FROM STDIN"
            ) as copy,
        ):
            for item_id, vector in zip(ids, vectors, strict=True):
                copy.write_row((model, kind, item_id, "", _vector_literal(vector)))
        load = time.perf_counter() - start
        start = time.perf_counter()
        index.ensure_index(kind)
        build = time.perf_counter() - start
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {TABLE}")
        print(f"load (COPY) {load:.1f} s, HNSW build (m 16, ef_construction 64) {build:.1f} s")

        exact_ids, numpy_ms = [], []
        for q in queries:
            t = time.perf_counter()
            scores = vectors @ q
            top = np.argpartition(-scores, 10)[:10]
            top = top[np.argsort(-scores[top])]
            numpy_ms.append((time.perf_counter() - t) * 1000)
            exact_ids.append({ids[i] for i in top})

        hnsw: dict[int, tuple[list[float], list[float]]] = {}
        for ef in sorted({args.ef_search, 100, 200}):
            index.ef_search = ef
            times, recalls = [], []
            for q, truth in zip(queries, exact_ids, strict=True):
                index.search(kind, q, 10)  # warm
                t = time.perf_counter()
                found = index.search(kind, q, 10)
                times.append((time.perf_counter() - t) * 1000)
                recalls.append(len(truth & {i for i, _ in found}) / 10)
            hnsw[ef] = (times, recalls)

        scan_ms = []
        for q in queries[:10]:
            t = time.perf_counter()
            with connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT item_id FROM {TABLE} WHERE model = %s AND kind = %s "  # noqa: S608
                    "ORDER BY embedding <=> %s::vector LIMIT 10",
                    [model, kind, _vector_literal(q)],
                )
                cursor.fetchall()
            scan_ms.append((time.perf_counter() - t) * 1000)

        base = statistics.median(numpy_ms)
        rows = [("numpy exact (baseline)", numpy_ms, None), ("pgvector exact scan", scan_ms, None)]
        rows += [(f"pgvector HNSW ef {ef}", ms, rec) for ef, (ms, rec) in hnsw.items()]
        for name, ms, rec in rows:
            median = statistics.median(ms)
            recall = (
                f"   recall@10 mean {statistics.mean(rec):.3f}, "
                f"queries below 0.8: {sum(r < 0.8 for r in rec)}"
                if rec
                else ""
            )
            print(f"{name:24s} median {median:7.2f} ms   x{median / base:5.2f} of baseline{recall}")
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP INDEX IF EXISTS {index.index_name(kind)}")
            cursor.execute(f"DELETE FROM {TABLE} WHERE model = %s", [model])  # noqa: S608
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
