"""End to end with a real Celery worker on Redis: an edit through the API changes her matches."""

import time
import uuid

import pytest
from django.conf import settings

from backend.celery import app
from matching.models import Match
from tests.factories import JobRoleFactory, MentorProfileFactory, ProfileFactory, TrainingFactory
from tests.servers import celery_worker, stop

pytestmark = [pytest.mark.slow, pytest.mark.postgres]


@pytest.fixture
def worker(transactional_db, tmp_path):  # type: ignore[no-untyped-def]
    if not settings.REDIS_URL:
        pytest.skip("needs a real broker: set REDIS_URL (and DATABASE_URL) to run a Celery worker")
    log = tmp_path / "worker.log"
    process = celery_worker(f"e2e-{uuid.uuid4().hex[:8]}", log)
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = False
    try:
        yield process, log
    finally:
        app.conf.task_always_eager = previous
        stop(process)


def _wait_until_computed(api_client, process, log, timeout: float, poll: float):  # type: ignore[no-untyped-def]
    """Her match listing once no recompute is pending, or the last one seen at the deadline."""
    deadline = time.monotonic() + timeout
    listing = api_client.get("/api/matches/").data
    while time.monotonic() < deadline and process.poll() is None:
        listing = api_client.get("/api/matches/").data
        if not listing["recomputing"]:
            break
        time.sleep(poll)
    assert process.poll() is None, log.read_text()[-3000:]
    return listing


def test_profile_edit_through_the_api_reaches_a_real_worker(worker, api_client):
    process, log = worker
    TrainingFactory(), JobRoleFactory(), MentorProfileFactory()
    # Tigrinya only: nothing is taught in it, so she starts with no matches.
    profile = ProfileFactory(languages=[{"code": "ti", "level": "native"}])
    api_client.force_authenticate(profile.user)

    # Warm-up, not timed: the worker starts and loads the models on its first recompute.
    response = api_client.patch(
        "/api/profile/", {"bio": "I kept the accounts of a family shop."}, format="json"
    )
    assert response.status_code == 200
    listing = _wait_until_computed(api_client, process, log, timeout=300, poll=1)
    assert (listing["recomputing"], listing["count"]) == (False, 0), log.read_text()[-3000:]

    # Timed: from her edit through the API to changed matches in the API.
    started = time.monotonic()
    response = api_client.patch(
        "/api/profile/",
        {
            "bio": "I kept the accounts of a family shop and want to work with data.",
            "languages": [{"code": "en", "level": "B2"}],
        },
        format="json",
    )
    assert response.status_code == 200
    listing = _wait_until_computed(api_client, process, log, timeout=60, poll=0.1)
    elapsed = time.monotonic() - started
    print(f"\nprofile edit -> changed matches in the API: {elapsed:.2f} s (warm worker)")

    assert listing["recomputing"] is False
    assert listing["count"] == 3
    assert sorted(Match.objects.filter(profile=profile).values_list("kind", flat=True)) == [
        "job",
        "mentor",
        "training",
    ]
    # "Within seconds, not minutes": a generous bound, not a speed benchmark.
    assert elapsed < 30
