"""The recompute entry points: command with a progress bar, nightly task."""

import io

import pytest
from django.core.management import call_command

from backend.voice import tasks
from backend.voice.models import DemandGroup, DemandRun
from tests.voice.helpers import make_run

pytestmark = pytest.mark.django_db


def test_command_stores_a_run_and_reports_weak_counts() -> None:
    out, err = io.StringIO(), io.StringIO()
    call_command("demand_recompute", stdout=out, stderr=err)
    run = DemandRun.objects.get()
    assert run.weak_counts == {"training": 0, "mentor": 0, "job": 0, "financing": 0}
    assert f"demand run {run.pk}" in out.getvalue()
    assert "4/4" in err.getvalue()


def test_task_replaces_the_previous_groups() -> None:
    make_run()
    run_id = tasks.demand_recompute.delay().get()
    assert DemandRun.objects.order_by("-pk").first().pk == run_id
    assert DemandGroup.objects.count() == 0


def test_answered_task_for_a_missing_offer_sends_nothing() -> None:
    assert tasks.demand_answered.delay("training", 999999).get() == 0
