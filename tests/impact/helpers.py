"""Build small known worlds of women for the impact tests."""

from datetime import date, datetime, timedelta

from django.utils import timezone

from backend.accounts.models import Role
from impact.models import Outcome, RecorderRole
from matching.models import Match
from tests.factories import ProfileFactory, TrainingFactory, UserFactory


def at(day: date) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, 12, 0))


def woman(
    *, registered: date, city: str = "Athens", complete: bool = True, role: str = Role.JOBSEEKER
):  # type: ignore[no-untyped-def]
    user = UserFactory(role=role)
    profile = ProfileFactory(user=user, city=city, bio="I cook." if complete else "")
    type(user).objects.filter(pk=user.pk).update(created_at=at(registered))
    user.refresh_from_db()
    return profile


def match(
    profile,
    *,
    status: str = "suggested",
    kind: str = "training",
    object_id=None,
    score: float = 0.7,
) -> Match:  # type: ignore[no-untyped-def]
    if object_id is None:
        object_id = TrainingFactory().pk
    return Match.objects.create(
        profile=profile,
        kind=kind,
        object_id=object_id,
        title="A match",
        score=score,
        status=status,
    )


def outcome(profile, *, kind: str = "got_job", day: date, match_row=None) -> Outcome:  # type: ignore[no-untyped-def]
    return Outcome.objects.create(
        woman=profile.user,
        kind=kind,
        date=day,
        recorded_by=profile.user,
        recorded_by_role=RecorderRole.WOMAN,
        confirmed_by_woman=True,
        match=match_row,
    )


def days_ago(n: int) -> date:
    return timezone.localdate() - timedelta(days=n)
