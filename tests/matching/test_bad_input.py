"""Whatever she writes, her matches come back (or a clear reason), never a 500."""

import pytest

from tests.factories import JobRoleFactory, MentorProfileFactory, ProfileFactory, TrainingFactory

pytestmark = pytest.mark.django_db

LONG_BIO = (
    "I studied economics in Kharkiv and worked for six years as a bookkeeper in a small "
    "logistics company, where I kept the accounts in spreadsheets and prepared monthly reports. "
) * 60


@pytest.fixture
def her(api_client, django_capture_on_commit_callbacks):
    TrainingFactory(), JobRoleFactory(), MentorProfileFactory()
    profile = ProfileFactory()
    api_client.force_authenticate(profile.user)
    return profile


def edit(api_client, django_capture_on_commit_callbacks, **fields):
    with django_capture_on_commit_callbacks(execute=True):
        response = api_client.patch("/api/profile/", fields, format="json")
    assert response.status_code == 200, response.data
    return api_client.get("/api/matches/")


@pytest.mark.parametrize(
    "bio",
    [
        "",
        "Hello",
        LONG_BIO[:10000],
        "عملت محاسبة في حلب وأريد أن أتعلم تحليل البيانات باستخدام إكسل وSQL.",
        "Я працювала бухгалтеркою в Харкові, хочу вивчити аналіз даних, Excel і SQL.",  # noqa: RUF001
    ],
    ids=["empty", "one-word", "10000-chars", "arabic", "ukrainian"],
)
def test_any_bio_gives_matches(api_client, django_capture_on_commit_callbacks, her, bio):
    response = edit(api_client, django_capture_on_commit_callbacks, bio=bio)

    assert response.status_code == 200
    assert response.data["count"] == 3
    assert response.data["recomputing"] is False


def test_empty_profile_text_comes_with_a_notice(
    api_client, django_capture_on_commit_callbacks, her
):
    response = edit(api_client, django_capture_on_commit_callbacks, bio="", goals="", skills=[])

    assert response.status_code == 200
    assert "Tell us about yourself" in response.data["notice"]


def test_unknown_skills_still_match(api_client, django_capture_on_commit_callbacks, her):
    response = edit(
        api_client, django_capture_on_commit_callbacks, skills=["Quantum basket weaving", "ZZ-9"]
    )

    assert response.status_code == 200
    assert response.data["count"] == 3


def test_no_languages_still_matches_and_says_why_to_add_them(
    api_client, django_capture_on_commit_callbacks, her
):
    response = edit(api_client, django_capture_on_commit_callbacks, languages=[])

    assert response.status_code == 200
    assert response.data["count"] == 3
    assert "languages" in response.data["notice"]


def test_language_nobody_teaches_in_gives_no_matches_but_no_error(
    api_client, django_capture_on_commit_callbacks, her
):
    response = edit(
        api_client,
        django_capture_on_commit_callbacks,
        languages=[{"code": "ti", "level": "native"}],
    )

    assert (response.status_code, response.data["count"]) == (200, 0)
    assert "No opportunities are offered in the languages you listed" in response.data["notice"]
    assert "add another language you speak" in response.data["notice"]


def test_language_nobody_teaches_in_is_explained_on_the_matches_page(
    client, api_client, django_capture_on_commit_callbacks, her
):
    edit(api_client, django_capture_on_commit_callbacks, languages=[{"code": "ti", "level": "A2"}])
    client.force_login(her.user)

    html = client.get("/matches/").content.decode()

    assert "No opportunities are offered in the languages you listed" in html


def test_language_shared_with_an_opportunity_gives_no_language_notice(
    api_client, django_capture_on_commit_callbacks, her
):
    TrainingFactory(languages=[{"code": "ti", "level": "A1"}])

    response = edit(
        api_client,
        django_capture_on_commit_callbacks,
        languages=[{"code": "ti", "level": "native"}],
    )

    assert response.data["count"] == 1
    assert response.data["notice"] is None


def test_empty_catalogue_is_not_blamed_on_her_languages(api_client):
    profile = ProfileFactory(languages=[{"code": "ti", "level": "native"}])
    api_client.force_authenticate(profile.user)

    response = api_client.get("/api/matches/")

    assert (response.status_code, response.data["count"], response.data["notice"]) == (200, 0, None)
