"""Celery tasks for fairs: thin wrappers around services; take ids, safe to run twice."""

import logging
import smtplib

from celery import shared_task
from django.core.mail import send_mail
from django.utils.translation import gettext as _

from events import selectors, services
from events.models import Registration, RegistrationStatus

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
    registration = (
        Registration.objects.select_related("fair", "user").filter(pk=registration_id).first()
    )
    if registration is None or registration.status != RegistrationStatus.REGISTERED:
        return False
    send_mail(
        subject=_("A seat is yours: %(title)s") % {"title": registration.fair.title},
        message=_("Good news: a seat at %(title)s was freed and is now yours.")
        % {"title": registration.fair.title},
        from_email=None,
        recipient_list=[registration.user.email],
    )
    return True
