"""Glue between the Django layer and the engine: which encoder, cache and index, and one call
per ranking direction (women -> opportunities, opportunity -> women).

Heavy objects load once per process: the encoder (the engine caches it by name), the DB
embedding cache's memory layer, and the in-process index when pgvector is not used.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.conf import settings

from matching import adapters, vector_store
from matching.embedding_store import get_cache
from matching.engine.cache import encode_cached, text_hash
from matching.engine.encoder import DEFAULT_ENCODER, Encoder, get_encoder
from matching.engine.text import opportunity_text
from matching.engine.types import CandidateResult, MatchResult, OpportunityData, ProfileData


def weights_path() -> str | None:
    """settings.MATCHING_WEIGHTS_PATH (or the same environment variable: `fit_weights` output),
    else None for the engine's shipped weights."""
    return (
        getattr(settings, "MATCHING_WEIGHTS_PATH", None)
        or os.environ.get("MATCHING_WEIGHTS_PATH")
        or None
    )


def scorer():  # type: ignore[no-untyped-def]
    from matching.engine.scoring import load_scorer

    return load_scorer(weights_path())


def encoder_name() -> str:
    """settings.EMBEDDING_MODEL, where "default" means the encoder the weights were fitted with."""
    name = str(getattr(settings, "EMBEDDING_MODEL", "default") or "default")
    if name != "default":
        return name
    try:
        return str(scorer().encoder)
    except (FileNotFoundError, KeyError, ValueError):
        return DEFAULT_ENCODER


def encoder() -> Encoder:
    return get_encoder(encoder_name())


def sync_index(kind: str, opportunities: Sequence[OpportunityData]) -> vector_store.HashedIndex:
    """Make the index hold exactly these opportunities' current vectors; encode only changes."""
    enc = encoder()
    index = vector_store.get_index(enc.name, enc.dim)
    known = index.hashes(kind)
    texts = {o.id: opportunity_text(o) for o in opportunities}
    hashes = {oid: text_hash(text) for oid, text in texts.items()}
    changed = [oid for oid, h in hashes.items() if known.get(oid) != h]
    if changed:
        vectors = encode_cached(enc, get_cache(), [texts[oid] for oid in changed])
        index.upsert(kind, changed, vectors, [hashes[oid] for oid in changed])
    gone = [oid for oid in known if oid not in hashes]
    if gone:
        index.remove(kind, gone)
    return index


# --- The engine, once per process ----------------------------------------------------------------

_engine = None


def engine():  # type: ignore[no-untyped-def]
    """The engine's Engine with the shared DB cache; built on first use in this process."""
    global _engine
    if _engine is None:
        from matching.engine.pipeline import Engine

        _engine = Engine(encoder=encoder(), cache=get_cache(), scorer=scorer())
    return _engine


def set_engine(value: object | None) -> None:
    """Swap the process engine (tests wrap the real encoder to count its calls)."""
    global _engine
    _engine = value


def top_n() -> int:
    return int(getattr(settings, "MATCH_RETRIEVE_TOP_N", 200))


# --- Women -> opportunities -------------------------------------------------------------------------


@dataclass
class Ranked:
    # kind -> profile id -> ranked results (best first, filtered-out items absent)
    results: dict[str, dict[str, list[MatchResult]]] = field(default_factory=dict)
    # kind -> opportunity id -> data (for titles and summaries)
    opportunities: dict[str, dict[str, OpportunityData]] = field(default_factory=dict)


def _index_is_complete(index: vector_store.HashedIndex, kind: str) -> bool:
    """The index holds exactly the matchable items of this kind: compared by id, not by count, so
    a stale row for a deleted item cannot hide a missing new one."""
    expected = {
        adapters.opportunity_id(kind, pk)
        for pk in adapters.matchable(kind).values_list("pk", flat=True)
    }
    return set(index.hashes(kind)) == expected


def _retrieve(kind: str, profile: ProfileData) -> list[OpportunityData]:
    """Her closest opportunities of a kind by cosine, from the index (pgvector or in-process)."""
    if vector_store.backend_name() == "pgvector":
        enc = encoder()
        index = vector_store.get_index(enc.name, enc.dim)
        if not _index_is_complete(index, kind):
            # First use, or rows that changed without a hook (admin, shell): catch up fully.
            sync_index(kind, adapters.opportunities_of(kind))
        query = engine().profile_vectors([profile])[0][0]
        ids = [adapters.split_opportunity_id(i)[1] for i, _ in index.search(kind, query, top_n())]
        return adapters.opportunities_of(kind, ids=ids)
    opportunities = adapters.opportunities_of(kind)
    if len(opportunities) <= top_n():
        return opportunities
    index = sync_index(kind, opportunities)
    query = engine().profile_vectors([profile])[0][0]
    wanted = {i for i, _ in index.search(kind, query, top_n())}
    return [o for o in opportunities if o.id in wanted]


def rank_profiles(profiles: list[ProfileData], *, kinds: Sequence[str], limit: int) -> Ranked:
    """Each woman's best `limit` matches per kind.

    One woman: retrieve her closest items through the vector index, then filter and score
    those. Many (rebuilds): one batch engine call over every matchable item of the kind.
    """
    out = Ranked()
    for kind in kinds:
        if len(profiles) == 1:
            candidates = _retrieve(kind, profiles[0])
            ranked = {profiles[0].id: engine().rank(profiles[0], candidates, limit=limit)}
        else:
            candidates = adapters.opportunities_of(kind)
            many = engine().rank_many(profiles, candidates, top_n=top_n(), limit=limit)
            ranked = {pid: by_kind.get(kind, []) for pid, by_kind in many.items()}
        out.results[kind] = ranked
        out.opportunities[kind] = {o.id: o for o in candidates}
    return out


def rank_subset(
    profile: ProfileData, kind: str, object_ids: Sequence[int]
) -> tuple[list[MatchResult], dict[str, OpportunityData]]:
    """Score a few given opportunities for her (rows she saved that fell out of the top)."""
    opportunities = adapters.opportunities_of(kind, ids=object_ids)
    if not opportunities:
        return [], {}
    return engine().rank(profile, opportunities), {o.id: o for o in opportunities}


# --- Opportunity -> women ---------------------------------------------------------------------------


def score_candidates(
    opportunity: OpportunityData, profiles: list[ProfileData], *, wording: str = "owner"
) -> list[CandidateResult]:
    """Women for whom this opportunity passes the filters, with score and reasons, best first.

    wording "owner" for the employer's or mentor's candidate list; "woman" for her own matches.
    """
    return engine().rank_candidates(opportunity, profiles, wording=wording)


def prepare_opportunity(kind: str, object_id: int) -> None:
    """Encode a changed opportunity once and keep a pgvector index in step with it."""
    opportunity = adapters.opportunity_of(kind, object_id)
    enc = encoder()
    if opportunity is not None:
        engine().opportunity_vectors([opportunity])
    if vector_store.backend_name() != "pgvector":
        return  # in-process indexes resync from the database when next used
    index = vector_store.get_index(enc.name, enc.dim)
    oid = adapters.opportunity_id(kind, object_id)
    if opportunity is None:
        index.remove(kind, [oid])
        return
    text = opportunity_text(opportunity)
    vector = encode_cached(enc, get_cache(), [text])
    index.upsert(kind, [oid], vector, [text_hash(text)])


def women_blocked_by(*, opportunity_kind: str, object_id: int) -> set[int]:
    """User ids of women a mentor blocked or who blocked her; empty for other kinds."""
    if opportunity_kind != "mentor":
        return set()
    from backend.profiles.models import MentorProfile

    mentor = MentorProfile.objects.select_related("user").filter(pk=object_id).first()
    return adapters.blocked_user_ids(mentor.user) if mentor else set()
