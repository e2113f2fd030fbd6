from django.urls import path
from rest_framework.routers import SimpleRouter

from impact import apis

router = SimpleRouter()
# /api/outcomes/ already belongs to events (employers' interview outcomes).
router.register("impact/outcomes", apis.OutcomeViewSet, basename="impact-outcome")

urlpatterns = [
    path("impact/funnel/", apis.FunnelApi.as_view(), name="api-impact-funnel"),
    path(
        "impact/statistics-consent/",
        apis.StatisticsConsentApi.as_view(),
        name="api-impact-statistics-consent",
    ),
    *router.urls,
]
