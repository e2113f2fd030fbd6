from backend.accounts.models import User
from backend.profiles.models import MentorProfile, Profile


def profile_of(*, user: User) -> Profile | None:
    return Profile.objects.filter(user=user).select_related("user").first()


def mentor_profile_of(*, user: User) -> MentorProfile | None:
    return MentorProfile.objects.filter(user=user).select_related("user").first()
