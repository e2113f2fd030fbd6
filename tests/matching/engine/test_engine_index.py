import numpy as np
import pytest

from matching.engine.index import NumpyIndex, VectorIndex


def _unit(*rows: list[float]) -> np.ndarray:
    m = np.array(rows, dtype=np.float32)
    return m / np.linalg.norm(m, axis=1, keepdims=True)


def test_numpy_index_satisfies_the_protocol():
    assert isinstance(NumpyIndex(2), VectorIndex)


def test_search_returns_best_first():
    index = NumpyIndex(2)
    index.upsert("job", ["a", "b", "c"], _unit([1, 0], [0.6, 0.8], [0, 1]))
    assert [i for i, _ in index.search("job", np.array([1, 0], np.float32), 2)] == ["a", "b"]


def test_scores_are_cosines():
    index = NumpyIndex(2)
    index.upsert("job", ["a"], _unit([0.6, 0.8]))
    assert index.search("job", np.array([1, 0], np.float32), 1)[0][1] == pytest.approx(0.6)


def test_ties_are_broken_by_id():
    index = NumpyIndex(2)
    index.upsert("job", ["c", "a", "b"], _unit([1, 0], [1, 0], [1, 0]))
    assert [i for i, _ in index.search("job", np.array([1, 0], np.float32), 2)] == ["a", "b"]


def test_kinds_are_separate():
    index = NumpyIndex(2)
    index.upsert("job", ["a"], _unit([1, 0]))
    assert index.search("mentor", np.array([1, 0], np.float32), 5) == []


def test_upsert_replaces_an_existing_vector():
    index = NumpyIndex(2)
    index.upsert("job", ["a", "b"], _unit([1, 0], [0, 1]))
    index.upsert("job", ["a"], _unit([0, 1]))
    assert (index.count("job"), index.search("job", np.array([1, 0], np.float32), 1)[0][1]) == (
        2,
        0.0,
    )


def test_remove_moves_the_last_row_into_the_hole():
    index = NumpyIndex(2)
    index.upsert("job", ["a", "b", "c"], _unit([1, 0], [0.6, 0.8], [0, 1]))
    index.remove("job", ["a"])
    ids = [i for i, _ in index.search("job", np.array([0, 1], np.float32), 5)]
    assert ids == ["c", "b"]


def test_remove_unknown_id_is_a_no_op():
    index = NumpyIndex(2)
    index.upsert("job", ["a"], _unit([1, 0]))
    index.remove("job", ["zzz"])
    assert index.count("job") == 1


def test_allowed_restricts_the_candidates():
    index = NumpyIndex(2)
    index.upsert("job", ["a", "b"], _unit([1, 0], [0, 1]))
    result = index.search("job", np.array([1, 0], np.float32), 5, allowed={"b", "ghost"})
    assert [i for i, _ in result] == ["b"]


def test_growth_keeps_every_vector():
    index = NumpyIndex(4)
    vectors = _unit(*np.random.default_rng(0).normal(size=(100, 4)).tolist())
    index.upsert("job", [f"o{i}" for i in range(100)], vectors)
    assert index.search("job", vectors[42], 1)[0][0] == "o42"


def test_k_larger_than_size_returns_all():
    index = NumpyIndex(2)
    index.upsert("job", ["a", "b"], _unit([1, 0], [0, 1]))
    assert len(index.search("job", np.array([1, 0], np.float32), 10)) == 2
