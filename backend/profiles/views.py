"""Her profile on the web: an overview, four short onboarding steps, and skill suggestions.

Every write goes through profiles.services.profile_update, which validates and asks matching to
recompute. Each step is a plain POST form; htmx only enhances the skill search.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from backend.accounts.models import Role
from backend.core.forms import add_service_errors
from backend.profiles import forms, selectors, services
from backend.profiles.models import Profile


@dataclass(frozen=True)
class Step:
    slug: str
    title: Promise
    form: type[forms.StepForm]


STEPS = (
    Step("about", gettext_lazy("About you and your goals"), forms.AboutForm),
    Step("skills", gettext_lazy("Your skills"), forms.SkillsForm),
    Step("place", gettext_lazy("Languages and place"), forms.PlaceForm),
    Step("consent", gettext_lazy("What you share"), forms.ConsentForm),
)
STEP_INDEX = {step.slug: i for i, step in enumerate(STEPS)}


def women_only(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Only job seekers and entrepreneurs have this profile; others go to their account."""

    @wraps(view)
    @login_required
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_woman_user:
            return redirect("account")
        return view(request, *args, **kwargs)

    return wrapper


def _profile(request: HttpRequest) -> Profile:
    return selectors.profile_of(user=request.user) or services.profile_create(user=request.user)


def _steps_done(profile: Profile) -> dict[str, bool]:
    return {
        "about": bool(profile.bio.strip() or profile.goals.strip()),
        "skills": bool(profile.skills),
        "place": bool(profile.languages and profile.country),
        "consent": True,
    }


@women_only
def profile_edit(request: HttpRequest) -> HttpResponse:
    """The overview: what she wrote in each step, with a link to change it."""
    profile = _profile(request)
    done = _steps_done(profile)
    started = done["about"]
    steps = [
        {"number": i + 1, "step": step, "done": done[step.slug]} for i, step in enumerate(STEPS)
    ]
    next_step = next((s["step"] for s in steps if not s["done"]), None)
    context = {
        "profile": profile,
        "steps": steps,
        "started": started,
        "next_step": next_step,
        "share_labels": [forms.SHARE_LABELS[f] for f in profile.shared_fields],
        "language_names": dict(forms.language_choices()),
    }
    return render(request, "profiles/overview.html", context)


@women_only
def profile_step(request: HttpRequest, step: str) -> HttpResponse:
    if step not in STEP_INDEX:
        raise Http404
    index = STEP_INDEX[step]
    current = STEPS[index]
    profile = _profile(request)
    form = current.form(request.POST or None, profile=profile)
    if request.method == "POST" and form.is_valid():
        try:
            services.profile_update(profile=profile, **form.service_fields())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if index + 1 < len(STEPS) and "finish" not in request.POST:
                return redirect("profile-step", STEPS[index + 1].slug)
            messages.success(request, _("Your profile is saved. We are updating your matches now."))
            return redirect("matches")
    context = {
        "form": form,
        "step": current,
        "number": index + 1,
        "total": len(STEPS),
        "steps": STEPS,
        "previous": STEPS[index - 1] if index else None,
        "is_last": index + 1 == len(STEPS),
    }
    return render(request, f"profiles/step_{current.slug}.html", context)


@women_only
def skill_suggestions(request: HttpRequest) -> HttpResponse:
    """htmx fragment: curated skills matching what she typed, as checkboxes to tick."""
    query = request.GET.get("skill_q", "")[:80]
    profile = _profile(request)
    names = forms.suggested_skills(query=query, exclude=profile.skills)
    return render(request, "profiles/_skill_suggestions.html", {"names": names, "query": query})


@login_required
def mentor_profile_edit(request: HttpRequest) -> HttpResponse:
    """A mentor's own profile: what mentees see and what matching uses to suggest her."""
    if request.user.role != Role.MENTOR:
        return redirect("account")
    mentor_profile = selectors.mentor_profile_of(
        user=request.user
    ) or services.mentor_profile_create(user=request.user)
    form = forms.MentorProfileForm(request.POST or None, instance=mentor_profile)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.mentor_profile_update(
                    mentor_profile=mentor_profile, **form.service_fields()
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Your mentor profile is saved."))
                return redirect("mentor-profile")
        status = 400
        mentor_profile.refresh_from_db()
    return render(request, "profiles/mentor.html", {"form": form}, status=status)
