"""Load test: 200 people browsing matches, editing profiles and chatting, against the real stack.

    createdb -h 127.0.0.1 -U postgres pathways_bench   # once
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/pathways_bench REDIS_URL=redis://127.0.0.1:6379/4 \\
        .venv/bin/python bench/load.py --users 200 --seconds 30

Starts `--daphnes` daphne processes and one Celery worker (queues matching, default,
notifications; concurrency 1) on DATABASE_URL and REDIS_URL, seeds `--users` people (one in five
a mentor chatting with her mentee, the others job seekers; a catalogue of trainings and job roles;
every woman's matches computed once), then drives them from one asyncio process for `--seconds`:

- women browse their matches through the API and the web tabs, read their profile and now and
  then edit it (PATCH /api/profile/, which has the worker recompute her matches);
- mentors read their mentorships and conversations (API and web);
- every mentee and mentor holds a WebSocket to their conversation and sends a message every
  `--chat-interval` seconds; the partner must receive each one.

Each person waits `--think` seconds on average between requests. Printed per operation and
overall: requests/s, p50 and p95 latency, errors and error rate; the women's recomputes that the
worker finished; chat messages delivered and lost. The baseline is the same people at the same
pace fetching a static file for `--baseline-seconds` first: request rates and p95 are also given
as a ratio of it ("all http" is the like-for-like row: about 1.0 x rate means the stack kept the
pace the people set, as it does for a static file). Exits 1 if any request failed, any message
was lost or a recompute did not finish within `--drain` seconds.

The servers run the shipped settings (DJANGO_SETTINGS_MODULE passes through): on PostgreSQL a
connection pool per process, since under ASGI every request runs in a thread of its own (with
persistent connections they piled up to one per thread and PostgreSQL refused more). The DRF
throttles stay as shipped: a person makes a request every few seconds, far below them.

Bounded: at most 1,000 users and 300 seconds; binds and connects to 127.0.0.1 only. Everything it
creates (users `bench-<run>-...@example.invalid`, organisations `bench-<run> ...`) is deleted at
the end.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from _load_driver import Plan, Stats, run_baseline, run_load
from _load_seed import SimUser, load_cleanup, load_seed
from chat import ROOT, _django, start_daphnes, stop

MAX_USERS = 1000
MAX_SECONDS = 300
WORKER_QUEUES = "matching,default,notifications"


def _server_env() -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "backend.settings"),
        # A real worker: a profile edit is a task on Redis, not a recompute inside the request.
        "CELERY_TASK_ALWAYS_EAGER": "false",
        # No collectstatic here: whitenoise serves from the finders.
        "STATIC_MANIFEST": "false",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
        "LOG_LEVEL": "WARNING",
        "HF_HUB_OFFLINE": "1",
    }


def start_servers(daphnes: int, logs: Path) -> tuple[list[subprocess.Popen], list[int]]:
    """The daphnes, then the worker (last in the list); their output goes to files in `logs`."""
    env = _server_env()
    processes, ports = start_daphnes(daphnes, logs, env)
    worker = [sys.executable, "-m", "celery", "-A", "backend", "worker", "-Q", WORKER_QUEUES,
              "-c", "1", "--loglevel=INFO", "--without-gossip", "--without-mingle",
              "--without-heartbeat", "-n", f"load-{uuid.uuid4().hex[:8]}@%h"]  # fmt: skip
    # INFO for the worker only: its log lists every task it finished (counted below).
    worker_env = {**env, "LOG_LEVEL": "INFO"}
    with (logs / "worker.log").open("w") as log:
        processes.append(
            subprocess.Popen(worker, cwd=ROOT, env=worker_env, stdout=log, stderr=subprocess.STDOUT)
        )
    return processes, ports


def warm_worker(run: str, timeout: float = 180) -> float:
    """One recompute through the worker, so the load does not time the model loading."""
    from backend.profiles.models import Profile
    from matching import tasks

    start = time.perf_counter()
    mine = Profile.objects.filter(user__email__startswith=f"bench-{run}-")
    profile_id = mine.values_list("pk", flat=True)[0]
    tasks.recompute_profile_matches.delay(profile_id).get(timeout=timeout)
    return time.perf_counter() - start


def wait_recomputes(run: str, people: list[SimUser], edited: set[str], drain: float) -> dict:
    """Wait until the matches of every woman who edited reflect her last edit."""
    from django.db import connection
    from django.db.models import F

    from matching.models import MatchState

    emails = [f"{p.name}@example.invalid" for p in people if p.name in edited]
    states = MatchState.objects.filter(profile__user__email__in=emails)
    start = time.perf_counter()
    behind = len(emails)
    while True:
        behind = len(emails) - states.filter(computed__gte=F("requested")).count()
        if behind == 0 or time.perf_counter() - start > drain:
            break
        time.sleep(0.5)
    connection.close()
    return {"edited": len(emails), "behind": behind, "drain_s": time.perf_counter() - start}


def recomputes_run(worker_log: Path) -> int:
    """Recompute tasks the worker finished, from its log (the warm-up one included)."""
    pattern = re.compile(r"Task matching\.tasks\.recompute_profile_matches\[[^]]+\] succeeded")
    return len(pattern.findall(worker_log.read_text(errors="replace")))


def _row(kind: str, f: dict[str, float], base: dict[str, float] | None) -> str:
    ratio = ""
    if base is not None:
        ratio = (
            f"  x{f['per_s'] / base['per_s']:5.2f} rate  x{f['p95_ms'] / base['p95_ms']:6.1f} p95"
        )
    return (
        f"{kind:20} {int(f['count']):7} {f['per_s']:8.1f}/s  p50 {f['p50_ms']:7.1f} ms"
        f"  p95 {f['p95_ms']:7.1f} ms  errors {int(f['errors'])} ({f['error_rate']:.2%}){ratio}"
    )


def report(baseline: Stats, load: Stats, recompute: dict, tasks_run: int) -> dict:
    base = baseline.summary(baseline.elapsed)["all"]
    figures = load.summary(load.elapsed)
    print(f"\nbaseline: static file, same people and pace, {baseline.elapsed:.1f} s")
    print(_row("static file", base, None))
    if baseline.samples:
        print("  baseline errors:", *baseline.samples, sep="\n    ")
    print(f"\nload: {load.elapsed:.1f} s (ratios against the static-file baseline)")
    for kind, f in figures.items():
        print(_row(kind, f, base))
    sent = len(load.chat_sent)
    delivered = sum(1 for c in load.chat_sent if load.chat_received[c])
    duplicated = sum(n - 1 for n in load.chat_received.values() if n > 1)
    print(f"chat: {sent} messages sent, {delivered} delivered, {sent - delivered} lost, "
          f"{duplicated} duplicated")  # fmt: skip
    print(
        f"recomputes: {recompute['edited']} women edited, {recompute['behind']} not recomputed "
        f"after their last edit {recompute['drain_s']:.1f} s after the load; "
        f"{tasks_run} recompute tasks run by the worker"
    )
    usage = resource.getrusage(resource.RUSAGE_SELF)
    print(f"driver CPU: {usage.ru_utime + usage.ru_stime:.1f} s (seeding included)")
    if load.samples or baseline.samples:
        print("first errors:", *(baseline.samples + load.samples), sep="\n  ")
    return {
        "baseline": base,
        "operations": figures,
        "chat": {
            "sent": sent,
            "delivered": delivered,
            "lost": sent - delivered,
            "duplicated": duplicated,
        },
        "recomputes": {**recompute, "tasks_run": tasks_run},
    }


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--baseline-seconds", type=float, default=10.0)
    parser.add_argument("--think", type=float, default=5.0, help="mean seconds between requests")
    parser.add_argument(
        "--chat-interval", type=float, default=10.0, help="seconds between messages"
    )
    parser.add_argument("--daphnes", type=int, default=2)
    parser.add_argument("--copies", type=int, default=5, help="cohorts of each demo training/role")
    parser.add_argument("--drain", type=float, default=60.0, help="max wait for recomputes")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL") or not os.environ.get("REDIS_URL"):
        print("set DATABASE_URL (PostgreSQL) and REDIS_URL: see the docstring", file=sys.stderr)
        return 2
    if not 5 <= args.users <= MAX_USERS or not 0 < args.seconds <= MAX_SECONDS:
        print(f"users must be 5..{MAX_USERS}, seconds 0..{MAX_SECONDS}", file=sys.stderr)
        return 2

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    _django()
    run = uuid.uuid4().hex[:8]
    processes: list[subprocess.Popen] = []
    people: list[SimUser] = []
    logs = Path(tempfile.mkdtemp(prefix="load-logs-"))
    try:
        start = time.perf_counter()
        people = load_seed(run, args.users, args.copies)
        chatters = sum(1 for p in people if p.conversation_id)
        print(f"# seeded {len(people)} people ({chatters} chatting) in "
              f"{time.perf_counter() - start:.1f} s", flush=True)  # fmt: skip
        processes, ports = start_servers(args.daphnes, logs)
        print(f"# {args.daphnes} daphne + 1 Celery worker (-c 1) + PostgreSQL + Redis; "
              f"worker warm after {warm_worker(run):.1f} s", flush=True)  # fmt: skip
        plan = Plan(ports, args.seconds, args.think, args.chat_interval)
        print(f"# {len(people)} people, think {args.think:g} s, a chat message every "
              f"{args.chat_interval:g} s, {args.seconds:g} s", flush=True)  # fmt: skip
        baseline = asyncio.run(run_baseline(people, plan, args.baseline_seconds))
        load = asyncio.run(run_load(people, plan))
        recompute = wait_recomputes(run, people, load.edited, args.drain)
        figures = report(baseline, load, recompute, recomputes_run(logs / "worker.log"))
    finally:
        stop(processes)
        load_cleanup(run, people)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))
    failed = (
        figures["operations"]["all"]["errors"]
        or figures["baseline"]["errors"]
        or figures["chat"]["lost"]
        or figures["recomputes"]["behind"]
    )
    if failed:
        print(f"FAILED: see the errors above and the servers' logs in {logs}", file=sys.stderr)
        return 1
    shutil.rmtree(logs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
