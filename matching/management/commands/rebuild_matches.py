"""Recompute every woman's matches (after a model or weights change, or a bulk import)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from tqdm import tqdm

from matching import services, tasks
from matching.engine.types import KINDS


class Command(BaseCommand):
    help = "Recompute all matches, in batches of profiles, with a progress bar."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--kind", choices=KINDS, action="append", help="only these kinds")
        parser.add_argument("--batch-size", type=int, default=100)
        parser.add_argument(
            "--async",
            dest="enqueue",
            action="store_true",
            help="enqueue one Celery task per profile instead of computing here",
        )

    def handle(
        self, *args: Any, kind: list[str] | None, batch_size: int, enqueue: bool, **options: Any
    ) -> None:
        kinds = kind or list(KINDS)
        ids = services.women_profile_ids()
        size = max(1, batch_size)
        with tqdm(total=len(ids), unit="profile", disable=options["verbosity"] == 0) as bar:
            if not enqueue:
                services.match_rebuild_all(kinds=kinds, batch_size=size, on_batch=bar.update)
            else:
                for profile_id in ids:
                    tasks.recompute_profile_matches.delay(profile_id, kinds)
                    bar.update(1)
        verb = "Enqueued" if enqueue else "Recomputed"
        self.stdout.write(self.style.SUCCESS(f"{verb} matches for {len(ids)} profiles."))
