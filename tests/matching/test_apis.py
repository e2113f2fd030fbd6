import pytest

from backend.accounts.models import Role
from matching import services
from matching.models import Match, MatchState
from tests.factories import (
    JobRoleFactory,
    MentorProfileFactory,
    ProfileFactory,
    TrainingFactory,
    UserFactory,
)
from tests.matching.factories import MatchFactory

pytestmark = pytest.mark.django_db

URL = "/api/matches/"


@pytest.fixture
def her(api_client):
    profile = ProfileFactory()
    api_client.force_authenticate(profile.user)
    return profile


def test_list_shows_her_matches_best_first_with_reasons(api_client, her):
    low = MatchFactory(profile=her, score=0.4)
    high = MatchFactory(profile=her, score=0.9, reasons=["remote", "you both speak Arabic"])
    MatchFactory(score=0.99)  # another woman's

    response = api_client.get(URL)

    assert response.status_code == 200
    assert [m["id"] for m in response.data["results"]] == [high.pk, low.pk]
    first = response.data["results"][0]
    assert first["reasons"] == ["remote", "you both speak Arabic"]
    assert first["title"] == high.title
    assert first["summary"] == high.summary
    assert first["opportunity_id"] == f"training:{high.object_id}"
    assert response.data["count"] == 2


def test_list_filters_by_kind(api_client, her):
    MatchFactory(profile=her)
    job = MatchFactory(profile=her, kind="job", object_id=JobRoleFactory().pk)

    response = api_client.get(URL, {"kind": "job"})

    assert [m["id"] for m in response.data["results"]] == [job.pk]


def test_list_filters_by_status_and_hides_dismissed_by_default(api_client, her):
    saved = MatchFactory(profile=her, status="saved")
    dismissed = MatchFactory(profile=her, status="dismissed")
    suggested = MatchFactory(profile=her, score=0.5)

    default = api_client.get(URL)
    only_dismissed = api_client.get(URL, {"status": "dismissed"})

    assert {m["id"] for m in default.data["results"]} == {saved.pk, suggested.pk}
    assert [m["id"] for m in only_dismissed.data["results"]] == [dismissed.pk]


def test_unknown_kind_or_status_is_a_400_per_field(api_client, her):
    response = api_client.get(URL, {"kind": "course", "status": "maybe"})

    assert response.status_code == 400
    assert set(response.data) == {"kind", "status"}


def test_list_says_when_her_matches_are_being_recomputed(api_client, her):
    MatchState.objects.create(profile=her, requested=2, computed=1)

    response = api_client.get(URL)

    assert response.data["recomputing"] is True
    assert api_client.get(URL + "state/").data["recomputing"] is True


def test_list_is_not_recomputing_for_a_new_woman(api_client, her):
    response = api_client.get(URL)

    assert (response.data["recomputing"], response.data["count"]) == (False, 0)


def test_list_queries_do_not_grow_with_matches(api_client, her, django_assert_max_num_queries):
    for _ in range(25):
        MatchFactory(profile=her)

    # A fixed number: her profile, state, the page, the notice's check, and one pre-filtered
    # read per kind a language level can hide (trainings, jobs) for the language gaps.
    with django_assert_max_num_queries(8):
        response = api_client.get(URL)

    assert len(response.data["results"]) == 20


def test_save_then_dismiss(api_client, her):
    match = MatchFactory(profile=her)

    saved = api_client.post(f"{URL}{match.pk}/save/")
    dismissed = api_client.post(f"{URL}{match.pk}/dismiss/")

    assert (saved.status_code, saved.data["status"]) == (200, "saved")
    assert (dismissed.status_code, dismissed.data["status"]) == (200, "dismissed")
    assert Match.objects.get(pk=match.pk).status == "dismissed"


def test_another_womans_match_is_a_404(api_client, her):
    other = MatchFactory(score=0.7)

    for action in ("save", "dismiss"):
        assert api_client.post(f"{URL}{other.pk}/{action}/").status_code == 404
    assert Match.objects.get(pk=other.pk).status == "suggested"


def test_requested_mentor_match_cannot_be_dismissed(api_client, her):
    mentor = MentorProfileFactory()
    match = MatchFactory(profile=her, kind="mentor", object_id=mentor.pk, status="requested")

    response = api_client.post(f"{URL}{match.pk}/dismiss/")

    assert response.status_code == 400
    assert "status" in response.data
    assert Match.objects.get(pk=match.pk).status == "requested"


def test_dismissed_through_the_api_stays_dismissed_after_recompute(api_client, her):
    training = TrainingFactory()
    services.match_recompute_for_profile(profile_id=her.pk)
    match = Match.objects.get(profile=her, object_id=training.pk)
    api_client.post(f"{URL}{match.pk}/dismiss/")

    services.match_recompute_for_profile(profile_id=her.pk)

    assert api_client.get(URL).data["count"] == 0
    assert Match.objects.get(pk=match.pk).status == "dismissed"


def test_anonymous_is_refused(api_client):
    assert api_client.get(URL).status_code in (401, 403)


@pytest.mark.parametrize("role", [Role.EMPLOYER, Role.MENTOR, Role.PROGRAMME])
def test_other_roles_have_no_matches_endpoint(api_client, role):
    api_client.force_authenticate(UserFactory(role=role))

    assert api_client.get(URL).status_code == 403


def test_woman_without_profile_gets_an_empty_list_and_a_notice(api_client):
    api_client.force_authenticate(UserFactory(role=Role.JOBSEEKER))

    response = api_client.get(URL)

    assert (response.status_code, response.data["count"]) == (200, 0)
    assert response.data["notice"]
    assert response.data["language_gaps"] == []


def test_list_without_a_kind_gives_language_gaps_of_every_kind_she_sees(api_client):
    her = ProfileFactory(languages=[{"code": "de", "level": "A1"}])
    training = TrainingFactory(languages=[{"code": "de", "level": "B2"}])
    role = JobRoleFactory(languages=[{"code": "de", "level": "B2"}])
    api_client.force_authenticate(her.user)

    gaps = api_client.get(URL).data["language_gaps"]

    assert [(g["kind"], g["object_id"]) for g in gaps] == [
        ("training", training.pk),
        ("job", role.pk),
    ]


def test_status_filtered_list_has_no_language_gaps(api_client):
    her = ProfileFactory(languages=[{"code": "de", "level": "A1"}])
    TrainingFactory(languages=[{"code": "de", "level": "B2"}])
    api_client.force_authenticate(her.user)

    assert api_client.get(URL, {"status": "saved"}).data["language_gaps"] == []
