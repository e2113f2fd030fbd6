import os
import subprocess
import sys

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_openapi_schema_is_served(client):
    response = client.get("/api/schema/")
    assert response.status_code == 200
    assert b"/api/profile/" in response.content


def test_interactive_docs_are_served(client):
    assert client.get("/api/docs/").status_code == 200


# Rows about single women that staff have no reason to browse, kept out of the admin on purpose.
NOT_IN_ADMIN_ON_PURPOSE = {
    # Chat is private: staff read it only through a report, and every read is logged.
    "Message",
    "ConversationMember",
    # Her opt-in origin region: only aggregates of it ever leave the platform.
    "StatisticsConsent",
    # Who is in which demand group, who voted for which ask: never shown to anyone.
    "DemandMembership",
    "AskVote",
    # Per-woman email bookkeeping, and per-run counts that may be under five.
    "DemandNotification",
    "DemandRun",
}


def test_every_project_model_is_in_the_admin():
    project_apps = {
        "accounts", "profiles", "catalog", "matching", "mentoring", "events", "impact", "voice"
    }  # fmt: skip
    missing = [
        model.__name__
        for model in apps.get_models()
        if model._meta.app_label in project_apps
        and model not in admin.site._registry
        and model.__name__ not in NOT_IN_ADMIN_ON_PURPOSE
    ]
    assert missing == []


def test_every_admin_changelist_opens_for_staff(client):
    client.force_login(UserFactory(role="staff", is_staff=True, is_superuser=True))
    for model in admin.site._registry:
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        assert client.get(url).status_code == 200, url


def test_home_page_renders(client):
    assert "Pathways" in client.get("/").content.decode()


@pytest.mark.slow
def test_check_deploy_is_clean_under_production_settings():
    env = {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": "k" * 20 + "-production-like-secret-key-with-enough-entropy-1234567890",
        "ALLOWED_HOSTS": "pathways.example.org",
    }
    env.pop("SECURE_SSL_REDIRECT", None)
    env.pop("SECURE_COOKIES", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_interactive_docs_load_their_assets_locally(client):
    page = client.get("/api/docs/").content.decode()
    assert "cdn.jsdelivr.net" not in page
    assert "/static/drf_spectacular_sidecar/" in page
