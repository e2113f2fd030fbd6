"""What other apps call when something that matching depends on changed.

Both are cheap: mark the state, enqueue a task after the caller's transaction commits. The
enqueue is "robust": her edit is committed, so a broker that is down (or, in the embedded
mode, a recompute that fails in-process) is logged and never turns her request into a 500;
the "recomputing" flag stays on until a later recompute succeeds. Profiles
and catalog already call them from `transaction.on_commit`; events (kind "job") and mentoring
(kind "mentor", when free places change) may call them from inside their transaction.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from typing import Any

from django.core.cache import cache
from django.db import transaction

from matching.engine.types import KINDS

# How long the fingerprint of her last enqueued recompute is remembered. Losing it (eviction,
# a cache restart) only costs one recompute that was not needed.
FINGERPRINT_TTL = 7 * 24 * 3600


def _canonical(value: Any) -> Any:
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    raise TypeError(f"cannot fingerprint {type(value).__name__}")


def profile_fingerprint(profile_id: int) -> str | None:
    """A stable hash of everything the engine reads about her; None if she is gone."""
    from backend.profiles.models import Profile
    from matching import adapters

    profile = Profile.objects.select_related("user").filter(pk=profile_id).first()
    if profile is None:
        return None
    data = adapters.profile_to_data(profile, blocked=adapters.blocked_opportunities_for(profile))
    payload = json.dumps(dataclasses.asdict(data), sort_keys=True, default=_canonical)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _fingerprint_key(profile_id: int) -> str:
    return f"matching:profile-fingerprint:{profile_id}"


def _up_to_date(profile_id: int, fingerprint: str | None) -> bool:
    """Her last recompute finished and read exactly what she has now: nothing to redo.

    A recompute reads the profile when it runs, after the edit that enqueued it, so a
    finished one (computed == requested) saw data at least as new as that edit's.
    """
    from matching.models import MatchState

    if fingerprint is None or cache.get(_fingerprint_key(profile_id)) != fingerprint:
        return False
    state = MatchState.objects.filter(profile_id=profile_id).first()
    return state is not None and not state.recomputing


def profile_changed(*, profile_id: int) -> None:
    """Her profile was saved: recompute her matches, unless nothing the engine reads changed.

    A form re-sent unchanged (same bio, same languages) costs a few queries, not a ranking.
    """
    from matching import services, tasks

    fingerprint = profile_fingerprint(profile_id)
    if _up_to_date(profile_id, fingerprint):
        return
    services.match_state_mark_requested(profile_id=profile_id)

    def enqueue() -> None:
        # Remembered only once the edit is committed: a rolled-back save must not vouch for data
        # that never reached the database.
        if fingerprint is not None:
            cache.set(_fingerprint_key(profile_id), fingerprint, FINGERPRINT_TTL)
        tasks.recompute_profile_matches.delay(profile_id)

    transaction.on_commit(enqueue, robust=True)


def opportunity_changed(*, kind: str, object_id: int) -> None:
    from matching import tasks

    if kind not in KINDS:
        raise ValueError(f"unknown opportunity kind {kind!r}")
    transaction.on_commit(
        lambda: tasks.recompute_opportunity_matches.delay(kind, object_id), robust=True
    )
    if kind in ("training", "financing"):
        from demand import tasks as voice_tasks

        # After the rematch above: women of the demand groups this answers are told once.
        transaction.on_commit(
            lambda: voice_tasks.demand_answered.delay(kind, object_id), robust=True
        )
