from django.urls import path

from events import views

app_name = "events"

urlpatterns = [
    path("fairs/", views.fair_list, name="fair-list"),
    path("fairs/<int:pk>/", views.fair_detail, name="fair-detail"),
    path("fairs/<int:pk>/register/", views.fair_register, name="fair-register"),
    path("fairs/<int:pk>/cancel/", views.fair_cancel, name="fair-cancel"),
    path("fairs/<int:pk>/fair.ics", views.fair_ics, name="fair-ics"),
    path("fairs/registrations/<int:pk>/qr.svg", views.registration_qr, name="registration-qr"),
    path("roles/<int:pk>/", views.role_detail, name="role-detail"),
    path("employer/", views.employer_dashboard, name="employer-dashboard"),
    path("employer/roles/new/", views.role_edit, name="role-new"),
    path("employer/roles/<int:pk>/", views.role_edit, name="role-edit"),
    path("employer/roles/<int:pk>/<slug:action>/", views.role_status, name="role-status"),
]
