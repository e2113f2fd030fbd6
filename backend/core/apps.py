from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "backend.core"
    label = "core"

    def ready(self) -> None:
        # Registers the deploy checks (the secret key) with Django's check framework.
        from backend.core import security  # noqa: F401
