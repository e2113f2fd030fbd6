"""Embedding cache: unchanged text is never encoded twice.

Keys are (model name, sha256 of the text). The Django layer stores the same pairs in the
database behind the `EmbeddingCache` protocol; `InMemoryCache` serves tests, benchmarks and the
evaluation command.
"""

from __future__ import annotations

import hashlib
from typing import Protocol, runtime_checkable

import numpy as np

from .encoder import Encoder


@runtime_checkable
class EmbeddingCache(Protocol):
    def get_many(self, model: str, hashes: list[str]) -> dict[str, np.ndarray]: ...

    def put_many(self, model: str, items: dict[str, np.ndarray]) -> None: ...


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class InMemoryCache:
    def __init__(self) -> None:
        self._store: dict[tuple[str, str], np.ndarray] = {}

    def __len__(self) -> int:
        return len(self._store)

    def get_many(self, model: str, hashes: list[str]) -> dict[str, np.ndarray]:
        out = {}
        for h in hashes:
            vector = self._store.get((model, h))
            if vector is not None:
                out[h] = vector
        return out

    def put_many(self, model: str, items: dict[str, np.ndarray]) -> None:
        for h, vector in items.items():
            self._store[(model, h)] = np.asarray(vector, dtype=np.float32)


def encode_cached(encoder: Encoder, cache: EmbeddingCache | None, texts: list[str]) -> np.ndarray:
    """Rows for `texts` in order; only texts missing from the cache reach the encoder, once each."""
    if not texts:
        return np.zeros((0, encoder.dim), dtype=np.float32)
    if cache is None:
        unique = list(dict.fromkeys(texts))
        rows = dict(zip(unique, encoder.encode(unique), strict=True))
        return np.stack([rows[t] for t in texts]).astype(np.float32, copy=False)
    hashes = [text_hash(t) for t in texts]
    found = cache.get_many(encoder.name, list(dict.fromkeys(hashes)))
    missing: dict[str, str] = {}
    for h, t in zip(hashes, texts, strict=True):
        if h not in found:
            missing.setdefault(h, t)
    if missing:
        fresh = encoder.encode(list(missing.values()))
        new = dict(zip(missing.keys(), fresh, strict=True))
        cache.put_many(encoder.name, new)
        found.update(new)
    return np.stack([found[h] for h in hashes]).astype(np.float32, copy=False)
