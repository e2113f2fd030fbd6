from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from backend.core import views as core_views

api_patterns = [
    path("", include("backend.accounts.api_urls")),
    path("", include("backend.profiles.api_urls")),
    path("", include("backend.catalog.api_urls")),
    path("", include("matching.api_urls")),
    path("", include("mentoring.api_urls")),
    path("", include("events.api_urls")),
    path("", include("impact.api_urls")),
    path("", include("demand.api_urls")),
]

urlpatterns = [
    path("", core_views.home, name="home"),
    path("healthz", core_views.healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("accounts/", include("backend.accounts.urls")),
    path("profile/", include("backend.profiles.urls")),
    path("", include("backend.catalog.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", include(api_patterns)),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="api-docs"),
    path("", include("matching.urls")),
    path("", include("mentoring.urls")),
    path("", include("events.urls")),
    path("", include("impact.urls")),
    path("", include("demand.urls")),
]
