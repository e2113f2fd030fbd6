"""Nightly demand groups; a published offer answering a group. Thin: one service each."""

from celery import shared_task

from demand import services


@shared_task(name="demand.tasks.demand_recompute")
def demand_recompute() -> int:
    return services.demand_recompute().pk


@shared_task(name="demand.tasks.demand_answered")
def demand_answered(kind: str, object_id: int) -> int:
    # Idempotent: claim rows stop a second email however often this runs.
    return services.demand_answered(kind=kind, object_id=object_id)
