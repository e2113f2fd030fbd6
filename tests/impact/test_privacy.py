"""No export of a small world can be combined to single out fewer than 5 women."""

import csv
import io
import json
from datetime import date
from itertools import combinations, product

import pytest
from django.core.management import call_command

from impact.models import StatisticsConsent
from impact.selectors import COUNT_UNITS, TABLES, impact_figures
from tests.events.factories import ApplicationFactory
from tests.factories import FinancingSchemeFactory, ProgrammeFactory
from tests.impact.helpers import match, outcome, woman

pytestmark = pytest.mark.django_db

RANGES = (
    (date(2026, 1, 1), date(2026, 3, 31)),
    (date(2026, 1, 1), date(2026, 2, 28)),
    (date(2026, 2, 1), date(2026, 3, 31)),
    (date(2026, 1, 1), date(2026, 1, 31)),
    (date(2026, 2, 1), date(2026, 2, 28)),
    (date(2026, 3, 1), date(2026, 3, 31)),
    (date(2025, 10, 1), date(2026, 6, 30)),
)
CITIES = ("", "Athens", "Berlin", "Lisbon", "athens ", "Nowhere")
PERIODS = ("month", "quarter")


def _small(n: int) -> bool:
    return 0 < n < 5


def _small_world():  # type: ignore[no-untyped-def]
    """Twelve women in three cities, some with a programme's scheme, some opted in."""
    programme = ProgrammeFactory()
    scheme = FinancingSchemeFactory(organisation=programme)
    plan = [
        # (registered, city, complete, match status, applied, outcome kinds, region, rtw)
        (date(2026, 1, 5), "Athens", True, "saved", False, ["got_job"], "mena", "yes"),
        (date(2026, 1, 6), "Athens", True, "saved", True, ["interviewed", "got_job"], "", ""),
        (date(2026, 1, 7), "Athens", True, "suggested", True, ["received_funding"], "ssa", ""),
        (date(2026, 1, 8), "Athens", True, "dismissed", False, [], "mena", "pending"),
        (date(2026, 2, 3), "Athens", False, None, False, [], "", ""),
        (date(2026, 2, 4), "Athens", True, "saved", False, ["finished_training"], "", "yes"),
        (date(2026, 2, 5), "Berlin", True, "requested", False, [], "europe", ""),
        (date(2026, 2, 6), "Berlin", True, "suggested", False, [], "", "not_sure"),
        (date(2026, 3, 1), "Berlin", True, "saved", False, ["got_job"], "mena", "yes"),
        (date(2026, 3, 2), "Berlin", False, None, False, [], "", ""),
        (date(2026, 3, 3), "Lisbon", True, "dismissed", False, [], "", ""),
        (date(2026, 3, 4), "Lisbon", True, "accepted", False, ["mentorship_completed"], "", ""),
    ]
    for i, (registered, city, complete, status, applied, kinds, region, rtw) in enumerate(plan):
        profile = woman(registered=registered, city=city, complete=complete)
        m = match(profile, status=status, score=0.9) if status else None
        if i % 2 == 0 and status:
            match(profile, kind="financing", object_id=scheme.pk, status=status)
        if applied:
            ApplicationFactory(profile=profile)
        for kind in kinds:
            outcome(profile, kind=kind, day=date(2026, 3, 20), match_row=m)
        if rtw:
            type(profile).objects.filter(pk=profile.pk).update(right_to_work=rtw)
        if region or rtw:
            StatisticsConsent.objects.create(
                woman=profile.user,
                share_origin=bool(region),
                origin_region=region,
                share_right_to_work=bool(rtw),
            )
    return programme


def _every_export(programme):  # type: ignore[no-untyped-def]
    for (date_from, date_to), city, period, prog in product(
        RANGES, CITIES, PERIODS, (None, programme)
    ):
        yield impact_figures(
            date_from=date_from, date_to=date_to, city=city, period=period, programme=prog
        )


def _published_counts(figures) -> dict[tuple[str, str], list[int]]:  # type: ignore[no-untyped-def]
    """Every published count, by measure (table and column); per outcome kind, stage, city."""
    out: dict[tuple[str, str], list[int]] = {}
    for key in TABLES:
        table = figures[key]
        rows = [r["cells"] for r in table["rows"]] + ([table["total"]] if table["total"] else [])
        for c, column in enumerate(table["columns"]):
            if column["unit"] not in COUNT_UNITS:
                continue
            values = out.setdefault((key, column["key"]), [])
            values += [cells[c]["value"] for cells in rows if not cells[c]["suppressed"]]
    return out


def test_no_two_published_counts_of_any_filter_combination_differ_by_one_to_four():
    programme = _small_world()
    by_measure: dict[tuple[str, str], set[int]] = {}
    for figures in _every_export(programme):
        for measure, values in _published_counts(figures).items():
            by_measure.setdefault(measure, set()).update(values)
    assert len(by_measure) > 40
    assert any(len(values) > 2 for values in by_measure.values())
    for measure, values in by_measure.items():
        assert not any(_small(v) for v in values), (measure, values)
        for a, b in combinations(sorted(values), 2):
            assert not _small(b - a), (measure, a, b)


def test_shares_only_come_from_published_counts():
    programme = _small_world()
    for figures in _every_export(programme):
        for row in figures["match_quality"]["rows"]:
            shown, saved, dismissed, saved_share, dismissed_share = row["cells"]
            for part, pct in ((saved, saved_share), (dismissed, dismissed_share)):
                if shown["suppressed"] or part["suppressed"]:
                    assert pct["suppressed"]
                elif shown["value"]:
                    assert pct["value"] == round(100 * part["value"] / shown["value"])


def test_a_median_is_never_published_for_fewer_than_five_women():
    programme = _small_world()
    for figures in _every_export(programme):
        median = figures["median_days_to_first_outcome"]
        outcome_total = figures["funnel_by_period"]["total"][-1]
        if outcome_total["suppressed"]:
            assert median["suppressed"]


def test_probe_quarter_minus_two_months_does_not_reveal_march():
    for day, n in ((date(2026, 1, 10), 6), (date(2026, 2, 10), 10), (date(2026, 3, 10), 3)):
        for _i in range(n):
            woman(registered=day, complete=False)
    q1 = impact_figures(date_from=date(2026, 1, 1), date_to=date(2026, 3, 31), period="quarter")
    jan_feb = impact_figures(date_from=date(2026, 1, 1), date_to=date(2026, 2, 28))
    by_month = impact_figures(date_from=date(2026, 1, 1), date_to=date(2026, 3, 31))
    march = by_month["funnel_by_period"]["rows"][2]["cells"][0]
    difference = (
        q1["funnel_by_period"]["total"][0]["value"]
        - jan_feb["funnel_by_period"]["total"][0]["value"]
    )
    assert march == {"value": None, "suppressed": True}
    assert difference == 5  # 19 and 16 publish as 20 and 15: March is not 3 to the reader


def test_probe_all_cities_minus_two_cities_does_not_reveal_the_third():
    for city, n in (("Athens", 10), ("Berlin", 10), ("Lisbon", 3)):
        for _i in range(n):
            outcome(woman(registered=date(2026, 1, 10), city=city), day=date(2026, 2, 1))
    kw = {"date_from": date(2026, 1, 1), "date_to": date(2026, 3, 31)}
    got_job = [c["key"] for c in impact_figures(**kw)["outcomes_by_period"]["columns"]].index(
        "got_job"
    )
    value = {
        city: impact_figures(city=city, **kw)["outcomes_by_period"]["total"][got_job]["value"]
        for city in ("", "Athens", "Berlin")
    }
    assert value[""] - value["Athens"] - value["Berlin"] == 5  # 23 publishes as 25, not 3


def test_a_city_filter_repeats_that_city_row_exactly():
    programme = _small_world()
    for prog in (None, programme):
        kw = {"date_from": date(2026, 1, 1), "date_to": date(2026, 3, 31), "programme": prog}
        everyone = impact_figures(**kw)
        athens = impact_figures(city="Athens", **kw)
        funnel_row = next(r for r in everyone["funnel_by_city"]["rows"] if r["label"] == "Athens")
        outcomes_row = next(
            r for r in everyone["outcomes_by_city"]["rows"] if r["label"] == "Athens"
        )
        assert athens["funnel_by_period"]["total"] == funnel_row["cells"]
        assert athens["outcomes_by_period"]["total"] == outcomes_row["cells"]


def test_breakdowns_count_only_women_who_opted_in():
    _small_world()
    figures = impact_figures(date_from=date(2026, 1, 1), date_to=date(2026, 3, 31))
    # 5 women chose to share a region (3 of them mena), 5 their right to work (3 "yes").
    assert figures["funnel_by_origin"]["total"][0] == {"value": 5, "suppressed": False}
    assert figures["funnel_by_origin"]["rows"][0]["cells"][0]["suppressed"] is True
    assert figures["funnel_by_right_to_work"]["total"][0] == {"value": 5, "suppressed": False}


def test_a_woman_who_turns_origin_off_leaves_the_breakdown():
    _small_world()
    StatisticsConsent.objects.filter(origin_region="europe").update(
        share_origin=False, origin_region=""
    )
    figures = impact_figures(date_from=date(2026, 1, 1), date_to=date(2026, 3, 31))
    assert figures["funnel_by_origin"]["total"][0] == {"value": None, "suppressed": True}


def test_command_csv_and_json_never_print_one_to_four():
    _small_world()
    out = io.StringIO()
    args = ("impact_report", "--from", "2026-01-01", "--to", "2026-03-31")
    call_command(*args, "--format", "csv", stdout=out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    counts = [
        r["value"] for r in rows if not r["column"].endswith("_share") and r["column"] != "days"
    ]
    assert "<5" in counts
    assert all(v == "<5" or int(v) % 5 == 0 for v in counts)
    out = io.StringIO()
    call_command(*args, "--format", "json", stdout=out)
    figures = json.loads(out.getvalue())
    for values in _published_counts(figures).values():
        assert all(v % 5 == 0 for v in values)
