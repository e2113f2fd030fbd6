"""Saving a chat message: the sliding-window rate limit, the block guard, and its cost."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from mentoring import services
from mentoring.models import Block, Conversation, Message
from tests.factories import MentorProfileFactory
from tests.mentoring.conftest import make_pair

pytestmark = pytest.mark.django_db


def _send(pair, n: int, prefix: str) -> None:  # type: ignore[no-untyped-def]
    for i in range(n):
        services.message_send(
            user=pair.mentee,
            conversation_id=pair.conversation.pk,
            client_id=f"{prefix}{i}",
            text="hello",
        )


def _codes(error: ValidationError) -> list[str]:
    return [e.code for errors in error.error_dict.values() for e in errors]


def _age(pair, seconds: float) -> None:  # type: ignore[no-untyped-def]
    Message.objects.filter(sender=pair.mentee).update(
        created_at=timezone.now() - timedelta(seconds=seconds)
    )


def test_a_burst_that_straddles_any_window_edge_is_still_limited(settings):
    settings.CHAT_RATE_LIMIT, settings.CHAT_RATE_WINDOW = 20, 10
    pair = make_pair()
    _send(pair, 20, "a")
    _age(pair, 9)  # sent 9 s ago: a fixed window may have turned since; the limit has not
    with pytest.raises(ValidationError) as raised:
        _send(pair, 1, "b")
    assert _codes(raised.value) == ["rate_limited"]


def test_messages_older_than_the_window_no_longer_count(settings):
    settings.CHAT_RATE_LIMIT, settings.CHAT_RATE_WINDOW = 20, 10
    pair = make_pair()
    _send(pair, 20, "a")
    _age(pair, 11)
    _send(pair, 1, "b")
    assert Message.objects.filter(sender=pair.mentee).count() == 21


def test_the_limit_counts_her_messages_in_all_her_conversations(settings):
    settings.CHAT_RATE_LIMIT, settings.CHAT_RATE_WINDOW = 3, 10
    first = make_pair()
    other_mentor = MentorProfileFactory()
    second = services.mentorship_accept(
        mentorship=services.mentorship_request(
            mentee=first.mentee, mentor_profile_id=other_mentor.pk, message="Hello"
        ),
        user=other_mentor.user,
    )
    _send(first, 3, "a")
    with pytest.raises(ValidationError) as raised:
        services.message_send(
            user=first.mentee,
            conversation_id=Conversation.objects.get(mentorship=second).pk,
            client_id="x",
            text="hi",
        )
    assert _codes(raised.value) == ["rate_limited"]


def test_a_message_costs_three_statements_inside_its_transaction(django_assert_num_queries):
    pair = make_pair()
    _send(pair, 1, "warm")  # the first send may load content types or the like
    # The locked read answers membership, block, resend, rate limit and who to email at once;
    # then the insert and the conversation's last-message update. (SAVEPOINT and RELEASE: the
    # test's own transaction turns the service's atomic block into a savepoint.)
    with django_assert_num_queries(5):
        _send(pair, 1, "b")


def test_a_block_refuses_her_message_even_while_the_mentorship_is_still_open():
    # Blocking normally ends the mentorship first; a block row alone (from the admin, say)
    # must still stop the message.
    pair = make_pair()
    Block.objects.create(blocker=pair.mentor, blocked=pair.mentee)
    with pytest.raises(ValidationError) as raised:
        _send(pair, 1, "a")
    assert _codes(raised.value) == ["blocked"]
