"""With the real engine: a weak group forms, and publishing what it wants makes its matches good."""

import pytest
from django.core import mail

from demand import selectors, services
from demand.models import DemandGroup, DemandNotification
from matching.services import match_recompute_for_profiles
from tests.demand.engine_world import ARABIC_COURSE, WANTS, advanced_course_in_greek, best_score
from tests.factories import ProfileFactory, TrainingFactory


@pytest.mark.slow
@pytest.mark.django_db
def test_publishing_a_matching_training_moves_the_group_from_weak_to_good() -> None:
    advanced_course_in_greek()
    women = [ProfileFactory(**WANTS) for _ in range(6)]
    ids = [w.pk for w in women]
    match_recompute_for_profiles(profile_ids=ids, kinds=["training"])
    assert all(best_score(pid) < services.good_match_score() for pid in ids)

    services.demand_recompute(kinds=["training"])
    services.demand_recompute(kinds=["training"])
    shown = selectors.demand_groups().groups
    assert [h["size"] for h in shown[0].history] == [6, 6]
    assert "data analysis" in shown[0].label
    assert [(g.kind, g.size, g.place, g.languages, g.level) for g in shown] == [
        ("training", 6, "Athens", ["ar"], "beginner")
    ]
    assert shown[0].nearest_title == "Advanced machine learning for analysts"

    course = TrainingFactory(**ARABIC_COURSE)
    sent = services.demand_answered(kind="training", object_id=course.pk)
    assert sent == 6
    assert all(best_score(pid) >= services.good_match_score() for pid in ids)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(w.user.email for w in women)
    assert DemandNotification.objects.count() == 6


@pytest.mark.slow
@pytest.mark.django_db
def test_an_answered_group_is_told_once_whatever_runs_again() -> None:
    women = [ProfileFactory(**WANTS) for _ in range(5)]
    ids = [w.pk for w in women]
    match_recompute_for_profiles(profile_ids=ids, kinds=["training"])
    services.demand_recompute(kinds=["training"])
    in_greek = TrainingFactory(
        title="Data analysis for beginners, in Greek",
        description="Evening course for beginners, taught in Greek: Excel and charts.",
        skills=["Excel", "data analysis"],
        languages=[{"code": "el", "level": "B1"}],
        remote=False,
    )
    assert services.demand_answered(kind="training", object_id=in_greek.pk) == 0
    course = TrainingFactory(
        title="Data analysis for beginners, in Arabic",
        description="Evening course for beginners, taught in Arabic: Excel and charts.",
        skills=["Excel", "data analysis"],
        languages=[{"code": "ar", "level": None}],
        remote=False,
    )
    assert services.demand_answered(kind="training", object_id=course.pk) == 5
    assert services.demand_answered(kind="training", object_id=course.pk) == 0
    services.demand_recompute(kinds=["training"])
    assert services.demand_answered(kind="training", object_id=course.pk) == 0
    assert len(mail.outbox) == 5
    assert DemandGroup.objects.filter(kind="training").count() == 0
