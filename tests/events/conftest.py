import pytest

from backend.accounts.models import OrganisationKind
from backend.accounts.models import Role as UserRole
from tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
)


@pytest.fixture
def mentor(db):  # type: ignore[no-untyped-def]
    return UserFactory(role=UserRole.MENTOR)


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
