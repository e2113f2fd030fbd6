"""Factories for matching rows (the shared ones live in tests/factories.py)."""

import factory

from matching.models import Match
from tests.factories import ProfileFactory, TrainingFactory


class MatchFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Match

    profile = factory.SubFactory(ProfileFactory)
    kind = "training"
    object_id = factory.LazyFunction(lambda: TrainingFactory().pk)
    title = "Data analysis with Excel and SQL"
    summary = "A twelve-week evening course for beginners."
    score = 0.8
    reasons = factory.LazyFunction(
        lambda: [{"code": "skills", "params": {"verb_kind": "training", "skills": ["SQL"]}}]
    )
