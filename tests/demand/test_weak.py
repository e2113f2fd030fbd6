"""Who counts as unmet demand: matches computed, best open match of the kind below the threshold."""

import pytest
from django.utils import timezone

from demand.services import weak_profiles
from matching.models import MatchState
from tests.factories import EntrepreneurProfileFactory, ProfileFactory
from tests.matching.factories import MatchFactory

pytestmark = pytest.mark.django_db


def _computed(profile):  # type: ignore[no-untyped-def]
    MatchState.objects.create(profile=profile, requested=1, computed=1, computed_at=timezone.now())
    return profile


def test_best_below_threshold_or_no_match_is_weak() -> None:
    weak = _computed(ProfileFactory())
    MatchFactory(profile=weak, score=0.49)
    none = _computed(ProfileFactory())
    good = _computed(ProfileFactory())
    MatchFactory(profile=good, score=0.3)
    MatchFactory(profile=good, score=0.5)
    assert [p.pk for p in weak_profiles(kind="training")] == [weak.pk, none.pk]


def test_dismissed_or_unavailable_matches_do_not_count_as_found() -> None:
    woman = _computed(ProfileFactory())
    MatchFactory(profile=woman, score=0.9, status="dismissed")
    MatchFactory(profile=woman, score=0.9, available=False, status="saved")
    assert [p.pk for p in weak_profiles(kind="training")] == [woman.pk]


def test_women_whose_matches_were_never_computed_are_left_out() -> None:
    ProfileFactory()
    assert weak_profiles(kind="training") == []


def test_jobs_are_for_job_seekers_and_financing_for_entrepreneurs() -> None:
    seeker = _computed(ProfileFactory())
    founder = _computed(EntrepreneurProfileFactory())
    assert [p.pk for p in weak_profiles(kind="job")] == [seeker.pk]
    assert [p.pk for p in weak_profiles(kind="financing")] == [founder.pk]


def test_threshold_is_a_setting(settings) -> None:  # type: ignore[no-untyped-def]
    woman = _computed(ProfileFactory())
    MatchFactory(profile=woman, score=0.6)
    settings.DEMAND_GOOD_MATCH_SCORE = 0.7
    assert [p.pk for p in weak_profiles(kind="training")] == [woman.pk]
