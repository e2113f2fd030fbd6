"""The load test (bench/load.py) at a short duration: 200 people, a real stack, no failures.

No timing is asserted: the figures depend on the machine. What must hold on any machine is that
every kind of operation ran, none failed, no chat message was lost and the worker recomputed the
matches of every woman who edited her profile.
"""

import json
import subprocess
import sys

import pytest
from django.conf import settings

from tests.servers import ROOT, child_env

# A database test (the module fixture sends the bench to the test database): without the mark,
# run alone, the settings still name the development database when the fixture reads them.
pytestmark = [pytest.mark.slow, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

OPERATIONS = {
    "api matches",
    "web matches tab",
    "api profile",
    "api profile edit",
    "api mentorships",
    "web mentoring",
    "api conversations",
    "ws connect",
    "chat send",
}


@pytest.fixture(scope="module")
def figures(django_db_setup, tmp_path_factory):  # type: ignore[no-untyped-def]
    """One short run of the benchmark against the test database, shared by the checks below."""
    if not settings.REDIS_URL:
        pytest.skip("needs Redis for the channel layer and the Celery broker: set REDIS_URL")
    out = tmp_path_factory.mktemp("load") / "figures.json"
    env = child_env()
    # Short chat interval and think time: every kind of operation runs in 10 seconds.
    command = [
        sys.executable, str(ROOT / "bench" / "load.py"), "--users", "200", "--seconds", "10",
        "--baseline-seconds", "2", "--think", "4", "--chat-interval", "4", "--copies", "2",
        "--json", str(out),
    ]  # fmt: skip
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-4000:]
    return json.loads(out.read_text())


def test_every_operation_ran_without_an_error(figures):  # type: ignore[no-untyped-def]
    operations = figures["operations"]
    assert {kind for kind, f in operations.items() if f["count"] > 0} >= OPERATIONS
    assert {kind: f["errors"] for kind, f in operations.items() if f["errors"]} == {}


def test_every_chat_message_reached_the_partner(figures):  # type: ignore[no-untyped-def]
    chat = figures["chat"]
    assert chat["sent"] > 0
    assert (chat["lost"], chat["duplicated"]) == (0, 0)


def test_the_worker_recomputed_the_matches_of_every_woman_who_edited(figures):  # type: ignore[no-untyped-def]
    recomputes = figures["recomputes"]
    assert recomputes["edited"] > 0
    assert recomputes["behind"] == 0
