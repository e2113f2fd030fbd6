from django.apps import AppConfig
from django.core.validators import MaxLengthValidator
from django.db import models


class CoreConfig(AppConfig):
    name = "backend.core"
    label = "core"

    def ready(self) -> None:
        # Registers the deploy checks (the secret key) with Django's check framework.
        from backend.core import security  # noqa: F401

        _enforce_text_field_lengths()


def _enforce_text_field_lengths() -> None:
    """Make full_clean() honour a TextField's max_length, as it does a CharField's.

    Django treats it as a form hint only, so a 12,000-character bio passed every path that does
    not go through a form or a serializer (import_dataset, services). Added at run time rather than
    on each field so that no migration has to carry it.
    """
    from django.apps import apps

    for model in apps.get_models():
        for field in model._meta.local_fields:
            if (
                isinstance(field, models.TextField)
                and field.max_length
                and not any(isinstance(v, MaxLengthValidator) for v in field.validators)
            ):
                field.validators.append(MaxLengthValidator(field.max_length))
