from django.urls import path
from rest_framework.routers import SimpleRouter

from events import apis

router = SimpleRouter()
router.register("fairs", apis.FairViewSet, basename="fair")
router.register("fair-registrations", apis.RegistrationViewSet, basename="fair-registration")
router.register("roles", apis.RoleViewSet, basename="job-role")
router.register("applications", apis.ApplicationViewSet, basename="application")
router.register("interests", apis.InterestViewSet, basename="interest")
router.register("slots", apis.SlotViewSet, basename="slot")
router.register("bookings", apis.BookingViewSet, basename="booking")
router.register("outcomes", apis.OutcomeViewSet, basename="outcome")
router.register("reports", apis.ReportViewSet, basename="report")

urlpatterns = [
    path("check-in/", apis.CheckInApi.as_view(), name="api-check-in"),
    path(
        "programme-stats/financing/",
        apis.ProgrammeFinancingStatsApi.as_view(),
        name="api-programme-financing-stats",
    ),
    *router.urls,
]
