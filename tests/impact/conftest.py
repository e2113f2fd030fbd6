import pytest

from backend.accounts.models import OrganisationKind
from backend.accounts.models import Role as UserRole
from tests.factories import (
    EntrepreneurProfileFactory,
    MembershipFactory,
    MentorProfileFactory,
    OrganisationFactory,
    ProfileFactory,
    UserFactory,
)


@pytest.fixture
def jobseeker(db):  # type: ignore[no-untyped-def]
    return ProfileFactory().user


@pytest.fixture
def entrepreneur(db):  # type: ignore[no-untyped-def]
    return EntrepreneurProfileFactory().user


@pytest.fixture
def mentor_profile(db):  # type: ignore[no-untyped-def]
    return MentorProfileFactory()


@pytest.fixture
def employer_org(db):  # type: ignore[no-untyped-def]
    return OrganisationFactory(kind=OrganisationKind.EMPLOYER, verified=True)


@pytest.fixture
def employer(employer_org):  # type: ignore[no-untyped-def]
    return MembershipFactory(organisation=employer_org).user


@pytest.fixture
def programme_org(db):  # type: ignore[no-untyped-def]
    return OrganisationFactory(kind=OrganisationKind.PROGRAMME, verified=True)


@pytest.fixture
def programme_user(programme_org):  # type: ignore[no-untyped-def]
    return MembershipFactory(organisation=programme_org, user__role=UserRole.PROGRAMME).user


@pytest.fixture
def staff(db):  # type: ignore[no-untyped-def]
    return UserFactory(role=UserRole.STAFF, is_staff=True)


@pytest.fixture
def client_for():  # type: ignore[no-untyped-def]
    """An API client logged in as the given user (None: anonymous)."""
    from rest_framework.test import APIClient

    def _login(user):  # type: ignore[no-untyped-def]
        client = APIClient()
        if user is not None:
            client.force_authenticate(user)
        return client

    return _login
