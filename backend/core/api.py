"""Glue between services and DRF: Django ValidationError from a service becomes a 400 per field."""

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers
from rest_framework.permissions import BasePermission
from rest_framework.request import Request


def drf_validation_error(exc: DjangoValidationError) -> serializers.ValidationError:
    if hasattr(exc, "error_dict"):
        return serializers.ValidationError(
            {
                field: [str(m) for e in errors for m in e.messages]
                for field, errors in exc.error_dict.items()
            }
        )
    return serializers.ValidationError({"non_field_errors": exc.messages})


class ServiceCallMixin:
    """Run a service and turn its Django ValidationError into DRF's 400 response."""

    def call_service(self, service: Any, **kwargs: Any) -> Any:
        try:
            return service(**kwargs)
        except DjangoValidationError as exc:
            raise drf_validation_error(exc) from exc


class HasRole(BasePermission):
    """Allow only users whose role is among `roles` (set via HasRole.of(...))."""

    roles: frozenset[str] = frozenset()
    message = "Your account type cannot do this."

    @classmethod
    def of(cls, *roles: str) -> type["HasRole"]:
        return type(f"HasRole_{'_'.join(roles)}", (cls,), {"roles": frozenset(roles)})

    def has_permission(self, request: Request, view: Any) -> bool:
        user = request.user
        return bool(user and user.is_authenticated and user.role in self.roles)
