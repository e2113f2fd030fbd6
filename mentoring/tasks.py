"""Celery tasks for mentoring: thin, id-based, safe to run twice."""

from smtplib import SMTPException

from celery import shared_task

from mentoring import services


@shared_task(name="mentoring.tasks.expire_stale_requests")
def expire_stale_requests() -> int:
    """Hourly (beat): pending requests older than 14 days expire. A conditional UPDATE, so rerunnable."""
    return services.mentorship_expire_stale()


@shared_task(
    name="mentoring.tasks.notify_unread_messages",
    autoretry_for=(SMTPException, ConnectionError, TimeoutError),
    retry_backoff=30,
    retry_backoff_max=600,
    max_retries=5,
)
def notify_unread_messages(member_id: int) -> bool:
    """One email for a batch of unread messages; the service claims the row, so a rerun sends nothing."""
    return services.unread_notify(member_id=member_id)
