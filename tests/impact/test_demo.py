import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from impact.demo import EXTRA_WOMEN, impact_demo_seed
from impact.models import Outcome
from impact.selectors import impact_figures
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


def _bar_texts(html: str, chart_id: str) -> list[str]:
    """The figures printed after each bar of one server-side chart."""
    svg = html.split(f'aria-labelledby="{chart_id}-title')[1].split("</svg>")[0]
    return re.findall(
        r'<text x="\d+" y="\d+" font-size="13" fill="currentColor">([^<]*)</text>', svg
    )


def test_the_demo_dashboard_shows_readable_funnel_and_outcome_charts(client, staff):  # type: ignore[no-untyped-def]
    for _i in range(3):
        TrainingFactory(), FinancingSchemeFactory(), JobRoleFactory()
    impact_demo_seed()
    client.force_login(staff)
    html = client.get(reverse("impact:impact-dashboard")).content.decode()
    funnel = _bar_texts(html, "chart-funnel")
    periods = _bar_texts(html, "chart-periods")
    kinds = _bar_texts(html, "chart-kinds")
    # Every funnel stage is a published number, and most outcome bars are too.
    assert all(text.isdigit() and int(text) >= 5 for text in funnel), funnel
    assert sum(text.isdigit() and int(text) >= 5 for text in periods) >= 2, periods
    assert sum(text.isdigit() and int(text) >= 5 for text in kinds) >= 3, kinds
