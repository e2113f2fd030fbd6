"""Fuzz the chat socket's frames: malformed JSON, huge and deeply nested frames, wrong and unknown
types, binary frames. Each gets a clear error frame, the connection stays usable, nothing is
stored."""

import json

import pytest
from channels.db import database_sync_to_async
from channels.routing import URLRouter
from channels.testing import WebsocketCommunicator

from mentoring import services
from mentoring.models import Conversation, Message
from mentoring.routing import websocket_urlpatterns
from tests.factories import MentorProfileFactory, ProfileFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("channel_layer_closed"),
]


@database_sync_to_async
def _pair():  # type: ignore[no-untyped-def]
    mentee = ProfileFactory().user
    mentor_profile = MentorProfileFactory()
    mentorship = services.mentorship_request(mentee=mentee, mentor_profile_id=mentor_profile.pk)
    services.mentorship_accept(mentorship=mentorship, user=mentor_profile.user)
    return mentee, Conversation.objects.get(mentorship=mentorship)


@database_sync_to_async
def _message_count() -> int:
    return Message.objects.count()


async def _connect(user, conversation):  # type: ignore[no-untyped-def]
    communicator = WebsocketCommunicator(
        URLRouter(websocket_urlpatterns), f"/ws/conversations/{conversation.pk}/"
    )
    communicator.scope["user"] = user
    connected, _ = await communicator.connect()
    assert connected
    return communicator


async def _error_for(communicator, **frame: object) -> str:  # type: ignore[no-untyped-def]
    if "text_data" in frame or "bytes_data" in frame:
        await communicator.send_to(**frame)
    while True:
        reply = await communicator.receive_json_from(timeout=3)
        if reply["type"] == "error":
            assert reply["message"]
            return reply["code"]


BAD_TEXT_FRAMES = {
    "not json": ("{oops", "invalid_json"),
    "blank": (" ", "invalid_json"),
    "json array": ("[1, 2]", "invalid_frame"),
    "json string": ('"message"', "invalid_frame"),
    "json null": ("null", "invalid_frame"),
    "no type": ("{}", "unknown_type"),
    "unknown type": ('{"type": "delete_everything"}', "unknown_type"),
    "type is a list": ('{"type": ["message"]}', "unknown_type"),
    "type is an object": ('{"type": {"a": 1}}', "unknown_type"),
    "type is a number": ('{"type": 7}', "unknown_type"),
    "deeply nested": ("[" * 10_000 + "]" * 10_000, "invalid_json"),
    "huge frame": (json.dumps({"type": "message", "text": "x" * 2_000_000}), "frame_too_large"),
    "message text a list": ('{"type": "message", "client_id": "a", "text": ["x"]}', None),
    "message text too long": (
        json.dumps({"type": "message", "client_id": "b", "text": "x" * 4001}),
        None,
    ),
    "message client_id an object": ('{"type": "message", "client_id": {}, "text": "hi"}', None),
    "message client_id too long": (
        json.dumps({"type": "message", "client_id": "c" * 65, "text": "hi"}),
        None,
    ),
    "message with NUL": ('{"type": "message", "client_id": "d", "text": "a\\u0000b"}', None),
    "read up_to a string": ('{"type": "read", "up_to": "all"}', None),
    "read up_to negative": ('{"type": "read", "up_to": -1}', None),
    "read up_to huge": ('{"type": "read", "up_to": 1e308}', None),
    "resume after a bool": ('{"type": "resume", "after": true}', "invalid_after"),
    "resume after huge": ('{"type": "resume", "after": 99999999999999999999999}', "invalid_after"),
}


@pytest.mark.parametrize("name", list(BAD_TEXT_FRAMES))
async def test_bad_text_frame_gets_an_error_frame_and_nothing_is_stored(name):
    user, conversation = await _pair()
    before = await _message_count()
    communicator = await _connect(user, conversation)
    text, expected_code = BAD_TEXT_FRAMES[name]
    code = await _error_for(communicator, text_data=text)
    assert code != "server_error"
    if expected_code is not None:
        assert code == expected_code
    # The connection survives: a good message still goes through.
    await communicator.send_json_to({"type": "message", "client_id": "ok-1", "text": "still here"})
    while (await communicator.receive_json_from(timeout=3))["type"] != "ack":
        pass
    assert await _message_count() == before + 1
    await communicator.disconnect()


async def test_binary_frame_gets_an_error_frame():
    user, conversation = await _pair()
    communicator = await _connect(user, conversation)
    assert await _error_for(communicator, bytes_data=b"\x00\xff" * 1000) == "invalid_frame"
    assert await _message_count() == 0
    await communicator.disconnect()


async def test_a_burst_of_garbage_leaves_the_connection_usable_and_nothing_stored():
    user, conversation = await _pair()
    communicator = await _connect(user, conversation)
    for i in range(50):
        await communicator.send_to(text_data=f'{{"type": "message", "client_id": {i}, "text": []}}')
    codes = {await _error_for(communicator) for _ in range(50)}
    assert "server_error" not in codes
    assert await _message_count() == 0
    await communicator.disconnect()
