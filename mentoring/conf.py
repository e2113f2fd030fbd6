"""Chat limits: a Django setting wins, then the environment, then the default.

The bench raises the rate limit through the environment of the daphne processes it starts; settings.py
belongs to another team, so these are read here.
"""

import os

from django.conf import settings


def _int_setting(name: str, default: int) -> int:
    value = getattr(settings, name, None)
    if value is None:
        raw = os.environ.get(name, "")
        value = int(raw) if raw.strip() else default
    return int(value)


def rate_limit() -> int:
    """Messages one user may send in one window, across all her sockets and processes."""
    return _int_setting("CHAT_RATE_LIMIT", 20)


def rate_window_seconds() -> int:
    return _int_setting("CHAT_RATE_WINDOW", 10)


def notify_delay_seconds() -> int:
    """How long an unread message waits before an offline member is emailed."""
    return _int_setting("CHAT_NOTIFY_DELAY", 300)


def request_expiry_days() -> int:
    return _int_setting("MENTORSHIP_REQUEST_EXPIRY_DAYS", 14)


def max_pending_requests() -> int:
    return _int_setting("MENTORSHIP_MAX_PENDING", 3)
