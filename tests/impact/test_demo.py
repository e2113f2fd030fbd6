from datetime import timedelta

import pytest
from django.utils import timezone

from backend.impact.demo import EXTRA_WOMEN, impact_demo_seed
from backend.impact.models import Outcome
from backend.impact.selectors import impact_figures
from tests.factories import FinancingSchemeFactory, JobRoleFactory, TrainingFactory

pytestmark = pytest.mark.django_db


def test_demo_seed_fills_the_dashboard_and_runs_once():
    for _i in range(3):
        TrainingFactory(), FinancingSchemeFactory(), JobRoleFactory()
    assert impact_demo_seed() == EXTRA_WOMEN
    assert impact_demo_seed() == 0
    today = timezone.localdate()
    figures = impact_figures(date_from=today - timedelta(days=183), date_to=today)
    registered = figures["funnel_by_period"]["total"][0]
    assert registered == {"value": EXTRA_WOMEN, "suppressed": False}
    assert Outcome.objects.count() > 10
