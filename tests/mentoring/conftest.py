"""Mentoring fixtures: an active mentorship with its conversation, built through the services."""

from dataclasses import dataclass

import pytest

from backend.accounts.models import User
from backend.profiles.models import MentorProfile
from mentoring import services
from mentoring.models import Conversation, Mentorship
from tests.factories import MentorProfileFactory, ProfileFactory


@dataclass
class Pair:
    mentee: User
    mentor: User
    mentor_profile: MentorProfile
    mentorship: Mentorship
    conversation: Conversation


def make_pair(**mentor_fields: object) -> Pair:
    mentee = ProfileFactory().user
    mentor_profile = MentorProfileFactory(**mentor_fields)
    mentorship = services.mentorship_request(
        mentee=mentee, mentor_profile_id=mentor_profile.pk, message="Hello, can you help me?"
    )
    mentorship = services.mentorship_accept(mentorship=mentorship, user=mentor_profile.user)
    return Pair(
        mentee=mentee,
        mentor=mentor_profile.user,
        mentor_profile=mentor_profile,
        mentorship=mentorship,
        conversation=Conversation.objects.get(mentorship=mentorship),
    )


@pytest.fixture
def pair() -> Pair:
    """Needs a database marker on the test (db or transactional_db)."""
    return make_pair()
