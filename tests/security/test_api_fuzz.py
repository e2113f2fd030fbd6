"""Fuzz every API operation from the OpenAPI schema with schemathesis, as a job seeker, an
employer and staff: never a 500, and every documented response matches its schema.

Bounded for CI: SCHEMATHESIS_MAX_EXAMPLES examples per operation and role (default 4), through the
WSGI app in-process (no server, no network), inside the test's transaction.
"""

import os
import tempfile

import pytest
import schemathesis
from django.core.cache import cache
from hypothesis import HealthCheck, settings
from hypothesis.configuration import set_hypothesis_home_dir
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import response_schema_conformance

from backend.accounts.models import Role as UserRole
from backend.wsgi import application
from tests.factories import MembershipFactory, ProfileFactory, UserFactory

# Hypothesis caches Unicode tables on disk: in a temporary directory, not in the repository.
set_hypothesis_home_dir(os.path.join(tempfile.gettempdir(), "pathways-hypothesis"))

# Loaded at collection, before the per-test settings turn the HTTPS redirect off.
MAX_EXAMPLES = int(os.environ.get("SCHEMATHESIS_MAX_EXAMPLES", "4"))
_CONFIG = SchemathesisConfig.from_dict(
    {"generation": {"max-examples": MAX_EXAMPLES, "database": "none"}, "seed": 1}
)
schema = schemathesis.openapi.from_wsgi(
    "/api/schema/?format=json",
    application,
    config=_CONFIG,
    headers={"X-Forwarded-Proto": "https"},
)

pytestmark = [pytest.mark.slow, pytest.mark.django_db]


@pytest.fixture(autouse=True)
def _keep_the_test_connection():  # type: ignore[no-untyped-def]
    """Django closes the database connection after each request; the test client switches that
    off, a bare WSGI call does not, and on PostgreSQL it would close the test's transaction."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def _tokens() -> dict[str, str]:
    users = {
        "jobseeker": ProfileFactory().user,
        "employer": MembershipFactory().user,
        "staff": UserFactory(role=UserRole.STAFF, is_staff=True),
    }
    return {role: Token.objects.create(user=user).key for role, user in users.items()}


@schema.parametrize()
@settings(deadline=None, suppress_health_check=list(HealthCheck))
def test_api_operation_never_errors_and_matches_its_schema(case):  # type: ignore[no-untyped-def]
    for role, token in _tokens().items():
        cache.clear()  # throttle counters: the fuzzer is not the client the limits are for
        case.call_and_validate(
            headers={"Authorization": f"Token {token}"},
            checks=[not_a_server_error, response_schema_conformance],
        )
        del role
