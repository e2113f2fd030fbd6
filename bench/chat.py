"""Live chat benchmark: Pathways (daphne + Redis channel layer + PostgreSQL) against a bare
`websockets` relay on the same machine, in the same run.

    createdb -h 127.0.0.1 -U postgres pathways_bench   # once
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/pathways_bench REDIS_URL=redis://127.0.0.1:6379/4 \\
        .venv/bin/python bench/chat.py --members 50 200 500 --seconds 10 --rate 1

N members (N/2 mentee-mentor pairs, each pair in its own conversation; the two members of a pair on
different daphne processes, so every message crosses Redis) each send `--rate` messages a second for
`--seconds`. Printed per N: delivered messages/s (over the time delivery took: a step past capacity
delivers late and slower), delivery latency p50/p99 (send -> the partner's frame, one clock, one
process), lost (not delivered 30 s after the last send), duplicated, error frames and sockets the
server closed (all must be 0), and Pathways' delivered rate as a ratio of the bare relay's. Goal:
p99 < 100 ms at 200 members, ratio >= 0.3. Exits 1 if anything was lost, doubled or refused, and
then keeps the daphne logs.

Bounded: at most 500 members and 60 seconds per step; binds and connects to 127.0.0.1 only. The bench
migrates the database it is given, creates its own users, tokens and conversations (emails
bench-<run>-...@example.invalid), starts its own daphne processes with the chat rate limit raised
(CHAT_RATE_LIMIT) and deletes everything it made at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAX_MEMBERS = 500
MAX_SECONDS = 60
# After the last send, wait until every message is delivered, at most this long: a message still
# missing then is lost. Late ones are counted with their latency, not as lost.
DRAIN_SECONDS = 30.0


# --- the bare relay (upper limit) ----------------------------------------------------------------


async def _relay_main(port: int) -> None:
    """Pairs by path /pair/<n>/<side>/: ack the sender, forward to the partner. Nothing else."""
    import websockets

    peers: dict[tuple[str, str], object] = {}
    counter = 0

    async def handler(ws) -> None:  # type: ignore[no-untyped-def]
        nonlocal counter
        _, _, pair, side, *_ = ws.request.path.split("/")
        peers[(pair, side)] = ws
        other = "b" if side == "a" else "a"
        try:
            async for raw in ws:
                frame = json.loads(raw)
                counter += 1
                await ws.send(
                    json.dumps({"type": "ack", "client_id": frame["client_id"], "id": counter})
                )
                partner = peers.get((pair, other))
                if partner is not None:
                    await partner.send(  # type: ignore[attr-defined]
                        json.dumps({"type": "message", "id": counter, "sender": side, **frame})
                    )
        finally:
            peers.pop((pair, side), None)

    async with websockets.serve(handler, "127.0.0.1", port, max_queue=None):
        await asyncio.Future()


# --- set-up and clean-up through Django ---------------------------------------------------------


def _django() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "backend.settings")
    import django

    django.setup()


def setup_pairs(run: str, pairs: int) -> list[tuple[int, str, str]]:
    """(conversation id, mentee token, mentor token) for each pair, written in bulk."""
    from django.core.management import call_command
    from django.db import connection
    from rest_framework.authtoken.models import Token

    from backend.accounts.models import Role, User
    from backend.profiles.models import MentorProfile, Profile
    from mentoring.models import Conversation, ConversationMember, Mentorship, MentorshipStatus

    call_command("migrate", verbosity=0)
    users = User.objects.bulk_create(
        [
            User(email=f"bench-{run}-{side}{i}@example.invalid", role=role, password="!")  # noqa: S106 - unusable
            for i in range(pairs)
            for side, role in (("w", Role.JOBSEEKER), ("m", Role.MENTOR))
        ]
    )
    mentees, mentors = users[0::2], users[1::2]
    Profile.objects.bulk_create([Profile(user=u) for u in mentees])
    profiles = MentorProfile.objects.bulk_create(
        [MentorProfile(user=u, capacity=1) for u in mentors]
    )
    mentorships = Mentorship.objects.bulk_create(
        [
            Mentorship(mentee=w, mentor=p, status=MentorshipStatus.ACCEPTED)
            for w, p in zip(mentees, profiles, strict=True)
        ]
    )
    conversations = Conversation.objects.bulk_create(
        [Conversation(mentorship=m) for m in mentorships]
    )
    ConversationMember.objects.bulk_create(
        [
            ConversationMember(conversation=c, user=u)
            for c, w, m in zip(conversations, mentees, mentors, strict=True)
            for u in (w, m)
        ]
    )
    tokens = Token.objects.bulk_create([Token(user=u, key=Token.generate_key()) for u in users])
    connection.close()
    return [(c.pk, tokens[2 * i].key, tokens[2 * i + 1].key) for i, c in enumerate(conversations)]


def cleanup(run: str) -> None:
    from django.db import connection

    from backend.accounts.models import User

    User.objects.filter(email__startswith=f"bench-{run}-").delete()
    connection.close()


# --- servers -------------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_port(port: int, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server on port {port} exited with {process.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"server on port {port} did not start in {timeout} s")


CHAT_BENCH_ENV = {
    "DJANGO_SETTINGS_MODULE": "backend.settings",
    "CHAT_RATE_LIMIT": "1000000",
    "CELERY_TASK_ALWAYS_EAGER": "true",
    "SECURE_SSL_REDIRECT": "false",
    "LOG_LEVEL": "WARNING",
}


def start_daphnes(
    count: int, logs: Path, env: dict[str, str]
) -> tuple[list[subprocess.Popen], list[int]]:
    """`count` daphnes on free ports, up and listening; their output goes to files in `logs`."""
    ports = [_free_port() for _ in range(count)]
    processes = []
    for port in ports:
        command = [sys.executable, "-m", "daphne", "-b", "127.0.0.1", "-p", str(port),
                   "backend.asgi:application"]  # fmt: skip
        with (logs / f"daphne-{port}.log").open("w") as log:
            processes.append(
                subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
            )
    try:
        for port, process in zip(ports, processes, strict=True):
            _wait_port(port, process)
    except RuntimeError:
        stop(processes)
        raise
    return processes, ports


def start_relay() -> tuple[subprocess.Popen, int]:
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, __file__, "--relay", str(port)], stdout=subprocess.DEVNULL
    )
    _wait_port(port, process)
    return process, port


def stop(processes: list[subprocess.Popen]) -> None:
    for process in processes:
        process.send_signal(signal.SIGTERM)
    for process in processes:
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


# --- the load ------------------------------------------------------------------------------------


@dataclass
class Tally:
    sent_at: dict[str, float] = field(default_factory=dict)
    acked: set[str] = field(default_factory=set)
    received: dict[str, int] = field(default_factory=dict)
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    closed: int = 0
    last_delivery: float = 0.0
    members: int = 0
    done_sending: int = 0

    def all_delivered(self) -> bool:
        # One latency per first delivery of a message sent in this step: counting is enough
        # (every member polls this ten times a second while draining).
        return len(self.latencies) >= len(self.sent_at)


async def run_load(
    urls: list[tuple[str, str, str]], rate: float, seconds: float
) -> dict[str, float]:
    """urls: (url, origin, member name) per member. Returns the step's figures."""
    tally = Tally(members=len(urls))
    go = asyncio.Event()
    readies = [asyncio.Event() for _ in urls]
    start_box: list[float] = [0.0]
    tasks = []
    for (url, origin, me), ready in zip(urls, readies, strict=True):
        tasks.append(
            asyncio.create_task(
                _member_wrapper(url, origin, me, rate, seconds, start_box, tally, ready, go)
            )
        )
        if len(tasks) % 50 == 0:
            await asyncio.gather(*(r.wait() for r in readies[: len(tasks)]))
    await asyncio.wait_for(asyncio.gather(*(r.wait() for r in readies)), timeout=120)
    start_box[0] = time.perf_counter()
    go.set()
    await asyncio.gather(*tasks)
    # Over the time it took to deliver them: an overloaded step delivers late, and slower.
    elapsed = max(seconds, tally.last_delivery - start_box[0])
    sent = len(tally.sent_at)
    delivered = sum(1 for c in tally.sent_at if tally.received.get(c))
    duplicated = sum(n - 1 for n in tally.received.values() if n > 1)
    lat = sorted(tally.latencies) or [float("nan")]
    return {
        "sent": sent,
        "acked": len(tally.acked),
        "delivered_per_s": delivered / elapsed,
        "p50_ms": statistics.median(lat) * 1000,
        "p99_ms": lat[min(len(lat) - 1, int(len(lat) * 0.99))] * 1000,
        "lost": sent - delivered,
        "duplicated": duplicated,
        "errors": tally.errors,
        "closed": tally.closed,
    }


async def _member_wrapper(url: str, origin: str, me: str, rate: float, seconds: float,
                          start_box: list[float], tally: Tally, ready: asyncio.Event,
                          go: asyncio.Event) -> None:  # fmt: skip
    # The start time is known only once everyone is connected; read it after `go`.
    async def started() -> float:
        await go.wait()
        return start_box[0]

    import websockets

    async with websockets.connect(url, origin=origin, max_queue=None, open_timeout=60) as ws:
        ready.set()
        start = await started()

        async def reader() -> None:
            try:
                await read_frames()
            except websockets.ConnectionClosed:
                tally.closed += 1  # the server closed it: counted, and its messages show as lost

        async def read_frames() -> None:
            async for raw in ws:
                frame = json.loads(raw)
                kind = frame["type"]
                if kind == "ack":
                    tally.acked.add(frame["client_id"])
                elif kind == "message" and not str(frame["client_id"]).startswith(me + ":"):
                    cid = frame["client_id"]
                    tally.received[cid] = tally.received.get(cid, 0) + 1
                    if tally.received[cid] == 1 and cid in tally.sent_at:
                        tally.latencies.append(time.perf_counter() - tally.sent_at[cid])
                        tally.last_delivery = time.perf_counter()
                elif kind == "error":
                    tally.errors += 1

        read_task = asyncio.create_task(reader())
        interval = 1.0 / rate
        offset = (uuid.uuid5(uuid.NAMESPACE_DNS, me).int % 1000) / 1000 * interval
        n = 0
        while True:
            due = start + offset + n * interval
            if due - start >= seconds:
                break
            await asyncio.sleep(max(0.0, due - time.perf_counter()))
            cid = f"{me}:{n}"
            tally.sent_at[cid] = time.perf_counter()
            try:
                await ws.send(
                    json.dumps({"type": "message", "client_id": cid, "text": f"hello {n}"})
                )
            except websockets.ConnectionClosed:
                break
            n += 1
        tally.done_sending += 1
        drain_until = time.perf_counter() + DRAIN_SECONDS
        # Everyone keeps reading until every member has sent her last message and all arrived.
        while time.perf_counter() < drain_until and not (
            tally.done_sending == tally.members and tally.all_delivered()
        ):
            await asyncio.sleep(0.1)
        read_task.cancel()


def _print(label: str, members: int, r: dict[str, float], ratio: float | None = None) -> None:
    extra = f"  ratio {ratio:.2f}" if ratio is not None else ""
    print(
        f"{label:9} N={members:<4} sent {int(r['sent']):6}  delivered {r['delivered_per_s']:8.1f} msg/s"
        f"  p50 {r['p50_ms']:7.1f} ms  p99 {r['p99_ms']:7.1f} ms  lost {int(r['lost'])}"
        f"  dup {int(r['duplicated'])}  errors {int(r['errors'])}  closed {int(r['closed'])}{extra}",
        flush=True,
    )


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--members", type=int, nargs="+", default=[50, 200, 500])
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--rate", type=float, default=1.0, help="messages per second per member")
    parser.add_argument("--daphnes", type=int, default=2)
    parser.add_argument("--relay", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.relay:
        asyncio.run(_relay_main(args.relay))
        return 0
    if not os.environ.get("DATABASE_URL") or not os.environ.get("REDIS_URL"):
        print("set DATABASE_URL (PostgreSQL) and REDIS_URL: see the docstring", file=sys.stderr)
        return 2
    if any(m > MAX_MEMBERS or m < 2 for m in args.members) or not 0 < args.seconds <= MAX_SECONDS:
        print(f"members must be 2..{MAX_MEMBERS}, seconds 0..{MAX_SECONDS}", file=sys.stderr)
        return 2
    if not 0 < args.rate <= 20:
        print("rate must be in (0, 20] messages per second", file=sys.stderr)
        return 2

    _django()
    run = uuid.uuid4().hex[:8]
    processes: list[subprocess.Popen] = []
    logs = Path(tempfile.mkdtemp(prefix="chat-bench-logs-"))
    failed = False
    try:
        pairs = setup_pairs(run, max(args.members) // 2)
        daphnes, ports = start_daphnes(args.daphnes, logs, {**os.environ, **CHAT_BENCH_ENV})
        relay, relay_port = start_relay()
        processes = [*daphnes, relay]
        print(
            f"# {args.daphnes} daphne + Redis + PostgreSQL vs bare websockets relay; "
            f"{args.rate} msg/s per member for {args.seconds:g} s",
            flush=True,
        )
        for members in args.members:
            used = pairs[: members // 2]
            pathways_urls = []
            relay_urls = []
            for i, (conversation_id, mentee_token, mentor_token) in enumerate(used):
                for side, token in (("a", mentee_token), ("b", mentor_token)):
                    port = ports[(i + (side == "b")) % len(ports)]
                    pathways_urls.append(
                        (
                            f"ws://127.0.0.1:{port}/ws/conversations/{conversation_id}/?token={token}",
                            f"http://127.0.0.1:{port}",
                            f"{run}{members}{side}{i}",
                        )
                    )
                    relay_urls.append(
                        (
                            f"ws://127.0.0.1:{relay_port}/pair/{members}-{i}/{side}/",
                            f"http://127.0.0.1:{relay_port}",
                            f"{run}{members}{side}{i}",
                        )
                    )
            baseline = asyncio.run(run_load(relay_urls, args.rate, args.seconds))
            _print("bare", members, baseline)
            result = asyncio.run(run_load(pathways_urls, args.rate, args.seconds))
            ratio = result["delivered_per_s"] / baseline["delivered_per_s"]
            _print("pathways", members, result, ratio)
            failed |= any(result[k] for k in ("lost", "duplicated", "errors", "closed"))
    finally:
        stop(processes)
        cleanup(run)
    if failed:
        print(f"FAILED: messages lost, doubled or refused; daphne logs in {logs}", file=sys.stderr)
        return 1
    shutil.rmtree(logs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
