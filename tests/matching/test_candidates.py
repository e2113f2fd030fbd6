import pytest

from matching import selectors
from tests.factories import JobRoleFactory, MentorProfileFactory, ProfileFactory

pytestmark = pytest.mark.django_db


def test_employers_see_only_women_who_consented():
    consenting = ProfileFactory(employers_can_view=True)
    ProfileFactory(employers_can_view=False)
    job = JobRoleFactory()

    candidates = selectors.candidates_for_opportunity(kind="job", object_id=job.pk)

    assert [c.profile.pk for c in candidates] == [consenting.pk]
    assert candidates[0].reasons
    assert 0 < candidates[0].score <= 1


def test_mentor_candidates_include_every_complete_profile_best_first():
    close = ProfileFactory()
    far = ProfileFactory(
        bio="I sew wedding dresses and want to open a tailoring shop.",
        goals="Open a tailoring shop",
        skills=["sewing"],
    )
    ProfileFactory(bio="")  # incomplete
    mentor = MentorProfileFactory()

    candidates = selectors.candidates_for_opportunity(kind="mentor", object_id=mentor.pk)

    assert [c.profile.pk for c in candidates] == [close.pk, far.pk]
    assert candidates[0].score > candidates[1].score


def test_candidates_respect_the_limit():
    ProfileFactory.create_batch(3, employers_can_view=True)
    job = JobRoleFactory()

    assert len(selectors.candidates_for_opportunity(kind="job", object_id=job.pk, limit=2)) == 2


def test_closed_opportunity_has_no_candidates():
    ProfileFactory(employers_can_view=True)
    job = JobRoleFactory(status="closed")

    assert selectors.candidates_for_opportunity(kind="job", object_id=job.pk) == []


def test_candidates_exclude_women_who_share_no_language():
    ProfileFactory(employers_can_view=True, languages=[{"code": "ti", "level": "native"}])
    job = JobRoleFactory()

    assert selectors.candidates_for_opportunity(kind="job", object_id=job.pk) == []
