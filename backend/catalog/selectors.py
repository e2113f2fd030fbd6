from django.db.models import Q, QuerySet

from backend.accounts.models import User
from backend.catalog.models import FinancingScheme, Training


def _visible(qs: QuerySet, user: User) -> QuerySet:
    """Published items for everyone; drafts only for members of the owning organisation."""
    if user.is_authenticated:
        return qs.filter(Q(published=True) | Q(organisation__memberships__user=user)).distinct()
    return qs.filter(published=True)


def trainings_visible(*, user: User) -> QuerySet[Training]:
    return _visible(Training.objects.select_related("organisation"), user)


def financing_visible(*, user: User) -> QuerySet[FinancingScheme]:
    return _visible(FinancingScheme.objects.select_related("organisation"), user)
