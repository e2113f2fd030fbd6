"""The recompute entry points: command with a progress bar, nightly task."""

import io

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

from backend.celery import app
from demand import tasks
from demand.models import DemandGroup, DemandRun
from matching.models import MatchState
from tests.demand.helpers import make_run
from tests.factories import ProfileFactory

pytestmark = pytest.mark.django_db


def test_command_stores_a_run_and_reports_weak_counts() -> None:
    out, err = io.StringIO(), io.StringIO()
    call_command("demand_recompute", stdout=out, stderr=err)
    run = DemandRun.objects.get()
    assert run.weak_counts == {"training": 0, "mentor": 0, "job": 0, "financing": 0}
    assert f"demand run {run.pk}" in out.getvalue()
    assert "1/1" in err.getvalue()


@pytest.mark.slow
def test_command_progress_advances_per_weak_profile() -> None:
    for _ in range(3):
        woman = ProfileFactory()
        MatchState.objects.create(
            profile=woman, requested=1, computed=1, computed_at=timezone.now()
        )
    err = io.StringIO()
    call_command("demand_recompute", verbosity=1, stdout=io.StringIO(), stderr=err)
    # Three weak women for training and for mentors, three for jobs, none for financing; + store.
    assert "10/10" in err.getvalue()
    assert "profile" in err.getvalue()


def test_command_is_quiet_at_verbosity_0() -> None:
    err = io.StringIO()
    call_command("demand_recompute", verbosity=0, stdout=io.StringIO(), stderr=err)
    assert err.getvalue() == ""


def test_beat_runs_the_demand_recompute_task_nightly() -> None:
    entries = [
        e
        for e in settings.CELERY_BEAT_SCHEDULE.values()
        if e["task"] == "demand.tasks.demand_recompute"
    ]
    assert len(entries) == 1
    # The name beat sends resolves to a registered task that stores a run.
    run_id = app.tasks[str(entries[0]["task"])].delay().get()
    assert DemandRun.objects.get().pk == run_id
    schedule = entries[0]["schedule"]
    assert schedule.hour == {2} and schedule.minute == {30}  # type: ignore[attr-defined]


def test_task_replaces_the_previous_groups() -> None:
    make_run()
    run_id = tasks.demand_recompute.delay().get()
    assert DemandRun.objects.order_by("-pk").first().pk == run_id
    assert DemandGroup.objects.count() == 0


def test_answered_task_for_a_missing_offer_sends_nothing() -> None:
    assert tasks.demand_answered.delay("training", 999999).get() == 0
