"""A Celery worker SIGKILLed in the middle of recomputing matches: a new worker finishes the job."""

import json
import os
import signal
import time

import pytest
import redis as redis_lib

from backend.celery import app
from matching import services
from matching.models import Match, MatchState
from matching.tasks import recompute_profile_matches
from tests.factories import JobRoleFactory, MentorProfileFactory, ProfileFactory, TrainingFactory
from tests.servers import celery_worker, redis_server, stop

pytestmark = [pytest.mark.slow, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

PROFILES = 24
# Unacknowledged tasks of a dead worker go back to the queue after this many seconds.
VISIBILITY_TIMEOUT = 3


def _computed(profile_ids: list[int]) -> int:
    return sum(
        not state.recomputing for state in MatchState.objects.filter(profile_id__in=profile_ids)
    )


def _wait(condition, timeout: float, process) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        if condition():
            return True
        time.sleep(0.05)
    return False


def _rows() -> list[tuple[int, str, int, float]]:
    return sorted(Match.objects.values_list("profile_id", "kind", "object_id", "score"))


@pytest.fixture
def queued_recomputes(redis_and_profiles):  # type: ignore[no-untyped-def]
    redis, profile_ids = redis_and_profiles
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = False
    try:
        with app.connection_for_write(redis.url) as connection:
            for profile_id in profile_ids:
                recompute_profile_matches.apply_async((profile_id,), connection=connection)
    finally:
        app.conf.task_always_eager = previous
    return redis, profile_ids


@pytest.fixture
def redis_and_profiles(django_db_setup):  # type: ignore[no-untyped-def]
    for _ in range(3):
        TrainingFactory(), JobRoleFactory(), MentorProfileFactory()
    profile_ids = [p.pk for p in ProfileFactory.create_batch(PROFILES)]
    for profile_id in profile_ids:
        services.match_state_mark_requested(profile_id=profile_id)
    with redis_server() as redis:
        yield redis, profile_ids


def _unacked_task_ids(redis_url: str) -> list[str]:
    """Tasks a worker has taken and not yet acknowledged (acks_late: the ones it is running)."""
    client = redis_lib.Redis.from_url(redis_url)
    try:
        return [json.loads(raw)[0]["headers"]["id"] for raw in client.hvals("unacked")]
    finally:
        client.close()


def _freeze_mid_task(worker, redis_url: str, profile_ids: list[int], timeout: float) -> list[str]:  # type: ignore[no-untyped-def]
    """Stop the worker at a moment it is running a task (checked while it is frozen)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and worker.poll() is None:
        if _computed(profile_ids) >= 2:
            os.kill(worker.pid, signal.SIGSTOP)
            running = _unacked_task_ids(redis_url)
            if running:
                return running
            os.kill(worker.pid, signal.SIGCONT)
        time.sleep(0.01)
    return []


def test_recompute_survives_a_worker_killed_mid_task(queued_recomputes, tmp_path):
    redis, profile_ids = queued_recomputes
    env = {"REDIS_URL": redis.url, "CELERY_VISIBILITY_TIMEOUT": str(VISIBILITY_TIMEOUT)}
    log = tmp_path / "worker.log"
    first = celery_worker("first", log, **env)
    try:
        interrupted = _freeze_mid_task(first, redis.url, profile_ids, timeout=40)
        assert interrupted, log.read_text()[-3000:]
    finally:
        stop(first, signal.SIGKILL)
    assert _computed(profile_ids) < PROFILES

    # A starting worker puts back the tasks left unacknowledged for longer than the timeout (a
    # running worker only sweeps every 100 s by default, so waiting for one would be slower).
    time.sleep(VISIBILITY_TIMEOUT + 0.5)
    second = celery_worker("second", log, **env)
    try:
        finished = _wait(lambda: _computed(profile_ids) == PROFILES, 45, second)
        assert finished, log.read_text()[-3000:]
    finally:
        stop(second)
    # The task the first worker had taken when it was killed was delivered again, to the new one.
    assert f"[{interrupted[0]}] received" in log.read_text().split("second@")[-1]
    after_kill = _rows()
    assert len({row[:3] for row in after_kill}) == len(after_kill)
    # The same rows a clean, uninterrupted recompute stores: nothing missing, nothing left over.
    services.match_recompute_for_profiles(profile_ids=profile_ids)
    assert _rows() == after_kill
    assert {kind for _, kind, _, _ in after_kill} == {"job", "mentor", "training"}
