import numpy as np
import pytest
from django.db import connection

from matching import vector_store
from matching.engine.index import NumpyIndex

pytestmark = pytest.mark.django_db


def _unit_rows(n: int, dim: int, seed: int) -> np.ndarray:
    rows = np.random.default_rng(seed).normal(size=(n, dim)).astype(np.float32)
    return rows / np.linalg.norm(rows, axis=1, keepdims=True)


def _both_indexes(dim: int):
    return vector_store.HashTrackingIndex(NumpyIndex(dim)), vector_store.PgVectorIndex(
        "test-model", dim
    )


def test_sqlite_or_missing_table_means_the_in_process_index(settings):
    settings.VECTOR_INDEX = "auto"
    expected = "pgvector" if vector_store.pgvector_ready() else "numpy"

    assert vector_store.backend_name() == expected


def test_numpy_setting_wins_even_on_postgres(settings):
    settings.VECTOR_INDEX = "numpy"

    assert vector_store.backend_name() == "numpy"


def test_in_process_index_remembers_text_hashes():
    index = vector_store.HashTrackingIndex(NumpyIndex(4))
    index.upsert("training", ["training:1", "training:2"], _unit_rows(2, 4, 0), ["h1", "h2"])
    index.remove("training", ["training:1"])

    assert index.hashes("training") == {"training:2": "h2"}


@pytest.mark.postgres
def test_pgvector_table_exists_after_migrations():
    assert vector_store.pgvector_ready() is True


@pytest.mark.postgres
def test_both_backends_return_the_same_top_k():
    vectors = _unit_rows(300, 32, seed=1)
    ids = [f"training:{i}" for i in range(300)]
    queries = _unit_rows(5, 32, seed=2)
    numpy_index, pg_index = _both_indexes(32)
    for index in (numpy_index, pg_index):
        index.upsert("training", ids, vectors, [str(i) for i in range(300)])

    for query in queries:
        exact = numpy_index.search("training", query, 10)
        approximate = pg_index.search("training", query, 10)
        assert [i for i, _ in approximate] == [i for i, _ in exact]
        assert [s for _, s in approximate] == pytest.approx([s for _, s in exact], abs=1e-5)


@pytest.mark.postgres
def test_both_backends_agree_on_an_allow_list():
    vectors = _unit_rows(50, 16, seed=3)
    ids = [f"job:{i}" for i in range(50)]
    numpy_index, pg_index = _both_indexes(16)
    for index in (numpy_index, pg_index):
        index.upsert("job", ids, vectors)
    allowed = set(ids[::3])

    exact = numpy_index.search("job", vectors[0], 5, allowed=allowed)
    approximate = pg_index.search("job", vectors[0], 5, allowed=allowed)

    assert [i for i, _ in approximate] == [i for i, _ in exact]


@pytest.mark.postgres
def test_pgvector_upsert_replaces_and_remove_deletes():
    index = vector_store.PgVectorIndex("test-model", 8)
    first, second = _unit_rows(2, 8, seed=4)
    index.upsert("mentor", ["mentor:1"], first[None, :], ["old"])
    index.upsert("mentor", ["mentor:1"], second[None, :], ["new"])

    assert index.hashes("mentor") == {"mentor:1": "new"}
    assert index.search("mentor", second, 1)[0][0] == "mentor:1"
    assert index.search("mentor", second, 1)[0][1] == pytest.approx(1.0, abs=1e-5)

    index.remove("mentor", ["mentor:1"])
    assert index.count("mentor") == 0


@pytest.mark.postgres
def test_kinds_and_models_do_not_see_each_other():
    vector = _unit_rows(1, 8, seed=5)
    vector_store.PgVectorIndex("model-a", 8).upsert("job", ["job:1"], vector)

    assert vector_store.PgVectorIndex("model-a", 8).search("training", vector[0], 5) == []
    assert vector_store.PgVectorIndex("model-b", 8).search("job", vector[0], 5) == []


@pytest.mark.postgres
def test_search_uses_the_hnsw_index():
    index = vector_store.PgVectorIndex("test-model", 8)
    index.upsert("job", [f"job:{i}" for i in range(20)], _unit_rows(20, 8, seed=6))
    literal = vector_store._vector_literal(_unit_rows(1, 8, seed=7)[0])

    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        cursor.execute(
            "EXPLAIN SELECT item_id FROM matching_vector "
            "WHERE model = 'test-model' AND kind = 'job' "
            "ORDER BY embedding::vector(8) <=> %s::vector(8) LIMIT 5",
            [literal],
        )
        plan = "\n".join(row[0] for row in cursor.fetchall())

    assert index.index_name("job") in plan


def test_unsafe_names_are_refused():
    with pytest.raises(ValueError):
        vector_store.PgVectorIndex("x'; drop table users; --", 8)


def _force_index_scans() -> None:
    # On a few hundred rows the planner may prefer a sequential scan, which is exact.
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")


def _recall(approximate: list[tuple[str, float]], exact: list[tuple[str, float]]) -> float:
    return len({i for i, _ in approximate} & {i for i, _ in exact}) / len(exact)


@pytest.mark.postgres
def test_pgvector_returns_k_rows_when_k_exceeds_ef_search():
    # ranking asks for top_n() = 200 with ef_search 100; an HNSW scan stops at ef_search rows.
    vectors = _unit_rows(400, 16, seed=8)
    ids = [f"training:{i}" for i in range(400)]
    numpy_index = vector_store.HashTrackingIndex(NumpyIndex(16))
    pg_index = vector_store.PgVectorIndex("test-model", 16, ef_search=10)
    for index in (numpy_index, pg_index):
        index.upsert("training", ids, vectors)
    query = _unit_rows(1, 16, seed=9)[0]
    _force_index_scans()

    approximate = pg_index.search("training", query, 150)
    exact = numpy_index.search("training", query, 150)

    assert len(approximate) == 150
    assert _recall(approximate, exact) >= 0.95
    assert [s for _, s in approximate] == sorted((s for _, s in approximate), reverse=True)


@pytest.mark.postgres
def test_pgvector_returns_k_rows_beyond_the_ef_search_ceiling():
    # pgvector caps ef_search at 1,000; past it only an iterative scan finds k rows.
    assert vector_store.iterative_scan_supported(), "pgvector >= 0.8 expected in CI"
    vectors = _unit_rows(1500, 8, seed=10)
    ids = [f"job:{i}" for i in range(1500)]
    numpy_index = vector_store.HashTrackingIndex(NumpyIndex(8))
    pg_index = vector_store.PgVectorIndex("test-model", 8)
    for index in (numpy_index, pg_index):
        index.upsert("job", ids, vectors)
    query = _unit_rows(1, 8, seed=11)[0]
    _force_index_scans()

    approximate = pg_index.search("job", query, 1200)
    exact = numpy_index.search("job", query, 1200)

    assert len(approximate) == 1200
    assert _recall(approximate, exact) >= 0.95
