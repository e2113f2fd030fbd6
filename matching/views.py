"""Her matches on the web: one tab per kind, ranked cards with reasons, save/dismiss in place.

Reads go through matching.selectors, decisions through matching.services. With htmx the save and
dismiss buttons swap just the card; without JavaScript they are plain POSTs that redirect back.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST

from backend.profiles.models import Profile
from matching import selectors, services
from matching.models import Match, MatchStatus

PAGE_SIZE = 20


@dataclass(frozen=True)
class Tab:
    slug: str  # in the URL
    kind: str  # OpportunityKind value
    label: Promise
    empty: Promise  # what to do next when there is nothing to show


TABS = (
    Tab(
        "trainings",
        "training",
        _("Trainings"),
        _("No trainings fit your profile yet. Add the skills you want to learn to your profile, "
          "or say you can learn online."),
    ),
    Tab(
        "mentors",
        "mentor",
        _("Mentors"),
        _("No mentor is free for you right now. Add the languages you speak to your profile, "
          "or come back in a few days: mentors join every week."),
    ),
    Tab(
        "jobs",
        "job",
        _("Jobs"),
        _("No job-fair roles fit your profile yet. Add your skills and your city, or say you "
          "could move for the right job."),
    ),
    Tab(
        "financing",
        "financing",
        _("Financing"),
        _("No financing scheme fits yet. Tell us the stage of your business and how much "
          "money you need in your profile."),
    ),
)  # fmt: skip
TAB_BY_SLUG = {tab.slug: tab for tab in TABS}
# Jobs are for job seekers, financing for entrepreneurs; both see trainings and mentors.
KINDS_FOR_ROLE = selectors.KINDS_FOR_ROLE


def _tabs_for(profile: Profile) -> list[Tab]:
    kinds = KINDS_FOR_ROLE.get(profile.user.role, ())
    return [tab for tab in TABS if tab.kind in kinds]


def _her_profile(request: HttpRequest) -> Profile | None:
    return selectors.profile_of(user=request.user)


def _list_context(request: HttpRequest, profile: Profile, tab: Tab) -> dict[str, object]:
    show_saved = request.GET.get("show") == "saved"
    rows = selectors.matches_for(
        profile=profile, kind=tab.kind, status=MatchStatus.SAVED if show_saved else None
    )
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return {
        "profile": profile,
        "tab": tab,
        "tabs": _tabs_for(profile),
        "page": page,
        "show_saved": show_saved,
        "state": selectors.match_state_of(profile=profile),
        "notice": selectors.profile_notice(profile=profile),
    }


@login_required
def match_list(request: HttpRequest, kind: str = "trainings") -> HttpResponse:
    profile = _her_profile(request)
    if profile is None:
        return redirect("account" if not request.user.is_woman_user else "profile-edit")
    tab = TAB_BY_SLUG.get(kind)
    if tab is None or tab not in _tabs_for(profile):
        raise Http404
    context = _list_context(request, profile, tab)
    # Not in the polled list: the gaps change only when her profile or the catalogue does. Not
    # on the saved-only view either, which is about what she kept.
    context["language_gaps"] = (
        [] if context["show_saved"] else selectors.language_gaps_for(profile=profile, kind=tab.kind)
    )
    return render(request, "matching/list.html", context)


@require_GET
@login_required
def match_state(request: HttpRequest) -> HttpResponse:
    """The "being updated" note, polled by htmx; once ready it also swaps in the fresh list."""
    profile = _her_profile(request)
    if profile is None:
        raise Http404
    tab = TAB_BY_SLUG.get(request.GET.get("kind", ""))
    if tab is None or tab not in _tabs_for(profile):
        raise Http404
    context = _list_context(request, profile, tab)
    context["polled"] = True
    return render(request, "matching/_state.html", context)


@require_POST
@login_required
def match_decide(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    profile = _her_profile(request)
    if profile is None:
        raise Http404
    # Only her own matches: anyone else's id is simply not found.
    match: Match = get_object_or_404(
        selectors.matches_for(profile=profile, include_dismissed=True), pk=pk
    )
    decide = {"save": services.match_save, "dismiss": services.match_dismiss}.get(action)
    if decide is None:
        raise Http404
    error = ""
    try:
        match = decide(match=match)
    except ValidationError as exc:
        error = " ".join(exc.messages)
    if request.htmx:
        context = {"match": match, "error": error, "next_url": request.htmx.current_url_abs_path}
        return render(request, "matching/_card.html", context)
    if error:
        messages.error(request, error)
    tab = next((t for t in TABS if t.kind == match.kind), TABS[0])
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = reverse("matches-kind", args=[tab.slug])
    return redirect(target)
