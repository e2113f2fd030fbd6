"""End to end with a real Celery worker on Redis: an edit through the API changes her matches."""

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings

from backend.celery import app
from matching.models import Match
from tests.factories import JobRoleFactory, MentorProfileFactory, ProfileFactory, TrainingFactory

pytestmark = [pytest.mark.slow, pytest.mark.postgres]

ROOT = Path(__file__).resolve().parents[2]


def _worker_env() -> dict[str, str]:
    db = settings.DATABASES["default"]
    url = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    return {
        **os.environ,
        "DATABASE_URL": url,
        "REDIS_URL": settings.REDIS_URL,
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "HF_HUB_OFFLINE": "1",
    }


@pytest.fixture
def worker(transactional_db):  # type: ignore[no-untyped-def]
    if not settings.REDIS_URL:
        pytest.skip("needs a real broker: set REDIS_URL (and DATABASE_URL) to run a Celery worker")
    process = subprocess.Popen(
        [
            sys.executable, "-m", "celery", "-A", "backend", "worker",
            "-Q", "default,matching,notifications", "--pool=solo", "--loglevel=info",
            "--without-gossip", "--without-mingle", "--without-heartbeat",
            "-n", f"e2e-{uuid.uuid4().hex[:8]}@%h",
        ],
        cwd=ROOT,
        env=_worker_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )  # fmt: skip
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = False
    try:
        yield process
    finally:
        app.conf.task_always_eager = previous
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def test_profile_edit_through_the_api_reaches_a_real_worker(worker, api_client):
    TrainingFactory(), JobRoleFactory(), MentorProfileFactory()
    # Tigrinya only: nothing is taught in it, so she starts with no matches.
    profile = ProfileFactory(languages=[{"code": "ti", "level": "native"}])
    api_client.force_authenticate(profile.user)

    response = api_client.patch(
        "/api/profile/", {"languages": [{"code": "en", "level": "B2"}]}, format="json"
    )
    assert response.status_code == 200

    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and worker.poll() is None:
        listing = api_client.get("/api/matches/").data
        if listing["count"] and not listing["recomputing"]:
            break
        time.sleep(1)
    assert worker.poll() is None, worker.stdout.read() if worker.stdout else "worker exited"
    assert sorted(Match.objects.filter(profile=profile).values_list("kind", flat=True)) == [
        "job",
        "mentor",
        "training",
    ]
    assert listing["recomputing"] is False
