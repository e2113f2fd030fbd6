"""Counts a start-up programme sees about its financing schemes: how many matched entrepreneurs
saved or asked about each. Counts only, never who: the programme has no right to her identity
until she contacts it herself.
"""

from collections.abc import Iterable
from typing import Any

from django.db.models import Count

from backend.accounts.models import OrganisationKind, User
from backend.catalog.models import FinancingScheme
from matching.models import Match

# Match statuses that mean "she saved it" and "she asked about it" (requested, then accepted).
SAVED_STATUSES = frozenset({"saved"})
ASKED_STATUSES = frozenset({"requested", "accepted"})
FINANCING_KIND = "financing"


def _match_rows(scheme_ids: list[int]) -> Iterable[tuple[int, str, int]]:
    """(object_id, status, count) from matching's Match table."""
    return (
        Match.objects.filter(
            kind=FINANCING_KIND,
            object_id__in=scheme_ids,
            status__in=SAVED_STATUSES | ASKED_STATUSES,
        )
        .values_list("object_id", "status")
        .annotate(n=Count("id"))
        .order_by()
    )


def tally(scheme_ids: list[int], rows: Iterable[tuple[int, str, int]]) -> dict[int, dict[str, int]]:
    totals = {pk: {"saved": 0, "asked": 0} for pk in scheme_ids}
    for object_id, status, n in rows:
        if object_id not in totals:
            continue
        if status in SAVED_STATUSES:
            totals[object_id]["saved"] += n
        elif status in ASKED_STATUSES:
            totals[object_id]["asked"] += n
    return totals


def financing_interest_counts(
    *, user: User, organisation_id: int | None = None
) -> list[dict[str, Any]]:
    """Per financing scheme of the programmes she belongs to (staff: all), the two counts."""
    schemes = FinancingScheme.objects.select_related("organisation").order_by("id")
    if not (user.is_authenticated and user.is_staff_member):
        schemes = schemes.filter(
            organisation__memberships__user=user,
            organisation__kind=OrganisationKind.PROGRAMME,
        )
    if organisation_id is not None:
        schemes = schemes.filter(organisation_id=organisation_id)
    scheme_list = list(schemes)
    ids = [s.pk for s in scheme_list]
    totals = tally(ids, _match_rows(ids)) if ids else {}
    return [
        {
            "scheme_id": s.pk,
            "title": s.title,
            "organisation_id": s.organisation_id,
            "published": s.published,
            "saved": totals[s.pk]["saved"],
            "asked": totals[s.pk]["asked"],
        }
        for s in scheme_list
    ]


def interest_for_catalog(*, user: User, **_signal: object) -> list[dict[str, Any]]:
    """Answers catalog's `financing_interest` signal for the programme dashboard."""
    return financing_interest_counts(user=user)
