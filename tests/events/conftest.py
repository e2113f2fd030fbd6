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


@pytest.fixture(autouse=True)
def _fresh_matching_state():  # type: ignore[no-untyped-def]
    """The real matching engine runs in-process; its indexes must not outlive a test's rows."""
    from matching import vector_store

    vector_store.reset_process_indexes()
    yield
    vector_store.reset_process_indexes()
