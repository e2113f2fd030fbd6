"""What other apps call when something that matching depends on changed.

Both are cheap: mark the state, enqueue a task after the caller's transaction commits. The
enqueue is "robust": her edit is committed, so a broker that is down (or, in the embedded
mode, a recompute that fails in-process) is logged and never turns her request into a 500;
the "recomputing" flag stays on until a later recompute succeeds. Profiles
and catalog already call them from `transaction.on_commit`; events (kind "job") and mentoring
(kind "mentor", when free places change) may call them from inside their transaction.
"""

from __future__ import annotations

from django.db import transaction

from matching.engine.types import KINDS


def profile_changed(*, profile_id: int) -> None:
    from matching import services, tasks

    services.match_state_mark_requested(profile_id=profile_id)
    transaction.on_commit(lambda: tasks.recompute_profile_matches.delay(profile_id), robust=True)


def opportunity_changed(*, kind: str, object_id: int) -> None:
    from matching import tasks

    if kind not in KINDS:
        raise ValueError(f"unknown opportunity kind {kind!r}")
    transaction.on_commit(
        lambda: tasks.recompute_opportunity_matches.delay(kind, object_id), robust=True
    )
    if kind in ("training", "financing"):
        from backend.voice import tasks as voice_tasks

        # After the rematch above: women of the demand groups this answers are told once.
        transaction.on_commit(
            lambda: voice_tasks.demand_answered.delay(kind, object_id), robust=True
        )
