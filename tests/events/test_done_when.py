"""Issue 5's "Done when", end to end through the REST API with the real matching engine."""

import pytest

from tests.events.factories import FairFactory
from tests.factories import ProfileFactory

pytestmark = pytest.mark.django_db


def _rows(body):  # type: ignore[no-untyped-def]
    return body["results"] if isinstance(body, dict) else body


def test_role_for_a_fair_reaches_her_matches_and_her_application_reaches_the_employer(
    client_for, employer, employer_org, django_capture_on_commit_callbacks
):
    fair = FairFactory(employers=[employer_org])
    her = ProfileFactory(
        employers_can_view=False,
        shared_fields=["skills", "city"],
        right_to_work="yes",
        bio="Private story she keeps to herself.",
    ).user
    employer_client, her_client = client_for(employer), client_for(her)

    # The employer of a verified organisation posts a role for the fair and publishes it.
    role = {
        "organisation": employer_org.pk, "title": "Junior data analyst",
        "description": "Clean data and build weekly reports in Excel and SQL.",
        "skills": ["Excel", "SQL"], "languages": [{"code": "en", "level": "B1"}],
        "city": "Athens", "country": "GR", "remote": False, "level": "beginner",
        "contract_type": "permanent", "fair": fair.pk, "status": "draft",
    }  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        created = employer_client.post("/api/roles/", role, format="json")
        assert created.status_code == 201, created.json()
        role_id = created.json()["id"]
        assert employer_client.post(f"/api/roles/{role_id}/publish/").status_code == 200

    # She sees it among her job matches, with reasons.
    matches = _rows(her_client.get("/api/matches/", {"kind": "job"}).json())
    mine = [m for m in matches if m["object_id"] == role_id]
    assert mine and mine[0]["reasons"]

    # She registers for the fair and applies.
    assert her_client.post(f"/api/fairs/{fair.pk}/register/").status_code == 201
    with django_capture_on_commit_callbacks(execute=True):
        applied = her_client.post(
            "/api/applications/", {"role": role_id, "note": "I use Excel daily."}, format="json"
        )
    assert applied.status_code == 201

    # The employer sees her application with exactly the fields she shared, and her email.
    applications = employer_client.get(f"/api/roles/{role_id}/applications/").json()
    assert len(applications) == 1
    assert applications[0]["note"] == "I use Excel daily."
    assert applications[0]["candidate"] == {
        "profile_id": her.profile.pk,
        "skills": ["Excel", "bookkeeping"],
        "city": "Athens",
        "email": her.email,
    }
