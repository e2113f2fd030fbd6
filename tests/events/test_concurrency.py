"""Races that only a real database shows: run on PostgreSQL with real threads and connections."""

import threading
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from events import services
from events.models import Booking, Registration, RegistrationStatus
from tests.events.factories import FairFactory, RegistrationFactory, SlotFactory
from tests.factories import ProfileFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _race(calls: list[Callable[[], Any]]) -> list[Any]:
    """Start all calls at the same moment, each on its own thread and connection."""
    barrier = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)

    def run(i: int) -> None:
        try:
            barrier.wait()
            results[i] = calls[i]()
        except Exception as exc:  # collected and asserted on by the test
            results[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


@pytest.mark.parametrize("attempt", range(5))
def test_concurrent_cancels_each_promote_a_different_woman_exactly_once(attempt):
    fair = FairFactory(capacity=2)
    holders = [ProfileFactory().user for _ in range(2)]
    waiting = [ProfileFactory().user for _ in range(3)]
    seats = [services.fair_register(fair=fair, user=user) for user in holders]
    for user in waiting:
        services.fair_register(fair=fair, user=user)

    results = _race(
        [
            lambda s=seat, u=user: services.fair_cancel(registration=s, user=u)
            for seat, user in zip(seats, holders, strict=True)
        ]
    )

    assert [r.status for r in results] == [RegistrationStatus.CANCELLED] * 2
    statuses = [Registration.objects.get(fair=fair, user=u).status for u in waiting]
    assert statuses == [
        RegistrationStatus.REGISTERED,
        RegistrationStatus.REGISTERED,
        RegistrationStatus.WAITLISTED,
    ]
    assert Registration.objects.filter(fair=fair, status=RegistrationStatus.REGISTERED).count() == 2


def test_concurrent_registrations_never_overfill_a_fair():
    fair = FairFactory(capacity=2)
    women = [ProfileFactory().user for _ in range(6)]
    results = _race([lambda u=user: services.fair_register(fair=fair, user=u) for user in women])
    assert not [r for r in results if isinstance(r, Exception)]
    assert sorted(r.status for r in results) == ["registered"] * 2 + ["waitlisted"] * 4


@pytest.mark.parametrize("attempt", range(3))
def test_only_one_woman_gets_a_slot_when_many_book_it_at_once(attempt):
    fair = FairFactory()
    slot = SlotFactory(fair=fair)
    women = [RegistrationFactory(fair=fair).user for _ in range(6)]
    results = _race([lambda u=user: services.booking_create(user=u, slot=slot) for user in women])
    bookings = [r for r in results if isinstance(r, Booking)]
    refusals = [r for r in results if isinstance(r, ValidationError)]
    assert (len(bookings), len(refusals)) == (1, 5)
    assert Booking.objects.filter(slot=slot).count() == 1


@pytest.mark.parametrize("attempt", range(3))
def test_she_never_gets_two_overlapping_slots_from_concurrent_requests(attempt):
    fair = FairFactory()
    registration = RegistrationFactory(fair=fair)
    first = SlotFactory(fair=fair)
    slots = [first] + [
        SlotFactory(
            fair=fair,
            organisation=first.organisation,
            starts_at=first.starts_at + timedelta(minutes=5 * i),
        )
        for i in range(1, 4)
    ]
    user = registration.user
    results = _race([lambda s=slot: services.booking_create(user=user, slot=s) for slot in slots])
    assert len([r for r in results if isinstance(r, Booking)]) == 1
    assert len([r for r in results if isinstance(r, ValidationError)]) == 3
    assert Booking.objects.filter(registration=registration).count() == 1


@pytest.mark.parametrize("attempt", range(5))
def test_no_booking_lands_on_a_registration_cancelled_at_the_same_moment(attempt):
    fair = FairFactory()
    registration = RegistrationFactory(fair=fair)
    user = registration.user
    first = SlotFactory(fair=fair)
    slots = [first] + [
        SlotFactory(
            fair=fair,
            organisation=first.organisation,
            starts_at=first.starts_at + timedelta(minutes=30 * i),
        )
        for i in range(1, 3)
    ]
    calls: list[Callable[[], Any]] = [
        lambda s=slot: services.booking_create(user=user, slot=s) for slot in slots
    ]
    calls.insert(
        attempt % len(calls), lambda: services.fair_cancel(registration=registration, user=user)
    )
    _race(calls)
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED
    assert not Booking.objects.filter(registration=registration).exists()
