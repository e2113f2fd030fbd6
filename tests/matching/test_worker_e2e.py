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


def test_profile_edit_through_the_api_reaches_a_real_worker(worker, api_client):
    process, log = worker
    TrainingFactory(), JobRoleFactory(), MentorProfileFactory()
    # Tigrinya only: nothing is taught in it, so she starts with no matches.
    profile = ProfileFactory(languages=[{"code": "ti", "level": "native"}])
    api_client.force_authenticate(profile.user)

    response = api_client.patch(
        "/api/profile/", {"languages": [{"code": "en", "level": "B2"}]}, format="json"
    )
    assert response.status_code == 200

    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        listing = api_client.get("/api/matches/").data
        if listing["count"] and not listing["recomputing"]:
            break
        time.sleep(1)
    assert process.poll() is None, log.read_text()[-3000:]
    assert sorted(Match.objects.filter(profile=profile).values_list("kind", flat=True)) == [
        "job",
        "mentor",
        "training",
    ]
    assert listing["recomputing"] is False
