import pytest

from tests.factories import MentorProfileFactory


@pytest.fixture
def mentor_profile(db):  # type: ignore[no-untyped-def]
    return MentorProfileFactory()
