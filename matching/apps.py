from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "matching"

    def ready(self) -> None:
        # Registers the system checks.
        from backend.catalog.signals import financing_interest
        from matching import checks  # noqa: F401
        from matching.interest import interest_for_catalog

        financing_interest.connect(interest_for_catalog, dispatch_uid="matching.interest")
