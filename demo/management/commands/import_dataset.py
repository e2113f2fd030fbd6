from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from demo.dataset_import import DatasetError, dataset_import


class Command(BaseCommand):
    help = "Import profiles and opportunities from a dataset folder (docs/dataset-format.md); idempotent."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", type=Path)
        parser.add_argument(
            "--no-matching", action="store_true", help="do not recompute matches after importing"
        )

    def handle(self, *args: object, directory: Path, no_matching: bool, **options: object) -> None:
        try:
            report = dataset_import(directory=directory)
        except DatasetError as exc:
            raise CommandError(f"Nothing imported. {exc}") from exc
        for kind in sorted(set(report.created) | set(report.updated)):
            self.stdout.write(
                f"{kind}: {report.created[kind]} created, {report.updated[kind]} updated"
            )
        if not no_matching:
            from matching.services import match_rebuild_all

            match_rebuild_all()
            self.stdout.write("Matches recomputed.")
