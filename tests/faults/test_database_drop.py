"""PostgreSQL goes away under a running daphne: a clean 503 while it is gone, normal pages after."""

import http.client
import json
from urllib.parse import urlsplit

import pytest

from tests.factories import TrainingFactory
from tests.faults.helpers import CuttableProxy
from tests.servers import daphne, database_address, database_url

pytestmark = [pytest.mark.slow, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _get(url: str, language: str = "en") -> tuple[int, dict[str, str], str]:
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        connection.request("GET", parts.path, headers={"Accept-Language": language})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read().decode()
    finally:
        connection.close()


@pytest.fixture
def app_behind_proxy(django_db_setup):  # type: ignore[no-untyped-def]
    """(http base URL, proxy): the pooled connections all die with the proxy's cut."""
    proxy = CuttableProxy(*database_address())
    try:
        with daphne(DATABASE_URL=database_url(proxy.port), STATIC_MANIFEST="false") as base:
            yield base.replace("ws://", "http://"), proxy
    finally:
        proxy.close()


@pytest.fixture
def training(db):  # type: ignore[no-untyped-def]
    return TrainingFactory()


def test_api_answers_503_json_with_retry_after_while_the_database_is_gone(
    app_behind_proxy, training
):
    base, proxy = app_behind_proxy
    assert _get(f"{base}/api/trainings/{training.pk}/")[0] == 200
    proxy.cut()
    status, headers, body = _get(f"{base}/api/trainings/{training.pk}/")
    assert status == 503
    assert headers["Content-Type"] == "application/json"
    assert int(headers["Retry-After"]) > 0
    assert json.loads(body)["detail"]


def test_page_answers_a_short_translated_503_while_the_database_is_gone(app_behind_proxy, training):
    base, proxy = app_behind_proxy
    assert _get(f"{base}/trainings/{training.pk}/")[0] == 200
    proxy.cut()
    status, headers, body = _get(f"{base}/trainings/{training.pk}/", language="fr")
    assert status == 503
    assert headers["Content-Type"].startswith("text/html")
    assert int(headers["Retry-After"]) > 0
    assert '<html lang="fr"' in body


def test_requests_succeed_again_once_the_database_is_back(app_behind_proxy, training):
    base, proxy = app_behind_proxy
    assert _get(f"{base}/api/trainings/{training.pk}/")[0] == 200
    proxy.cut()
    assert _get(f"{base}/api/trainings/{training.pk}/")[0] == 503
    assert _get(f"{base}/healthz")[0] == 503
    proxy.restore()
    assert _get(f"{base}/api/trainings/{training.pk}/")[0] == 200
    assert _get(f"{base}/trainings/{training.pk}/")[0] == 200
    assert _get(f"{base}/healthz")[0] == 200
