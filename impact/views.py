"""The impact dashboard: suppressed figures as SVG charts, each with its data table."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from backend.accounts.models import Organisation
from backend.core.forms import add_service_errors
from impact import charts, selectors, services
from impact.filters import parse_filters
from impact.forms import OutcomeForm, ProgrammeOutcomeForm, StatisticsConsentForm
from impact.models import OutcomeKind
from matching.models import OpportunityKind


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
    column = [c["key"] for c in table["columns"]].index("all")
    bars = [
        (row["label"], row["cells"][column]["value"], charts.cell_text(row["cells"][column]))
        for row in table["rows"]
    ]
    return charts.bar_chart(
        chart_id="chart-periods",
        title=_("First outcomes per period"),
        desc=_(
            "First outcomes of any kind per period, rounded to the nearest 5; under 5 shows "
            "as <5. The same figures are in the table below."
        ),
        bars=bars,
    )


def _per_kind_chart(figures: dict[str, Any]) -> Any:
    table = figures["outcomes_by_period"]
    return charts.bar_chart(
        chart_id="chart-kinds",
        title=_("Women per kind of outcome"),
        desc=_(
            "Women whose first outcome of each kind fell in the range, rounded to the nearest "
            "5; under 5 shows as <5. The same figures are in the table below."
        ),
        bars=[
            bar
            for bar, col in zip(_total_bars(table), table["columns"], strict=True)
            if col["key"] != "all"
        ],
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
        "form_period": filters.period if filters else request.GET.get("period", ""),
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
        tables=[figures[key] for key in selectors.TABLES],
    )
    return render(request, "impact/dashboard.html", context)


# --- Her outcomes ----------------------------------------------------------------------------


def _require_woman(request: HttpRequest) -> None:
    if not request.user.is_woman_user:
        raise PermissionDenied(_("This page is for job seekers and entrepreneurs."))


@login_required
def my_outcomes(request: HttpRequest) -> HttpResponse:
    """Her outcomes (also those others recorded for her, to confirm or reject) and a form."""
    _require_woman(request)
    form = OutcomeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.outcome_record(user=request.user, woman=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Your outcome is saved. Thank you."))
            return redirect("impact:my-outcomes")
    status = 400 if form.errors else 200
    return render(
        request,
        "impact/my_outcomes.html",
        {"form": form, "outcomes": selectors.outcomes_page_for(user=request.user)},
        status=status,
    )


def _her_outcome_action(request: HttpRequest, pk: int, service: Any, done: str) -> HttpResponse:
    _require_woman(request)
    outcome = get_object_or_404(selectors.outcomes_for(user=request.user), pk=pk)
    try:
        service(user=request.user, outcome=outcome)
    except ValidationError as exc:
        messages.error(request, " ".join(m for ms in exc.message_dict.values() for m in ms))
    else:
        messages.success(request, done)
    return redirect("impact:my-outcomes")


@login_required
@require_POST
def outcome_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    return _her_outcome_action(
        request, pk, services.outcome_confirm, _("Confirmed: it counts in the figures.")
    )


@login_required
@require_POST
def outcome_reject(request: HttpRequest, pk: int) -> HttpResponse:
    return _her_outcome_action(
        request, pk, services.outcome_reject, _("Removed: it will not be counted.")
    )


# --- Programmes record funding and trainings finished -----------------------------------------


def _engagement_row(match: Any, form: ProgrammeOutcomeForm | None = None) -> dict[str, Any]:
    """What the programme sees of her: only the fields she shares, and the item she engaged."""
    profile = match.profile
    shared = set(profile.shared_fields or ())
    return {
        "match": match,
        "name": profile.user.display_name if "display_name" in shared else None,
        "city": profile.city if "city" in shared else None,
        "kind": _programme_kind(match),
        "kind_label": OutcomeKind(_programme_kind(match)).label,
        "form": form or ProgrammeOutcomeForm(initial={"match": match.pk}),
    }


def _programme_kind(match: Any) -> str:
    if match.kind == OpportunityKind.FINANCING:
        return OutcomeKind.RECEIVED_FUNDING
    return OutcomeKind.FINISHED_TRAINING


@login_required
def programme_record(request: HttpRequest) -> HttpResponse:
    """A programme member records funding granted or a training finished for a woman who saved
    or asked about one of its items; she then confirms it on her own page."""
    if not selectors.programmes_of(user=request.user).exists():
        raise PermissionDenied(_("Only members of a verified programme record outcomes here."))
    engagements = selectors.programme_engagements(user=request.user)
    posted: ProgrammeOutcomeForm | None = None
    posted_match = None
    if request.method == "POST":
        posted = ProgrammeOutcomeForm(request.POST)
        if posted.is_valid():
            posted_match = get_object_or_404(engagements, pk=posted.cleaned_data["match"])
            kind = _programme_kind(posted_match)
            item = "financing" if kind == OutcomeKind.RECEIVED_FUNDING else "training"
            model = selectors.programme_item_model(posted_match.kind)
            try:
                services.outcome_record(
                    user=request.user,
                    woman=posted_match.profile.user,
                    kind=kind,
                    date=posted.cleaned_data["date"],
                    amount_eur=posted.cleaned_data["amount_eur"],
                    **{item: model.objects.get(pk=posted_match.object_id)},
                )
            except ValidationError as exc:
                add_service_errors(posted, exc)
            except PermissionDenied as exc:
                posted.add_error(None, str(exc))
            else:
                messages.success(
                    request, _("Recorded. She is asked to confirm it before it counts.")
                )
                return redirect("impact:programme-record")
        else:
            raw = (request.POST.get("match") or "").strip()
            if raw.isdigit():
                posted_match = engagements.filter(pk=int(raw)).first()
    rows = [
        _engagement_row(m, posted if posted_match and m.pk == posted_match.pk else None)
        for m in engagements
    ]
    status = 400 if posted is not None and posted.errors else 200
    return render(request, "impact/programme_record.html", {"rows": rows}, status=status)


# --- Her opt-in to breakdowns -----------------------------------------------------------------


@login_required
def statistics_consent(request: HttpRequest) -> HttpResponse:
    _require_woman(request)
    consent = selectors.statistics_consent_of(user=request.user)
    form = StatisticsConsentForm(
        request.POST or None,
        initial={
            "share_origin": consent.share_origin,
            "origin_region": consent.origin_region,
            "share_right_to_work": consent.share_right_to_work,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.statistics_consent_set(user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Your choice is saved."))
            return redirect("impact:statistics-consent")
    status = 400 if form.errors else 200
    return render(request, "impact/statistics_consent.html", {"form": form}, status=status)
