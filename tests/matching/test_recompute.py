import random

import pytest
from celery.signals import task_retry
from celery.utils.time import get_exponential_backoff_interval
from django.core import mail
from django.db import OperationalError

from backend.catalog.models import Training
from backend.catalog.services import catalog_item_save
from backend.celery import app
from backend.profiles.services import profile_update
from matching import selectors, services, tasks
from matching.models import Match, MatchNotification, MatchStatus
from tests.factories import (
    EntrepreneurProfileFactory,
    FinancingSchemeFactory,
    JobRoleFactory,
    MentorProfileFactory,
    ProfileFactory,
    TrainingFactory,
)
from tests.matching.factories import MatchFactory

pytestmark = pytest.mark.django_db

UNRELATED = {
    "title": "Advanced Kubernetes operations for site reliability engineers",
    "description": "Run production clusters: autoscaling, service meshes and incident response.",
    "skills": ["Kubernetes", "Helm", "Terraform"],
    "level": "advanced",
}


def rows(profile, kind=None):
    found = Match.objects.filter(profile=profile)
    if kind:
        found = found.filter(kind=kind)
    return sorted(found.values_list("kind", "object_id", "status"))


def test_profile_edit_runs_the_recompute_through_hooks_and_tasks(
    django_capture_on_commit_callbacks,
):
    profile = ProfileFactory()
    training, job, mentor = TrainingFactory(), JobRoleFactory(), MentorProfileFactory()

    with django_capture_on_commit_callbacks(execute=True):
        profile_update(profile=profile, goals="Become a data analyst")

    assert rows(profile) == [
        ("job", job.pk, "suggested"),
        ("mentor", mentor.pk, "suggested"),
        ("training", training.pk, "suggested"),
    ]
    assert all(m.reasons for m in Match.objects.filter(profile=profile))
    assert all(0.0 <= m.score <= 1.0 for m in Match.objects.filter(profile=profile))


def test_published_training_reaches_existing_women_through_hooks(
    django_capture_on_commit_callbacks,
):
    profile = ProfileFactory()
    services.match_recompute_for_profile(profile_id=profile.pk)
    assert rows(profile, "training") == []

    with django_capture_on_commit_callbacks(execute=True):
        training = catalog_item_save(
            model=Training,
            user=None,
            title="SQL for beginners",
            description="Learn to query data with SQL and build reports in Excel, in the evenings.",
            languages=[{"code": "en", "level": "B1"}],
            city="Athens",
            country="GR",
            remote=True,
            published=True,
        )

    assert rows(profile, "training") == [("training", training.pk, "suggested")]


def test_unpublished_training_leaves_her_suggestions(django_capture_on_commit_callbacks):
    profile = ProfileFactory()
    training = TrainingFactory()
    services.match_recompute_for_profile(profile_id=profile.pk)

    with django_capture_on_commit_callbacks(execute=True):
        catalog_item_save(model=Training, instance=training, user=None, published=False)

    assert rows(profile) == []


def test_saved_match_of_a_closed_opportunity_is_kept_but_hidden():
    profile = ProfileFactory()
    training = TrainingFactory()
    services.match_recompute_for_profile(profile_id=profile.pk)
    services.match_save(match=Match.objects.get(profile=profile))
    Training.objects.filter(pk=training.pk).update(published=False)

    services.match_recompute_for_opportunity(kind="training", object_id=training.pk)

    match = Match.objects.get(profile=profile)
    assert (match.status, match.available) == ("saved", False)
    assert list(selectors.matches_for(profile=profile)) == []


def test_filtered_out_opportunities_are_never_stored():
    profile = ProfileFactory()  # speaks Arabic and English B1, a job seeker
    TrainingFactory(languages=[{"code": "de", "level": "B2"}])
    FinancingSchemeFactory()  # for entrepreneurs
    MentorProfileFactory(capacity=0)
    JobRoleFactory(status="draft")

    services.match_recompute_for_profile(profile_id=profile.pk)

    assert rows(profile) == []


def test_financing_is_matched_for_an_entrepreneur():
    profile = EntrepreneurProfileFactory()
    scheme = FinancingSchemeFactory()

    services.match_recompute_for_profile(profile_id=profile.pk)

    assert rows(profile, "financing") == [("financing", scheme.pk, "suggested")]


def test_only_the_best_are_kept_per_kind(settings):
    settings.MATCHES_KEPT_PER_KIND = 2
    profile = ProfileFactory()
    good = [TrainingFactory(), TrainingFactory()]
    TrainingFactory(**UNRELATED)
    TrainingFactory(**UNRELATED)

    services.match_recompute_for_profile(profile_id=profile.pk)

    assert rows(profile, "training") == [("training", t.pk, "suggested") for t in good]


def test_recompute_twice_gives_the_same_rows():
    profile = ProfileFactory()
    TrainingFactory(), JobRoleFactory(), MentorProfileFactory()
    services.match_recompute_for_profile(profile_id=profile.pk)
    first = sorted(Match.objects.values_list("pk", "kind", "object_id", "score", "status"))

    services.match_recompute_for_profile(profile_id=profile.pk)
    services.match_recompute_for_opportunity(
        kind="job", object_id=JobRoleFactory._meta.model.objects.get().pk
    )

    assert sorted(Match.objects.values_list("pk", "kind", "object_id", "score", "status")) == first


def test_dismissed_never_comes_back():
    profile = ProfileFactory()
    training = TrainingFactory()
    services.match_recompute_for_profile(profile_id=profile.pk)
    services.match_dismiss(match=Match.objects.get(profile=profile))

    services.match_recompute_for_profile(profile_id=profile.pk)
    services.match_recompute_for_opportunity(kind="training", object_id=training.pk)

    assert rows(profile) == [("training", training.pk, "dismissed")]
    assert list(selectors.matches_for(profile=profile)) == []


def test_dismissed_one_frees_its_place_for_the_next_best(settings):
    settings.MATCHES_KEPT_PER_KIND = 1
    profile = ProfileFactory()
    first, second = TrainingFactory(), TrainingFactory()
    services.match_recompute_for_profile(profile_id=profile.pk)
    (kept,) = Match.objects.filter(profile=profile)
    services.match_dismiss(match=kept)

    services.match_recompute_for_profile(profile_id=profile.pk)

    other = second if kept.object_id == first.pk else first
    assert [m.object_id for m in selectors.matches_for(profile=profile)] == [other.pk]


def test_saved_match_outside_the_best_is_kept_and_rescored(settings):
    profile = ProfileFactory()
    good, weak = TrainingFactory(), TrainingFactory(**UNRELATED, remote=True)
    services.match_recompute_for_profile(profile_id=profile.pk)
    services.match_save(match=Match.objects.get(profile=profile, object_id=weak.pk))
    settings.MATCHES_KEPT_PER_KIND = 1

    services.match_recompute_for_profile(profile_id=profile.pk)

    assert rows(profile) == [("training", good.pk, "suggested"), ("training", weak.pk, "saved")]
    assert Match.objects.get(object_id=weak.pk).available is True


def test_new_opportunity_enters_a_full_list_only_above_her_weakest(settings):
    settings.MATCHES_KEPT_PER_KIND = 1
    profile = ProfileFactory()
    weak = TrainingFactory(**UNRELATED, remote=True)
    services.match_recompute_for_profile(profile_id=profile.pk)
    assert rows(profile) == [("training", weak.pk, "suggested")]
    strong = TrainingFactory()

    services.match_recompute_for_opportunity(kind="training", object_id=strong.pk)

    assert rows(profile) == [("training", strong.pk, "suggested")]


def test_status_set_by_mentoring_survives_recompute():
    profile = ProfileFactory()
    mentor = MentorProfileFactory()

    services.match_set_status(
        profile=profile, kind="mentor", object_id=mentor.pk, status="requested"
    )
    services.match_recompute_for_profile(profile_id=profile.pk)

    match = Match.objects.get(profile=profile, kind="mentor")
    assert match.status == "requested"
    assert match.score > 0


def test_status_for_an_unknown_kind_is_refused():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.match_set_status(
            profile=ProfileFactory(), kind="course", object_id=1, status="saved"
        )


def test_recomputing_flag_is_on_until_the_recompute_ran():
    profile = ProfileFactory()
    services.match_state_mark_requested(profile_id=profile.pk)
    assert selectors.match_state_of(profile=profile)["recomputing"] is True

    services.match_recompute_for_profile(profile_id=profile.pk)

    assert selectors.match_state_of(profile=profile)["recomputing"] is False


def test_recompute_of_a_deleted_profile_returns_quietly():
    assert tasks.recompute_profile_matches.delay(987654).get() is None


@pytest.fixture
def retries_in_place():
    """Eager mode re-runs a retried task in place, unless errors propagate straight out."""
    previous = app.conf.task_eager_propagates
    app.conf.task_eager_propagates = False
    yield
    app.conf.task_eager_propagates = previous


def test_task_gives_up_after_the_retry_cap(monkeypatch, retries_in_place):
    attempts = []

    def down(**kwargs):
        attempts.append(kwargs)
        raise OperationalError("could not connect to server")

    monkeypatch.setattr(services, "match_recompute_for_profile", down)

    result = tasks.recompute_profile_matches.delay(1)

    assert isinstance(result.result, OperationalError)
    assert len(attempts) == tasks.RETRYING["max_retries"] + 1


def test_task_retries_a_transient_database_error(monkeypatch, retries_in_place):
    profile = ProfileFactory()
    TrainingFactory()
    real = services.match_recompute_for_profile
    attempts = []

    def flaky(**kwargs):
        attempts.append(kwargs)
        if len(attempts) == 1:
            raise OperationalError("server closed the connection unexpectedly")
        return real(**kwargs)

    monkeypatch.setattr(services, "match_recompute_for_profile", flaky)

    result = tasks.recompute_profile_matches.delay(profile.pk)

    assert result.get() == {"training": 1, "mentor": 0, "job": 0, "financing": 0}
    assert len(attempts) == 2
    assert rows(profile) == [("training", Training.objects.get().pk, "suggested")]


def _countdowns_of_retries(task, args):  # type: ignore[no-untyped-def]
    """Run the task until it gives up; (attempt, countdown) of every retry Celery scheduled."""
    scheduled = []

    def record(sender=None, request=None, reason=None, **kwargs):  # type: ignore[no-untyped-def]
        scheduled.append((request.retries, reason.when))

    task_retry.connect(record, sender=task, weak=False)
    try:
        task.apply(args=args)
    finally:
        task_retry.disconnect(record, sender=task)
    return scheduled


@pytest.mark.parametrize(
    ("task", "service", "args"),
    [
        (tasks.recompute_profile_matches, "match_recompute_for_profile", (1,)),
        (tasks.recompute_opportunity_batch, "match_recompute_for_opportunity", ("job", 1, [1])),
    ],
)
def test_retry_countdowns_grow_and_stop_at_the_cap(
    monkeypatch, retries_in_place, task, service, args
):
    def down(**kwargs):
        raise OperationalError("could not connect to server")

    monkeypatch.setattr(services, service, down)
    random.seed(1)

    scheduled = _countdowns_of_retries(task, args)

    factor, cap = tasks.RETRYING["retry_backoff"], tasks.RETRYING["retry_backoff_max"]
    ceilings = [min(cap, factor * 2**attempt) for attempt in range(len(scheduled))]
    assert [attempt for attempt, _ in scheduled] == list(range(tasks.RETRYING["max_retries"]))
    # Full jitter draws each countdown from [0, ceiling]; the ceilings double up to the cap.
    assert all(0 <= when <= ceiling for (_, when), ceiling in zip(scheduled, ceilings, strict=True))
    assert ceilings == sorted(ceilings) and ceilings[-1] == cap and ceilings[0] == factor
    assert max(when for _, when in scheduled) > factor  # not stuck at the first interval
    # The last attempts wait at most the cap, even where 2 * 2**n would be far larger.
    assert all(when <= cap for _, when in scheduled)


def test_retry_countdowns_without_jitter_double_up_to_the_cap():
    # The interval Celery computes for these tasks' options, before jitter picks below it.
    intervals = [
        get_exponential_backoff_interval(
            factor=tasks.RETRYING["retry_backoff"],
            retries=attempt,
            maximum=tasks.recompute_profile_matches.retry_backoff_max,
            full_jitter=False,
        )
        for attempt in range(tasks.recompute_profile_matches.max_retries)
    ]

    assert intervals == [2, 4, 8, 16, 32, 64, 120, 120]


def test_task_does_not_retry_a_programming_error(monkeypatch, retries_in_place):
    attempts = []

    def broken(**kwargs):
        attempts.append(kwargs)
        raise KeyError("bug")

    monkeypatch.setattr(services, "match_recompute_for_profile", broken)

    result = tasks.recompute_profile_matches.delay(1)

    assert isinstance(result.result, KeyError)
    assert len(attempts) == 1


def test_strong_new_match_is_emailed_once():
    match = MatchFactory(score=0.9)

    tasks.notify_strong_match.delay(match.pk)
    tasks.notify_strong_match.delay(match.pk)

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [match.profile.user.email]
    assert match.title in mail.outbox[0].subject
    assert MatchNotification.objects.count() == 1


def test_dismissed_match_is_not_emailed():
    match = MatchFactory(status=MatchStatus.DISMISSED)

    tasks.notify_strong_match.delay(match.pk)

    assert mail.outbox == []


def test_new_opportunity_with_a_strong_match_sends_one_email(
    settings, django_capture_on_commit_callbacks
):
    settings.MATCH_NOTIFY_MIN_SCORE = 0.0
    profile = ProfileFactory()
    services.match_recompute_for_profile(profile_id=profile.pk)
    training = TrainingFactory()

    with django_capture_on_commit_callbacks(execute=True):
        tasks.recompute_opportunity_matches.delay("training", training.pk)
    with django_capture_on_commit_callbacks(execute=True):
        tasks.recompute_opportunity_matches.delay("training", training.pk)

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [profile.user.email]


def test_opportunity_recompute_runs_in_batches(settings):
    settings.MATCH_RECOMPUTE_BATCH = 2
    profiles = ProfileFactory.create_batch(5)
    training = TrainingFactory()

    assert tasks.recompute_opportunity_matches.delay("training", training.pk).get() == 3
    assert Match.objects.filter(object_id=training.pk).count() == len(profiles)


def test_reasons_stored_from_the_opportunity_side_speak_to_her():
    """An opportunity change refreshes her rows; their reasons must read as her own ranking does."""
    from matching import adapters, ranking

    profile = ProfileFactory()
    role = JobRoleFactory()
    services.match_recompute_for_opportunity(
        kind="job", object_id=role.pk, profile_ids=[profile.pk]
    )
    stored = Match.objects.get(profile=profile, kind="job", object_id=role.pk)
    own = ranking.engine().rank(adapters.profile_to_data(profile), [adapters.job_to_data(role)])
    assert stored.reasons == own[0].reasons
