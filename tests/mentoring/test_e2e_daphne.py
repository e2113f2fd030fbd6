"""End to end: a real daphne process, the real `websockets` client, the test database."""

import asyncio
import json

import pytest
import websockets
from rest_framework.authtoken.models import Token

from tests.factories import UserFactory
from tests.mentoring.conftest import make_pair
from tests.servers import chat_connect as _connect
from tests.servers import daphne
from tests.servers import frames_until as _frames_until

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


@pytest.fixture(scope="module")
def daphne_url(django_db_setup, django_db_blocker):  # type: ignore[no-untyped-def]
    """One daphne for the module: it holds no state between tests, the database does."""
    with daphne() as url:
        yield url


def test_two_members_chat_through_a_lost_connection_with_nothing_lost_or_doubled(daphne_url):
    pair = make_pair()
    mentee_token = Token.objects.create(user=pair.mentee).key
    mentor_token = Token.objects.create(user=pair.mentor).key
    conversation_id = pair.conversation.pk

    async def scenario() -> tuple[list[int], list[int]]:
        sent: list[int] = []
        received: list[int] = []
        async with _connect(daphne_url, conversation_id, mentee_token) as mentee:
            mentor = await _connect(daphne_url, conversation_id, mentor_token)
            for i in range(5):
                await mentee.send(
                    json.dumps({"type": "message", "client_id": f"a{i}", "text": f"hi {i}"})
                )
                sent.append((await _frames_until(mentee, "ack", 1))[0]["id"])
            received += [f["id"] for f in await _frames_until(mentor, "message", 5)]
            await mentor.close()  # the mentor loses her connection mid-stream
            for i in range(5, 10):
                await mentee.send(
                    json.dumps({"type": "message", "client_id": f"a{i}", "text": f"hi {i}"})
                )
                sent.append((await _frames_until(mentee, "ack", 1))[0]["id"])
            # A resend after a lost ack gets the same id back.
            await mentee.send(json.dumps({"type": "message", "client_id": "a9", "text": "hi 9"}))
            assert (await _frames_until(mentee, "ack", 1))[0]["id"] == sent[-1]
            async with _connect(
                daphne_url, conversation_id, mentor_token, after=received[-1]
            ) as back:
                received += [f["id"] for f in await _frames_until(back, "message", 5)]
                await back.send(json.dumps({"type": "message", "client_id": "b0", "text": "back"}))
                reply = (await _frames_until(mentee, "message", 1, sender=pair.mentor.pk))[0]
                assert (reply["text"], reply["sender"]) == ("back", pair.mentor.pk)
        return sent, received

    sent, received = asyncio.run(scenario())
    assert received == sent
    assert len(set(received)) == 10


def test_outsider_is_refused_with_4403(daphne_url):
    pair = make_pair()
    outsider_token = Token.objects.create(user=UserFactory()).key

    async def scenario() -> int:
        async with _connect(daphne_url, pair.conversation.pk, outsider_token) as ws:
            try:
                await asyncio.wait_for(ws.recv(), timeout=5)
            except websockets.ConnectionClosed as closed:
                return closed.rcvd.code if closed.rcvd else -1
        return 0

    assert asyncio.run(scenario()) == 4403


def test_rate_and_size_limits_answer_with_error_frames(daphne_url):
    pair = make_pair()
    token = Token.objects.create(user=pair.mentee).key

    async def scenario() -> list[str]:
        codes = []
        async with _connect(daphne_url, pair.conversation.pk, token) as ws:
            await ws.send(json.dumps({"type": "message", "client_id": "big", "text": "x" * 4001}))
            codes.append((await _frames_until(ws, "error", 1))[0]["code"])
            for i in range(21):
                await ws.send(json.dumps({"type": "message", "client_id": f"r{i}", "text": "hi"}))
            codes.append((await _frames_until(ws, "error", 1))[0]["code"])
            await ws.send("not json")
            codes.append((await _frames_until(ws, "error", 1))[0]["code"])
        return codes

    assert asyncio.run(scenario()) == ["too_long", "rate_limited", "invalid_json"]
