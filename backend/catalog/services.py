"""Writes for the catalogue. Publishing needs a verified organisation; changes feed matching."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from backend.accounts.models import Organisation, OrganisationKind, User
from backend.accounts.selectors import is_member
from backend.catalog.models import FinancingScheme, Training
from backend.profiles.skills import skills_normalise

KIND_OF_MODEL = {Training: "training", FinancingScheme: "financing"}


def _notify_matching(kind: str, object_id: int) -> None:
    from matching.hooks import opportunity_changed  # imported late: matching reads the catalog

    transaction.on_commit(lambda: opportunity_changed(kind=kind, object_id=object_id))


def _check_can_manage(*, user: User | None, organisation: Organisation | None, model: type) -> None:
    if user is None:  # system writes (import, seed) are trusted
        return
    if organisation is None or not is_member(user=user, organisation=organisation):
        raise PermissionDenied(_("You can only manage your own organisation's items."))
    if model is FinancingScheme and organisation.kind != OrganisationKind.PROGRAMME:
        raise PermissionDenied(_("Only start-up and finance programmes list financing schemes."))


def _check_publishable(item: models.Model) -> None:
    organisation = getattr(item, "organisation", None)
    if getattr(item, "published", False) and organisation is not None and not organisation.verified:
        raise ValidationError(
            {"published": _("Your organisation must be verified by staff before publishing.")}
        )


@transaction.atomic
def catalog_item_save(
    *,
    model: type[Training] | type[FinancingScheme],
    instance: Any = None,
    user: User | None,
    **fields: Any,
) -> Any:
    """Create (instance None) or update a training or financing scheme."""
    item = instance if instance is not None else model()
    if instance is not None:
        # Her right over the item as it is, before anything she asks to change about it.
        _check_can_manage(user=user, organisation=instance.organisation, model=model)
    organisation = fields.get("organisation", item.organisation if instance is not None else None)
    _check_can_manage(user=user, organisation=organisation, model=model)
    if (
        instance is not None
        and "organisation" in fields
        and fields["organisation"] != instance.organisation
    ):
        raise ValidationError({"organisation": _("An item cannot move to another organisation.")})
    if "skills" in fields:
        fields["skills"] = skills_normalise(fields["skills"])
    for name, value in fields.items():
        setattr(item, name, value)
    _check_publishable(item)
    item.full_clean()
    item.save()
    _notify_matching(KIND_OF_MODEL[model], item.pk)
    return item


@transaction.atomic
def catalog_item_delete(*, item: Training | FinancingScheme, user: User) -> None:
    _check_can_manage(user=user, organisation=item.organisation, model=type(item))
    kind, pk = KIND_OF_MODEL[type(item)], item.pk
    item.delete()
    _notify_matching(kind, pk)
