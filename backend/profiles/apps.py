from django.apps import AppConfig


class ProfilesConfig(AppConfig):
    name = "backend.profiles"
    label = "profiles"

    def ready(self) -> None:
        from backend.accounts.signals import user_registered
        from backend.profiles.services import profile_for_new_user

        user_registered.connect(profile_for_new_user, dispatch_uid="profiles.profile_for_new_user")
