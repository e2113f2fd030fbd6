"""Reads for accounts and organisations, already limited to what the viewer may see."""

from django.db.models import QuerySet

from backend.accounts.models import Membership, Organisation, User


def organisations_of(*, user: User) -> QuerySet[Organisation]:
    return Organisation.objects.filter(memberships__user=user).order_by("id")


def is_member(*, user: User, organisation: Organisation | None) -> bool:
    if organisation is None or not user.is_authenticated:
        return False
    return Membership.objects.filter(user=user, organisation=organisation).exists()


def is_admin_member(*, user: User, organisation: Organisation) -> bool:
    return Membership.objects.filter(user=user, organisation=organisation, is_admin=True).exists()
