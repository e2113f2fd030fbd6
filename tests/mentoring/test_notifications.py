"""Unread-message emails: one per batch, none once read, none while connected."""

import pytest
from django.core import mail

from mentoring import services
from mentoring.models import ConversationMember
from mentoring.tasks import notify_unread_messages

pytestmark = pytest.mark.django_db


def _send(pair, client_id, sender=None):  # type: ignore[no-untyped-def]
    return services.message_send(
        user=sender or pair.mentor,
        conversation_id=pair.conversation.pk,
        client_id=client_id,
        text="hello",
    )[0]


def _member(pair, user):  # type: ignore[no-untyped-def]
    return ConversationMember.objects.get(conversation=pair.conversation, user=user)


def test_offline_member_gets_one_email_for_a_batch(pair, django_capture_on_commit_callbacks):
    # Celery runs eagerly in tests, so the delayed task runs as soon as the first message commits.
    with django_capture_on_commit_callbacks(execute=True):
        _send(pair, "a")
    with django_capture_on_commit_callbacks(execute=True):
        _send(pair, "b")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [pair.mentee.email]
    assert "hello" not in mail.outbox[0].body  # the text stays in the chat


def test_a_new_batch_after_reading_gets_a_new_email(pair, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = _send(pair, "a")
    services.conversation_mark_read(
        user=pair.mentee, conversation_id=pair.conversation.pk, up_to=first.pk
    )
    with django_capture_on_commit_callbacks(execute=True):
        _send(pair, "b")
    assert len(mail.outbox) == 2


def test_no_email_when_read_before_the_delay(pair, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as scheduled:
        message = _send(pair, "a")
    assert len(scheduled) == 2  # the broadcast and the delayed notification
    services.conversation_mark_read(
        user=pair.mentee, conversation_id=pair.conversation.pk, up_to=message.pk
    )
    assert notify_unread_messages.delay(_member(pair, pair.mentee).pk).get() is False
    assert mail.outbox == []


def test_no_email_while_connected(pair, django_capture_on_commit_callbacks):
    services.conversation_presence_change(
        user_id=pair.mentee.pk, conversation_id=pair.conversation.pk, delta=1
    )
    with django_capture_on_commit_callbacks(execute=True):
        _send(pair, "a")
    assert mail.outbox == []


def test_task_is_idempotent(pair, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        _send(pair, "a")
    member_id = _member(pair, pair.mentee).pk
    assert notify_unread_messages.delay(member_id).get() is True
    assert notify_unread_messages.delay(member_id).get() is False
    assert len(mail.outbox) == 1


def test_task_for_a_deleted_member_returns_quietly(pair):
    assert notify_unread_messages.delay(987654).get() is False
