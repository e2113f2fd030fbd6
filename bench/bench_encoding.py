"""Encoding throughput of the pipeline against plain sentence-transformers, same run, same texts.

    python bench/bench_encoding.py [--n 2000] [--multilingual 500]

1. Cold pass: `encode_cached` (hashing, cache look-ups, dedupe, long-text chunking) with the
   MiniLM encoder and an empty in-memory cache, against bare `SentenceTransformer.encode` on
   the same texts. Goal: ratio >= 0.9 (the pipeline costs at most 10% on top of the model).
   Both are timed block by block, alternating, so that a busy machine slows both alike.
2. Second pass over the unchanged texts: everything comes from the cache. Goal: >= 50x.
3. The default encoder (MiniLM + multilingual USE) on a subset, against the same baseline on
   that subset: what reading bios in Arabic or Ukrainian costs at encoding time.

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
sys.path.insert(0, str(ROOT))
DEV = ROOT.parent / "shared" / "eval" / "dev"


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


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--multilingual", type=int, default=500)
    args = parser.parse_args()

    from matching.engine.cache import InMemoryCache, encode_cached
    from matching.engine.encoder import get_encoder

    texts = profile_texts(args.n)
    words = sum(len(t.split()) for t in texts) / len(texts)
    minilm, combined = get_encoder("minilm"), get_encoder("minilm+usem3")
    model = minilm.model  # type: ignore[attr-defined]
    combined.encode(texts[:64])  # load both models and warm the kernels outside the timings

    def plain(block: list[str]) -> None:
        model.encode(block, batch_size=64, normalize_embeddings=True, show_progress_bar=False)

    print(f"{len(texts)} distinct profile texts, {words:.0f} words on average")
    cache = InMemoryCache()
    base = cold = 0.0
    for start in range(0, len(texts), 500):
        block = texts[start : start + 500]
        base += timed(plain, block)
        cold += timed(encode_cached, minilm, cache, block)
    n = len(texts)
    print(f"baseline SentenceTransformer.encode   {base:6.1f} s  {n / base:5.0f} texts/s")
    print(
        f"encode_cached (MiniLM), cold           {cold:6.1f} s  {n / cold:5.0f} texts/s"
        f"   ratio {base / cold:.2f} (goal >= 0.9)"
    )
    warm = timed(encode_cached, minilm, cache, texts)
    print(
        f"second pass, unchanged texts           {warm * 1000:6.1f} ms"
        f"   speed-up x{cold / warm:,.0f} (goal >= 50)"
    )

    subset = texts[: args.multilingual]
    sub_base = timed(plain, subset)
    sub_cold = timed(encode_cached, combined, InMemoryCache(), subset)
    print(
        f"default MiniLM+USE, cold, {len(subset)} texts    {sub_cold:6.1f} s"
        f"  {len(subset) / sub_cold:5.0f} texts/s   ratio {sub_base / sub_cold:.2f}"
        f" to plain MiniLM ({sub_base:.1f} s): the price of the multilingual half"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
