import pytest

from events.models import Application, ApplicationStatus, Interest, JobRoleStatus
from matching.models import Match
from tests.events.factories import ApplicationFactory
from tests.factories import JobRoleFactory, ProfileFactory

pytestmark = pytest.mark.django_db


def test_she_applies_with_a_note(client_for, jobseeker, django_capture_on_commit_callbacks):
    role = JobRoleFactory()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(jobseeker).post(
            "/api/applications/", {"role": role.pk, "note": "I know SQL."}, format="json"
        )
    assert response.status_code == 201
    application = Application.objects.get()
    assert (application.note, application.status) == ("I know SQL.", ApplicationStatus.APPLIED)
    match = Match.objects.get(profile=jobseeker.profile, kind="job", object_id=role.pk)
    assert match.status == "requested"


def test_second_application_to_the_same_role_is_refused(client_for, jobseeker):
    role = JobRoleFactory()
    client = client_for(jobseeker)
    client.post("/api/applications/", {"role": role.pk}, format="json")
    response = client.post("/api/applications/", {"role": role.pk, "note": "again"}, format="json")
    assert response.status_code == 400
    assert "role" in response.json()
    assert Application.objects.get().note == ""


def test_note_over_2000_characters_is_refused(client_for, jobseeker):
    response = client_for(jobseeker).post(
        "/api/applications/", {"role": JobRoleFactory().pk, "note": "x" * 2001}, format="json"
    )
    assert response.status_code == 400
    assert "note" in response.json()
    assert Application.objects.count() == 0


def test_note_of_exactly_2000_characters_is_fine(client_for, jobseeker):
    response = client_for(jobseeker).post(
        "/api/applications/", {"role": JobRoleFactory().pk, "note": "x" * 2000}, format="json"
    )
    assert response.status_code == 201


def test_cannot_apply_to_a_closed_role(client_for, jobseeker):
    role = JobRoleFactory(status=JobRoleStatus.CLOSED)
    response = client_for(jobseeker).post("/api/applications/", {"role": role.pk}, format="json")
    assert response.status_code == 404
    assert Application.objects.count() == 0


def test_cannot_apply_to_a_draft(client_for, jobseeker):
    role = JobRoleFactory(status=JobRoleStatus.DRAFT)
    response = client_for(jobseeker).post("/api/applications/", {"role": role.pk}, format="json")
    assert response.status_code == 404


def test_withdraw_then_apply_again_keeps_one_row(client_for, jobseeker):
    role = JobRoleFactory()
    client = client_for(jobseeker)
    application_id = client.post("/api/applications/", {"role": role.pk}, format="json").json()[
        "id"
    ]
    withdrawn = client.post(f"/api/applications/{application_id}/withdraw/")
    assert withdrawn.json()["status"] == "withdrawn"
    again = client.post(
        "/api/applications/", {"role": role.pk, "note": "Still keen"}, format="json"
    )
    assert again.json()["id"] == application_id
    assert Application.objects.get().status == ApplicationStatus.APPLIED


def test_she_cannot_withdraw_another_womans_application(client_for, entrepreneur):
    application = ApplicationFactory()
    response = client_for(entrepreneur).post(f"/api/applications/{application.pk}/withdraw/")
    assert response.status_code == 404
    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPLIED


def test_her_list_shows_only_her_applications(client_for, jobseeker):
    mine = ApplicationFactory(profile=jobseeker.profile)
    ApplicationFactory()
    ids = [a["id"] for a in client_for(jobseeker).get("/api/applications/").json()["results"]]
    assert ids == [mine.pk]


def test_interest_is_idempotent_and_removable(client_for, jobseeker):
    role = JobRoleFactory()
    client = client_for(jobseeker)
    first = client.post("/api/interests/", {"role": role.pk}, format="json")
    second = client.post("/api/interests/", {"role": role.pk}, format="json")
    assert first.json()["id"] == second.json()["id"]
    assert client.delete(f"/api/interests/{first.json()['id']}/").status_code == 204
    assert Interest.objects.count() == 0


def test_employer_sees_applicants_email_and_shared_fields_only(client_for, employer, employer_org):
    role = JobRoleFactory(organisation=employer_org)
    profile = ProfileFactory(
        employers_can_view=False, shared_fields=["skills"], right_to_work="yes", country="SY"
    )
    application = ApplicationFactory(role=role, profile=profile, note="Hello")
    ApplicationFactory(role=role, status=ApplicationStatus.WITHDRAWN)
    response = client_for(employer).get(f"/api/roles/{role.pk}/applications/")
    assert response.status_code == 200
    assert response.json() == [
        {
            "id": application.pk,
            "created_at": response.json()[0]["created_at"],
            "note": "Hello",
            "candidate": {
                "profile_id": profile.pk,
                "skills": ["Excel", "bookkeeping"],
                "email": profile.user.email,
            },
        }
    ]


def test_applications_list_query_count_does_not_grow(
    client_for, employer, employer_org, django_assert_max_num_queries
):
    role = JobRoleFactory(organisation=employer_org)
    for _ in range(10):
        ApplicationFactory(role=role)
    with django_assert_max_num_queries(4):
        response = client_for(employer).get(f"/api/roles/{role.pk}/applications/")
    assert len(response.json()) == 10


def test_candidates_show_only_consenting_women_and_no_contact(client_for, employer, employer_org):
    role = JobRoleFactory(organisation=employer_org)
    visible = ProfileFactory(
        employers_can_view=True, shared_fields=["city", "skills"], right_to_work="yes"
    )
    ProfileFactory(employers_can_view=False, shared_fields=["city"])
    rows = client_for(employer).get(f"/api/roles/{role.pk}/candidates/").json()
    assert [r["candidate"] for r in rows] == [
        {"profile_id": visible.pk, "skills": ["Excel", "bookkeeping"], "city": "Athens"}
    ]
    assert rows[0]["applied"] is False
    assert rows[0]["reasons"]


def test_candidate_who_applied_is_shown_with_email(client_for, employer, employer_org):
    role = JobRoleFactory(organisation=employer_org)
    profile = ProfileFactory(employers_can_view=True, shared_fields=[])
    ApplicationFactory(role=role, profile=profile)
    rows = client_for(employer).get(f"/api/roles/{role.pk}/candidates/").json()
    assert rows[0]["applied"] is True
    assert rows[0]["candidate"] == {"profile_id": profile.pk, "email": profile.user.email}


def test_consent_withdrawn_after_matching_ran_is_respected(client_for, employer, employer_org):
    from events import selectors
    from matching.selectors import candidates_for_opportunity

    role = JobRoleFactory(organisation=employer_org)
    profile = ProfileFactory(employers_can_view=True, shared_fields=["city"])
    ranked = candidates_for_opportunity(kind="job", object_id=role.pk)
    assert [c.profile.pk for c in ranked] == [profile.pk]
    profile.employers_can_view = False
    profile.save()
    # The ranked row still carries the old profile; the employer's list re-reads her consent.
    assert selectors.candidates_for_role(role=role) == []
    assert client_for(employer).get(f"/api/roles/{role.pk}/candidates/").json() == []


def test_candidates_query_count_does_not_grow(
    client_for, employer, employer_org, django_assert_max_num_queries
):
    role = JobRoleFactory(organisation=employer_org)
    client = client_for(employer)
    ProfileFactory(employers_can_view=True, shared_fields=["display_name", "city"])
    client.get(f"/api/roles/{role.pk}/candidates/")  # warm the engine's caches
    with django_assert_max_num_queries(30) as few:
        client.get(f"/api/roles/{role.pk}/candidates/")
    for _ in range(10):
        ProfileFactory(employers_can_view=True, shared_fields=["display_name", "city"])
    with django_assert_max_num_queries(len(few.captured_queries)):
        rows = client.get(f"/api/roles/{role.pk}/candidates/").json()
    assert len(rows) == 11
    assert [r["score"] for r in rows] == sorted((r["score"] for r in rows), reverse=True)
