from django.apps import AppConfig


class ProfilesConfig(AppConfig):
    name = "backend.profiles"
    label = "profiles"
