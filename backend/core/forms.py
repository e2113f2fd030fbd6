"""Putting a service's ValidationError on the web form that called it."""

from typing import Any

from django.core.exceptions import ValidationError


def add_service_errors(form: Any, exc: ValidationError) -> None:
    """Each message at the field the form names for it (its `error_target`, e.g. the languages on
    the first language row), else at its own field, else at the top of the form."""
    errors = exc.message_dict if hasattr(exc, "error_dict") else {None: exc.messages}
    error_target = getattr(form, "error_target", None)
    for field, messages in errors.items():
        if error_target is not None:
            target = error_target(field)
        else:
            target = field if field in form.fields else None
        form.add_error(target, messages)
