"""The production urlconf routes to events' views."""

import pytest
from django.urls import resolve


@pytest.mark.parametrize(
    ("url", "view_name"),
    [
        ("/api/fairs/", "fair-list"),
        ("/api/fairs/1/ics/", "fair-ics"),
        ("/api/fair-registrations/1/qr/", "fair-registration-qr"),
        ("/api/roles/1/candidates/", "job-role-candidates"),
        ("/api/check-in/", "api-check-in"),
        ("/api/programme-stats/financing/", "api-programme-financing-stats"),
        ("/fairs/1/", "events:fair-detail"),
        ("/employer/", "events:employer-dashboard"),
    ],
)
def test_production_urls_reach_events(url, view_name):
    assert resolve(url).view_name == view_name
