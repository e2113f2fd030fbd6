from collections.abc import Iterator
from contextlib import contextmanager

import pytest

pytestmark = pytest.mark.django_db


@contextmanager
def celery_broker(settings, url: str) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """Point this process's Celery app at `url`, and back: its connection pools are bound to
    the broker they were first made for, so they are dropped on both sides."""
    from backend.celery import app

    def bind(to: str) -> None:
        app.conf.broker_url = to
        app._pool = None
        app.amqp._producer_pool = None

    previous = app.conf.broker_url
    settings.REDIS_URL = settings.CELERY_BROKER_URL = url
    settings.CELERY_TASK_ALWAYS_EAGER = False
    bind(url)
    try:
        yield
    finally:
        bind(previous)


def test_healthz_is_ok_when_everything_is_up(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["checks"]["database"]["ok"] is True


def test_healthz_is_503_when_redis_is_down(client, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["redis"]["ok"] is False


def test_healthz_is_503_when_the_database_is_down(client, monkeypatch):
    from django.db.utils import OperationalError

    from backend.core import health

    def broken_cursor(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(health.connection, "cursor", broken_cursor)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["database"] == {"ok": False, "error": "OperationalError"}


def test_healthz_reports_redis_down_without_waiting_on_the_broker(client, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    settings.CELERY_BROKER_URL = settings.REDIS_URL
    settings.CELERY_TASK_ALWAYS_EAGER = False
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["celery"]["error"] == "broker unreachable"


def test_healthz_is_503_when_no_celery_worker_listens(client, settings):
    from tests.servers import redis_server

    with redis_server() as redis, celery_broker(settings, redis.url):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["celery"] == {"ok": False, "mode": "workers", "workers": 0}


@pytest.mark.slow
@pytest.mark.postgres
def test_healthz_is_ok_with_a_real_worker(client, settings, tmp_path):
    import time

    from tests.servers import celery_worker, redis_server, stop

    with redis_server() as redis, celery_broker(settings, redis.url):
        worker = celery_worker("healthz", tmp_path / "worker.log", REDIS_URL=redis.url)
        try:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                response = client.get("/healthz")
                if response.status_code == 200:
                    break
                time.sleep(0.5)
        finally:
            stop(worker)
    assert response.status_code == 200
    assert response.json()["checks"]["celery"] == {"ok": True, "mode": "workers", "workers": 1}
