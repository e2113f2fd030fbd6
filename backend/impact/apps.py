from django.apps import AppConfig


class ImpactConfig(AppConfig):
    name = "backend.impact"
    label = "impact"
