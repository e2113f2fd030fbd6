"""One score in [0, 1] from the pair features, with weights fitted offline (see fit.py).

Per group of kinds (financing has its own: skills and whole-text similarity say little about a
loan, the sector and the amount say a lot) a linear score w.x with w >= 0 is mapped to the
probability of a good fit (grade >= 2) by a fitted logistic curve, so a threshold means the
same for every kind (on the development set, pairs scored 0.9 or more are good fits 98% of the
time, pairs scored 0.3-0.5 about half the time). Penalties (schedule, childcare) multiply it.

Items the filters keep only as weak (on site in another city, a scheme she cannot apply for in
her languages: "at most marginal" to an adviser) are multiplied by WEAK_FACTOR. They fall below
every item of similar or better fit, but a field match in another city still ranks above an
unrelated course next door: marginal beats irrelevant. On the development set this ordering
gives nDCG@10 0.94 against 0.93 for putting every weak item below every other item (any factor
from 0.15 to 0.5 gives the same; it is not tuned). Setting it to 0 would drop them entirely.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from .features import FEATURE_INDEX

WEIGHTS_PATH = Path(__file__).with_name("weights.json")
WEAK_FACTOR = 0.3


@dataclass(frozen=True)
class GroupWeights:
    kinds: tuple[str, ...]
    features: tuple[str, ...]
    coef: np.ndarray  # non-negative, one per feature in `features`
    scale: float
    offset: float
    # Mean feature values over the training pairs: explanations name what lies above them.
    means: np.ndarray

    @property
    def columns(self) -> np.ndarray:
        return np.array([FEATURE_INDEX[f] for f in self.features], dtype=np.int64)

    def raw(self, X: np.ndarray) -> np.ndarray:
        return X[:, self.columns] @ self.coef

    def probability(self, X: np.ndarray) -> np.ndarray:
        z = self.scale * self.raw(X) + self.offset
        return 1.0 / (1.0 + np.exp(-np.clip(z, -50.0, 50.0)))

    def contributions(self, x: np.ndarray) -> dict[str, float]:
        """How much each feature lifted this pair above a typical pair, in raw score units."""
        values = x[self.columns]
        return {
            f: float(w * (v - m))
            for f, w, v, m in zip(self.features, self.coef, values, self.means, strict=True)
        }

    def to_json(self) -> dict[str, Any]:
        return {
            "kinds": list(self.kinds),
            "features": list(self.features),
            "coef": [round(float(c), 5) for c in self.coef],
            "scale": round(self.scale, 5),
            "offset": round(self.offset, 5),
            "means": [round(float(m), 5) for m in self.means],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> GroupWeights:
        coef = np.array(data["coef"], dtype=np.float64)
        if (coef < 0).any():
            raise ValueError("weights must be non-negative (monotone score)")
        unknown = set(data["features"]) - set(FEATURE_INDEX)
        if unknown:
            raise ValueError(f"unknown features in weights: {sorted(unknown)}")
        return cls(
            kinds=tuple(data["kinds"]),
            features=tuple(data["features"]),
            coef=coef,
            scale=float(data["scale"]),
            offset=float(data["offset"]),
            means=np.array(data["means"], dtype=np.float64),
        )


def _pack(vector: np.ndarray) -> dict[str, Any]:
    # int8 keeps four 896-d centroids within a few KB; the rounding error (< 0.5%) is far
    # below the differences the lift features look at.
    peak = float(np.abs(vector).max()) or 1.0
    q = np.round(vector / peak * 127).astype(np.int8)
    return {"scale": peak / 127, "int8": base64.b64encode(q.tobytes()).decode("ascii")}


def _unpack(data: dict[str, Any]) -> np.ndarray:
    q = np.frombuffer(base64.b64decode(data["int8"]), dtype=np.int8)
    return q.astype(np.float32) * np.float32(data["scale"])


@dataclass(frozen=True)
class Scorer:
    version: str
    encoder: str
    groups: tuple[GroupWeights, ...]
    # (2, 2, dim): mean profile vector for [jobseeker, entrepreneur] x [full text, focus text].
    centroids: np.ndarray
    meta: dict[str, Any]

    def group(self, kind: str) -> GroupWeights:
        for g in self.groups:
            if kind in g.kinds:
                return g
        return self.groups[0]

    def score(self, kind: str, X: np.ndarray, weak: np.ndarray, penalty: np.ndarray) -> np.ndarray:
        p = self.group(kind).probability(X) * penalty
        return np.where(weak, WEAK_FACTOR * p, p)

    def to_json(self) -> dict[str, Any]:
        roles, texts = ("jobseeker", "entrepreneur"), ("full", "focus")
        return {
            "version": self.version,
            "encoder": self.encoder,
            "groups": [g.to_json() for g in self.groups],
            "centroids": {
                f"{role}/{text}": _pack(self.centroids[r, t])
                for r, role in enumerate(roles)
                for t, text in enumerate(texts)
            },
            "meta": self.meta,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Scorer:
        roles, texts = ("jobseeker", "entrepreneur"), ("full", "focus")
        centroids = np.stack(
            [np.stack([_unpack(data["centroids"][f"{r}/{t}"]) for t in texts]) for r in roles]
        )
        return cls(
            version=str(data["version"]),
            encoder=str(data["encoder"]),
            groups=tuple(GroupWeights.from_json(g) for g in data["groups"]),
            centroids=centroids,
            meta=dict(data.get("meta", {})),
        )

    def save(self, path: str | Path) -> None:
        Path(path).write_text(json.dumps(self.to_json(), indent=1) + "\n", encoding="utf-8")


def load_scorer(path: str | Path | None = None) -> Scorer:
    """The shipped weights by default; loaded once per process."""
    return _load(str(path or WEIGHTS_PATH))


@lru_cache(maxsize=4)
def _load(path: str) -> Scorer:
    return Scorer.from_json(json.loads(Path(path).read_text(encoding="utf-8")))
