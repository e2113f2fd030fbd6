"""The real publishing path: a verified programme posts a training through the API; the catalog's
save calls matching's hook, whose (eager) tasks rematch and tell the women of the group it answers.

Real commits (transaction=True), not captured on_commit callbacks: the order in which the hooks'
callbacks and the tasks' own nested callbacks run is what decides which email goes out, and a
capture runs the nested ones later than a real commit does."""

from collections import Counter

import pytest
from django.core import mail

from demand import services
from demand.models import DemandNotification
from matching.services import match_recompute_for_profiles
from tests.demand.engine_world import (
    ARABIC_COURSE as COURSE,
)
from tests.demand.engine_world import (
    WANTS,
    advanced_course_in_greek,
    best_score,
)
from tests.factories import MembershipFactory, ProfileFactory, ProgrammeFactory, TrainingFactory

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def weak_group():  # type: ignore[no-untyped-def]
    """Six women in Athens whose best training (advanced, in Greek) is weak, grouped."""
    advanced_course_in_greek()
    women = [ProfileFactory(**WANTS) for _ in range(6)]
    match_recompute_for_profiles(profile_ids=[w.pk for w in women], kinds=["training"])
    assert all(best_score(w.pk) < services.good_match_score() for w in women)
    services.demand_recompute(kinds=["training"])
    mail.outbox.clear()
    return women


def _publish(api_client):  # type: ignore[no-untyped-def]
    member = MembershipFactory(organisation=ProgrammeFactory(), user__role="programme")
    api_client.force_authenticate(member.user)
    response = api_client.post(
        "/api/trainings/", {**COURSE, "organisation": member.organisation.pk}, format="json"
    )
    assert response.status_code == 201, response.content
    return response.json()["id"]


def test_publishing_through_the_api_makes_the_groups_best_match_good(
    api_client, weak_group
) -> None:  # type: ignore[no-untyped-def]
    _publish(api_client)
    assert all(best_score(w.pk) >= services.good_match_score() for w in weak_group)


def test_publishing_through_the_api_sends_each_woman_of_the_group_one_email(
    api_client, weak_group
) -> None:  # type: ignore[no-untyped-def]
    _publish(api_client)
    assert Counter(m.to[0] for m in mail.outbox) == Counter(w.user.email for w in weak_group)


def test_editing_the_published_training_sends_no_more_email(api_client, weak_group) -> None:  # type: ignore[no-untyped-def]
    training_id = _publish(api_client)
    sent = len(mail.outbox)
    response = api_client.patch(
        f"/api/trainings/{training_id}/",
        {"title": "Data analysis for beginners, in Arabic (evenings)"},
        format="json",
    )
    assert response.status_code == 200
    assert len(mail.outbox) == sent == len(weak_group)


def test_the_one_email_is_the_demand_one(api_client, weak_group) -> None:  # type: ignore[no-untyped-def]
    _publish(api_client)
    assert [m.subject for m in mail.outbox] == [
        f"Something new for what you were looking for: {COURSE['title']}"
    ] * len(weak_group)
    assert DemandNotification.objects.count() == len(weak_group)


def test_demand_notifies_only_for_members_of_an_answered_group(weak_group) -> None:  # type: ignore[no-untyped-def]
    course = TrainingFactory(**COURSE)
    outsider = ProfileFactory(**WANTS)
    assert services.demand_notifies(
        profile_id=weak_group[0].pk, kind="training", object_id=course.pk
    )
    assert not services.demand_notifies(
        profile_id=outsider.pk, kind="training", object_id=course.pk
    )
    assert not services.demand_notifies(
        profile_id=weak_group[0].pk, kind="job", object_id=course.pk
    )
