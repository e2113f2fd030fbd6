from typing import Any

from django.core.management.base import BaseCommand
from tqdm import tqdm

from backend.voice import services
from matching.engine.types import KINDS


class Command(BaseCommand):
    help = "Group the women whose best match is weak, per kind, and store a new demand run."

    def handle(self, *args: Any, **options: Any) -> None:
        with tqdm(total=len(KINDS), desc="demand", unit="kind", file=self.stderr) as bar:
            run = services.demand_recompute(progress=lambda _kind: bar.update(1))
        self.stdout.write(f"demand run {run.pk}: weak per kind {run.weak_counts}")
