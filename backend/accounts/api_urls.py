from django.urls import path
from rest_framework.routers import DefaultRouter

from backend.accounts import apis

router = DefaultRouter()
router.register("organisations", apis.OrganisationViewSet, basename="organisation")

urlpatterns = [
    path("auth/register/", apis.RegisterApi.as_view(), name="api-register"),
    path("auth/token/", apis.TokenApi.as_view(), name="api-token"),
    path("me/", apis.MeApi.as_view(), name="api-me"),
    *router.urls,
]
