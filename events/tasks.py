"""Celery tasks for fairs: thin wrappers around services; take ids, safe to run twice."""

import logging
import smtplib

from celery import shared_task

from events import selectors, services

logger = logging.getLogger(__name__)

# Mail-server hiccups worth another try; anything else is a bug and should surface.
TRANSIENT_MAIL_ERRORS = (
    smtplib.SMTPServerDisconnected,
    smtplib.SMTPConnectError,
    ConnectionError,
    TimeoutError,
)


@shared_task
def send_fair_reminders() -> int:
    """Beat, every 15 minutes: queue a reminder for each registration whose fair starts tomorrow."""
    due = list(selectors.registrations_due_reminder().values_list("id", flat=True)[:5000])
    for registration_id in due:
        send_fair_reminder.delay(registration_id)
    return len(due)


@shared_task(
    bind=True,
    autoretry_for=TRANSIENT_MAIL_ERRORS,
    retry_backoff=30,
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=5,
)
def send_fair_reminder(self, registration_id: int) -> bool:  # type: ignore[no-untyped-def]
    # The service claims reminded_at with a conditional UPDATE, so a duplicate run sends nothing.
    return services.registration_remind(registration_id=registration_id)


@shared_task(
    autoretry_for=TRANSIENT_MAIL_ERRORS,
    retry_backoff=30,
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=5,
)
def notify_seat_freed(registration_id: int) -> bool:
    # The service claims seat_notified_at first, so a redelivered task sends nothing.
    return services.registration_notify_seat(registration_id=registration_id)
