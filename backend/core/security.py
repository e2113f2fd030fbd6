"""Security glue: the Content-Security-Policy header, login-lockout hooks for django-axes, and a
deploy check that refuses the development secret key."""

from collections.abc import Callable
from typing import Any

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.core import checks
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

# Nothing inline, nothing from another origin: templates load static JS/CSS only. ws:/wss: to the
# same host are covered by 'self' in current browsers; the chat connects to its own origin.
DEFAULT_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)
# Django's admin (staff only) sets style attributes (e.g. the reported message's highlight), and
# drf-spectacular's Swagger page starts with an inline script (SpectacularSwaggerSplitView would
# serve it as a file). Only these paths get inline code; no user content is rendered unescaped there.
RELAXED_CSP = DEFAULT_CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'").replace(
    "style-src 'self'", "style-src 'self' 'unsafe-inline'"
)
RELAXED_CSP_PATHS = ("/admin/", "/api/docs/")


class ContentSecurityPolicyMiddleware:
    """Adds the policy from settings.CONTENT_SECURITY_POLICY to every response without one."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            relaxed = request.path.startswith(RELAXED_CSP_PATHS)
            setting = "CONTENT_SECURITY_POLICY_RELAXED" if relaxed else "CONTENT_SECURITY_POLICY"
            policy = getattr(settings, setting, None) or (RELAXED_CSP if relaxed else DEFAULT_CSP)
            response["Content-Security-Policy"] = policy
        return response


class LoginLockoutBackend(AxesStandaloneBackend):
    """django-axes' lockout check for every sign-in over HTTP (web form and token API).

    Without a request (the test client's login(), a shell) there is no client to lock out, so
    the check steps aside instead of failing the sign-in as axes' own backend does.
    """

    def authenticate(self, request: HttpRequest | None, *args: Any, **kwargs: Any) -> None:
        if request is None:
            return None
        # DRF wraps the HttpRequest; the lockout flag must land where AxesMiddleware looks.
        return super().authenticate(getattr(request, "_request", request), *args, **kwargs)


def axes_username(request: HttpRequest, credentials: dict[str, Any] | None = None) -> str:
    """The email tried, from the web form ("username") or the token API ("email"), lower-cased so
    "Amina@x" and "amina@x" count as one target."""
    source: Any = credentials or getattr(request, "data", None) or request.POST
    value = source.get("username") or source.get("email") or ""
    return str(value).strip().lower()


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: Any = None
) -> HttpResponse:
    """429 with a message she can act on: JSON for the API, the login page's layout for the web."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    message = _(
        "Too many failed sign-in attempts. For your safety this account is locked on this "
        "connection for %(minutes)d minutes. You can reset your password meanwhile."
    ) % {"minutes": minutes}
    retry_after = str(int(settings.AXES_COOLOFF_TIME.total_seconds()))
    if request.path.startswith("/api/"):
        response: HttpResponse = JsonResponse({"detail": message}, status=429)
    else:
        response = render(request, "core/locked_out.html", {"message": message}, status=429)
    response["Retry-After"] = retry_after
    return response


@checks.register(checks.Tags.security, deploy=True)
def check_secret_key_from_environment(**kwargs: Any) -> list[checks.CheckMessage]:
    """`check --deploy` fails while the development key is in use: sessions, password-reset links
    and signed values would be forgeable by anyone who read this repository."""
    if getattr(settings, "INSECURE_DEV_SECRET_KEY", None) == settings.SECRET_KEY:
        return [
            checks.Error(
                "SECRET_KEY is the development key from settings.py.",
                hint="Set the SECRET_KEY environment variable to a long random value.",
                id="pathways.E001",
            )
        ]
    return []
