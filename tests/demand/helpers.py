"""Demand rows made directly (no engine): what the pages and exports read."""

import numpy as np

from demand.models import DemandGroup, DemandMembership, DemandRun
from tests.factories import ProfileFactory


def make_group(run: DemandRun, *, size: int, label: str, place: str = "Athens") -> DemandGroup:
    group = DemandGroup.objects.create(
        run=run,
        kind="training",
        size=size,
        label=label,
        description=f"{size} women in {place}, Arabic, beginners, want training in {label}",
        place=place,
        languages=["ar"],
        level="beginner",
        nearest_kind="training",
        nearest_object_id=1,
        nearest_title="Advanced analytics",
        nearest_why=[{"code": "demand_language", "params": {"languages": ["el"]}}],
        centroid=np.ones(4, dtype="<f4").tobytes(),
        history=[
            {"at": "2026-11-24T02:00:00+00:00", "size": 3},
            {"at": "2026-11-25T02:00:00+00:00", "size": size},
        ],
    )
    for i in range(size):
        profile = ProfileFactory(user__display_name=f"Zelmira Hidden{group.pk}x{i}")
        DemandMembership.objects.create(group=group, profile=profile)
    return group


def make_run() -> tuple[DemandRun, DemandGroup, DemandGroup]:
    """One group of 7 (shown) and one of 4 (suppressed)."""
    run = DemandRun.objects.create(weak_counts={"training": 11})
    big = make_group(run, size=7, label="data analysis, excel")
    small = make_group(run, size=4, label="welding robotics", place="Patras")
    return run, big, small
