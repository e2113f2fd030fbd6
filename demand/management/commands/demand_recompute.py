from typing import Any

from django.core.management.base import BaseCommand
from tqdm import tqdm

from demand import services


class Command(BaseCommand):
    help = "Group the women whose best match is weak, per kind, and store a new demand run."

    def handle(self, *args: Any, **options: Any) -> None:
        # One step per weak profile encoded (per kind), plus storing the run.
        with tqdm(
            total=1,
            desc="demand",
            unit="profile",
            file=self.stderr,
            disable=options["verbosity"] < 1,
        ) as bar:

            def progress(done: int, total: int) -> None:
                bar.total = total
                bar.update(done - bar.n)

            run = services.demand_recompute(progress=progress)
        self.stdout.write(f"demand run {run.pk}: weak per kind {run.weak_counts}")
