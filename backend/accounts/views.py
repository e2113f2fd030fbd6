"""Web pages for accounts: register, log in, language, account settings, data export, deletion.

Thin views: parse the form, call one service, render.
"""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django.views.i18n import set_language

from backend.accounts import services
from backend.accounts.forms import AccountDeleteForm, AccountForm, RegisterForm
from backend.accounts.models import User
from backend.core.forms import add_service_errors
from backend.profiles.forms import SHARE_LABELS

LANGUAGE_CODES = {code for code, _name in settings.LANGUAGES}


def _remember_language(response: HttpResponseBase, language: str) -> None:
    """The cookie LocaleMiddleware reads, so the choice survives logging out and back in."""
    if language in LANGUAGE_CODES:
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=settings.LANGUAGE_COOKIE_AGE or 365 * 24 * 3600,
            path=settings.LANGUAGE_COOKIE_PATH,
            domain=settings.LANGUAGE_COOKIE_DOMAIN,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE or "Lax",
        )


def register(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("account")
    initial = {"role": request.GET.get("role", "")}
    form = RegisterForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.user_register(
                **form.cleaned_data, preferred_language=request.LANGUAGE_CODE
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Welcome to Pathways! Your account is ready."))
            return redirect("profile-edit" if user.is_woman_user else "account")
    return render(request, "registration/register.html", {"form": form})


class LoginView(auth_views.LoginView):
    """Django's login, plus: the site switches to the language she chose on her account."""

    redirect_authenticated_user = True

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        language = self.request.user.preferred_language  # type: ignore[union-attr]
        if language:
            _remember_language(response, language)
        return response

    def get_default_redirect_url(self) -> str:
        user = self.request.user
        if getattr(user, "is_woman_user", False):
            from django.urls import reverse

            return reverse("matches")
        return super().get_default_redirect_url()


@require_POST
def language_set(request: HttpRequest) -> HttpResponseBase:
    """Django's set_language (cookie + redirect), and her account remembers it too."""
    response = set_language(request)
    language = request.POST.get("language", "")
    if language in LANGUAGE_CODES:
        # Django's cookie lasts the browser session unless LANGUAGE_COOKIE_AGE is set; a year here.
        _remember_language(response, language)
        if request.user.is_authenticated:
            services.user_update(user=request.user, preferred_language=language)
    return response


@login_required
def account(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    initial = {
        "display_name": user.display_name,
        "preferred_language": user.preferred_language or request.LANGUAGE_CODE,
    }
    form = AccountForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.user_update(user=user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            language = form.cleaned_data["preferred_language"]
            # The confirmation below is already in her new language.
            translation.activate(language)
            messages.success(request, _("Your account is saved."))
            response = redirect("account")
            _remember_language(response, language)
            return response
    profile = getattr(user, "profile", None) if user.is_woman_user else None
    shared = [SHARE_LABELS[f] for f in profile.shared_fields] if profile else []
    context = {"form": form, "profile": profile, "shared_labels": shared}
    return render(request, "accounts/account.html", context)


@never_cache
@login_required
def account_export(request: HttpRequest) -> HttpResponse:
    """Everything Pathways keeps about her, as a JSON file she can download."""
    user: User = request.user  # type: ignore[assignment]
    data = services.user_export(user=user)
    body = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    stamp = timezone.now().strftime("%Y-%m-%d")
    response["Content-Disposition"] = f'attachment; filename="pathways-data-{stamp}.json"'
    return response


@login_required
def account_delete(request: HttpRequest) -> HttpResponse:
    """Two steps: a page that says what is deleted, then her password to confirm."""
    user: User = request.user  # type: ignore[assignment]
    form = AccountDeleteForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        try:
            services.user_delete(user=user)
        except ValidationError as error:
            # The page shows flash messages; it has no place for a form-wide error.
            for text in error.messages:
                messages.error(request, text)
            return render(request, "accounts/delete.html", {"form": form})
        logout(request)
        messages.success(request, _("Your account and your data are deleted. Take care."))
        return redirect("home")
    return render(request, "accounts/delete.html", {"form": form})
