"""The engine's EmbeddingCache backed by the database, so every process shares what was encoded.

Vectors are content-addressed (model name + hash of the text), so a row never goes stale and a
small per-process memory layer in front of the table is always correct.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable, Mapping

import numpy as np

from matching.models import Embedding

# Keeps SQL parameter lists well under SQLite's and PostgreSQL's limits.
_CHUNK = 500


def _chunks(items: list[str], size: int = _CHUNK) -> Iterable[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def vector_to_bytes(vector: np.ndarray) -> bytes:
    return np.ascontiguousarray(vector, dtype="<f4").tobytes()


def vector_from_bytes(data: bytes | memoryview, dim: int) -> np.ndarray:
    vector = np.frombuffer(bytes(data), dtype="<f4")
    if vector.shape[0] != dim:
        raise ValueError(f"stored vector has {vector.shape[0]} values, expected {dim}")
    return vector.astype(np.float32, copy=False)


class DbEmbeddingCache:
    """get_many / put_many over the Embedding table, with an LRU of recent vectors in memory."""

    def __init__(self, memory_items: int = 20_000) -> None:
        self._memory: OrderedDict[tuple[str, str], np.ndarray] = OrderedDict()
        self._memory_items = memory_items

    def _remember(self, model: str, text_hash: str, vector: np.ndarray) -> None:
        key = (model, text_hash)
        self._memory[key] = vector
        self._memory.move_to_end(key)
        while len(self._memory) > self._memory_items:
            self._memory.popitem(last=False)

    def clear_memory(self) -> None:
        self._memory.clear()

    def get_many(self, model: str, hashes: Iterable[str]) -> dict[str, np.ndarray]:
        found: dict[str, np.ndarray] = {}
        missing: list[str] = []
        for text_hash in dict.fromkeys(hashes):
            vector = self._memory.get((model, text_hash))
            if vector is None:
                missing.append(text_hash)
            else:
                found[text_hash] = vector
        for chunk in _chunks(missing):
            rows = Embedding.objects.filter(model=model, text_hash__in=chunk).values_list(
                "text_hash", "dim", "vector"
            )
            for text_hash, dim, data in rows:
                vector = vector_from_bytes(data, dim)
                found[text_hash] = vector
                self._remember(model, text_hash, vector)
        return found

    def put_many(self, model: str, vectors: Mapping[str, np.ndarray]) -> None:
        rows = [
            Embedding(
                model=model,
                text_hash=text_hash,
                dim=int(np.asarray(vector).shape[-1]),
                vector=vector_to_bytes(vector),
            )
            for text_hash, vector in vectors.items()
        ]
        # Two workers may encode the same new text at once; the first row wins, both are equal.
        Embedding.objects.bulk_create(rows, batch_size=_CHUNK, ignore_conflicts=True)
        for text_hash, vector in vectors.items():
            self._remember(model, text_hash, np.asarray(vector, dtype=np.float32))


_cache: DbEmbeddingCache | None = None


def get_cache() -> DbEmbeddingCache:
    """One cache per process, like the encoder."""
    global _cache
    if _cache is None:
        _cache = DbEmbeddingCache()
    return _cache
