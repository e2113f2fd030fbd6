"""The employer's candidate list: reasons in the employer's language, about shared fields only."""

import pytest
from django.utils import translation

from backend.profiles.models import SHAREABLE_FIELDS
from backend.profiles.selectors import reasons_she_shares
from events.selectors import candidates_for_role
from tests.factories import JobRoleFactory, ProfileFactory

pytestmark = pytest.mark.django_db


def test_candidate_reasons_follow_the_employers_language():
    ProfileFactory(employers_can_view=True, shared_fields=list(SHAREABLE_FIELDS))
    role = JobRoleFactory()

    with translation.override("en"):
        english = candidates_for_role(role=role)[0]["reasons"]
    with translation.override("fr"):
        french = candidates_for_role(role=role)[0]["reasons"]

    assert english and all(isinstance(r, str) for r in french)
    assert len(french) == len(english) and set(french).isdisjoint(english)


def test_she_shares_nothing_so_no_reason_reveals_her_goal_skills_level_or_city(
    client_for, employer, employer_org
):
    role = JobRoleFactory(organisation=employer_org)
    ProfileFactory(
        employers_can_view=True,
        shared_fields=[],
        goals="Leave my violent husband and find a data job",
        city="Athens",
    )
    with translation.override("en"):
        rows = client_for(employer).get(f"/api/roles/{role.pk}/candidates/").json()
    assert len(rows) == 1
    text = " ".join(rows[0]["reasons"])
    for revealing in ("husband", "Excel", "bookkeeping", "Athens", "level"):
        assert revealing not in text
    assert rows[0]["candidate"] == {"profile_id": rows[0]["candidate"]["profile_id"]}


def test_she_shares_her_skills_so_the_skills_reason_shows(client_for, employer, employer_org):
    role = JobRoleFactory(organisation=employer_org, skills=["Excel", "SQL"])
    ProfileFactory(employers_can_view=True, shared_fields=["skills"], skills=["Excel"])
    with translation.override("en"):
        rows = client_for(employer).get(f"/api/roles/{role.pk}/candidates/").json()
    assert "lists Excel, which you ask for" in rows[0]["reasons"]
    assert not [r for r in rows[0]["reasons"] if "Athens" in r]


@pytest.mark.parametrize(
    ("code", "params", "field"),
    [
        ("her_goal", {"goal": "a job"}, "goals"),
        ("her_skills", {"skills": ["SQL"], "verb_kind": "job"}, "skills"),
        ("her_level_same", {}, "digital_level"),
        ("her_city", {"city": "Athens"}, "city"),
        ("her_elsewhere", {"city": "Patras", "place": "Athens"}, "city"),
        ("her_language", {"language": "ar"}, "languages"),
        ("her_schedule", {"availability": ["morning"]}, "availability"),
    ],
)
def test_a_reason_shows_only_when_she_shares_its_field(code, params, field):
    reason = {"code": code, "params": params}
    others = [f for f in SHAREABLE_FIELDS if f != field]
    assert reasons_she_shares(profile=ProfileFactory(shared_fields=others), reasons=[reason]) == []
    shown = reasons_she_shares(profile=ProfileFactory(shared_fields=[field]), reasons=[reason])
    assert shown == [reason]


@pytest.mark.parametrize(
    "reason",
    [
        {"code": "her_childcare", "params": {}},
        {"code": "her_relocate", "params": {"city": "Patras"}},
        {"code": "her_amount", "params": {"need": 5000}},
        {"code": "a_future_code", "params": {}},
        "lives in Athens",  # an old free-text reason
    ],
)
def test_reasons_about_what_she_cannot_share_never_show(reason):
    profile = ProfileFactory(shared_fields=list(SHAREABLE_FIELDS))
    assert reasons_she_shares(profile=profile, reasons=[reason]) == []


def test_a_reason_that_reveals_nothing_about_her_stays():
    reason = {"code": "her_profile", "params": {}}
    assert reasons_she_shares(profile=ProfileFactory(shared_fields=[]), reasons=[reason]) == [
        reason
    ]
