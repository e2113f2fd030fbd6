"""Ranking end to end: texts -> vectors -> hard filters -> features -> score -> reasons.

- `rank(profile, opportunities)`: one woman's ranked, explained matches (all that pass the
  filters), best first, ties by id.
- `rank_many(profiles, opportunities)`: the batch recompute. Per chunk of profiles and per kind,
  one matrix product gives every text similarity; only each woman's `top_n` closest items go on
  to filters and features, all vectorised.
- `rank_candidates(opportunity, profiles)`: the reverse view for employers and mentors.

Pass an `Engine` to share the encoder, the embedding cache and the weights between calls; the
module-level functions use one default engine per process.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from . import explain
from .cache import EmbeddingCache, InMemoryCache, encode_cached
from .columns import OpportunityColumns, ProfileColumns, Vocab, opportunity_columns, profile_columns
from .encoder import Encoder, get_encoder
from .explain_candidate import candidate_reasons
from .features import pair_features
from .filters import PairFilters, check, pair_filters
from .scoring import Scorer, load_scorer
from .text import (
    opportunity_focus_text,
    opportunity_sentences,
    opportunity_text,
    profile_focus_text,
    profile_text,
)
from .types import KINDS, CandidateResult, MatchResult, OpportunityData, ProfileData

DEFAULT_TOP_N = 200
# Profiles per matrix product in a batch: bounds memory at about chunk x items x 8 bytes.
CHUNK = 256


@dataclass
class PairBatch:
    """Scored pairs that passed the hard filters (rows into the columns they came from)."""

    pi: np.ndarray
    oj: np.ndarray
    X: np.ndarray
    scores: np.ndarray
    filters: PairFilters


@dataclass
class _Prepared:
    vocab: Vocab
    skill_sim: np.ndarray  # (her distinct skills, opportunity skill texts)
    skill_row: dict[str, int]
    kinds: dict[str, OpportunityColumns]
    english: int


def _subset(f: PairFilters, keep: np.ndarray) -> PairFilters:
    return PairFilters(f.allowed[keep], f.weak[keep], f.penalty[keep], f.shared_local[keep])


def _concat(batches: list[PairBatch]) -> PairBatch:
    f = [b.filters for b in batches]
    return PairBatch(
        pi=np.concatenate([b.pi for b in batches]),
        oj=np.concatenate([b.oj for b in batches]),
        X=np.vstack([b.X for b in batches]),
        scores=np.concatenate([b.scores for b in batches]),
        filters=PairFilters(
            *(
                np.concatenate([getattr(x, name) for x in f])
                for name in ("allowed", "weak", "penalty", "shared_local")
            )
        ),
    )


def _by_kind(opportunities: Iterable[OpportunityData]) -> dict[str, list[OpportunityData]]:
    groups: dict[str, list[OpportunityData]] = defaultdict(list)
    for o in opportunities:
        groups[o.kind].append(o)
    order: dict[str, int] = {k: i for i, k in enumerate(KINDS)}
    return dict(sorted(groups.items(), key=lambda kv: (order.get(kv[0], len(order)), kv[0])))


class Engine:
    def __init__(
        self,
        *,
        encoder: Encoder | None = None,
        cache: EmbeddingCache | None = None,
        scorer: Scorer | None = None,
    ) -> None:
        self.scorer = scorer or load_scorer()
        self.encoder = encoder or get_encoder(self.scorer.encoder)
        if self.encoder.name != self.scorer.encoder:
            # Weights and centroids are only meaningful in the space they were fitted in.
            raise ValueError(
                f"weights were fitted with encoder {self.scorer.encoder!r}, "
                f"not {self.encoder.name!r}; refit with matching.engine.fit"
            )
        self.cache: EmbeddingCache = cache if cache is not None else InMemoryCache()

    # -- vectors ---------------------------------------------------------------------------

    def embed(self, texts: list[str]) -> np.ndarray:
        return encode_cached(self.encoder, self.cache, texts)

    def profile_vectors(self, profiles: list[ProfileData]) -> tuple[np.ndarray, np.ndarray]:
        """(full, focus) rows; `full` is the vector to store in a VectorIndex query."""
        n = len(profiles)
        v = self.embed(
            [profile_text(p) for p in profiles] + [profile_focus_text(p) for p in profiles]
        )
        return v[:n], v[n:]

    def opportunity_vectors(
        self, opportunities: list[OpportunityData]
    ) -> tuple[np.ndarray, np.ndarray]:
        """(full, core) rows; `full` is the vector a VectorIndex holds for each opportunity."""
        m = len(opportunities)
        v = self.embed(
            [opportunity_text(o) for o in opportunities]
            + [opportunity_focus_text(o) for o in opportunities]
        )
        return v[:m], v[m:]

    # -- preparation -----------------------------------------------------------------------

    def _prepare(
        self, profiles: list[ProfileData], opportunities: list[OpportunityData]
    ) -> _Prepared:
        vocab = Vocab.build(profiles, opportunities)
        skill_texts = list(vocab.skill_texts.ids)
        hers = list(dict.fromkeys(s.strip() for p in profiles for s in p.skills if s.strip()))
        groups = _by_kind(opportunities)
        sentences = {
            kind: [opportunity_sentences(o) for o in items]
            for kind, items in groups.items()
            if kind == "financing"
        }
        # One encoder call for every text: batches fill up and the encoder sorts by length.
        texts: list[str] = skill_texts + hers
        for kind, items in groups.items():
            texts += [opportunity_text(o) for o in items]
            texts += [opportunity_focus_text(o) for o in items]
            texts += [s for item in sentences.get(kind, []) for s in item]
        vectors = self.embed(texts)
        skill_vectors, at = vectors[: len(skill_texts)], len(skill_texts)
        her_vectors, at = vectors[at : at + len(hers)], at + len(hers)
        if skill_texts and hers:
            skill_sim = her_vectors @ skill_vectors.T
        else:
            skill_sim = np.zeros((len(hers), len(skill_texts)), dtype=np.float32)
        kinds = {}
        for kind, items in groups.items():
            m = len(items)
            full, core, at = vectors[at : at + m], vectors[at + m : at + 2 * m], at + 2 * m
            counts = [len(s) for s in sentences[kind]] if kind in sentences else None
            sent = None
            if counts is not None:
                sent, at = vectors[at : at + sum(counts)], at + sum(counts)
            kinds[kind] = opportunity_columns(kind, items, full, core, vocab, sent, counts)
        return _Prepared(
            vocab=vocab,
            skill_sim=skill_sim,
            skill_row={s: i for i, s in enumerate(hers)},
            kinds=kinds,
            english=vocab.languages.ids.get("en", -1),
        )

    def _profile_columns(self, prep: _Prepared, profiles: list[ProfileData]) -> ProfileColumns:
        full, focus = self.profile_vectors(profiles)
        best = np.zeros((len(profiles), prep.skill_sim.shape[1]), dtype=np.float32)
        if prep.skill_sim.size:
            for i, p in enumerate(profiles):
                rows = [prep.skill_row[s.strip()] for s in p.skills if s.strip()]
                if rows:
                    best[i] = prep.skill_sim[rows].max(axis=0)
        return profile_columns(profiles, full, focus, prep.vocab, best)

    # -- scoring ---------------------------------------------------------------------------

    def score_pairs(
        self,
        pc: ProfileColumns,
        oc: OpportunityColumns,
        english: int,
        top_n: int | None = None,
    ) -> PairBatch:
        """Filter and score pairs: every pair, or each profile's `top_n` closest items."""
        sem = pc.full @ oc.full.T
        n, m = sem.shape
        if top_n is None or top_n >= m:
            pi = np.repeat(np.arange(n), m)
            oj = np.tile(np.arange(m), n)
        else:
            cand = np.argpartition(-sem, top_n - 1, axis=1)[:, :top_n]
            pi = np.repeat(np.arange(n), top_n)
            oj = cand.ravel()
        found = pair_filters(pc, oc, pi, oj, english)
        keep = found.allowed
        pi, oj, found = pi[keep], oj[keep], _subset(found, keep)
        X = pair_features(pc, oc, pi, oj, found, self.scorer.centroids, sem_full=sem)
        scores = self.scorer.score(oc.kind, X, found.weak, found.penalty)
        return PairBatch(pi=pi, oj=oj, X=X, scores=scores, filters=found)

    def _match(
        self,
        profile: ProfileData,
        oc: OpportunityColumns,
        j: int,
        x: np.ndarray,
        score: float,
        with_reasons: bool,
    ) -> MatchResult:
        o = oc.items[j]
        reasons = (
            explain.reasons(profile, o, x, self.scorer.group(o.kind), check(profile, o))
            if with_reasons
            else []
        )
        return MatchResult(
            opportunity_id=o.id, kind=o.kind, score=round(float(score), 6), reasons=reasons
        )

    def _collect(
        self,
        profiles: list[ProfileData],
        oc: OpportunityColumns,
        batch: PairBatch,
        limit: int | None,
        with_reasons: bool,
    ) -> dict[int, list[MatchResult]]:
        # Rounded so that equal scores tie exactly and fall back to the id, on every platform.
        scores = np.round(batch.scores, 6)
        id_rank = np.argsort(np.argsort(np.array([o.id for o in oc.items], dtype=object)))
        order = np.lexsort((id_rank[batch.oj], -scores, batch.pi))
        out: dict[int, list[MatchResult]] = defaultdict(list)
        for k in order.tolist():
            i = int(batch.pi[k])
            if limit is not None and len(out[i]) >= limit:
                continue
            out[i].append(
                self._match(profiles[i], oc, int(batch.oj[k]), batch.X[k], scores[k], with_reasons)
            )
        return out

    def all_pairs(
        self, profiles: list[ProfileData], opportunities: list[OpportunityData]
    ) -> list[tuple[OpportunityColumns, PairBatch]]:
        """Every pair that passes the hard filters, scored, per kind (for fitting and tests)."""
        if not profiles or not opportunities:
            return []
        prep = self._prepare(profiles, opportunities)
        parts: dict[str, list[PairBatch]] = defaultdict(list)
        for start in range(0, len(profiles), CHUNK):
            pc = self._profile_columns(prep, profiles[start : start + CHUNK])
            for kind, oc in prep.kinds.items():
                b = self.score_pairs(pc, oc, prep.english)
                parts[kind].append(dataclasses.replace(b, pi=b.pi + start))
        return [(oc, _concat(parts[kind])) for kind, oc in prep.kinds.items()]

    # -- public API ------------------------------------------------------------------------

    def rank(
        self,
        profile: ProfileData,
        opportunities: list[OpportunityData],
        *,
        limit: int | None = None,
        with_reasons: bool = True,
    ) -> list[MatchResult]:
        """Her matches among `opportunities` (normally of one kind), best first, ties by id."""
        if not opportunities:
            return []
        prep = self._prepare([profile], opportunities)
        pc = self._profile_columns(prep, [profile])
        results: list[MatchResult] = []
        for oc in prep.kinds.values():
            batch = self.score_pairs(pc, oc, prep.english)
            # The best `limit` overall are among each kind's best `limit`: explain only those.
            results.extend(self._collect([profile], oc, batch, limit, with_reasons).get(0, []))
        results.sort(key=lambda r: (-r.score, r.opportunity_id))
        return results if limit is None else results[:limit]

    def rank_many(
        self,
        profiles: list[ProfileData],
        opportunities: list[OpportunityData],
        *,
        top_n: int | None = DEFAULT_TOP_N,
        limit: int | None = 20,
        with_reasons: bool = True,
    ) -> dict[str, dict[str, list[MatchResult]]]:
        """profile id -> kind -> best matches (at most `limit` per kind), for a recompute.

        Only each woman's `top_n` semantically closest items per kind are filtered and scored
        (None: all of them).
        """
        out: dict[str, dict[str, list[MatchResult]]] = {p.id: {} for p in profiles}
        if not profiles or not opportunities:
            return out
        prep = self._prepare(profiles, opportunities)
        for start in range(0, len(profiles), CHUNK):
            chunk = profiles[start : start + CHUNK]
            pc = self._profile_columns(prep, chunk)
            for kind, oc in prep.kinds.items():
                batch = self.score_pairs(pc, oc, prep.english, top_n=top_n)
                for i, matches in self._collect(chunk, oc, batch, limit, with_reasons).items():
                    out[chunk[i].id][kind] = matches
        return out

    def rank_candidates(
        self,
        opportunity: OpportunityData,
        profiles: list[ProfileData],
        *,
        limit: int | None = None,
        with_reasons: bool = True,
        wording: str = "owner",
    ) -> list[CandidateResult]:
        """Women for whom this opportunity is a match, best first, ties by profile id.

        wording "owner" explains each woman to the employer or mentor ("lists SQL, which you ask
        for"); "woman" explains the opportunity to her, as `rank` does: used when an opportunity
        changes and her stored matches are refreshed from its side.
        """
        if wording not in ("owner", "woman"):
            raise ValueError(f"unknown wording {wording!r}")
        if not profiles:
            return []
        prep = self._prepare(profiles, [opportunity])
        oc = prep.kinds[opportunity.kind]
        results: list[CandidateResult] = []
        for start in range(0, len(profiles), CHUNK):
            chunk = profiles[start : start + CHUNK]
            pc = self._profile_columns(prep, chunk)
            batch = self.score_pairs(pc, oc, prep.english)
            for k in range(len(batch.pi)):
                p = chunk[int(batch.pi[k])]
                explain_pair = candidate_reasons if wording == "owner" else explain.reasons
                reasons = (
                    explain_pair(
                        p,
                        opportunity,
                        batch.X[k],
                        self.scorer.group(opportunity.kind),
                        check(p, opportunity),
                    )
                    if with_reasons
                    else []
                )
                score = round(float(batch.scores[k]), 6)
                results.append(CandidateResult(profile_id=p.id, score=score, reasons=reasons))
        results.sort(key=lambda r: (-r.score, r.profile_id))
        return results if limit is None else results[:limit]


_default_engine: Engine | None = None


def default_engine() -> Engine:
    """One engine per process: the model loads once and the in-memory cache is shared."""
    global _default_engine
    if _default_engine is None:
        _default_engine = Engine()
    return _default_engine


def rank(
    profile: ProfileData,
    opportunities: list[OpportunityData],
    *,
    limit: int | None = None,
    engine: Engine | None = None,
) -> list[MatchResult]:
    return (engine or default_engine()).rank(profile, opportunities, limit=limit)


def rank_many(
    profiles: list[ProfileData],
    opportunities: list[OpportunityData],
    *,
    top_n: int | None = DEFAULT_TOP_N,
    limit: int | None = 20,
    engine: Engine | None = None,
) -> dict[str, dict[str, list[MatchResult]]]:
    return (engine or default_engine()).rank_many(profiles, opportunities, top_n=top_n, limit=limit)


def rank_candidates(
    opportunity: OpportunityData,
    profiles: list[ProfileData],
    *,
    limit: int | None = None,
    engine: Engine | None = None,
    wording: str = "owner",
) -> list[CandidateResult]:
    return (engine or default_engine()).rank_candidates(
        opportunity, profiles, limit=limit, wording=wording
    )
