"""Browser-test fixtures: Debian's Chromium driven by Playwright, the app served by a real daphne.

daphne runs as a subprocess (WebSockets need ASGI, and a subprocess is what production runs), so it
must see the test database. On PostgreSQL that is pytest-django's test database by name. On SQLite
pytest-django keeps the test database in memory, which no other process can open; when browser
tests are selected we give it a file name instead, before the database is created.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
BROWSER_FIXTURES = {"browser", "app_server"}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Give the SQLite test database a file, only when a browser test will run."""
    from django.conf import settings

    if not any(BROWSER_FIXTURES & set(getattr(item, "fixturenames", ())) for item in items):
        return
    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.sqlite3":
        return
    test = database.setdefault("TEST", {})
    if not test.get("NAME"):
        test["NAME"] = str(Path(tempfile.gettempdir()) / f"pathways-browser-{os.getpid()}.sqlite3")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _database_url() -> str:
    from django.db import connection

    db = connection.settings_dict
    if db["ENGINE"] == "django.db.backends.sqlite3":
        name = db["NAME"]
        if "mode=memory" in str(name) or name == ":memory:":
            pytest.fail("the SQLite test database is in memory; daphne cannot open it")
        return f"sqlite:///{name}"
    user = db.get("USER") or ""
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    auth = f"{user}{password}@" if user else ""
    port = f":{db['PORT']}" if db.get("PORT") else ""
    return f"postgres://{auth}{db.get('HOST') or '127.0.0.1'}{port}/{db['NAME']}"


def _wait_until_up(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"daphne exited early:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 (our own server)
                if response.status < 500:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    raise RuntimeError(f"daphne did not answer in 60 s:\n{log.read_text()[-3000:]}")


@pytest.fixture
def app_server(transactional_db: None, tmp_path: Path, settings: object) -> Iterator[str]:
    """A daphne serving the app on a free port, on the test database; yields its base URL.

    One per test: the server keeps in-process caches (vector index) that must not outlive the
    rows the test's teardown flushes.
    """
    from django.conf import global_settings

    # Users made here log in over there: hash with what the server accepts, not the fast MD5.
    settings.PASSWORD_HASHERS = global_settings.PASSWORD_HASHERS  # type: ignore[attr-defined]
    port = _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "DEBUG": "false",
        "STATIC_MANIFEST": "false",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
        # Matches must be ready when her profile is saved; there is no worker in this test.
        "CELERY_TASK_ALWAYS_EAGER": "true",
        "CHANNEL_PREFIX": f"pathways-browser-{port}",
        "HF_HUB_OFFLINE": "1",
        "HF_HUB_DISABLE_PROGRESS_BARS": "1",
        "LOG_LEVEL": "WARNING",
    }
    log = tmp_path / "daphne.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "daphne", "-b", "127.0.0.1", "-p", str(port),
             "backend.asgi:application"],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(f"{base}/healthz", process, log)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="module")
def _playwright(django_db_setup: None) -> Iterator[object]:
    """Module scope: Playwright's event loop must be gone before other test modules use the ORM.
    The test database is created first, while no loop is running in this thread."""
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM} (run: bash .ci/install-chromium.sh)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="module")
def browser(_playwright: object) -> Iterator[object]:
    browser = _playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)  # type: ignore[attr-defined]
    yield browser
    browser.close()


@pytest.fixture
def screenshot_dir() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
