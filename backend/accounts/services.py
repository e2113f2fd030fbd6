"""Writes for accounts and organisations. The only code that creates users and organisations."""

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from backend.accounts.models import (
    ORGANISATION_ROLES,
    Membership,
    Organisation,
    OrganisationKind,
    Role,
    User,
)
from backend.accounts.signals import user_registered

SELF_SERVICE_ROLES = frozenset(
    {Role.JOBSEEKER, Role.ENTREPRENEUR, Role.MENTOR, Role.EMPLOYER, Role.PROGRAMME}
)


def email_normalise(email: str) -> str:
    return email.strip().lower()


@transaction.atomic
def user_register(
    *,
    email: str,
    password: str,
    role: str,
    display_name: str = "",
    organisation_name: str = "",
    preferred_language: str = "",
) -> User:
    """Create a user with one role, plus what that role needs to start (profile or organisation)."""
    email = email_normalise(email)
    if role not in SELF_SERVICE_ROLES:
        raise ValidationError(
            {"role": _("Choose one of: job seeker, entrepreneur, mentor, employer, programme.")}
        )
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError({"email": _("An account with this email already exists.")})
    if role in ORGANISATION_ROLES and not organisation_name.strip():
        raise ValidationError(
            {"organisation_name": _("Employers and programmes need an organisation name.")}
        )
    user = User(
        email=email,
        role=role,
        display_name=display_name.strip(),
        preferred_language=preferred_language,
    )
    try:
        validate_password(password, user=user)
    except ValidationError as exc:
        raise ValidationError({"password": exc.messages}) from exc
    user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()

    if role in ORGANISATION_ROLES:
        organisation_create(
            name=organisation_name.strip(),
            kind=OrganisationKind.EMPLOYER if role == Role.EMPLOYER else OrganisationKind.PROGRAMME,
            admin=user,
        )
    else:
        # Profiles sits above accounts: it creates her profile or mentor profile on this signal.
        user_registered.send(sender=User, user=user)
    return user


USER_EDITABLE_FIELDS = frozenset({"display_name", "preferred_language"})


def user_update(*, user: User, **fields: object) -> User:
    unknown = set(fields) - USER_EDITABLE_FIELDS
    if unknown:
        raise ValidationError(_("Unknown fields: %(f)s") % {"f": ", ".join(sorted(unknown))})
    language = fields.get("preferred_language")
    if language and language not in dict(settings.LANGUAGES):
        raise ValidationError({"preferred_language": _("Choose one of the site's languages.")})
    for name, value in fields.items():
        setattr(user, name, value)
    user.full_clean(exclude=["password"])
    user.save(update_fields=[*fields])
    return user


@transaction.atomic
def organisation_create(*, name: str, kind: str, admin: User, **fields: object) -> Organisation:
    organisation = Organisation(name=name, kind=kind, **fields)
    organisation.full_clean()
    organisation.save()
    Membership.objects.create(user=admin, organisation=organisation, is_admin=True)
    return organisation


def organisation_update(*, organisation: Organisation, **fields: object) -> Organisation:
    # Verification is staff's decision and goes through organisation_verify only.
    fields.pop("verified", None)
    fields.pop("verified_at", None)
    for name, value in fields.items():
        setattr(organisation, name, value)
    organisation.full_clean()
    organisation.save()
    return organisation


def organisation_verify(*, organisation: Organisation, verified: bool = True) -> Organisation:
    # Only a verified employer's roles match: matching recomputes each published role when
    # verification changes, so withdrawing it removes them from women's job matches.
    from events.models import JobRole, JobRoleStatus
    from matching.hooks import opportunity_changed

    with transaction.atomic():
        organisation.verified = verified
        organisation.verified_at = timezone.now() if verified else None
        organisation.save(update_fields=["verified", "verified_at"])
        role_ids = list(
            JobRole.objects.filter(
                organisation=organisation, status=JobRoleStatus.PUBLISHED
            ).values_list("id", flat=True)
        )
        for role_id in role_ids:
            transaction.on_commit(
                lambda rid=role_id: opportunity_changed(kind="job", object_id=rid), robust=True
            )
    return organisation


@transaction.atomic
def organisation_member_add(
    *, organisation: Organisation, email: str, is_admin: bool = False
) -> Membership:
    try:
        user = User.objects.get(email__iexact=email_normalise(email))
    except User.DoesNotExist as exc:
        raise ValidationError({"email": _("No account with this email.")}) from exc
    expected_role = (
        Role.EMPLOYER if organisation.kind == OrganisationKind.EMPLOYER else Role.PROGRAMME
    )
    if user.role != expected_role:
        raise ValidationError(
            {
                "email": _("Only %(role)s accounts can join this organisation.")
                % {"role": expected_role.label}
            }
        )
    membership, _created = Membership.objects.get_or_create(
        user=user, organisation=organisation, defaults={"is_admin": is_admin}
    )
    return membership


def user_export(*, user: User) -> dict:
    from backend.accounts.privacy import user_export as export

    return export(user=user)


def user_delete(*, user: User) -> None:
    from backend.accounts.privacy import user_delete as delete

    delete(user=user)
