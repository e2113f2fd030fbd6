"""The chat socket against whatever channel layer settings name (in-memory, or Redis in CI)."""

import json

import pytest
from channels.db import database_sync_to_async
from channels.layers import get_channel_layer
from channels.routing import URLRouter
from channels.testing import WebsocketCommunicator
from django.db import transaction
from rest_framework.authtoken.models import Token

from mentoring import services
from mentoring.consumers import CLOSE_ANONYMOUS, CLOSE_NOT_ALLOWED
from mentoring.models import ConversationMember, Message
from mentoring.routing import websocket_urlpatterns
from mentoring.selectors import message_frame
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("channel_layer_closed"),
]


async def connect(user, conversation_id, query=""):  # type: ignore[no-untyped-def]
    path = f"/ws/conversations/{conversation_id}/{query}"
    communicator = WebsocketCommunicator(URLRouter(websocket_urlpatterns), path)
    communicator.scope["user"] = user
    connected, _ = await communicator.connect()
    assert connected
    return communicator


async def close_code(communicator):  # type: ignore[no-untyped-def]
    output = await communicator.receive_output(timeout=2)
    assert output["type"] == "websocket.close"
    return output.get("code")


async def send(communicator, text, client_id):  # type: ignore[no-untyped-def]
    await communicator.send_json_to({"type": "message", "client_id": client_id, "text": text})


async def next_of(communicator, kind):  # type: ignore[no-untyped-def]
    """The next frame of one type, skipping others (e.g. the echo of one's own message)."""
    while True:
        frame = await communicator.receive_json_from(timeout=2)
        if frame["type"] == kind:
            return frame


async def test_anonymous_is_closed_with_4401(pair):
    from django.contrib.auth.models import AnonymousUser

    communicator = await connect(AnonymousUser(), pair.conversation.pk)
    assert await close_code(communicator) == CLOSE_ANONYMOUS


async def test_non_member_is_closed_with_4403(pair):
    outsider = await database_sync_to_async(UserFactory)()
    communicator = await connect(outsider, pair.conversation.pk)
    assert await close_code(communicator) == CLOSE_NOT_ALLOWED


async def test_unknown_conversation_gets_the_same_4403(pair):
    communicator = await connect(pair.mentee, 999999)
    assert await close_code(communicator) == CLOSE_NOT_ALLOWED


async def test_message_is_acked_and_delivered_to_the_other_member(pair):
    mentee = await connect(pair.mentee, pair.conversation.pk)
    mentor = await connect(pair.mentor, pair.conversation.pk)
    await send(mentee, "<b>Hello</b> & welcome", "c-1")
    ack = await next_of(mentee, "ack")
    frame = await mentor.receive_json_from(timeout=2)
    assert ack == {"type": "ack", "client_id": "c-1", "id": frame["id"]}
    assert {k: frame[k] for k in ("type", "sender", "text", "client_id")} == {
        "type": "message",
        "sender": pair.mentee.pk,
        "text": "<b>Hello</b> & welcome",
        "client_id": "c-1",
    }
    await mentee.disconnect()
    await mentor.disconnect()


async def test_message_exists_in_the_database_when_it_is_delivered(pair):
    mentee = await connect(pair.mentee, pair.conversation.pk)
    mentor = await connect(pair.mentor, pair.conversation.pk)
    await send(mentee, "saved first", "c-1")
    frame = await mentor.receive_json_from(timeout=2)
    stored = await database_sync_to_async(Message.objects.get)(pk=frame["id"])
    assert stored.text == "saved first"
    await mentee.disconnect()
    await mentor.disconnect()


async def test_rolled_back_message_is_never_broadcast(pair):
    mentor = await connect(pair.mentor, pair.conversation.pk)

    def send_then_roll_back() -> None:
        try:
            with transaction.atomic():
                services.message_send(
                    user=pair.mentee,
                    conversation_id=pair.conversation.pk,
                    client_id="c-1",
                    text="never",
                )
                raise RuntimeError("roll back")
        except RuntimeError:
            pass

    await database_sync_to_async(send_then_roll_back)()
    assert await mentor.receive_nothing(timeout=0.3)
    assert await database_sync_to_async(Message.objects.count)() == 0
    await mentor.disconnect()


async def test_resend_with_same_client_id_acks_the_same_message(pair):
    mentee = await connect(pair.mentee, pair.conversation.pk)
    await send(mentee, "once", "c-1")
    first = await next_of(mentee, "ack")
    await send(mentee, "once", "c-1")
    second = await next_of(mentee, "ack")
    assert first == second
    assert await database_sync_to_async(Message.objects.count)() == 1
    await mentee.disconnect()


async def test_resume_after_id_returns_missed_messages_in_order(pair):
    def send_three() -> list[int]:
        return [
            services.message_send(
                user=pair.mentor,
                conversation_id=pair.conversation.pk,
                client_id=f"m-{i}",
                text=f"t{i}",
            )[0].pk
            for i in range(3)
        ]

    ids = await database_sync_to_async(send_three)()
    mentee = await connect(pair.mentee, pair.conversation.pk)
    await mentee.send_json_to({"type": "resume", "after": ids[0]})
    got = [await mentee.receive_json_from(timeout=2) for _ in range(2)]
    assert [f["id"] for f in got] == ids[1:]
    assert [f["text"] for f in got] == ["t1", "t2"]
    assert await mentee.receive_nothing(timeout=0.2)
    await mentee.disconnect()


async def test_after_in_the_url_replays_missed_messages(pair):
    def send_two() -> list[int]:
        return [
            services.message_send(
                user=pair.mentor,
                conversation_id=pair.conversation.pk,
                client_id=f"m-{i}",
                text=f"t{i}",
            )[0].pk
            for i in range(2)
        ]

    ids = await database_sync_to_async(send_two)()
    mentee = await connect(pair.mentee, pair.conversation.pk, "?after=0")
    got = [await mentee.receive_json_from(timeout=2) for _ in range(2)]
    assert [f["id"] for f in got] == ids
    await mentee.disconnect()


async def test_too_long_message_gets_error_frame_and_connection_survives(pair):
    mentee = await connect(pair.mentee, pair.conversation.pk)
    await send(mentee, "x" * 4001, "c-1")
    error = await mentee.receive_json_from(timeout=2)
    assert (error["type"], error["code"], error["client_id"]) == ("error", "too_long", "c-1")
    await send(mentee, "x" * 4000, "c-2")
    assert (await next_of(mentee, "ack"))["client_id"] == "c-2"
    await mentee.disconnect()


async def test_whitespace_message_is_refused(pair):
    mentee = await connect(pair.mentee, pair.conversation.pk)
    await send(mentee, " \n\t ", "c-1")
    error = await mentee.receive_json_from(timeout=2)
    assert (error["type"], error["code"]) == ("error", "empty")
    assert await database_sync_to_async(Message.objects.count)() == 0
    await mentee.disconnect()


async def test_rate_limit_answers_the_21st_message_with_an_error_frame(pair):
    mentee = await connect(pair.mentee, pair.conversation.pk)
    for i in range(20):
        await send(mentee, f"m{i}", f"c-{i}")
        await next_of(mentee, "ack")
    await send(mentee, "one too many", "c-20")
    error = await next_of(mentee, "error")
    assert (error["code"], error["client_id"]) == ("rate_limited", "c-20")
    assert await database_sync_to_async(Message.objects.count)() == 20
    await mentee.disconnect()


async def test_malformed_json_and_wrong_types_get_error_frames(pair):
    mentee = await connect(pair.mentee, pair.conversation.pk)
    await mentee.send_to(text_data="{not json")
    assert (await mentee.receive_json_from(timeout=2))["code"] == "invalid_json"
    await mentee.send_to(text_data="[1, 2]")
    assert (await mentee.receive_json_from(timeout=2))["code"] == "invalid_frame"
    await mentee.send_json_to({"type": "dance"})
    assert (await mentee.receive_json_from(timeout=2))["code"] == "unknown_type"
    await mentee.send_json_to({"type": "message", "client_id": 5, "text": "hi"})
    assert (await mentee.receive_json_from(timeout=2))["code"] == "invalid_client_id"
    await mentee.send_json_to({"type": "message", "client_id": "c-1", "text": ["hi"]})
    assert (await mentee.receive_json_from(timeout=2))["code"] == "invalid_text"
    await mentee.send_json_to({"type": "read", "up_to": "7"})
    assert (await mentee.receive_json_from(timeout=2))["code"] == "invalid_up_to"
    await send(mentee, "still here", "c-2")
    assert (await next_of(mentee, "ack"))["client_id"] == "c-2"
    await mentee.disconnect()


async def test_typing_reaches_the_other_member_only(pair):
    mentee = await connect(pair.mentee, pair.conversation.pk)
    mentor = await connect(pair.mentor, pair.conversation.pk)
    await mentee.send_json_to({"type": "typing"})
    assert await mentor.receive_json_from(timeout=2) == {"type": "typing", "user": pair.mentee.pk}
    assert await mentee.receive_nothing(timeout=0.2)
    await mentee.disconnect()
    await mentor.disconnect()


async def test_read_receipt_is_stored_and_broadcast(pair):
    mentee = await connect(pair.mentee, pair.conversation.pk)
    mentor = await connect(pair.mentor, pair.conversation.pk)
    await send(mentee, "read me", "c-1")
    message_id = (await next_of(mentee, "ack"))["id"]
    await mentor.receive_json_from(timeout=2)
    await mentor.send_json_to({"type": "read", "up_to": message_id})
    assert await next_of(mentee, "read") == {
        "type": "read",
        "user": pair.mentor.pk,
        "up_to": message_id,
    }
    member = await database_sync_to_async(ConversationMember.objects.get)(
        conversation=pair.conversation, user=pair.mentor
    )
    assert member.last_read_id == message_id
    await mentee.disconnect()
    await mentor.disconnect()


async def test_block_closes_both_sockets_and_refuses_new_connections(pair):
    mentee = await connect(pair.mentee, pair.conversation.pk)
    mentor = await connect(pair.mentor, pair.conversation.pk)
    await database_sync_to_async(services.user_block)(blocker=pair.mentee, blocked=pair.mentor)
    assert await close_code(mentor) == CLOSE_NOT_ALLOWED
    assert await close_code(mentee) == CLOSE_NOT_ALLOWED
    again = await connect(pair.mentor, pair.conversation.pk)
    assert await close_code(again) == CLOSE_NOT_ALLOWED


async def test_presence_counts_open_sockets(pair):
    def connections() -> int:
        return ConversationMember.objects.get(
            conversation=pair.conversation, user=pair.mentor
        ).connections

    first = await connect(pair.mentor, pair.conversation.pk)
    second = await connect(pair.mentor, pair.conversation.pk)
    assert await database_sync_to_async(connections)() == 2
    await first.disconnect()
    await second.disconnect()
    assert await database_sync_to_async(connections)() == 0


async def test_full_asgi_stack_accepts_api_token_and_checks_origin(pair):
    from backend.asgi import application

    token = await database_sync_to_async(Token.objects.create)(user=pair.mentee)
    communicator = WebsocketCommunicator(
        application,
        f"/ws/conversations/{pair.conversation.pk}/?token={token.key}",
        headers=[(b"origin", b"http://127.0.0.1"), (b"host", b"127.0.0.1")],
    )
    connected, _ = await communicator.connect()
    assert connected
    await communicator.send_to(
        text_data=json.dumps({"type": "message", "client_id": "a", "text": "hi"})
    )
    assert (await next_of(communicator, "ack"))["client_id"] == "a"
    await communicator.disconnect()


async def test_overtaken_broadcast_is_caught_up_in_order_and_never_duplicated(pair):
    """Two processes may publish out of commit order; prev_id shows the gap, the database fills it."""
    mentor = await connect(pair.mentor, pair.conversation.pk)
    layer = get_channel_layer()

    def two_committed_rows() -> list[dict]:
        # Rows as message_send leaves them, with their broadcasts still in flight.
        rows = [
            Message.objects.create(
                conversation=pair.conversation, sender=pair.mentee, client_id=c, text=c
            )
            for c in ("first", "second")
        ]
        return [
            message_frame(
                {
                    "id": m.pk,
                    "sender_id": m.sender_id,
                    "text": m.text,
                    "created_at": m.created_at,
                    "client_id": m.client_id,
                }
            )
            for m in rows
        ]

    first, second = await database_sync_to_async(two_committed_rows)()
    group = f"conversation.{pair.conversation.pk}"
    await layer.group_send(
        group, {"type": "chat.message", "message": second, "prev_id": first["id"]}
    )
    got = [await mentor.receive_json_from(timeout=2) for _ in range(2)]
    assert [f["id"] for f in got] == [first["id"], second["id"]]
    await layer.group_send(group, {"type": "chat.message", "message": first, "prev_id": 0})
    assert await mentor.receive_nothing(timeout=0.2)
    await mentor.disconnect()
