"""Funders' report: the same suppressed figures as the dashboard, as CSV or JSON on stdout."""

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from backend.accounts.models import Organisation, OrganisationKind
from impact.filters import parse_filters
from impact.renderers import csv_text
from impact.selectors import PERIODS, figures_as_csv_rows


class Command(BaseCommand):
    help = "Print suppressed impact figures (funnel, outcomes, match quality) for a date range."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--from", dest="date_from", required=True, help="YYYY-MM-DD")
        parser.add_argument("--to", dest="date_to", required=True, help="YYYY-MM-DD")
        parser.add_argument("--format", choices=["csv", "json"], default="csv")
        parser.add_argument("--programme", type=int, default=None, help="programme organisation id")
        parser.add_argument("--city", default="")
        parser.add_argument("--period", choices=PERIODS, default="quarter")

    def handle(self, *args: Any, **options: Any) -> None:
        filters, errors = parse_filters(
            {
                "from": options["date_from"],
                "to": options["date_to"],
                "city": options["city"],
                "period": options["period"],
                "programme": str(options["programme"] or ""),
            }
        )
        if filters is None:
            raise CommandError(
                "; ".join(f"--{field}: {' '.join(msgs)}" for field, msgs in errors.items())
            )
        programme = None
        if filters.programme_id is not None:
            programme = Organisation.objects.filter(
                pk=filters.programme_id, kind=OrganisationKind.PROGRAMME
            ).first()
            if programme is None:
                raise CommandError(f"--programme: no programme with id {filters.programme_id}.")
        figures = filters.figures(programme)
        if options["format"] == "json":
            self.stdout.write(json.dumps(figures, indent=2, default=str))
        else:
            self.stdout.write(csv_text(figures_as_csv_rows(figures)), ending="")
