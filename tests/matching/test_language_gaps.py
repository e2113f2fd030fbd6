"""What her language level alone hides: listed apart, with a language course that closes the gap."""

import pytest

from matching import selectors
from tests.factories import JobRoleFactory, ProfileFactory, TrainingFactory
from tests.matching.factories import MatchFactory

pytestmark = pytest.mark.django_db

GERMAN_A1 = [{"code": "de", "level": "A1"}, {"code": "en", "level": "B2"}]


@pytest.fixture
def her():
    return ProfileFactory(languages=GERMAN_A1)


@pytest.fixture
def sql_in_german():
    return TrainingFactory(title="SQL für Datenanalyse", languages=[{"code": "de", "level": "B2"}])


@pytest.fixture
def german_course():
    return TrainingFactory(
        title="German A2 for beginners",
        description="Everyday and workplace German, from A1 to A2, taught in English.",
        skills=["German"],
        languages=[{"code": "en", "level": "B1"}],
    )


def test_item_hidden_by_her_level_is_listed_with_a_language_course(
    her, sql_in_german, german_course
):
    [gap] = selectors.language_gaps_for(profile=her, kind="training")

    assert (gap.object_id, gap.language, gap.needed, gap.have) == (
        sql_in_german.pk,
        "de",
        "B2",
        "A1",
    )
    assert (gap.course_id, gap.course_title) == (german_course.pk, german_course.title)


def test_gap_has_no_suggestion_when_no_language_course_exists(her, sql_in_german):
    [gap] = selectors.language_gaps_for(profile=her, kind="training")

    assert gap.object_id == sql_in_german.pk
    assert (gap.course_id, gap.course_reason) == (None, None)


def test_course_aimed_beyond_the_next_level_is_not_suggested(her, sql_in_german):
    TrainingFactory(title="German C1 exam preparation", skills=["German"])

    [gap] = selectors.language_gaps_for(profile=her, kind="training")

    assert gap.course_id is None


def test_unpublished_course_is_not_suggested(her, sql_in_german, german_course):
    german_course.published = False
    german_course.save()

    [gap] = selectors.language_gaps_for(profile=her, kind="training")

    assert gap.course_id is None


def test_jobs_hidden_by_her_level_are_gaps_too(her, german_course):
    role = JobRoleFactory(languages=[{"code": "de", "level": "B2"}])

    [gap] = selectors.language_gaps_for(profile=her, kind="job")

    assert (gap.object_id, gap.course_id) == (role.pk, german_course.pk)


def test_gaps_are_capped_per_kind(her):
    TrainingFactory.create_batch(5, languages=[{"code": "de", "level": "B2"}])

    assert len(selectors.language_gaps_for(profile=her, kind="training")) == 3


def test_smallest_gap_comes_first(her):
    far = TrainingFactory(languages=[{"code": "de", "level": "C1"}])
    near = TrainingFactory(languages=[{"code": "de", "level": "A2"}])

    gaps = selectors.language_gaps_for(profile=her, kind="training")

    assert [g.object_id for g in gaps] == [near.pk, far.pk]


def test_item_she_dismissed_is_not_listed(her, sql_in_german):
    MatchFactory(profile=her, object_id=sql_in_german.pk, status="dismissed")

    assert selectors.language_gaps_for(profile=her, kind="training") == []


def test_woman_who_speaks_it_well_enough_has_no_gap(sql_in_german, german_course):
    fluent = ProfileFactory(languages=[{"code": "de", "level": "C1"}])

    assert selectors.language_gaps_for(profile=fluent, kind="training") == []


def test_api_lists_the_gap_and_the_course_in_words(api_client, her, sql_in_german, german_course):
    api_client.force_authenticate(her.user)

    response = api_client.get("/api/matches/", {"kind": "training"})

    assert response.status_code == 200
    assert response.data["language_gaps"] == [
        {
            "kind": "training",
            "object_id": sql_in_german.pk,
            "title": sql_in_german.title,
            "language": "de",
            "needed": "B2",
            "have": "A1",
            "text": "needs German B2; you have A1",
            "course": {
                "object_id": german_course.pk,
                "title": german_course.title,
                "text": "“German A2 for beginners” teaches German and can help you get there",
            },
        }
    ]


def test_api_gap_without_a_course_says_null(api_client, her, sql_in_german):
    api_client.force_authenticate(her.user)

    response = api_client.get("/api/matches/", {"kind": "training"})

    assert [g["course"] for g in response.data["language_gaps"]] == [None]


def test_another_woman_never_sees_her_gaps(api_client, her, sql_in_german, german_course):
    other = ProfileFactory()  # Arabic and English: the German course is not hidden from her
    api_client.force_authenticate(other.user)

    response = api_client.get("/api/matches/", {"kind": "training"})

    assert response.data["language_gaps"] == []


def test_matches_page_shows_the_gap_and_links_the_course(client, her, sql_in_german, german_course):
    client.force_login(her.user)

    html = client.get("/matches/").content.decode()

    assert "Hidden because of a language level" in html
    assert sql_in_german.title in html
    assert "needs German B2; you have A1" in html
    assert f'href="/trainings/{german_course.pk}/"' in html


def test_matches_page_says_when_no_course_exists(client, her, sql_in_german):
    client.force_login(her.user)

    html = client.get("/matches/").content.decode()

    assert "needs German B2; you have A1" in html
    assert "No course for this language is listed yet." in html


def test_matches_page_has_no_gap_section_without_gaps(client, her):
    client.force_login(her.user)

    assert "Hidden because of a language level" not in client.get("/matches/").content.decode()
