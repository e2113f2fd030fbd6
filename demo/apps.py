from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo world and the dataset import: the one place that wires every feature together."""

    name = "demo"
