"""Refit the scorer's weights from the development set plus feedback women gave on the platform.

Feedback grades: accepted 3, requested 2, saved 2, dismissed 0. Every development pair counts
(unlisted = 0, as the dataset defines); of the platform's pairs only those with feedback count,
since silence is not a "no".
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from matching import adapters, ranking
from matching.engine.dataset import DEV_SET
from matching.engine.types import KINDS
from matching.models import Match, MatchStatus

GRADES = {
    MatchStatus.ACCEPTED: 3,
    MatchStatus.REQUESTED: 2,
    MatchStatus.SAVED: 2,
    MatchStatus.DISMISSED: 0,
}


def default_dataset() -> Path:
    configured = getattr(settings, "MATCHING_DEV_SET", None)
    return Path(configured) if configured else DEV_SET


class Command(BaseCommand):
    help = "Refit matching weights from the development set and platform feedback."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dataset", type=Path, default=None, help="evaluation-format folder")
        parser.add_argument(
            "--out", type=Path, default=None, help="where to write weights (default: in use)"
        )
        parser.add_argument("--no-feedback", action="store_true", help="development set only")
        parser.add_argument("--C", type=float, default=1.0, help="inverse regularisation strength")

    def handle(self, *args: Any, **options: Any) -> None:
        from matching.engine.dataset import load_dataset
        from matching.engine.fit import fit_scorer
        from matching.engine.scoring import WEIGHTS_PATH

        dataset_dir = options["dataset"] or default_dataset()
        if not dataset_dir.is_dir():
            raise CommandError(f"no dataset folder at {dataset_dir} (use --dataset)")
        try:
            dataset = load_dataset(dataset_dir)
        except ValueError as exc:
            raise CommandError(f"cannot read {dataset_dir}: {exc}") from exc
        # Every development pair is labelled: listed grades, 0 otherwise.
        grades = {
            p.id: {o.id: dataset.qrels.get(p.id, {}).get(o.id, 0) for o in dataset.opportunities}
            for p in dataset.profiles
        }
        profiles, opportunities = list(dataset.profiles), list(dataset.opportunities)
        feedback = (
            0 if options["no_feedback"] else self._add_feedback(profiles, opportunities, grades)
        )

        encoder = ranking.encoder()
        scorer = fit_scorer(
            encoder,
            profiles,
            opportunities,
            grades,
            C=options["C"],
            labelled_only=True,
            meta={"source": f"{dataset_dir.name}+feedback", "feedback": feedback},
        )
        out = options["out"] or Path(ranking.weights_path() or WEIGHTS_PATH)
        scorer.save(out)
        ranking.set_engine(None)  # this process ranks with the new weights from now on
        for group in scorer.groups:
            weights = {
                f: round(float(c), 3) for f, c in zip(group.features, group.coef, strict=True) if c
            }
            self.stdout.write(f"{'/'.join(group.kinds)}: {weights}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Fitted on {len(dataset.profiles)} development profiles and {feedback} "
                f"feedback pairs; wrote {out}. Restart workers to use it."
            )
        )

    def _add_feedback(
        self, profiles: list[Any], opportunities: list[Any], grades: dict[str, dict[str, int]]
    ) -> int:
        """Append platform women and opportunities with feedback; ids prefixed to stay apart."""
        decided = Match.objects.filter(status__in=list(GRADES)).select_related("profile__user")
        by_profile: dict[int, list[Match]] = {}
        for match in decided:
            by_profile.setdefault(match.profile_id, []).append(match)
        if not by_profile:
            return 0
        wanted: dict[str, set[int]] = {kind: set() for kind in KINDS}
        for matches in by_profile.values():
            for match in matches:
                wanted[match.kind].add(match.object_id)
        known: set[str] = set()
        for kind, ids in wanted.items():
            for opportunity in adapters.opportunities_of(kind, ids=ids):
                opportunities.append(_prefixed(opportunity))
                known.add(opportunity.id)
        count = 0
        for matches in by_profile.values():
            data = adapters.profile_to_data(matches[0].profile)
            labelled = {
                f"platform/{m.opportunity_id}": GRADES[m.status]
                for m in matches
                if m.opportunity_id in known
            }
            if labelled:
                profiles.append(_prefixed(data))
                grades[f"platform/{data.id}"] = labelled
                count += len(labelled)
        return count


def _prefixed(item: Any) -> Any:
    from dataclasses import replace

    return replace(item, id=f"platform/{item.id}")
