"""The impact dashboard: suppressed figures as SVG charts, each with its data table."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from backend.accounts.models import Organisation
from backend.impact import charts, selectors
from backend.impact.filters import parse_filters


def _total_bars(table: dict[str, Any]) -> list[tuple[Any, Any, str]]:
    """One bar per column of a table's total row, labelled as the table shows the cell."""
    return [
        (col["label"], cell["value"], charts.cell_text(cell))
        for col, cell in zip(table["columns"], table["total"], strict=True)
    ]


def _funnel_chart(figures: dict[str, Any]) -> Any:
    return charts.bar_chart(
        chart_id="chart-funnel",
        title=_("Funnel: women at each stage"),
        desc=_(
            "Women who registered in the period, by the furthest stage they reached. "
            "Counts under 5 show as <5. The same figures are in the table below."
        ),
        bars=_total_bars(figures["funnel_by_period"]),
    )


def _per_period_chart(figures: dict[str, Any]) -> Any:
    table = figures["outcomes_by_period"]
    bars = []
    for row in table["rows"]:
        shown = sum(c["value"] for c in row["cells"] if not c["suppressed"])
        hidden = any(c["suppressed"] for c in row["cells"])
        bars.append((row["label"], shown, f"{shown}+" if hidden else str(shown)))
    return charts.bar_chart(
        chart_id="chart-periods",
        title=_("First outcomes per period"),
        desc=_(
            "Sum of the published first outcomes of each kind per period; a + means some "
            "counts under 5 are hidden. The same figures are in the table below."
        ),
        bars=bars,
    )


def _per_kind_chart(figures: dict[str, Any]) -> Any:
    return charts.bar_chart(
        chart_id="chart-kinds",
        title=_("Women per kind of outcome"),
        desc=_(
            "Women whose first outcome of each kind fell in the range. Counts under 5 show "
            "as <5. The same figures are in the table below."
        ),
        bars=_total_bars(figures["outcomes_by_period"]),
    )


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    if not selectors.can_view_impact(user=request.user):
        raise PermissionDenied(_("Only staff and programme members see impact figures."))
    filters, errors = parse_filters(request.GET)
    context: dict[str, Any] = {
        "errors": errors,
        "params": request.GET,
        "form_from": request.GET.get("from") or (filters.date_from.isoformat() if filters else ""),
        "form_to": request.GET.get("to") or (filters.date_to.isoformat() if filters else ""),
    }
    if filters is None:
        return render(request, "impact/dashboard.html", context, status=400)
    try:
        programme = selectors.impact_programme(user=request.user, programme_id=filters.programme_id)
    except Organisation.DoesNotExist as exc:
        raise Http404 from exc
    figures = filters.figures(programme)
    context.update(
        figures=figures,
        programme=programme,
        filters=filters,
        funnel_chart=_funnel_chart(figures),
        period_chart=_per_period_chart(figures),
        kind_chart=_per_kind_chart(figures),
        tables=[
            figures["funnel_by_period"],
            figures["funnel_by_city"],
            figures["outcomes_by_period"],
            figures["match_quality"],
            figures["match_outcomes"],
        ],
    )
    return render(request, "impact/dashboard.html", context)
