import pytest

from backend.accounts.models import OrganisationKind
from backend.accounts.models import Role as UserRole
from tests.factories import (
    EntrepreneurProfileFactory,
    MembershipFactory,
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
def mentor(db):  # type: ignore[no-untyped-def]
    return UserFactory(role=UserRole.MENTOR)


@pytest.fixture
def employer_org(db):  # type: ignore[no-untyped-def]
    return OrganisationFactory(kind=OrganisationKind.EMPLOYER, verified=True)


@pytest.fixture
def employer(employer_org):  # type: ignore[no-untyped-def]
    return MembershipFactory(organisation=employer_org).user


@pytest.fixture
def unverified_org(db):  # type: ignore[no-untyped-def]
    return OrganisationFactory(kind=OrganisationKind.EMPLOYER, verified=False, verified_at=None)


@pytest.fixture
def unverified_employer(unverified_org):  # type: ignore[no-untyped-def]
    return MembershipFactory(organisation=unverified_org).user


@pytest.fixture
def other_employer(db):  # type: ignore[no-untyped-def]
    return MembershipFactory().user


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
def client_for(api_client):  # type: ignore[no-untyped-def]
    """An API client logged in as the given user (None: anonymous)."""

    def _login(user):  # type: ignore[no-untyped-def]
        from rest_framework.test import APIClient

        client = APIClient()
        if user is not None:
            client.force_authenticate(user)
        return client

    return _login


@pytest.fixture
def hooks(monkeypatch):  # type: ignore[no-untyped-def]
    """Record matching hook calls instead of running the matching engine (another app).

    Patches the functions, not sys.modules, so no other module can import a stand-in.
    """
    import matching.hooks
    import matching.services

    calls: list[tuple[str, dict]] = []
    monkeypatch.setattr(
        matching.hooks,
        "opportunity_changed",
        lambda **kw: calls.append(("opportunity_changed", kw)),
    )
    monkeypatch.setattr(
        matching.services, "match_set_status", lambda **kw: calls.append(("match_set_status", kw))
    )
    return calls
