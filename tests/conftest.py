"""Shared test set-up: test-only settings per test, factories in tests/factories.py."""

import os

# The embedded model must never be fetched from a hub, whatever runs the tests.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")

import pytest
from django.conf import settings


@pytest.fixture(autouse=True)
def _test_settings(settings):  # type: ignore[no-untyped-def]
    """Plain HTTP to the test client, fast hashing, no throttling surprises, tasks in-process.

    pytest-django loads settings before any conftest runs, so these are set per test, not by env.
    Tests that need a real Celery worker turn eager mode off themselves.
    """
    from backend.celery import app

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.SECURE_SSL_REDIRECT = False
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.CELERY_TASK_ALWAYS_EAGER = True
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield settings
    app.conf.task_always_eager = previous


@pytest.fixture(autouse=True)
def _isolated_cache():  # type: ignore[no-untyped-def]
    """Throttle counters and cached values must not leak between tests (Redis cache in CI)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def api_client():  # type: ignore[no-untyped-def]
    from rest_framework.test import APIClient

    return APIClient()


# --- People by role, for tests in any app (a test folder may override any of these) --------------


@pytest.fixture
def jobseeker(db):  # type: ignore[no-untyped-def]
    from tests.factories import ProfileFactory

    return ProfileFactory().user


@pytest.fixture
def entrepreneur(db):  # type: ignore[no-untyped-def]
    from tests.factories import EntrepreneurProfileFactory

    return EntrepreneurProfileFactory().user


@pytest.fixture
def employer_org(db):  # type: ignore[no-untyped-def]
    from tests.factories import OrganisationFactory

    return OrganisationFactory(kind="employer", verified=True)


@pytest.fixture
def employer(employer_org):  # type: ignore[no-untyped-def]
    from tests.factories import MembershipFactory

    return MembershipFactory(organisation=employer_org).user


@pytest.fixture
def programme_org(db):  # type: ignore[no-untyped-def]
    from tests.factories import OrganisationFactory

    return OrganisationFactory(kind="programme", verified=True)


@pytest.fixture
def programme_user(programme_org):  # type: ignore[no-untyped-def]
    from tests.factories import MembershipFactory

    return MembershipFactory(organisation=programme_org, user__role="programme").user


@pytest.fixture
def staff(db):  # type: ignore[no-untyped-def]
    from tests.factories import UserFactory

    return UserFactory(role="staff", is_staff=True)


@pytest.fixture
def client_for():  # type: ignore[no-untyped-def]
    """An API client logged in as the given user (None: anonymous)."""
    from rest_framework.test import APIClient

    def _login(user):  # type: ignore[no-untyped-def]
        client = APIClient()
        if user is not None:
            client.force_authenticate(user)
        return client

    return _login


def pytest_collection_modifyitems(config, items):  # type: ignore[no-untyped-def]
    if settings.USING_POSTGRES:
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL (set DATABASE_URL; .ci/run does)")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


@pytest.fixture
async def channel_layer_closed():  # type: ignore[no-untyped-def]
    """For socket tests: Redis connections belong to the test's event loop; close them before it
    goes away (the core layer keeps pools; the Pub/Sub layer cleans up with its loop)."""
    yield
    from channels.layers import get_channel_layer

    layer = get_channel_layer()
    if hasattr(layer, "close_pools"):
        await layer.close_pools()
