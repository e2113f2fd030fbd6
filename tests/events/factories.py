"""Factories for the events app's own rows (the shared ones live in tests/factories.py)."""

from datetime import timedelta

import factory
from django.utils import timezone

from backend.accounts.models import OrganisationKind
from events.models import (
    Application,
    Booking,
    Fair,
    InterviewSlot,
    Registration,
    RegistrationStatus,
    Report,
)
from tests.factories import JobRoleFactory, OrganisationFactory, ProfileFactory, UserFactory


def in_days(days: float, hour: int = 10) -> "timezone.datetime":
    base = timezone.now() + timedelta(days=days)
    return base.replace(hour=hour, minute=0, second=0, microsecond=0)


class FairFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Fair
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Digital jobs fair {n}")
    description = "Employers from the digital sector meet women looking for their first role."
    starts_at = factory.LazyFunction(lambda: in_days(10, 9))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=8))
    timezone = "Europe/Athens"
    city = "Athens"
    country = "GR"
    venue = "Technopolis, Pireos 100"
    capacity = 50
    published = True

    @factory.post_generation
    def employers(obj, create, extracted, **kwargs):  # type: ignore[no-untyped-def]
        if create and extracted:
            obj.employers.set(extracted)


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    fair = factory.SubFactory(FairFactory)
    user = factory.LazyFunction(lambda: ProfileFactory().user)
    status = RegistrationStatus.REGISTERED


class SlotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InterviewSlot

    fair = factory.SubFactory(FairFactory)
    organisation = factory.SubFactory(OrganisationFactory, kind=OrganisationKind.EMPLOYER)
    starts_at = factory.LazyAttribute(lambda o: o.fair.starts_at + timedelta(hours=1))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(minutes=20))


class BookingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Booking

    slot = factory.SubFactory(SlotFactory)
    registration = factory.LazyAttribute(lambda o: RegistrationFactory(fair=o.slot.fair))


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    role = factory.SubFactory(JobRoleFactory)
    profile = factory.SubFactory(ProfileFactory)
    note = "I would love to join your data team."


class ReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Report

    reporter = factory.SubFactory(UserFactory)
    role = factory.SubFactory(JobRoleFactory)
    organisation = factory.LazyAttribute(lambda o: o.role.organisation)
    reason = "scam"
