"""Parse the figures' filters once for the page, the API and the command: errors per field."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from backend.accounts.models import Organisation
from impact.selectors import PERIODS, impact_figures

MAX_DAYS = 5 * 366
MIN_YEAR, MAX_YEAR = 2000, 2100


@dataclass(frozen=True)
class FigureFilters:
    date_from: date
    date_to: date
    city: str
    programme_id: int | None
    period: str

    def figures(self, programme: Organisation | None) -> dict[str, Any]:
        """impact_figures for these filters. The caller resolves the programme, as it alone knows
        how to refuse one (404 on the page and the API, an error in the command)."""
        return impact_figures(
            date_from=self.date_from,
            date_to=self.date_to,
            city=self.city,
            programme=programme,
            period=self.period,
        )


def parse_filters(params: Mapping[str, str]) -> tuple[FigureFilters | None, dict[str, list[str]]]:
    """Defaults: the last six months, every city, by quarter."""
    errors: dict[str, list[str]] = {}
    today = timezone.localdate()
    dates: dict[str, date] = {}
    for key, default in (("from", today - timedelta(days=182)), ("to", today)):
        raw = (params.get(key) or "").strip()
        if not raw:
            dates[key] = default
            continue
        try:
            dates[key] = date.fromisoformat(raw)
        except ValueError:
            errors[key] = [_("Use a date like 2026-01-31.")]
            continue
        if not MIN_YEAR <= dates[key].year <= MAX_YEAR:
            errors[key] = [_("Choose a year between 2000 and 2100.")]
    if not errors:
        if dates["from"] > dates["to"]:
            errors["to"] = [_("The end date must not be before the start date.")]
        elif (dates["to"] - dates["from"]).days > MAX_DAYS:
            errors["to"] = [_("Choose at most five years.")]
    raw_programme = (params.get("programme") or "").strip()
    if raw_programme and not (raw_programme.isdigit() and len(raw_programme) <= 18):
        errors["programme"] = [_("Expected a programme id.")]
    # Quarters by default: a month of a few cities' women is mostly "<5"; a quarter reads.
    period = (params.get("period") or "quarter").strip()
    if period not in PERIODS:
        errors["period"] = [_("Choose month or quarter.")]
    city = (params.get("city") or "").strip()[:100]
    if errors:
        return None, errors
    return (
        FigureFilters(
            date_from=dates["from"],
            date_to=dates["to"],
            city=city,
            programme_id=int(raw_programme) if raw_programme else None,
            period=period,
        ),
        {},
    )
