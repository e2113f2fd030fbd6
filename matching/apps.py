from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "matching"

    def ready(self) -> None:
        # Registers the system checks.
        from matching import checks  # noqa: F401
