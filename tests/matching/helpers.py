"""Test helpers for the matching app (not fixtures): a counting encoder around the real one."""

from __future__ import annotations

import numpy as np

from matching import ranking


class CountingEncoder:
    """Delegates to the real encoder the app uses and counts what reaches it."""

    def __init__(self) -> None:
        self.inner = ranking.encoder()
        self.name = self.inner.name
        self.dim = self.inner.dim
        self.calls = 0
        self.texts_encoded = 0

    def encode(self, texts: list[str]) -> np.ndarray:
        self.calls += 1
        self.texts_encoded += len(texts)
        return self.inner.encode(texts)
