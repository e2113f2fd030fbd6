"""Real server processes for end-to-end and fault tests: daphne, redis-server, the chat client.

Everything listens on loopback on a free port and is stopped by the test that started it.
"""

import asyncio
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import websockets
from django.conf import settings

ROOT = Path(__file__).resolve().parents[1]

DAPHNE_APP = ["backend.asgi:application"]
NO_PERSISTENCE = ["--save", "", "--appendonly", "no"]
SQLITE_SKIP_REASON = (
    "the SQLite test database lives in memory, where another process cannot see it; "
    "set DATABASE_URL (CI does)"
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def database_address() -> tuple[str, int]:
    db = settings.DATABASES["default"]
    return db["HOST"] or "127.0.0.1", int(db["PORT"] or 5432)


def database_url(port: int | None = None) -> str:
    """The test database (test_<name>), for a child process to use (through `port` if given)."""
    db = settings.DATABASES["default"]
    auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    host, default_port = database_address()
    return f"postgres://{auth}@{host}:{port or default_port}/{db['NAME']}"


def child_env(**overrides: str) -> dict[str, str]:
    """The environment of a server process on the test database (overrides win)."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "backend.settings",
        "DATABASE_URL": database_url(),
        "REDIS_URL": settings.REDIS_URL,
        # Notifications run in-process unless the test starts a worker itself.
        "CELERY_TASK_ALWAYS_EAGER": "true",
        "SECURE_SSL_REDIRECT": "false",
        # Pages render without collectstatic's manifest.
        "STATIC_MANIFEST": "false",
        "HF_HUB_OFFLINE": "1",
        # The servers run the shipped configuration, whatever the test process uses (Makefile).
        "DB_POOL": "true",
        **overrides,
    }


def wait_for_port(process: subprocess.Popen, port: int, name: str, timeout: float = 30) -> None:
    """Return once something accepts on the port; fail with the process's stderr if it died."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            if process.poll() is not None:
                err = process.stderr.read().decode()[-3000:] if process.stderr else ""
                pytest.fail(f"{name} exited with {process.returncode}: {err}")
            time.sleep(0.1)
    stop(process)
    pytest.fail(f"{name} did not listen on {port} within {timeout:.0f} s")


def stop(process: subprocess.Popen, sig: int = signal.SIGTERM) -> None:
    if process.poll() is None:
        process.send_signal(sig)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


@contextmanager
def daphne(**env: str) -> Iterator[str]:
    """A daphne on the test database; yields its ws:// base URL. Needs PostgreSQL."""
    if not settings.USING_POSTGRES:
        pytest.skip(SQLITE_SKIP_REASON)
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "daphne", "-b", "127.0.0.1", "-p", str(port), *DAPHNE_APP],
        cwd=ROOT,
        env=child_env(**env),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        wait_for_port(process, port, "daphne")
        yield f"ws://127.0.0.1:{port}"
    finally:
        stop(process)


def celery_worker(name: str, log: Path, **env: str) -> subprocess.Popen:
    """A real worker on every queue, one task at a time; its log goes to a file, never a pipe
    (a pipe nobody reads fills up and blocks the worker)."""
    if not settings.USING_POSTGRES:
        pytest.skip(SQLITE_SKIP_REASON)
    with log.open("ab") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "backend", "worker", "--pool=solo",
             "-Q", "matching,default,notifications", "-n", f"{name}@%h", "--loglevel=info",
             "--without-gossip", "--without-mingle", "--without-heartbeat"],
            cwd=ROOT,
            env=child_env(CELERY_TASK_ALWAYS_EAGER="false", **env),
            stdout=out,
            stderr=subprocess.STDOUT,
        )  # fmt: skip


class RedisServer:
    """A throwaway redis-server without persistence: a restart loses every key, as in production."""

    def __init__(self) -> None:
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        binary = shutil.which("redis-server")
        if binary is None:
            pytest.skip("redis-server is not installed")
        self.process = subprocess.Popen(
            [binary, "--port", str(self.port), "--bind", "127.0.0.1", *NO_PERSISTENCE],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        wait_for_port(self.process, self.port, "redis-server", timeout=10)

    def kill(self) -> None:
        if self.process is not None:
            stop(self.process, signal.SIGKILL)
            self.process = None


@contextmanager
def redis_server() -> Iterator[RedisServer]:
    server = RedisServer()
    server.start()
    try:
        yield server
    finally:
        server.kill()


# --- the chat client --------------------------------------------------------------------------------


def chat_connect(base: str, conversation_id: int, token: str, after: int | None = None):  # type: ignore[no-untyped-def]
    query = f"?token={token}" + (f"&after={after}" if after is not None else "")
    return websockets.connect(
        f"{base}/ws/conversations/{conversation_id}/{query}",
        origin=base.replace("ws://", "http://"),
    )


async def frames_until(ws, kind: str, count: int, sender: int | None = None) -> list[dict]:  # type: ignore[no-untyped-def]
    """The next `count` frames of one type (optionally from one sender), skipping the others."""
    got: list[dict] = []
    while len(got) < count:
        frame = json.loads(await asyncio.wait_for(ws.recv(), timeout=5))
        if frame["type"] == kind and (sender is None or frame.get("sender") == sender):
            got.append(frame)
    return got
