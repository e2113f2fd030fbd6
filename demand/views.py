"""Pages: demand groups for programmes and staff; asks and votes for women."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from demand import selectors, services, wording
from demand.models import ASK_MAX_LENGTH, Ask
from matching.engine.filters import language_name


class AskForm(forms.Form):
    text = forms.CharField(
        label=_("What are you missing? (one line)"),
        max_length=ASK_MAX_LENGTH,
        widget=forms.TextInput(
            attrs={"placeholder": _("An evening coding course with childcare in Arabic")}
        ),
    )


@login_required
def demand_page(request: HttpRequest) -> HttpResponse:
    if not selectors.can_see_demand(request.user):
        raise PermissionDenied
    found = selectors.demand_groups()
    rows = [(g, selectors.group_row(g)) for g in found.groups]
    groups = [
        {
            "group": g,
            "row": row,
            "name": wording.group_name(g),
            "level": wording.level_name(g.level),
            "place": wording.place_name(g.place),
            "points": selectors.sparkline(row["history"]),
            "languages": [language_name(code) for code in g.languages],
        }
        for g, row in rows
    ]
    asks = [selectors.ask_row(a) for a in selectors.asks_approved()[:20]]
    return render(
        request,
        "demand/demand.html",
        {
            "run": found.run,
            "groups": groups,
            "suppressed": found.suppressed,
            "asks": asks,
            "min_size": services.min_group_size(),
        },
    )


@login_required
def asks_page(request: HttpRequest) -> HttpResponse:
    if not selectors.can_ask(request.user):
        raise PermissionDenied
    form = AskForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.ask_create(user=request.user, text=form.cleaned_data["text"])
        except ValidationError as exc:
            for message in exc.message_dict.get("text", exc.messages):
                form.add_error("text", message)
        else:
            messages.success(
                request, _("Thank you. Your ask will appear once it has been reviewed.")
            )
            return redirect("voice-asks")
    asks = [
        selectors.ask_row(a, viewer=request.user)
        for a in selectors.asks_approved(viewer=request.user)
    ]
    status = 400 if request.method == "POST" else 200
    return render(request, "demand/asks.html", {"form": form, "asks": asks}, status=status)


@login_required
@require_POST
def ask_vote(request: HttpRequest, pk: int) -> HttpResponse:
    if not selectors.can_ask(request.user):
        raise PermissionDenied
    try:
        services.ask_vote(user=request.user, ask_id=pk)
    except Ask.DoesNotExist:
        raise Http404 from None
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    return redirect("voice-asks")
