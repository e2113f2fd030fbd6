"""Vector indexes behind the engine's VectorIndex protocol, and the choice between them.

- NumpyIndex (the engine's, in-process, exact): the embedded default.
- PgVectorIndex: rows in the `matching_vector` table (created by migration 0002 on PostgreSQL
  with pgvector), searched with one partial HNSW index per (model, kind). Every process sees the
  same vectors, so web and worker processes hold no index state of their own.

settings.VECTOR_INDEX picks: "numpy", "pgvector", or "auto" (pgvector when the table exists).
Both also remember the hash of the text each vector came from, so a sync re-encodes and
re-writes only what changed.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from typing import Any, Protocol

import numpy as np
from django.conf import settings
from django.db import connection, transaction

TABLE = "matching_vector"
_SAFE_NAME = re.compile(r"^[A-Za-z0-9_.+\-]{1,64}$")
_CHUNK = 500


class HashedIndex(Protocol):
    """The engine's VectorIndex plus the text hash of every stored vector."""

    def upsert(
        self,
        kind: str,
        ids: Sequence[str],
        vectors: np.ndarray,
        hashes: Sequence[str] | None = None,
    ) -> None: ...

    def remove(self, kind: str, ids: Sequence[str]) -> None: ...

    def search(
        self, kind: str, query: np.ndarray, k: int, allowed: Iterable[str] | None = None
    ) -> list[tuple[str, float]]: ...

    def hashes(self, kind: str) -> dict[str, str]: ...


def _vector_literal(vector: np.ndarray) -> str:
    return "[" + ",".join(map(str, np.asarray(vector, dtype=np.float32).tolist())) + "]"


def _check_name(value: str) -> str:
    # Model and kind names go into index DDL as literals; only plain names may.
    if not _SAFE_NAME.match(value):
        raise ValueError(f"unsafe name for a vector index: {value!r}")
    return value


# pgvector refuses a larger hnsw.ef_search.
EF_SEARCH_MAX = 1000
_iterative_scan: dict[str, bool] = {}


def iterative_scan_supported() -> bool:
    """pgvector 0.8 or later: an HNSW scan can continue past ef_search (hnsw.iterative_scan)."""
    key = str(connection.settings_dict.get("NAME"))
    if key not in _iterative_scan:
        with connection.cursor() as cursor:
            cursor.execute("SELECT extversion FROM pg_extension WHERE extname = 'vector'")
            row = cursor.fetchone()
        version = tuple(int(p) for p in re.findall(r"\d+", row[0])[:2]) if row else (0, 0)
        _iterative_scan[key] = version >= (0, 8)
    return _iterative_scan[key]


class PgVectorIndex:
    def __init__(self, model: str, dim: int, ef_search: int | None = None) -> None:
        self.model = _check_name(model)
        self.dim = int(dim)
        self.ef_search = ef_search or int(getattr(settings, "VECTOR_EF_SEARCH", 40))
        self._indexed: set[str] = set()

    def index_name(self, kind: str) -> str:
        digest = hashlib.sha256(f"{self.model}:{kind}:{self.dim}".encode()).hexdigest()[:12]
        return f"matching_vector_hnsw_{digest}"

    def ensure_index(self, kind: str) -> None:
        """The HNSW index for this (model, kind): built once, maintained by PostgreSQL after."""
        if kind in self._indexed:
            return
        _check_name(kind)
        with connection.cursor() as cursor:
            cursor.execute(
                f"CREATE INDEX IF NOT EXISTS {self.index_name(kind)} ON {TABLE} "
                f"USING hnsw ((embedding::vector({self.dim})) vector_cosine_ops) "
                f"WITH (m = 16, ef_construction = 64) "
                f"WHERE model = '{self.model}' AND kind = '{kind}'"
            )
        self._indexed.add(kind)

    def upsert(
        self,
        kind: str,
        ids: Sequence[str],
        vectors: np.ndarray,
        hashes: Sequence[str] | None = None,
    ) -> None:
        if len(ids) == 0:
            return
        vectors = np.asarray(vectors, dtype=np.float32)
        if vectors.shape != (len(ids), self.dim):
            raise ValueError(f"expected {len(ids)} x {self.dim} vectors, got {vectors.shape}")
        self.ensure_index(kind)
        hash_list = list(hashes) if hashes is not None else [""] * len(ids)
        rows = [
            (self.model, kind, item_id, text_hash, _vector_literal(vector))
            for item_id, text_hash, vector in zip(ids, hash_list, vectors, strict=True)
        ]
        with connection.cursor() as cursor:
            for start in range(0, len(rows), _CHUNK):
                cursor.executemany(
                    f"INSERT INTO {TABLE} (model, kind, item_id, text_hash, embedding) "  # noqa: S608
                    "VALUES (%s, %s, %s, %s, %s::vector) "
                    "ON CONFLICT (model, kind, item_id) DO UPDATE "
                    "SET text_hash = EXCLUDED.text_hash, embedding = EXCLUDED.embedding",
                    rows[start : start + _CHUNK],
                )

    def remove(self, kind: str, ids: Sequence[str]) -> None:
        if len(ids) == 0:
            return
        with connection.cursor() as cursor:
            cursor.execute(
                f"DELETE FROM {TABLE} WHERE model = %s AND kind = %s AND item_id = ANY(%s)",  # noqa: S608
                [self.model, kind, list(ids)],
            )

    def hashes(self, kind: str) -> dict[str, str]:
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT item_id, text_hash FROM {TABLE} WHERE model = %s AND kind = %s",  # noqa: S608
                [self.model, kind],
            )
            return dict(cursor.fetchall())

    def count(self, kind: str) -> int:
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT count(*) FROM {TABLE} WHERE model = %s AND kind = %s",  # noqa: S608
                [self.model, kind],
            )
            return int(cursor.fetchone()[0])

    def search(
        self, kind: str, query: np.ndarray, k: int, allowed: Iterable[str] | None = None
    ) -> list[tuple[str, float]]:
        if k <= 0:
            return []
        literal = _vector_literal(np.asarray(query, dtype=np.float32).reshape(-1))
        if allowed is not None:
            return self._search_exact(kind, literal, k, list(allowed))
        self.ensure_index(kind)
        # The model and kind are literals so the planner can match the partial index.
        sql = (
            f"SELECT item_id, 1 - (embedding::vector({self.dim}) <=> %s::vector({self.dim})) "  # noqa: S608
            f"FROM {TABLE} WHERE model = '{self.model}' AND kind = '{_check_name(kind)}' "
            f"ORDER BY embedding::vector({self.dim}) <=> %s::vector({self.dim}) LIMIT %s"
        )
        # An HNSW scan yields at most ef_search rows, so a top-k asks for at least k candidates.
        # pgvector caps ef_search at 1,000; beyond it, an iterative scan (pgvector >= 0.8) goes
        # on until k rows are found. Both settings are local to this transaction.
        ef_search = min(max(self.ef_search, int(k)), EF_SEARCH_MAX)
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SELECT set_config('hnsw.ef_search', %s, true)", [str(ef_search)])
            if k > ef_search and iterative_scan_supported():
                cursor.execute("SELECT set_config('hnsw.iterative_scan', 'strict_order', true)")
            cursor.execute(sql, [literal, literal, int(k)])
            return [(item_id, float(score)) for item_id, score in cursor.fetchall()]

    def _search_exact(
        self, kind: str, literal: str, k: int, allowed: list[str]
    ) -> list[tuple[str, float]]:
        # A filtered HNSW scan can return fewer than k; a short allow-list is cheaper exactly.
        # The uncast expression does not match the index, so this is a plain scan.
        if not allowed:
            return []
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT item_id, 1 - (embedding <=> %s::vector) AS score FROM {TABLE} "  # noqa: S608
                "WHERE model = %s AND kind = %s AND item_id = ANY(%s) "
                "ORDER BY score DESC, item_id LIMIT %s",
                [literal, self.model, kind, allowed, int(k)],
            )
            return [(item_id, float(score)) for item_id, score in cursor.fetchall()]


class HashTrackingIndex:
    """Wraps the engine's in-process index and remembers each vector's text hash."""

    def __init__(self, index: Any) -> None:
        self.index = index
        self._hashes: dict[str, dict[str, str]] = {}

    def upsert(
        self,
        kind: str,
        ids: Sequence[str],
        vectors: np.ndarray,
        hashes: Sequence[str] | None = None,
    ) -> None:
        if len(ids) == 0:
            return
        self.index.upsert(kind, list(ids), np.asarray(vectors, dtype=np.float32))
        known = self._hashes.setdefault(kind, {})
        for item_id, text_hash in zip(ids, hashes or [""] * len(ids), strict=True):
            known[item_id] = text_hash

    def remove(self, kind: str, ids: Sequence[str]) -> None:
        if len(ids) == 0:
            return
        self.index.remove(kind, list(ids))
        known = self._hashes.get(kind, {})
        for item_id in ids:
            known.pop(item_id, None)

    def search(
        self, kind: str, query: np.ndarray, k: int, allowed: Iterable[str] | None = None
    ) -> list[tuple[str, float]]:
        allowed_set = set(allowed) if allowed is not None else None
        return list(self.index.search(kind, query, k, allowed=allowed_set))

    def hashes(self, kind: str) -> dict[str, str]:
        return dict(self._hashes.get(kind, {}))


def pgvector_ready() -> bool:
    """PostgreSQL with the vector table in place (migration 0002 found the extension)."""
    if connection.vendor != "postgresql":
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass(%s) IS NOT NULL", [TABLE])
        return bool(cursor.fetchone()[0])


def backend_name() -> str:
    choice = str(getattr(settings, "VECTOR_INDEX", "auto")).lower()
    if choice == "numpy":
        return "numpy"
    if choice == "pgvector":
        if not pgvector_ready():
            raise RuntimeError("VECTOR_INDEX=pgvector but the pgvector table is missing")
        return "pgvector"
    return "pgvector" if pgvector_ready() else "numpy"


# The in-process index is a per-process cache of the database's vectors; keyed by database name
# so a test database never sees vectors of another.
_numpy_indexes: dict[tuple[str, str], HashTrackingIndex] = {}


def make_numpy_index(dim: int) -> HashTrackingIndex:
    from matching.engine.index import NumpyIndex

    return HashTrackingIndex(NumpyIndex(dim))


_pg_indexes: dict[tuple[str, str, int], PgVectorIndex] = {}


def get_index(model: str, dim: int) -> HashedIndex:
    if backend_name() == "pgvector":
        pg_key = (str(connection.settings_dict.get("NAME")), model, dim)
        if pg_key not in _pg_indexes:
            _pg_indexes[pg_key] = PgVectorIndex(model, dim)
        return _pg_indexes[pg_key]
    key = (str(connection.settings_dict.get("NAME")), model)
    if key not in _numpy_indexes:
        _numpy_indexes[key] = make_numpy_index(dim)
    return _numpy_indexes[key]


def reset_process_indexes() -> None:
    """Forget in-process indexes (tests roll the database back under them)."""
    _numpy_indexes.clear()
    _pg_indexes.clear()
