"""Vector index: cosine top-k within one kind of opportunity.

`NumpyIndex` is the embedded default: one float32 matrix per kind, kept up to date in place
(rows appended into spare capacity, removed by moving the last row into the hole), so a query is
one matrix-vector product and an argpartition, never a rebuild. A pgvector backend implements
the same protocol for large deployments.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

import numpy as np


@runtime_checkable
class VectorIndex(Protocol):
    def upsert(self, kind: str, ids: list[str], vectors: np.ndarray) -> None: ...

    def remove(self, kind: str, ids: list[str]) -> None: ...

    def search(
        self, kind: str, query: np.ndarray, k: int, allowed: set[str] | None = None
    ) -> list[tuple[str, float]]: ...


def top_k(scores: np.ndarray, ids: list[str], k: int) -> list[tuple[str, float]]:
    """Best k of `scores` (aligned with `ids`), best first; equal scores ordered by id."""
    n = scores.shape[0]
    if k <= 0 or n == 0:
        return []
    if k < n:
        part = np.argpartition(-scores, k - 1)[:k]
        # Rows tied with the k-th score may sit outside the partition; take them all so the
        # tie-break by id does not depend on where argpartition happened to put them.
        kth = scores[part].min()
        part = np.flatnonzero(scores >= kth)
    else:
        part = np.arange(n)
    best = sorted(part.tolist(), key=lambda i: (-float(scores[i]), ids[i]))[:k]
    return [(ids[i], float(scores[i])) for i in best]


class _KindMatrix:
    def __init__(self, dim: int) -> None:
        self.matrix = np.zeros((16, dim), dtype=np.float32)
        self.size = 0
        self.ids: list[str] = []
        self.row_of: dict[str, int] = {}

    def _reserve(self, rows: int) -> None:
        if rows <= self.matrix.shape[0]:
            return
        # Doubling keeps appends amortised O(1) per row.
        grown = np.zeros((max(rows, 2 * self.matrix.shape[0]), self.matrix.shape[1]), np.float32)
        grown[: self.size] = self.matrix[: self.size]
        self.matrix = grown

    def upsert(self, ids: list[str], vectors: np.ndarray) -> None:
        fresh = [i for i in dict.fromkeys(ids) if i not in self.row_of]
        self._reserve(self.size + len(fresh))
        for item_id, vector in zip(ids, vectors, strict=True):
            row = self.row_of.get(item_id)
            if row is None:
                row = self.size
                self.size += 1
                self.row_of[item_id] = row
                self.ids.append(item_id)
            self.matrix[row] = vector

    def remove(self, ids: list[str]) -> None:
        for item_id in ids:
            row = self.row_of.pop(item_id, None)
            if row is None:
                continue
            last = self.size - 1
            if row != last:
                moved = self.ids[last]
                self.matrix[row] = self.matrix[last]
                self.ids[row] = moved
                self.row_of[moved] = row
            self.ids.pop()
            self.size -= 1


class NumpyIndex:
    def __init__(self, dim: int) -> None:
        self.dim = dim
        self._kinds: dict[str, _KindMatrix] = {}

    def __len__(self) -> int:
        return sum(k.size for k in self._kinds.values())

    def count(self, kind: str) -> int:
        table = self._kinds.get(kind)
        return table.size if table else 0

    def upsert(self, kind: str, ids: list[str], vectors: np.ndarray) -> None:
        vectors = np.asarray(vectors, dtype=np.float32).reshape(len(ids), self.dim)
        self._kinds.setdefault(kind, _KindMatrix(self.dim)).upsert(ids, vectors)

    def remove(self, kind: str, ids: list[str]) -> None:
        table = self._kinds.get(kind)
        if table is not None:
            table.remove(ids)

    def search(
        self, kind: str, query: np.ndarray, k: int, allowed: set[str] | None = None
    ) -> list[tuple[str, float]]:
        table = self._kinds.get(kind)
        if table is None or table.size == 0:
            return []
        scores = table.matrix[: table.size] @ np.asarray(query, dtype=np.float32)
        ids = table.ids
        if allowed is not None:
            rows = np.fromiter(
                (table.row_of[i] for i in allowed if i in table.row_of), dtype=np.int64
            )
            return top_k(scores[rows], [ids[r] for r in rows], k)
        return top_k(scores, ids, k)
