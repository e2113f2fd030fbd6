"""Celery tasks for matching: thin wrappers that take ids and call one service each.

Every task can run twice without harm (recomputes upsert on a unique key; a notification is
claimed by a unique row before it is sent), so acks_late redelivery is safe. Only named
transient errors are retried, with exponential backoff and a cap.
"""

from __future__ import annotations

import logging
import smtplib

from celery import shared_task
from django.conf import settings
from django.db import IntegrityError, InterfaceError, OperationalError
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from matching import services
from matching.engine.types import KINDS

logger = logging.getLogger(__name__)

# A dropped database connection, a locked SQLite file, Redis restarting: worth another try.
TRANSIENT_ERRORS: tuple[type[BaseException], ...] = (
    OperationalError,
    InterfaceError,
    RedisConnectionError,
    RedisTimeoutError,
)
# Countdowns of at most 2, 4, 8 ... seconds (full jitter), capped at two minutes: eight retries
# wait at most about six minutes in all, long enough for PostgreSQL or Redis to restart.
RETRYING = {
    "acks_late": True,
    "autoretry_for": TRANSIENT_ERRORS,
    "retry_backoff": 2,
    "retry_backoff_max": 120,
    "retry_jitter": True,
    "max_retries": 8,
}


def batch_size() -> int:
    return int(getattr(settings, "MATCH_RECOMPUTE_BATCH", 200))


@shared_task(**RETRYING)
def recompute_profile_matches(
    profile_id: int, kinds: list[str] | None = None
) -> dict[str, int] | None:
    """Her matches of these kinds (every kind when None), recomputed and stored."""
    outcome = services.match_recompute_for_profile(
        profile_id=profile_id, kinds=kinds if kinds is not None else KINDS
    )
    return outcome.kept if outcome else None


@shared_task(**RETRYING)
def recompute_opportunity_matches(kind: str, object_id: int) -> int:
    """Split the women into batches by id; workers share the batches without coordination."""
    ids = services.profile_ids_to_rematch(kind=kind)
    size = batch_size()
    batches = [ids[i : i + size] for i in range(0, len(ids), size)]
    # Encode the opportunity once here, so batches running in parallel find it cached.
    services.match_prepare_opportunity(kind=kind, object_id=object_id)
    if not batches:
        # Nobody to match; still withdraw it everywhere if it closed.
        services.match_recompute_for_opportunity(kind=kind, object_id=object_id, profile_ids=[])
    for batch in batches:
        recompute_opportunity_batch.delay(kind, object_id, batch)
    return len(batches)


@shared_task(**RETRYING)
def recompute_opportunity_batch(kind: str, object_id: int, profile_ids: list[int]) -> int:
    outcome = services.match_recompute_for_opportunity(
        kind=kind, object_id=object_id, profile_ids=profile_ids
    )
    return len(outcome.new_strong)


@shared_task(
    **{**RETRYING, "autoretry_for": (*TRANSIENT_ERRORS, smtplib.SMTPException, ConnectionError)}
)
def notify_strong_match(match_id: int) -> bool:
    """Email her about one strong new match, once: a unique row claims it before sending."""
    try:
        return services.match_notify(match_id=match_id)
    except IntegrityError:  # another delivery of this task claimed it first
        return False


def enqueue_match_notifications(match_ids: list[int]) -> None:
    """Called on commit by services: one task per strong new match."""
    for match_id in match_ids:
        # Named here: the "matching.tasks.*" route would otherwise win over "*.notify_*".
        notify_strong_match.apply_async((match_id,), queue="notifications")
