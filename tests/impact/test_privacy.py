"""No export of a small world can be combined to single out fewer than 5 women."""

import csv
import io
import json
from datetime import date
from itertools import combinations

import pytest
from django.core.management import call_command

from backend.impact.selectors import impact_figures
from tests.events.factories import ApplicationFactory
from tests.impact.helpers import match, outcome, woman

pytestmark = pytest.mark.django_db

TABLES = (
    "funnel_by_period",
    "funnel_by_city",
    "outcomes_by_period",
    "match_quality",
    "match_outcomes",
)
NESTED = ("funnel_by_period", "funnel_by_city", "match_quality")


def _twelve_women() -> None:
    plan = [
        # (registered, city, complete, match status, applied, outcome kinds)
        (date(2026, 1, 5), "Athens", True, "saved", False, ["got_job"]),
        (date(2026, 1, 6), "Athens", True, "saved", True, ["interviewed", "got_job"]),
        (date(2026, 1, 7), "Athens", True, "suggested", True, ["received_funding"]),
        (date(2026, 1, 8), "Athens", True, "dismissed", False, []),
        (date(2026, 2, 3), "Athens", False, None, False, []),
        (date(2026, 2, 4), "Athens", True, "saved", False, ["finished_training"]),
        (date(2026, 2, 5), "Berlin", True, "requested", False, []),
        (date(2026, 2, 6), "Berlin", True, "suggested", False, []),
        (date(2026, 3, 1), "Berlin", True, "saved", False, ["got_job"]),
        (date(2026, 3, 2), "Berlin", False, None, False, []),
        (date(2026, 3, 3), "Lisbon", True, "dismissed", False, []),
        (date(2026, 3, 4), "Lisbon", True, "accepted", False, ["mentorship_completed"]),
    ]
    for registered, city, complete, status, applied, kinds in plan:
        profile = woman(registered=registered, city=city, complete=complete)
        m = match(profile, status=status, score=0.9) if status else None
        if applied:
            ApplicationFactory(profile=profile)
        for kind in kinds:
            outcome(profile, kind=kind, day=date(2026, 3, 20), match_row=m)


def _all_exports() -> list[dict]:  # type: ignore[type-arg]
    out = []
    for period in ("month", "quarter"):
        for city in ("", "Athens", "Berlin", "Lisbon"):
            out.append(
                impact_figures(
                    date_from=date(2026, 1, 1),
                    date_to=date(2026, 3, 31),
                    city=city,
                    period=period,
                )
            )
    return out


def _published(cells):  # type: ignore[no-untyped-def]
    return [c["value"] for c in cells if not c["suppressed"]]


def _small(n: int) -> bool:
    return 0 < n < 5


def test_no_published_figure_counts_one_to_four_women():
    _twelve_women()
    for figures in _all_exports():
        for key in TABLES:
            table = figures[key]
            rows = [r["cells"] for r in table["rows"]] + [table["total"]]
            for cells in filter(None, rows):
                assert not any(_small(v) for v in _published(cells)), (key, cells)


def test_totals_minus_published_cells_never_leave_one_to_four():
    _twelve_women()
    for figures in _all_exports():
        for key in TABLES:
            table = figures[key]
            if table["total"] is None:
                continue
            for c, total in enumerate(table["total"]):
                if total["suppressed"]:
                    continue
                column = [r["cells"][c] for r in table["rows"]]
                rest = total["value"] - sum(_published(column))
                assert not _small(rest), (key, c, total, column)
                assert sum(1 for cell in column if cell["suppressed"]) != 1, (key, c)


def test_differences_along_a_funnel_row_never_leave_one_to_four():
    _twelve_women()
    for figures in _all_exports():
        for key in NESTED:
            table = figures[key]
            for cells in [r["cells"] for r in table["rows"]] + [table["total"] or []]:
                for a, b in combinations(_published(cells), 2):
                    assert not _small(abs(a - b)), (key, cells)


def test_the_two_funnel_breakdowns_hide_their_shared_total_alike():
    _twelve_women()
    figures = impact_figures(date_from=date(2026, 1, 1), date_to=date(2026, 3, 31))
    assert figures["funnel_by_period"]["total"] == figures["funnel_by_city"]["total"]


def test_a_city_filter_repeats_that_city_row_exactly():
    _twelve_women()
    everything = impact_figures(date_from=date(2026, 1, 1), date_to=date(2026, 3, 31))
    athens = impact_figures(date_from=date(2026, 1, 1), date_to=date(2026, 3, 31), city="Athens")
    row = next(r for r in everything["funnel_by_city"]["rows"] if r["label"] == "Athens")
    assert athens["funnel_by_period"]["total"] == row["cells"]


def test_command_csv_and_json_never_print_one_to_four():
    _twelve_women()
    out = io.StringIO()
    call_command(
        "impact_report", "--from", "2026-01-01", "--to", "2026-03-31", "--format", "csv", stdout=out
    )
    values = [row["value"] for row in csv.DictReader(io.StringIO(out.getvalue()))]
    assert "<5" in values
    assert not any(v.isdigit() and _small(int(v)) for v in values)
    out = io.StringIO()
    call_command(
        "impact_report",
        "--from",
        "2026-01-01",
        "--to",
        "2026-03-31",
        "--format",
        "json",
        stdout=out,
    )
    figures = json.loads(out.getvalue())
    for key in TABLES:
        for row in figures[key]["rows"]:
            assert not any(_small(v) for v in _published(row["cells"]))


def test_the_small_world_still_publishes_its_totals():
    _twelve_women()
    figures = impact_figures(date_from=date(2026, 1, 1), date_to=date(2026, 3, 31))
    total = [c["value"] for c in figures["funnel_by_period"]["total"]]
    # True counts 12, 10, 10, 7, 6: 10 and 6 sit 1-2 away from a published figure.
    assert total == [12, None, None, 7, None]
