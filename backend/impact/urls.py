from django.urls import path

from backend.impact import views

app_name = "impact"

urlpatterns = [
    path("impact/", views.dashboard, name="impact-dashboard"),
]
