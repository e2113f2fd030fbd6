"""Recompute every woman's matches (after a model or weights change, or a bulk import)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from tqdm import tqdm

from backend.accounts.models import WOMEN_ROLES
from backend.profiles.models import Profile
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
        ids = list(
            Profile.objects.filter(user__role__in=sorted(WOMEN_ROLES), user__is_active=True)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        size = max(1, batch_size)
        with tqdm(total=len(ids), unit="profile", disable=options["verbosity"] == 0) as bar:
            for start in range(0, len(ids), size):
                batch = ids[start : start + size]
                if enqueue:
                    for profile_id in batch:
                        tasks.recompute_profile_matches.delay(profile_id, kinds)
                else:
                    services.match_recompute_for_profiles(profile_ids=batch, kinds=kinds)
                bar.update(len(batch))
        verb = "Enqueued" if enqueue else "Recomputed"
        self.stdout.write(self.style.SUCCESS(f"{verb} matches for {len(ids)} profiles."))
