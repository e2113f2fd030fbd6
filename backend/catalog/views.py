"""Web pages for the catalogue: public detail pages for trainings and financing schemes, and the
programme dashboard where an organisation's members write, publish and follow their items.

Writes go through catalog.services.catalog_item_save; interest counts come from
matching, answering catalog.signals.financing_interest (counts only, never who).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from backend.accounts.models import Organisation, OrganisationKind
from backend.accounts.selectors import organisations_of
from backend.catalog import forms, selectors, services
from backend.catalog.models import FinancingScheme, Training
from backend.catalog.signals import financing_interest
from backend.core.choices import BusinessStage
from backend.core.forms import add_service_errors
from backend.profiles.forms import COUNTRY_NAMES, language_choices


def _programmes(request: HttpRequest) -> QuerySet[Organisation]:
    """Her programme organisations; a page for programmes is a 404 for anyone else."""
    organisations = organisations_of(user=request.user).filter(kind=OrganisationKind.PROGRAMME)
    if not organisations.exists():
        raise Http404
    return organisations


def _managed(request: HttpRequest, kind: str) -> QuerySet[Training] | QuerySet[FinancingScheme]:
    if kind not in forms.MODELS:
        raise Http404
    return forms.MODELS[kind].objects.filter(organisation__in=_programmes(request))


def _item_context(item: Training | FinancingScheme) -> dict[str, Any]:
    names = dict(language_choices())
    return {
        "item_languages": [
            {"name": names.get(lang["code"], lang["code"]), "level": lang.get("level")}
            for lang in item.languages
        ],
        "country_name": COUNTRY_NAMES.get(getattr(item, "country", ""), ""),
    }


def training_detail(request: HttpRequest, pk: int) -> HttpResponse:
    training = get_object_or_404(selectors.trainings_visible(user=request.user), pk=pk)
    context = {"item": training, **_item_context(training)}
    return render(request, "catalog/training_detail.html", context)


def financing_detail(request: HttpRequest, pk: int) -> HttpResponse:
    scheme = get_object_or_404(selectors.financing_visible(user=request.user), pk=pk)
    countries = [str(COUNTRY_NAMES.get(c, c)) for c in scheme.eligible_countries]
    stages = [str(BusinessStage(s).label) for s in scheme.stages if s in BusinessStage.values]
    context = {"item": scheme, "countries": countries, "stages": stages, **_item_context(scheme)}
    return render(request, "catalog/financing_detail.html", context)


@login_required
def programme_dashboard(request: HttpRequest) -> HttpResponse:
    organisations = list(_programmes(request))
    counts = [
        row
        for _receiver, rows in financing_interest.send(sender=FinancingScheme, user=request.user)
        for row in rows
    ]
    trainings = Training.objects.filter(organisation__in=organisations).order_by("-id")
    sections = [
        {
            "organisation": organisation,
            "schemes": [row for row in counts if row["organisation_id"] == organisation.pk],
            "trainings": [t for t in trainings if t.organisation_id == organisation.pk],
        }
        for organisation in organisations
    ]
    return render(request, "catalog/programme_dashboard.html", {"sections": sections})


@login_required
def programme_item_edit(request: HttpRequest, kind: str, pk: int | None = None) -> HttpResponse:
    """Create (no pk) or edit one of her organisation's trainings or financing schemes."""
    managed = _managed(request, kind)
    instance = get_object_or_404(managed, pk=pk) if pk is not None else None
    organisations = _programmes(request)
    form_class = forms.FORMS[kind]
    form = form_class(
        request.POST or None,
        instance=instance or form_class._meta.model(),
        organisations=organisations,
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.catalog_item_save(
                    model=forms.MODELS[kind],
                    instance=instance,
                    user=request.user,
                    **form.service_fields(),
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            except PermissionDenied as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("Saved."))
                return redirect("programme-dashboard")
        status = 400
    context = {"form": form, "kind": kind, "item": instance}
    return render(request, "catalog/programme_item_form.html", context, status=status)


@require_POST
@login_required
def programme_item_publish(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    item = get_object_or_404(_managed(request, kind), pk=pk)
    publish = request.POST.get("published") == "1"
    try:
        services.catalog_item_save(
            model=forms.MODELS[kind], instance=item, user=request.user, published=publish
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    except PermissionDenied as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Published.") if publish else _("Moved back to drafts."))
    return redirect("programme-dashboard")
