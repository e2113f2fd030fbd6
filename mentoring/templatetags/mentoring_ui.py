"""The unread-chat badge in the shared header: mentoring's own tag, so the platform's templates
name it without the platform's code importing mentoring."""

from __future__ import annotations

import logging

from django import template

from mentoring.selectors import unread_count

register = template.Library()
logger = logging.getLogger(__name__)


@register.simple_tag
def unread_chat_count(user: object) -> int:
    """Unread chat messages for the header badge; 0 when mentoring cannot tell."""
    if not getattr(user, "is_authenticated", False):
        return 0
    try:
        return int(unread_count(user=user))
    except Exception:  # a badge must never take the page down with it
        logger.exception("unread_count failed")
        return 0
