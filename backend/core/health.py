"""What /healthz reports: each dependency's state, so a load balancer and a person can both read it."""

from typing import Any

from django.conf import settings
from django.db import connection


def check_database() -> dict[str, Any]:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any driver error means "down"; the message helps whoever reads it
        return {"ok": False, "error": exc.__class__.__name__}
    return {"ok": True, "engine": connection.vendor}


def check_redis() -> dict[str, Any] | None:
    if not settings.REDIS_URL:
        return None
    import redis

    try:
        client = redis.Redis.from_url(
            settings.REDIS_URL, socket_connect_timeout=1, socket_timeout=1
        )
        client.ping()
    except redis.RedisError as exc:
        return {"ok": False, "error": exc.__class__.__name__}
    return {"ok": True}


def check_celery() -> dict[str, Any]:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return {"ok": True, "mode": "in-process"}
    from backend.celery import app

    try:
        replies = app.control.inspect(timeout=1.0).ping() or {}
    except Exception as exc:  # broker unreachable surfaces as various kombu/redis errors
        return {"ok": False, "mode": "workers", "error": exc.__class__.__name__}
    return {"ok": bool(replies), "mode": "workers", "workers": len(replies)}


def health_report() -> tuple[bool, dict[str, Any]]:
    checks = {"database": check_database(), "celery": check_celery()}
    redis_state = check_redis()
    if redis_state is not None:
        checks["redis"] = redis_state
    healthy = all(state["ok"] for state in checks.values())
    return healthy, checks
