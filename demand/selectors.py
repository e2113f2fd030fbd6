"""Reads for the women's voice. Nothing here returns a member, an author or a profile id."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, OuterRef, QuerySet

from backend.accounts.models import WOMEN_ROLES, OrganisationKind
from backend.accounts.selectors import organisations_of
from demand import wording
from demand.models import Ask, AskStatus, AskVote, DemandGroup, DemandRun
from demand.services import min_group_size
from events.permissions import is_staff_user
from matching.engine.types import KINDS

# Organisations whose verified members see demand: programmes can create the missing offer,
# city partners fund or host it. Anyone can sign up as a programme, so the role says nothing:
# staff verifying the organisation is what opens the page.
DEMAND_VIEWER_KINDS = (OrganisationKind.PROGRAMME, OrganisationKind.CITY_PARTNER)


def can_see_demand(user: Any) -> bool:
    """Staff, and members of a verified programme or city partner organisation."""
    if not user.is_authenticated:
        return False
    if is_staff_user(user):
        return True
    return organisations_of(user=user).filter(kind__in=DEMAND_VIEWER_KINDS, verified=True).exists()


def can_ask(user: Any) -> bool:
    return bool(user.is_authenticated and user.role in WOMEN_ROLES)


@dataclass
class DemandView:
    run: DemandRun | None
    groups: list[DemandGroup] = field(default_factory=list)
    # Groups too small to show: a count, never their labels or facts.
    suppressed: int = 0


def demand_groups(*, kind: str | None = None) -> DemandView:
    """The latest run's groups with at least the minimum size, largest first.

    ValueError for a kind that is not one of matching's kinds.
    """
    if kind is not None and kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}")
    run = DemandRun.objects.order_by("-pk").first()
    if run is None:
        return DemandView(run=None)
    rows = DemandGroup.objects.filter(run=run).defer("centroid")
    if kind:
        rows = rows.filter(kind=kind)
    threshold = min_group_size()
    shown = list(rows.filter(size__gte=threshold).order_by("-size", "kind", "pk"))
    return DemandView(run=run, groups=shown, suppressed=rows.filter(size__lt=threshold).count())


def group_row(group: DemandGroup) -> dict[str, Any]:
    """The exported fields of a shown group (aggregates only), worded in the active language."""
    least = min_group_size()
    return {
        "kind": group.kind,
        "size": group.size,
        "label": group.label,
        "description": wording.group_sentence(group),
        "place": group.place,
        "languages": list(group.languages),
        "level": group.level,
        "nearest_offer": group.nearest_title,
        "nearest_offer_kind": group.nearest_kind,
        "nearest_offer_id": group.nearest_object_id,
        "why_it_does_not_fit": wording.why_texts(group.nearest_why),
        # An earlier run where the group was small is a small cell too: its size is not shown.
        "history": [
            {"at": h["at"], "size": h["size"] if h["size"] >= least else f"<{least}"}
            for h in group.history
        ],
    }


def asks_approved(*, viewer: Any = None) -> QuerySet[Ask]:
    """Approved asks with their vote count (and whether the viewer voted), most votes first."""
    rows = Ask.objects.filter(status=AskStatus.APPROVED).annotate(vote_count=Count("votes"))
    if viewer is not None and viewer.is_authenticated:
        rows = rows.annotate(
            voted=Exists(AskVote.objects.filter(ask=OuterRef("pk"), voter=viewer.pk))
        )
    return rows.order_by("-vote_count", "-created_at", "pk").only("pk", "text", "author_id")


def ask_row(ask: Ask, *, viewer: Any = None) -> dict[str, Any]:
    row: dict[str, Any] = {"id": ask.pk, "text": ask.text, "votes": ask.vote_count}
    if viewer is not None and can_ask(viewer):
        row["voted"] = bool(getattr(ask, "voted", False))
        row["can_vote"] = ask.author_id != viewer.pk and not row["voted"]
    return row


def sparkline(history: list[dict[str, Any]], *, width: int = 120, height: int = 24) -> str:
    """SVG polyline points for a group's sizes over runs (empty with fewer than two runs)."""
    sizes = [h["size"] if isinstance(h["size"], int) else 0 for h in history]
    if len(sizes) < 2:
        return ""
    top = max(sizes) or 1
    step = width / (len(sizes) - 1)
    return " ".join(
        f"{i * step:.1f},{height - 2 - (s / top) * (height - 4):.1f}" for i, s in enumerate(sizes)
    )
