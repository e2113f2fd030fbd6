"""Recompute all matches for 2,000 profiles x 5,000 opportunities: seconds, pairs/s, peak memory.

    python bench/bench_recompute.py [--profiles 2000] [--opportunities 5000] [--django 200]

Core: the engine's batch API (`Engine.rank_many`) over every (woman, opportunity) pair, with
the embeddings already cached (a recompute after an edit or a weights change re-encodes only
changed texts; encoding cost is printed separately). Profiles and opportunities are the
development set's, copied with varied places, languages, levels and amounts, so the texts
repeat but every pair is filtered, featured and scored on its own.

With --django N, the same through the Django layer (rows in the database, Match rows written)
for N profiles against all opportunities, on DATABASE_URL or a temporary SQLite file.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import sys
import time
import tracemalloc
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
DEV = ROOT / "data" / "eval" / "dev"
CITIES = [("Athens", "GR"), ("Berlin", "DE"), ("Lisbon", "PT"), ("Lyon", "FR"), ("Milan", "IT")]
LANGS = ["en", "ar", "uk", "fr", "es", "pt", "de", "el"]


def synthetic(n_profiles: int, n_opps: int, seed: int = 0):  # type: ignore[no-untyped-def]
    from matching.engine.dataset import load_dataset

    dev = load_dataset(DEV)
    rng = random.Random(seed)
    profiles = []
    for i in range(n_profiles):
        p = dev.profiles[i % len(dev.profiles)]
        city, country = rng.choice(CITIES)
        extra = rng.choice(LANGS)
        profiles.append(
            replace(p, id=f"p{i}", city=city, country=country,
                    languages={**p.languages, extra: rng.choice(["B1", "B2", "native"])},
                    open_to_remote=rng.random() < 0.8)
        )  # fmt: skip
    opportunities = []
    for j in range(n_opps):
        o = dev.opportunities[j % len(dev.opportunities)]
        city, country = rng.choice(CITIES)
        changes = {"id": f"{o.kind}:{j}", "city": city if o.city else None,
                   "country": country if o.country else None}  # fmt: skip
        if o.kind == "mentor":
            changes["capacity"] = rng.randint(0, 3)
        opportunities.append(replace(o, **changes))
    return profiles, opportunities


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def core(n_profiles: int, n_opps: int, limit: int) -> None:
    from matching.engine.cache import InMemoryCache
    from matching.engine.pipeline import Engine

    profiles, opportunities = synthetic(n_profiles, n_opps)
    engine = Engine(cache=InMemoryCache())
    start = time.perf_counter()
    engine.rank_many(profiles[:50], opportunities[:200], limit=limit)  # encodes the dev texts
    # The skill texts and sentences of every item are encoded here too.
    engine.rank_many(profiles[:1], opportunities, limit=limit)
    encode_s = time.perf_counter() - start
    print(f"encoding the distinct texts once: {encode_s:.1f} s ({len(engine.cache):,} vectors)")

    tracemalloc.start()
    start = time.perf_counter()
    out = engine.rank_many(profiles, opportunities, limit=limit)
    seconds = time.perf_counter() - start
    _, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    pairs = n_profiles * n_opps
    kept = sum(len(v) for by_kind in out.values() for v in by_kind.values())
    print(
        f"core rank_many: {n_profiles:,} profiles x {n_opps:,} opportunities = {pairs:,} pairs "
        f"in {seconds:.1f} s = {pairs / seconds:,.0f} pairs/s; {kept:,} matches kept "
        f"(best {limit} per kind)"
    )
    print(
        f"peak memory: {traced_peak / 2**20:,.0f} MB allocated during the recompute (tracemalloc), "
        f"{peak_rss_mb():,.0f} MB process peak RSS (model included)"
    )


def django_layer(n_profiles: int, n_opps: int) -> None:
    import tempfile

    if not os.environ.get("DATABASE_URL"):
        os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "backend.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from backend.accounts.models import User
    from backend.catalog.models import Training
    from backend.profiles.models import Profile
    from matching import services
    from matching.models import Match

    profiles, opportunities = synthetic(n_profiles, n_opps)
    trainings = [o for o in opportunities if o.kind == "training"]
    tag = f"bench{os.getpid()}"
    users = User.objects.bulk_create(
        [User(email=f"{tag}-{i}@example.org", role="jobseeker") for i in range(len(profiles))]
    )
    rows = Profile.objects.bulk_create(
        [
            Profile(user=u, bio=p.bio, goals=p.goals, skills=list(p.skills),
                    languages=[{"code": c, "level": lv} for c, lv in p.languages.items()],
                    city=p.city or "", country=p.country or "", open_to_remote=p.open_to_remote)
            for u, p in zip(users, profiles, strict=True)
        ]
    )  # fmt: skip
    Training.objects.bulk_create(
        [
            Training(title=o.title, description=o.description, skills=list(o.skills),
                     languages=[{"code": c, "level": lv} for c, lv in o.languages.items()],
                     city=o.city or "", country=o.country or "", remote=o.remote or not o.city,
                     level=o.level or "", audience=o.audience, published=True,
                     external_id=f"{tag}-{o.id}")
            for o in trainings
        ]
    )  # fmt: skip
    try:
        ids = [r.pk for r in rows]
        services.match_recompute_for_profiles(profile_ids=ids[:10], kinds=["training"])  # warm
        start = time.perf_counter()
        for i in range(0, len(ids), 100):
            services.match_recompute_for_profiles(profile_ids=ids[i : i + 100], kinds=["training"])
        seconds = time.perf_counter() - start
        stored = Match.objects.filter(profile_id__in=ids).count()
        pairs = len(ids) * len(trainings)
        print(
            f"django layer: {len(ids):,} profiles x {len(trainings):,} trainings = {pairs:,} pairs "
            f"in {seconds:.1f} s = {pairs / seconds:,.0f} pairs/s, {stored:,} Match rows stored"
        )
    finally:
        Training.objects.filter(external_id__startswith=tag).delete()
        User.objects.filter(email__startswith=tag).delete()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--profiles", type=int, default=2000)
    parser.add_argument("--opportunities", type=int, default=5000)
    parser.add_argument("--limit", type=int, default=50, help="matches kept per kind")
    parser.add_argument("--django", type=int, default=0, help="also N profiles through Django")
    args = parser.parse_args()
    core(args.profiles, args.opportunities, args.limit)
    if args.django:
        django_layer(args.django, args.opportunities)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
