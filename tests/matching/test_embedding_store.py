import numpy as np
import pytest

from matching.embedding_store import DbEmbeddingCache
from matching.engine.cache import encode_cached, text_hash
from matching.models import Embedding
from tests.matching.helpers import CountingEncoder

pytestmark = pytest.mark.django_db

TEXTS = [
    "I worked as an accountant in Aleppo and want to learn SQL.",
    "Evening course in web design for beginners.",
]


def test_vectors_round_trip_through_the_table():
    cache = DbEmbeddingCache()
    vector = np.array([0.6, 0.8, 0.0], dtype=np.float32)
    cache.put_many("m", {"abc": vector})

    found = DbEmbeddingCache().get_many("m", ["abc", "missing"])

    assert list(found) == ["abc"]
    assert found["abc"].dtype == np.float32
    assert found["abc"].tolist() == pytest.approx([0.6, 0.8, 0.0])


def test_same_hash_under_another_model_is_a_different_entry():
    DbEmbeddingCache().put_many("model-a", {"h": np.ones(2, dtype=np.float32)})

    assert DbEmbeddingCache().get_many("model-b", ["h"]) == {}


def test_putting_a_known_hash_again_keeps_one_row():
    DbEmbeddingCache().put_many("m", {"h": np.ones(2, dtype=np.float32)})
    DbEmbeddingCache().put_many("m", {"h": np.ones(2, dtype=np.float32)})

    assert Embedding.objects.filter(model="m", text_hash="h").count() == 1


def test_unchanged_text_is_never_encoded_again_by_another_process():
    encoder = CountingEncoder()
    first = encode_cached(encoder, DbEmbeddingCache(), TEXTS)
    # A new cache object has an empty memory layer, like another worker process.
    second = encode_cached(encoder, DbEmbeddingCache(), TEXTS)

    assert encoder.texts_encoded == 2
    assert np.array_equal(first, second)
    assert set(Embedding.objects.values_list("text_hash", flat=True)) == {
        text_hash(t) for t in TEXTS
    }


def test_only_the_changed_text_is_encoded():
    encoder = CountingEncoder()
    encode_cached(encoder, DbEmbeddingCache(), TEXTS)

    encode_cached(encoder, DbEmbeddingCache(), [TEXTS[0], "A new bio about graphic design."])

    assert encoder.texts_encoded == 3


def test_many_hashes_are_read_in_chunks():
    cache = DbEmbeddingCache()
    vectors = {f"h{i}": np.full(4, i, dtype=np.float32) for i in range(1200)}
    cache.put_many("m", vectors)

    found = DbEmbeddingCache().get_many("m", list(vectors))

    assert len(found) == 1200
    assert found["h1199"].tolist() == [1199.0] * 4
