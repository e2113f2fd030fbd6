"""Batch recompute through the engine core: 2,000 profiles x 5,000 opportunities.

    python bench/bench_recompute_core.py [--profiles 2000] [--opportunities 5000] [--top-n 200]

Prints seconds, pairs per second and peak memory of `Engine.rank_many`, and, as the baseline
measured in the same run, calling `Engine.rank` profile by profile (on a sample, scaled up).

Profiles and opportunities are the development set's texts under new ids with varied
structured fields (city, languages, levels, places, amounts), so after one encoding pass of the
dev texts every vector comes from the cache: this measures ranking (retrieval, filters,
features, scores and reasons), not encoding (see bench_encoding.py).
"""

from __future__ import annotations

import argparse
import dataclasses
import resource
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DEV = ROOT / "data" / "eval" / "dev"


def synthetic(n_profiles: int, n_opportunities: int):  # type: ignore[no-untyped-def]
    from matching.engine.dataset import load_dataset

    ds = load_dataset(DEV)
    cities = sorted({p.city for p in ds.profiles if p.city})
    places = [(p.city, p.country) for p in ds.profiles]
    profiles = []
    for i in range(n_profiles):
        src = ds.profiles[i % len(ds.profiles)]
        donor = ds.profiles[(i * 7 + 3) % len(ds.profiles)]
        city, country = places[(i * 11) % len(places)]
        profiles.append(
            dataclasses.replace(
                src,
                id=f"p{i:05d}",
                city=city,
                country=country,
                languages=dict(src.languages) | dict(donor.languages),
                open_to_remote=bool(i % 3),
            )
        )
    opportunities = []
    for j in range(n_opportunities):
        src = ds.opportunities[j % len(ds.opportunities)]
        changes: dict[str, object] = {"id": f"{src.kind[:3]}-{j:05d}"}
        if src.city is not None:
            changes["city"] = cities[(j * 5) % len(cities)]
        if src.kind == "mentor":
            changes["capacity"] = j % 4
        if src.kind == "financing" and src.amount_min_eur and src.amount_max_eur:
            scale = 0.5 + (j % 7) / 4
            changes["amount_min_eur"] = int(src.amount_min_eur * scale)
            changes["amount_max_eur"] = int(src.amount_max_eur * scale)
        opportunities.append(dataclasses.replace(src, **changes))
    return ds, profiles, opportunities


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--profiles", type=int, default=2000)
    parser.add_argument("--opportunities", type=int, default=5000)
    parser.add_argument("--top-n", type=int, default=200)
    parser.add_argument("--limit", type=int, default=20)
    parser.add_argument("--sample", type=int, default=20, help="profiles for the baseline")
    args = parser.parse_args()

    from matching.engine.pipeline import Engine

    ds, profiles, opportunities = synthetic(args.profiles, args.opportunities)
    engine = Engine()
    start = time.perf_counter()
    engine.rank_many(ds.profiles, ds.opportunities, limit=1, with_reasons=False)
    print(f"encoding the dev texts once (cache fill): {time.perf_counter() - start:.1f} s")
    kinds: dict[str, int] = {}
    for o in opportunities:
        kinds[o.kind] = kinds.get(o.kind, 0) + 1
    scored = len(profiles) * sum(min(args.top_n, m) for m in kinds.values())
    print(
        f"{len(profiles):,} profiles x {len(opportunities):,} opportunities "
        f"({', '.join(f'{k} {m}' for k, m in kinds.items())}); top {args.top_n} per kind "
        f"-> {scored:,} candidate pairs filtered and scored, {args.limit} kept per kind"
    )

    start = time.perf_counter()
    for p in profiles[: args.sample]:
        engine.rank(p, opportunities, limit=args.limit * len(kinds))
    per_profile = (time.perf_counter() - start) / args.sample
    naive = per_profile * len(profiles)
    print(f"baseline rank() per profile: {per_profile * 1000:.0f} ms -> {naive:.0f} s for all")

    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    for with_reasons in (False, True):
        start = time.perf_counter()
        result = engine.rank_many(
            profiles,
            opportunities,
            top_n=args.top_n,
            limit=args.limit,
            with_reasons=with_reasons,
        )
        seconds = time.perf_counter() - start
        kept = sum(len(v) for kinds_ in result.values() for v in kinds_.values())
        label = "with reasons" if with_reasons else "scores only "
        print(
            f"rank_many, {label}: {seconds:6.1f} s  {scored / seconds:9,.0f} pairs/s  "
            f"{kept:,} matches kept   x{naive / seconds:.1f} faster than the baseline"
        )
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    tracemalloc.start()
    engine.rank_many(
        profiles[:500], opportunities, top_n=args.top_n, limit=args.limit, with_reasons=False
    )
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(
        f"peak memory: process max RSS {rss_after / 1024:.0f} MB (was {rss_before / 1024:.0f} MB"
        f" with the models loaded); rank_many's own peak allocation {peak / 2**20:.0f} MB"
        f" (tracemalloc, one 500-profile run; chunks of 256 profiles keep it flat)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
