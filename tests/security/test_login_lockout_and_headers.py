"""Sign-in lockout (django-axes), the auth throttle, security headers and the deploy checks."""

import pytest
from django.core.checks import run_checks
from django.test import Client, override_settings
from rest_framework.test import APIClient

from backend.core.security import DEFAULT_CSP
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

TOKEN_URL = "/api/auth/token/"
LOGIN_URL = "/accounts/login/"


def _fail_token(client: APIClient, email: str, times: int) -> list[int]:
    return [
        client.post(TOKEN_URL, {"email": email, "password": "wrong"}, format="json").status_code
        for _ in range(times)
    ]


def test_token_api_fifth_failure_locks():
    UserFactory(email="olena@example.org")
    assert _fail_token(APIClient(), "olena@example.org", 5) == [400, 400, 400, 400, 429]


def test_token_api_lockout_refuses_even_the_right_password():
    UserFactory(email="olena@example.org")
    client = APIClient()
    _fail_token(client, "olena@example.org", 5)
    response = client.post(
        TOKEN_URL, {"email": "olena@example.org", "password": PASSWORD}, format="json"
    )
    assert response.status_code == 429
    assert "15 minutes" in response.json()["detail"]
    assert response["Retry-After"] == "900"


def test_token_api_lockout_counts_the_email_case_insensitively():
    UserFactory(email="olena@example.org")
    client = APIClient()
    _fail_token(client, "OLENA@example.org", 5)
    response = client.post(
        TOKEN_URL, {"email": "olena@example.org", "password": PASSWORD}, format="json"
    )
    assert response.status_code == 429


def test_token_api_lockout_is_per_email_and_ip():
    UserFactory(email="olena@example.org")
    UserFactory(email="amina@example.org")
    client = APIClient()
    _fail_token(client, "olena@example.org", 5)
    other_email = client.post(
        TOKEN_URL, {"email": "amina@example.org", "password": PASSWORD}, format="json"
    )
    other_ip = APIClient(REMOTE_ADDR="10.1.2.3").post(
        TOKEN_URL, {"email": "olena@example.org", "password": PASSWORD}, format="json"
    )
    assert (other_email.status_code, other_ip.status_code) == (200, 200)


def test_token_api_success_resets_the_failure_count():
    UserFactory(email="olena@example.org")
    client = APIClient()
    good = {"email": "olena@example.org", "password": PASSWORD}
    statuses = []
    for _ in range(2):
        _fail_token(client, "olena@example.org", 4)
        statuses.append(client.post(TOKEN_URL, good, format="json").status_code)
    assert statuses == [200, 200]


def test_web_login_success_resets_the_failure_count():
    UserFactory(email="fatima@example.org")
    client = Client()
    for _ in range(2):
        for _ in range(4):
            client.post(LOGIN_URL, {"username": "fatima@example.org", "password": "no"})
        good = {"username": "fatima@example.org", "password": PASSWORD}
        assert client.post(LOGIN_URL, good).status_code == 302
        client.post("/accounts/logout/")


def test_web_login_locks_after_five_failures_with_a_clear_page():
    UserFactory(email="fatima@example.org")
    client = Client()
    statuses = [
        client.post(LOGIN_URL, {"username": "fatima@example.org", "password": "no"}).status_code
        for _ in range(5)
    ]
    assert statuses == [200, 200, 200, 200, 429]
    response = client.post(LOGIN_URL, {"username": "fatima@example.org", "password": PASSWORD})
    assert response.status_code == 429
    page = response.content.decode()
    assert "Too many failed sign-in attempts" in page
    assert "15 minutes" in page
    assert "_auth_user_id" not in client.session


def test_web_login_lockout_expires_after_the_cool_off(settings):
    from datetime import timedelta

    from axes.models import AccessAttempt
    from django.utils import timezone

    UserFactory(email="fatima@example.org")
    client = Client()
    for _ in range(5):
        client.post(LOGIN_URL, {"username": "fatima@example.org", "password": "no"})
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    response = client.post(LOGIN_URL, {"username": "fatima@example.org", "password": PASSWORD})
    assert response.status_code == 302


def test_auth_scope_throttles_the_token_endpoint(settings):
    from rest_framework.throttling import ScopedRateThrottle

    from backend.accounts.apis import TokenApi

    # The endpoint must opt in to the "auth" scope and the scope must be rate-limited.
    assert TokenApi.throttle_scope == "auth"
    assert any(issubclass(c, ScopedRateThrottle) for c in TokenApi.throttle_classes)
    rate = settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["auth"]
    limit = int(rate.split("/")[0])
    client = APIClient()
    # Different emails each time: the lockout (per email) stays out of the way of the throttle.
    statuses = [
        client.post(
            TOKEN_URL, {"email": f"nobody{i}@example.org", "password": "x"}, format="json"
        ).status_code
        for i in range(limit + 1)
    ]
    assert statuses[:limit] == [400] * limit
    assert statuses[limit] == 429


@override_settings(DEBUG=False)
def test_security_headers_on_a_page(settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    response = Client().get("/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert response["Content-Security-Policy"] == DEFAULT_CSP
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_content_security_policy_forbids_inline_script_and_framing():
    policy = Client().get("/fairs/")["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in policy


def test_pages_have_no_inline_scripts_or_styles():
    """Under the CSP an inline script would silently not run: none may be in our templates."""
    import re
    from pathlib import Path

    from django.conf import settings

    roots = [settings.BASE_DIR / d for d in ("backend", "matching", "mentoring", "events")]
    offenders = []
    inline_script = re.compile(r"<script(?![^>]*\b(src|type=\"application/json\")\b)[^>]*>")
    inline_handler = re.compile(r"\s(on[a-z]+|style)=[\"']|<style|hx-on")
    for root in roots:
        for path in Path(root).rglob("templates/**/*.html"):
            if "/admin/" in str(path):
                continue  # served under the admin's relaxed policy, staff only
            text = path.read_text()
            if inline_script.search(text) or inline_handler.search(text):
                offenders.append(str(path.relative_to(settings.BASE_DIR)))
    assert offenders == []


def test_deploy_check_refuses_the_development_secret_key(settings):
    settings.SECRET_KEY = settings.INSECURE_DEV_SECRET_KEY
    errors = [m.id for m in run_checks(include_deployment_checks=True)]
    assert "pathways.E001" in errors


def test_deploy_check_accepts_a_key_from_the_environment(settings):
    settings.SECRET_KEY = "a-long-random-production-key-" + "x7Qz" * 10
    errors = [m.id for m in run_checks(include_deployment_checks=True)]
    assert "pathways.E001" not in errors
