"""Her self-declared right to work explains job matches to her, and reaches no one else."""

import json

import pytest

from tests.factories import JobRoleFactory, ProfileFactory
from tests.matching.factories import MatchFactory

pytestmark = pytest.mark.django_db

PENDING_WORDS = "right to work here is pending"


def _job_match(**profile):  # type: ignore[no-untyped-def]
    role = JobRoleFactory()
    return MatchFactory(profile=ProfileFactory(**profile), kind="job", object_id=role.pk)


def test_a_pending_right_to_work_explains_her_job_match(client_for):
    match = _job_match(right_to_work="pending")
    body = client_for(match.profile.user).get("/api/matches/", {"kind": "job"}).json()
    reasons = body["results"][0]["reasons"]
    assert any(PENDING_WORDS in r for r in reasons)
    assert body["results"][0]["reason_codes"][-1] == {
        "code": "right_to_work",
        "params": {"status": "pending"},
    }


def test_not_sure_points_her_to_an_adviser(client_for):
    match = _job_match(right_to_work="not_sure")
    reasons = client_for(match.profile.user).get("/api/matches/").json()["results"][0]["reasons"]
    assert any("adviser can help you check" in r for r in reasons)


@pytest.mark.parametrize("status", ["yes", ""])
def test_a_settled_or_unanswered_right_to_work_adds_nothing(client_for, status):
    match = _job_match(right_to_work=status)
    codes = client_for(match.profile.user).get("/api/matches/").json()["results"][0]["reason_codes"]
    assert [c["code"] for c in codes] == ["skills"]


def test_trainings_never_mention_the_right_to_work(client_for):
    match = MatchFactory(profile=ProfileFactory(right_to_work="pending"))
    codes = client_for(match.profile.user).get("/api/matches/").json()["results"][0]["reason_codes"]
    assert "right_to_work" not in [c["code"] for c in codes]


def test_she_never_gets_more_than_four_reasons(client_for):
    match = _job_match(right_to_work="pending")
    match.reasons = [{"code": "place_remote", "params": {}}] * 4
    match.save()
    reasons = client_for(match.profile.user).get("/api/matches/").json()["results"][0]["reasons"]
    assert len(reasons) == 4
    assert PENDING_WORDS in reasons[-1]


def test_her_web_page_shows_the_note(client):
    match = _job_match(right_to_work="pending")
    client.force_login(match.profile.user)
    assert PENDING_WORDS in client.get("/matches/jobs/").content.decode()


def test_the_note_is_not_stored_with_the_match():
    match = _job_match(right_to_work="pending")
    match.refresh_from_db()
    assert PENDING_WORDS not in json.dumps(match.reasons)
    assert "right_to_work" not in json.dumps(match.reasons)


def test_the_employer_never_reads_it_among_her_candidate_reasons(
    client_for, employer, employer_org, django_capture_on_commit_callbacks
):
    from backend.profiles.models import SHAREABLE_FIELDS

    with django_capture_on_commit_callbacks(execute=True):
        ProfileFactory(
            right_to_work="pending", employers_can_view=True, shared_fields=list(SHAREABLE_FIELDS)
        )
        role = JobRoleFactory(organisation=employer_org)
    body = client_for(employer).get(f"/api/roles/{role.pk}/candidates/").content.decode()
    assert "profile_id" in body  # she is listed, with reasons
    assert "right to work" not in body and "right_to_work" not in body
