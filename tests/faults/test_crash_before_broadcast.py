"""A process dies between committing a message and broadcasting it: the message still arrives once."""

import asyncio
import subprocess
import sys
import time

import pytest
from rest_framework.authtoken.models import Token

from mentoring.models import Message
from tests.faults.crash_after_commit import CRASH_EXIT_CODE
from tests.faults.helpers import ResilientChat
from tests.mentoring.conftest import make_pair
from tests.servers import ROOT, child_env, daphne

CRASHING_SENDER = [sys.executable, "-m", "tests.faults.crash_after_commit"]

pytestmark = [pytest.mark.slow, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _send_and_crash(user_id: int, conversation_id: int, client_id: str) -> int:
    """The id of the message a crashed sender left committed but never broadcast."""
    done = subprocess.run(
        [*CRASHING_SENDER, str(user_id), str(conversation_id), client_id, "sent, then a crash"],
        cwd=ROOT,
        env=child_env(),
        capture_output=True,
        timeout=60,
    )
    assert done.returncode == CRASH_EXIT_CODE, done.stderr.decode()[-3000:]
    return Message.objects.get(conversation_id=conversation_id, client_id=client_id).pk


async def _both_connected_after_one_message(mentee: ResilientChat, mentor: ResilientChat) -> int:
    await mentee.connect()
    await mentor.connect()
    first = await mentee.send("m1", "before the crash")
    await mentor.wait_for(first)
    return first


async def _last_message_then_close(mentee: ResilientChat, mentor: ResilientChat) -> int:
    third = await mentee.send("m3", "after the crash")
    await mentor.wait_for(third)
    await mentee.close()
    await mentor.close()
    return third


@pytest.fixture(scope="module")
def daphne_url(django_db_setup):  # type: ignore[no-untyped-def]
    with daphne() as url:
        yield url


@pytest.fixture
def chat(daphne_url):  # type: ignore[no-untyped-def]
    """(pair, mentee's socket client, mentor's socket client), not yet connected."""
    pair = make_pair()
    deadline = time.monotonic() + 40
    conversation_id = pair.conversation.pk

    def client(user) -> ResilientChat:  # type: ignore[no-untyped-def]
        token = Token.objects.create(user=user).key
        return ResilientChat(daphne_url, conversation_id, token, deadline)

    return pair, client(pair.mentee), client(pair.mentor)


def test_connected_peer_gets_the_orphan_when_the_next_message_reveals_the_gap(chat):
    pair, mentee, mentor = chat

    async def scenario() -> tuple[list[int], list[int]]:
        first = await _both_connected_after_one_message(mentee, mentor)
        orphan = await asyncio.to_thread(
            _send_and_crash, pair.mentee.pk, pair.conversation.pk, "m2"
        )
        third = await _last_message_then_close(mentee, mentor)
        return [first, orphan, third], mentor.received

    expected, received = asyncio.run(scenario())
    assert received == expected
    assert mentor.reconnects == 0  # delivered on the open socket, not by reconnecting


def test_peer_who_reconnects_gets_the_orphan_once(chat):
    pair, mentee, mentor = chat

    async def scenario() -> tuple[list[int], list[int]]:
        first = await _both_connected_after_one_message(mentee, mentor)
        await mentor.close()
        orphan = await asyncio.to_thread(
            _send_and_crash, pair.mentee.pk, pair.conversation.pk, "m2"
        )
        await mentor.connect()  # with ?after=<first>
        await mentor.wait_for(orphan)
        # Anything sent twice would show here, before the next message.
        third = await _last_message_then_close(mentee, mentor)
        return [first, orphan, third], mentor.received

    expected, received = asyncio.run(scenario())
    assert received == expected
