"""What the real matching engine stored for a woman, for tests that follow a role into matching."""

from backend.profiles.models import Profile
from matching.models import Match


def job_match_ids(profile: Profile) -> set[int]:
    return set(
        Match.objects.filter(profile=profile, kind="job").values_list("object_id", flat=True)
    )
