import smtplib
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from events import tasks
from events.models import RegistrationStatus
from tests.events.factories import FairFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def _fair_tomorrow():  # type: ignore[no-untyped-def]
    starts = timezone.now() + timedelta(hours=20)
    return FairFactory(starts_at=starts, ends_at=starts + timedelta(hours=6))


def test_reminder_goes_out_once_even_when_the_task_runs_twice():
    registration = RegistrationFactory(fair=_fair_tomorrow())
    assert tasks.send_fair_reminders() == 1
    assert tasks.send_fair_reminders() == 0
    assert [m.to for m in mail.outbox] == [[registration.user.email]]
    assert registration.checkin_code in mail.outbox[0].body
    registration.refresh_from_db()
    assert registration.reminded_at is not None


def test_a_redelivered_reminder_sends_nothing():
    registration = RegistrationFactory(fair=_fair_tomorrow())
    assert tasks.send_fair_reminder(registration.pk) is True
    assert tasks.send_fair_reminder(registration.pk) is False
    assert len(mail.outbox) == 1


def test_no_reminder_for_fairs_more_than_a_day_away_or_past():
    RegistrationFactory(fair=FairFactory())  # ten days away
    past = timezone.now() - timedelta(hours=2)
    RegistrationFactory(fair=FairFactory(starts_at=past, ends_at=past + timedelta(hours=6)))
    assert tasks.send_fair_reminders() == 0
    assert mail.outbox == []


@pytest.mark.parametrize("status", [RegistrationStatus.WAITLISTED, RegistrationStatus.CANCELLED])
def test_no_reminder_without_a_seat(status):
    RegistrationFactory(fair=_fair_tomorrow(), status=status)
    assert tasks.send_fair_reminders() == 0
    assert mail.outbox == []


def test_reminder_for_a_deleted_registration_returns_quietly():
    assert tasks.send_fair_reminder(987654) is False


def test_failed_send_releases_the_claim_for_a_retry(monkeypatch):
    registration = RegistrationFactory(fair=_fair_tomorrow())

    def broken(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise smtplib.SMTPServerDisconnected("gone")

    monkeypatch.setattr("events.services.send_mail", broken)
    with pytest.raises(smtplib.SMTPServerDisconnected):
        tasks.send_fair_reminder.apply(args=[registration.pk], throw=True, retries=5)
    registration.refresh_from_db()
    assert registration.reminded_at is None
