"""What /healthz reports: each dependency's state, so a load balancer and a person can both read it."""

from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
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


# One thread for worker pings: kombu retries a lost broker without end, so a ping is waited for
# with a deadline, and a stuck one makes later checks time out rather than pile up threads.
_PING_THREAD = ThreadPoolExecutor(max_workers=1, thread_name_prefix="healthz-ping")
PING_DEADLINE = 3.0


def _ping_workers() -> dict[str, Any]:
    from backend.celery import app

    return app.control.inspect(timeout=1.0).ping() or {}


def check_celery(*, broker_reachable: bool = True) -> dict[str, Any]:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return {"ok": True, "mode": "in-process"}
    if not broker_reachable:
        return {"ok": False, "mode": "workers", "error": "broker unreachable"}
    try:
        replies = _PING_THREAD.submit(_ping_workers).result(timeout=PING_DEADLINE)
    except FutureTimeout:
        return {"ok": False, "mode": "workers", "error": "no answer from the broker"}
    except Exception as exc:  # broker unreachable surfaces as various kombu/redis errors
        return {"ok": False, "mode": "workers", "error": exc.__class__.__name__}
    return {"ok": bool(replies), "mode": "workers", "workers": len(replies)}


def health_report() -> tuple[bool, dict[str, Any]]:
    checks = {"database": check_database()}
    redis_state = check_redis()
    if redis_state is not None:
        checks["redis"] = redis_state
    checks["celery"] = check_celery(broker_reachable=redis_state is None or redis_state["ok"])
    healthy = all(state["ok"] for state in checks.values())
    return healthy, checks
