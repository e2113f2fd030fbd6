import pytest

from matching import selectors
from tests.factories import JobRoleFactory, MentorProfileFactory, ProfileFactory

pytestmark = pytest.mark.django_db


def test_employers_see_only_women_who_consented():
    consenting = ProfileFactory(employers_can_view=True, shared_fields=["skills", "languages"])
    ProfileFactory(employers_can_view=False)
    job = JobRoleFactory()

    candidates = selectors.candidates_for_opportunity(kind="job", object_id=job.pk)

    assert [c.profile.pk for c in candidates] == [consenting.pk]
    assert candidates[0].reasons
    assert 0 < candidates[0].score <= 1


def test_mentor_candidates_are_complete_consenting_profiles_best_first():
    close = ProfileFactory(mentors_can_view=True)
    far = ProfileFactory(
        mentors_can_view=True,
        bio="I sew wedding dresses and want to open a tailoring shop.",
        goals="Open a tailoring shop",
        skills=["sewing"],
    )
    ProfileFactory(bio="", mentors_can_view=True)  # incomplete
    mentor = MentorProfileFactory()

    candidates = selectors.candidates_for_opportunity(kind="mentor", object_id=mentor.pk)

    assert [c.profile.pk for c in candidates] == [close.pk, far.pk]
    assert candidates[0].score > candidates[1].score


def test_woman_who_did_not_consent_is_never_a_mentor_candidate():
    ProfileFactory(mentors_can_view=False, employers_can_view=True)
    mentor = MentorProfileFactory()

    assert selectors.candidates_for_opportunity(kind="mentor", object_id=mentor.pk) == []


def test_consent_to_mentors_does_not_show_her_to_employers():
    ProfileFactory(mentors_can_view=True, employers_can_view=False)
    job = JobRoleFactory()

    assert selectors.candidates_for_opportunity(kind="job", object_id=job.pk) == []


def test_candidate_reasons_reveal_only_fields_she_shares():
    hidden = ProfileFactory(mentors_can_view=True, shared_fields=[])
    shown = ProfileFactory(mentors_can_view=True, shared_fields=["skills", "languages", "city"])
    mentor = MentorProfileFactory()

    by_profile = {
        c.profile.pk: {r["code"] for r in c.reasons}
        for c in selectors.candidates_for_opportunity(kind="mentor", object_id=mentor.pk)
    }

    assert by_profile[hidden.pk] <= {"her_profile"}
    assert by_profile[shown.pk] & {"her_skills", "her_language", "her_city"}


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


def test_she_can_let_mentors_find_her_through_the_profile_api(api_client):
    her = ProfileFactory()
    mentor = MentorProfileFactory()
    api_client.force_authenticate(her.user)

    response = api_client.patch("/api/profile/", {"mentors_can_view": True}, format="json")

    assert (response.status_code, response.data["mentors_can_view"]) == (200, True)
    candidates = selectors.candidates_for_opportunity(kind="mentor", object_id=mentor.pk)
    assert [c.profile.pk for c in candidates] == [her.pk]


def test_her_data_export_includes_her_consent_to_mentors():
    from backend.accounts.privacy import user_export

    her = ProfileFactory(mentors_can_view=True)

    assert user_export(user=her.user)["profile"]["mentors_can_view"] is True


def test_consent_step_of_the_profile_form_sets_consent_to_mentors(client):
    from django.urls import reverse

    her = ProfileFactory()
    client.force_login(her.user)
    url = reverse("profile-step", args=["consent"])

    page = client.get(url).content.decode()
    response = client.post(url, {"mentors_can_view": "on"})

    assert "Mentors may find my profile" in page
    assert response.status_code == 302
    her.refresh_from_db()
    assert her.mentors_can_view is True
