"""End to end: a real daphne process, the real `websockets` client, the test database."""

import asyncio
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import websockets
from django.conf import settings
from rest_framework.authtoken.models import Token

from tests.factories import UserFactory
from tests.mentoring.conftest import make_pair

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _database_url() -> str:
    db = settings.DATABASES["default"]
    auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture(scope="module")
def daphne_url(django_db_setup, django_db_blocker):  # type: ignore[no-untyped-def]
    """One daphne for the module: it holds no state between tests, the database does."""
    if not settings.USING_POSTGRES:
        pytest.skip(
            "the SQLite test database lives in memory, where a daphne process cannot see it; "
            "set DATABASE_URL (CI does)"
        )
    port = _free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "backend.settings",
        "DATABASE_URL": _database_url(),
        "REDIS_URL": settings.REDIS_URL,
        # Notifications run in-process: no worker here reads the broker.
        "CELERY_TASK_ALWAYS_EAGER": "true",
        "SECURE_SSL_REDIRECT": "false",
    }
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "daphne",
            "-b",
            "127.0.0.1",
            "-p",
            str(port),
            "backend.asgi:application",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            if process.poll() is not None:
                pytest.fail(process.stderr.read().decode()[-3000:])
            time.sleep(0.1)
    else:
        process.kill()
        pytest.fail("daphne did not start in 30 s")
    yield f"ws://127.0.0.1:{port}"
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


def _connect(base: str, conversation_id: int, token: str, after: int | None = None):  # type: ignore[no-untyped-def]
    query = f"?token={token}" + (f"&after={after}" if after is not None else "")
    return websockets.connect(
        f"{base}/ws/conversations/{conversation_id}/{query}",
        origin=base.replace("ws://", "http://"),
    )


async def _frames_until(ws, kind: str, count: int, sender: int | None = None) -> list[dict]:  # type: ignore[no-untyped-def]
    """The next `count` frames of one type (optionally from one sender), skipping the others."""
    got: list[dict] = []
    while len(got) < count:
        frame = json.loads(await asyncio.wait_for(ws.recv(), timeout=5))
        if frame["type"] == kind and (sender is None or frame.get("sender") == sender):
            got.append(frame)
    return got


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
