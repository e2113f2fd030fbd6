import pytest

from backend.accounts.models import Role
from matching import adapters
from tests.factories import (
    EntrepreneurProfileFactory,
    FinancingSchemeFactory,
    JobRoleFactory,
    MentorProfileFactory,
    ProfileFactory,
    TrainingFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_profile_becomes_profile_data():
    profile = ProfileFactory(availability=["evenings"], needs_childcare=True)

    data = adapters.profile_to_data(profile, blocked=["mentor:7"])

    assert data.id == str(profile.pk)
    assert data.role == "jobseeker"
    assert data.skills == ("Excel", "bookkeeping")
    assert data.languages == {"ar": "native", "en": "B1"}
    assert (data.city, data.country) == ("Athens", "GR")
    assert data.availability == frozenset({"evenings"})
    assert data.needs_childcare is True
    assert data.business_stage is None
    assert data.blocked == frozenset({"mentor:7"})


def test_entrepreneur_keeps_business_fields():
    data = adapters.profile_to_data(EntrepreneurProfileFactory())

    assert (data.role, data.business_stage, data.funding_need_eur) == (
        "entrepreneur",
        "early",
        12000,
    )


def test_blank_place_and_level_free_languages_become_none():
    profile = ProfileFactory(city="", country="", languages=[{"code": "uk"}])

    data = adapters.profile_to_data(profile)

    assert (data.city, data.country) == (None, None)
    assert data.languages == {"uk": None}


def test_training_becomes_opportunity_data():
    training = TrainingFactory(schedule=["evenings", "weekends"], childcare_offered=True)

    data = adapters.training_to_data(training)

    assert data.id == f"training:{training.pk}"
    assert data.kind == "training"
    assert data.languages == {"en": "B1"}
    assert data.schedule == frozenset({"evenings", "weekends"})
    assert (data.remote, data.level, data.childcare_offered) == (True, "beginner", True)


def test_financing_without_countries_is_open_everywhere():
    scheme = FinancingSchemeFactory(eligible_countries=[])

    data = adapters.financing_to_data(scheme)

    assert data.eligible_countries is None
    assert data.country is None
    assert (data.amount_min_eur, data.amount_max_eur, data.stages) == (
        2000,
        15000,
        ("idea", "early"),
    )


def test_financing_countries_are_its_eligibility():
    data = adapters.financing_to_data(FinancingSchemeFactory(eligible_countries=["GR", "DE"]))

    assert data.eligible_countries == frozenset({"GR", "DE"})


def test_job_is_for_job_seekers():
    data = adapters.job_to_data(JobRoleFactory())

    assert (data.kind, data.audience, data.remote) == ("job", "jobseeker", False)


def test_mentor_without_mentoring_app_uses_declared_capacity():
    mentor = MentorProfileFactory(
        capacity=3, user=UserFactory(role=Role.MENTOR, display_name="Lina")
    )

    (data,) = adapters.opportunities_of("mentor")

    assert data.id == f"mentor:{mentor.pk}"
    assert data.title == "Lina — Data analyst, ten years in retail"
    assert data.capacity == 3
    assert data.mentor_gender == "woman"
    assert data.skills == ("SQL", "Excel", "data analysis")
    # The mentor's own levels are not requirements for her mentees.
    assert data.languages == {"en": None, "ar": None}


def test_only_published_or_available_rows_are_matchable():
    shown = TrainingFactory()
    TrainingFactory(published=False)
    JobRoleFactory(status="draft")
    JobRoleFactory(status="closed")
    MentorProfileFactory(available=False)

    assert [o.id for o in adapters.opportunities_of("training")] == [f"training:{shown.pk}"]
    assert adapters.opportunities_of("job") == []
    assert adapters.opportunities_of("mentor") == []


def test_opportunity_ids_round_trip():
    assert adapters.split_opportunity_id(adapters.opportunity_id("job", 42)) == ("job", 42)


@pytest.mark.parametrize("value", ["job", "job:", "course:1", "job:x"])
def test_malformed_opportunity_ids_are_refused(value):
    with pytest.raises(ValueError):
        adapters.split_opportunity_id(value)


def test_long_description_is_summarised_on_a_word_boundary():
    data = adapters.training_to_data(TrainingFactory(description="word " * 200))

    summary = adapters.summary_of(data)

    assert len(summary) <= adapters.SUMMARY_LENGTH
    assert summary.endswith("word…")
