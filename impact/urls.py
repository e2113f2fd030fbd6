from django.urls import path

from impact import views

app_name = "impact"

urlpatterns = [
    path("impact/", views.dashboard, name="impact-dashboard"),
    path("impact/my-outcomes/", views.my_outcomes, name="my-outcomes"),
    path("impact/my-outcomes/<int:pk>/confirm/", views.outcome_confirm, name="outcome-confirm"),
    path("impact/my-outcomes/<int:pk>/reject/", views.outcome_reject, name="outcome-reject"),
    path("impact/outcomes/record/", views.programme_record, name="programme-record"),
    path("impact/statistics/", views.statistics_consent, name="statistics-consent"),
]
