"""The employer's candidate list words each reason in the employer's language."""

import pytest
from django.utils import translation

from events.selectors import candidates_for_role
from tests.factories import JobRoleFactory, ProfileFactory

pytestmark = pytest.mark.django_db


def test_candidate_reasons_follow_the_employers_language():
    ProfileFactory(employers_can_view=True)
    role = JobRoleFactory()

    with translation.override("en"):
        english = candidates_for_role(role=role)[0]["reasons"]
    with translation.override("fr"):
        french = candidates_for_role(role=role)[0]["reasons"]

    assert english and all(isinstance(r, str) for r in french)
    assert len(french) == len(english) and set(french).isdisjoint(english)
