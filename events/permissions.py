"""Who may do what with fairs and roles: small predicates shared by services, selectors and views."""

from backend.accounts.models import WOMEN_ROLES, Organisation, OrganisationKind, User
from backend.accounts.models import Role as UserRole
from backend.accounts.selectors import is_member


def is_staff_user(user: User) -> bool:
    return bool(user.is_authenticated and user.is_staff_member)


def is_woman(user: User) -> bool:
    return bool(user.is_authenticated and user.role in WOMEN_ROLES)


def can_organise_with(*, user: User, organiser: Organisation | None) -> bool:
    """Staff organise any fair; a programme's members organise their own once it is verified."""
    if is_staff_user(user):
        return organiser is None or organiser.kind == OrganisationKind.PROGRAMME
    return bool(
        organiser is not None
        and organiser.kind == OrganisationKind.PROGRAMME
        and organiser.verified
        and is_member(user=user, organisation=organiser)
    )


def can_manage_fair(*, user: User, fair_organiser: Organisation | None) -> bool:
    if is_staff_user(user):
        return True
    return fair_organiser is not None and is_member(user=user, organisation=fair_organiser)


def can_manage_employer(*, user: User, organisation: Organisation | None) -> bool:
    return bool(
        organisation is not None
        and organisation.kind == OrganisationKind.EMPLOYER
        and is_member(user=user, organisation=organisation)
    )


def can_check_in(*, user: User) -> bool:
    """Staff and start-up programme members (organisers) scan codes at the door."""
    return bool(is_staff_user(user) or (user.is_authenticated and user.role == UserRole.PROGRAMME))
