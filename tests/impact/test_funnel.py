from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from impact.selectors import impact_figures
from tests.events.factories import ApplicationFactory
from tests.impact.helpers import match, outcome, woman

pytestmark = pytest.mark.django_db

JAN = date(2026, 1, 10)
FEB = date(2026, 2, 10)


def _cells(row):  # type: ignore[no-untyped-def]
    return [c["value"] for c in row["cells"]]


def _world() -> None:
    """January: 10 women, 10 complete, 10 matched, 10 engaged (5 saved, 5 applied), 5 outcomes.
    February: 6 women in Berlin, all complete and matched, none engaged."""
    for i in range(10):
        profile = woman(registered=JAN)
        if i < 5:
            m = match(profile, status="saved", score=0.85)
            outcome(profile, day=date(2026, 1, 20 + i), match_row=m)
        else:
            match(profile)
            ApplicationFactory(profile=profile)
    for _i in range(6):
        match(woman(registered=FEB, city="Berlin"), status="dismissed")


def test_funnel_counts_on_known_data():
    _world()
    figures = impact_figures(date_from=JAN, date_to=FEB)
    rows = {r["label"]: _cells(r) for r in figures["funnel_by_period"]["rows"]}
    # Published rounded to the nearest 5: February's 6 and the total's 16 show as 5 and 15.
    assert rows == {"2026-01": [10, 10, 10, 10, 5], "2026-02": [5, 5, 5, 0, 0]}
    assert [c["value"] for c in figures["funnel_by_period"]["total"]] == [15, 15, 15, 10, 5]
    by_city = {r["label"]: _cells(r) for r in figures["funnel_by_city"]["rows"]}
    assert by_city == {"Athens": [10, 10, 10, 10, 5], "Berlin": [5, 5, 5, 0, 0]}


def test_median_days_to_first_outcome():
    _world()
    figures = impact_figures(date_from=JAN, date_to=FEB)
    # First outcomes on Jan 20..24 after registering on Jan 10: 10..14 days.
    assert figures["median_days_to_first_outcome"] == {"value": 12, "suppressed": False}


def test_match_quality_and_match_outcomes():
    _world()
    figures = impact_figures(date_from=JAN, date_to=FEB)
    training = figures["match_quality"]["rows"][0]
    # 16 matches shown, 5 saved, 6 dismissed: published 15, 5, 5 and shares of those (33%).
    assert _cells(training) == [15, 5, 5, 33, 33]
    by_band = {r["label"]: _cells(r)[0] for r in figures["match_outcomes"]["rows"]}
    assert by_band["training >=0.8"] == 5
    assert by_band["training 0.6-0.8"] == 0


def test_outcomes_per_period_and_kind():
    _world()
    table = impact_figures(date_from=JAN, date_to=FEB)["outcomes_by_period"]
    got_job = [c["key"] for c in table["columns"]].index("got_job")
    assert [_cells(r)[got_job] for r in table["rows"]] == [5, 0]
    assert table["total"][got_job]["value"] == 5


def test_city_filter_narrows_the_period_funnel():
    _world()
    figures = impact_figures(date_from=JAN, date_to=FEB, city="berlin")
    assert [c["value"] for c in figures["funnel_by_period"]["total"]] == [5, 5, 5, 0, 0]


def test_match_quality_counts_matches_not_women():
    for _i in range(2):
        profile = woman(registered=JAN)
        for _j in range(5):
            match(profile, status="saved")
    training = impact_figures(date_from=JAN, date_to=FEB)["match_quality"]["rows"][0]
    assert _cells(training) == [10, 10, 0, 100, 0]


def test_a_programme_funnel_starts_with_women_matched_to_its_items(programme_org):
    from tests.factories import FinancingSchemeFactory

    scheme = FinancingSchemeFactory(organisation=programme_org)
    other = FinancingSchemeFactory()
    for i in range(15):
        profile = woman(registered=JAN)
        status = "saved" if i < 5 else "suggested"
        match(profile, kind="financing", object_id=scheme.pk, status=status)
        # Saving another programme's scheme is not engagement with this one.
        match(profile, kind="financing", object_id=other.pk, status="saved")
    figures = impact_figures(date_from=JAN, date_to=FEB, programme=programme_org)
    assert [c["value"] for c in figures["funnel_by_period"]["total"]] == [15, 15, 15, 5, 0]


def test_dates_snap_to_whole_periods():
    figures = impact_figures(
        date_from=date(2026, 2, 14), date_to=date(2026, 5, 2), period="quarter"
    )
    assert figures["filters"]["from"] == "2026-01-01"
    assert figures["filters"]["to"] == "2026-06-30"
    assert [r["label"] for r in figures["funnel_by_period"]["rows"]] == ["2026-Q1", "2026-Q2"]


def _queries(n_women: int) -> int:
    for _i in range(n_women):
        profile = woman(registered=JAN)
        outcome(profile, day=FEB, match_row=match(profile, status="saved"))
    with CaptureQueriesContext(connection) as ctx:
        impact_figures(date_from=JAN, date_to=FEB)
    return len(ctx.captured_queries)


def test_funnel_is_a_few_aggregate_queries_whatever_the_number_of_women():
    assert _queries(3) == _queries(12) <= 8
