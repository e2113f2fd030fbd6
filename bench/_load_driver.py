"""The simulated people of bench/load.py: one asyncio task each, plus a chat task for chatters.

HTTP goes over a minimal HTTP/1.1 keep-alive client on asyncio streams (one connection per
person), so 200 people cost the driver little CPU on a machine it shares with the servers.
Every answer is checked: an unexpected status, a WebSocket error frame, a dropped connection
or a chat message that never reaches the partner is an error.
"""

from __future__ import annotations

import asyncio
import json
import random
import statistics
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from _load_seed import SimUser

# At most this many seconds after the end of the load for chat messages in flight to arrive.
CHAT_DRAIN_SECONDS = 20.0
WEBSOCKET_OPERATIONS = frozenset({"ws connect", "chat send"})
TABS = (("training", "trainings"), ("mentor", "mentors"), ("job", "jobs"))
GOALS = (
    "Learn data analysis and find an entry-level analyst job",
    "A junior frontend developer job, remote or in my city",
    "Move into UX/UI design and build a portfolio",
    "Improve my English and find a customer support job in tech",
)


class HttpError(Exception):
    pass


class Http:
    """One keep-alive HTTP/1.1 connection to one server; reopened if the server closed it."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def request(
        self, method: str, path: str, headers: dict[str, str], body: bytes = b""
    ) -> tuple[int, bytes]:
        head = f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{self.port}\r\n" + "".join(
            f"{k}: {v}\r\n" for k, v in headers.items()
        )
        if body or method in ("POST", "PATCH", "PUT"):
            head += f"Content-Length: {len(body)}\r\n"
        payload = (head + "\r\n").encode("latin-1") + body
        reused = self.writer is not None
        try:
            return await self._exchange(payload)
        except (ConnectionError, asyncio.IncompleteReadError, HttpError):
            self.close()
            if not reused:
                raise
        # The server closed an idle keep-alive connection before reading this request.
        return await self._exchange(payload)

    async def _exchange(self, payload: bytes) -> tuple[int, bytes]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)
        assert self.reader is not None
        self.writer.write(payload)
        await self.writer.drain()
        status_line = await self.reader.readline()
        if not status_line:
            raise HttpError("connection closed before the answer")
        status = int(status_line.split()[1])
        headers: dict[bytes, bytes] = {}
        while (line := await self.reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.partition(b":")
            headers[name.strip().lower()] = value.strip()
        if b"content-length" in headers:
            body = await self.reader.readexactly(int(headers[b"content-length"]))
        elif headers.get(b"transfer-encoding", b"").lower() == b"chunked":
            body = await self._chunks()
        else:
            body = await self.reader.read()
            self.close()
        if headers.get(b"connection", b"").lower() == b"close":
            self.close()
        return status, body

    async def _chunks(self) -> bytes:
        assert self.reader is not None
        parts = []
        while size := int((await self.reader.readline()).split(b";")[0], 16):
            parts.append(await self.reader.readexactly(size + 2))
        await self.reader.readline()
        return b"".join(p[:-2] for p in parts)

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


@dataclass
class Stats:
    latencies: dict[str, list[float]] = field(default_factory=dict)
    errors: Counter[str] = field(default_factory=Counter)
    samples: list[str] = field(default_factory=list)  # the first few errors, to say what broke
    chat_sent: dict[str, float] = field(default_factory=dict)
    chat_acked: set[str] = field(default_factory=set)
    chat_received: Counter[str] = field(default_factory=Counter)
    chat_done: int = 0  # chat tasks that stopped sending
    edited: set[str] = field(default_factory=set)  # names of the women who edited their profile
    elapsed: float = 0.0

    def ok(self, kind: str, seconds: float) -> None:
        self.latencies.setdefault(kind, []).append(seconds)

    def error(self, kind: str, detail: str) -> None:
        self.latencies.setdefault(kind, [])
        self.errors[kind] += 1
        if len(self.samples) < 10:
            self.samples.append(f"{kind}: {detail}")

    def summary(self, seconds: float) -> dict[str, dict[str, float]]:
        """kind -> requests/s, p50 and p95 in ms, count, errors; plus "all"."""
        out = {}
        everything: list[float] = []
        http: list[float] = []
        for kind in sorted(self.latencies):
            lat = self.latencies[kind]
            everything += lat
            if kind not in WEBSOCKET_OPERATIONS:
                http += lat
            out[kind] = _figures(lat, self.errors[kind], seconds)
        http_errors = sum(n for k, n in self.errors.items() if k not in WEBSOCKET_OPERATIONS)
        # The like-for-like row against the static-file baseline, which has no WebSocket.
        out["all http"] = _figures(http, http_errors, seconds)
        out["all"] = _figures(everything, sum(self.errors.values()), seconds)
        return out


def _figures(latencies: list[float], errors: int, seconds: float) -> dict[str, float]:
    lat = sorted(latencies)
    count = len(lat) + errors
    return {
        "count": count,
        "per_s": count / seconds,
        "p50_ms": statistics.median(lat) * 1000 if lat else float("nan"),
        "p95_ms": lat[min(len(lat) - 1, int(len(lat) * 0.95))] * 1000 if lat else float("nan"),
        "errors": errors,
        "error_rate": errors / count if count else 0.0,
    }


@dataclass
class Person:
    user: SimUser
    http: Http
    stats: Stats
    rng: random.Random

    @property
    def api(self) -> dict[str, str]:
        return {"Authorization": f"Token {self.user.token}", "Accept": "application/json"}

    @property
    def web(self) -> dict[str, str]:
        return {"Cookie": f"sessionid={self.user.session}", "Accept": "text/html"}

    async def call(
        self,
        kind: str,
        method: str,
        path: str,
        headers: dict[str, str],
        body: bytes = b"",
        expect: int = 200,
        check: Callable[[bytes], bool] | None = None,
    ) -> None:
        start = time.perf_counter()
        try:
            status, content = await self.http.request(method, path, headers, body)
        except (OSError, asyncio.IncompleteReadError, HttpError, ValueError) as exc:
            self.stats.error(kind, f"{method} {path}: {exc!r}")
            return
        elapsed = time.perf_counter() - start
        if status != expect:
            self.stats.error(kind, f"{method} {path}: {status} {content[:200]!r}")
        elif check is not None and not check(content):
            self.stats.error(kind, f"{method} {path}: unexpected body {content[:200]!r}")
        else:
            self.stats.ok(kind, elapsed)


# --- what each person does ----------------------------------------------------------------------


def _has_results(body: bytes) -> bool:
    try:
        return bool(json.loads(body)["results"])
    except (ValueError, KeyError, TypeError):
        return False


async def static_file(p: Person) -> None:
    await p.call("baseline static", "GET", "/static/css/site.css", {})


async def api_matches(p: Person) -> None:
    kind = p.rng.choice(TABS)[0]
    await p.call("api matches", "GET", f"/api/matches/?kind={kind}", p.api, check=_has_results)


async def web_matches(p: Person) -> None:
    slug = p.rng.choice(TABS)[1]
    await p.call("web matches tab", "GET", f"/matches/{slug}/", p.web)


async def api_profile(p: Person) -> None:
    await p.call("api profile", "GET", "/api/profile/", p.api)


async def profile_edit(p: Person) -> None:
    body = json.dumps({"goals": p.rng.choice(GOALS)}).encode()
    headers = {**p.api, "Content-Type": "application/json"}
    await p.call("api profile edit", "PATCH", "/api/profile/", headers, body)
    p.stats.edited.add(p.user.name)


async def api_mentorships(p: Person) -> None:
    await p.call("api mentorships", "GET", "/api/mentorships/", p.api, check=_has_results)


async def web_mentoring(p: Person) -> None:
    await p.call("web mentoring", "GET", "/mentoring/", p.web)


async def api_conversations(p: Person) -> None:
    await p.call("api conversations", "GET", "/api/conversations/", p.api, check=_has_results)


Action = Callable[[Person], Awaitable[None]]
# (action, weight): browsing dominates; a profile edit (a Celery recompute) now and then.
WOMAN_MIX: list[tuple[Action, float]] = [
    (api_matches, 4),
    (web_matches, 4),
    (api_profile, 1),
    (profile_edit, 1),
]
MENTOR_MIX: list[tuple[Action, float]] = [
    (api_mentorships, 2),
    (web_mentoring, 2),
    (api_conversations, 1),
]


async def browse(p: Person, mix: list[tuple[Action, float]], think: float, until: float) -> None:
    actions, weights = zip(*mix, strict=True)
    # Exponential pauses from the start too: the requests form a steady Poisson stream at once,
    # with no ramp, so a short baseline is comparable with a long load.
    pause = p.rng.expovariate(1 / think)
    while time.perf_counter() + pause < until:
        await asyncio.sleep(pause)
        await p.rng.choices(actions, weights)[0](p)
        pause = p.rng.expovariate(1 / think)


async def chat(p: Person, ws_port: int, interval: float, clock: list[float],
               ready: asyncio.Event, go: asyncio.Event, hang_up: asyncio.Event) -> None:  # fmt: skip
    """Connect, then send one message every `interval` seconds; count the partner's messages.

    clock[0] is the end of the load, known only once everyone is connected: read after `go`.
    The connection stays open until `hang_up`, so the last messages can still arrive.
    """
    import websockets

    base = f"127.0.0.1:{ws_port}"
    url = f"ws://{base}/ws/conversations/{p.user.conversation_id}/?token={p.user.token}"
    me = p.user.name
    stats = p.stats
    start = time.perf_counter()
    try:
        async with websockets.connect(url, origin=f"http://{base}", open_timeout=60) as ws:
            stats.ok("ws connect", time.perf_counter() - start)
            ready.set()

            async def reader() -> None:
                try:
                    async for raw in ws:
                        frame = json.loads(raw)
                        kind, cid = frame["type"], frame.get("client_id", "")
                        if kind == "error":
                            stats.error("chat send", f"error frame {frame}")
                        elif kind == "ack" and cid in stats.chat_sent:
                            stats.chat_acked.add(cid)
                            stats.ok("chat send", time.perf_counter() - stats.chat_sent[cid])
                        elif kind == "message" and not cid.startswith(me + ":"):
                            stats.chat_received[cid] += 1
                except websockets.ConnectionClosed as exc:
                    stats.error("ws connect", f"{me}: closed by the server: {exc}")
                    return
                if not hang_up.is_set():
                    stats.error("ws connect", f"{me}: closed by the server before the end")

            read_task = asyncio.create_task(reader())
            await go.wait()
            pause = p.rng.uniform(0, interval)
            n = 0
            while time.perf_counter() + pause < clock[0]:
                await asyncio.sleep(pause)
                cid = f"{me}:{n}"
                stats.chat_sent[cid] = time.perf_counter()
                await ws.send(json.dumps({"type": "message", "client_id": cid, "text": f"hi {n}"}))
                n += 1
                pause = interval * p.rng.uniform(0.8, 1.2)
            stats.chat_done += 1
            await hang_up.wait()
            read_task.cancel()
            for cid in (f"{me}:{i}" for i in range(n)):
                if cid not in stats.chat_acked:
                    stats.error("chat send", f"no ack for {cid}")
    except (TimeoutError, OSError, websockets.WebSocketException) as exc:
        ready.set()
        stats.chat_done += 1
        stats.error("ws connect", repr(exc))


@dataclass(frozen=True)
class Plan:
    ports: list[int]
    seconds: float
    think: float  # mean seconds between one person's requests
    chat_interval: float


async def run_baseline(people: list[SimUser], plan: Plan, seconds: float) -> Stats:
    """The same people and pace, every request a static file: daphne's floor in this run."""
    stats = Stats()
    persons = _persons(people, plan, stats)
    until = time.perf_counter() + seconds
    start = time.perf_counter()
    await asyncio.gather(*(browse(p, [(static_file, 1)], plan.think, until) for p in persons))
    stats.elapsed = time.perf_counter() - start
    _close(persons)
    return stats


async def run_load(people: list[SimUser], plan: Plan) -> Stats:
    stats = Stats()
    persons = _persons(people, plan, stats)
    go, hang_up = asyncio.Event(), asyncio.Event()
    clock = [0.0]
    chats = []
    readies = []
    for p in persons:
        if p.user.conversation_id is None:
            continue
        ready = asyncio.Event()
        readies.append(ready)
        # The two members of a conversation sit on different daphnes: messages cross Redis.
        side = p.user.conversation_id + (p.user.role == "mentor")
        port = plan.ports[side % len(plan.ports)]
        chats.append(
            asyncio.create_task(chat(p, port, plan.chat_interval, clock, ready, go, hang_up))
        )
    await asyncio.wait_for(asyncio.gather(*(r.wait() for r in readies)), timeout=120)
    start = time.perf_counter()
    until = clock[0] = start + plan.seconds
    go.set()
    await asyncio.gather(
        *(
            browse(p, WOMAN_MIX if p.user.role != "mentor" else MENTOR_MIX, plan.think, until)
            for p in persons
        )
    )
    stats.elapsed = time.perf_counter() - start
    drain_until = time.perf_counter() + CHAT_DRAIN_SECONDS
    while time.perf_counter() < drain_until and not _chat_settled(stats, len(chats)):
        await asyncio.sleep(0.1)
    hang_up.set()
    await asyncio.gather(*chats)
    _close(persons)
    return stats


def _chat_settled(stats: Stats, chats: int) -> bool:
    return stats.chat_done == chats and all(
        c in stats.chat_acked and stats.chat_received[c] for c in stats.chat_sent
    )


def _persons(people: list[SimUser], plan: Plan, stats: Stats) -> list[Person]:
    return [
        Person(u, Http(plan.ports[i % len(plan.ports)]), stats, random.Random(u.name))
        for i, u in enumerate(people)
    ]


def _close(persons: list[Person]) -> None:
    for p in persons:
        p.http.close()
