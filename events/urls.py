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
    path("fairs/slots/<int:pk>/book/", views.slot_book, name="slot-book"),
    path("fairs/bookings/<int:pk>/cancel/", views.booking_cancel, name="booking-cancel"),
    path("fairs/check-in/", views.check_in, name="check-in"),
    path("roles/<int:pk>/", views.role_detail, name="role-detail"),
    path("roles/<int:pk>/interest/", views.role_interest, name="role-interest"),
    path("roles/<int:pk>/report/", views.role_report, name="role-report"),
    path("employer/interviews/", views.interviews, name="interviews"),
    path(
        "employer/interviews/<int:pk>/outcome/", views.interview_outcome, name="interview-outcome"
    ),
    path("employer/roles/<int:pk>/people/", views.role_people, name="role-people"),
    path("employer/", views.employer_dashboard, name="employer-dashboard"),
    path("employer/roles/new/", views.role_edit, name="role-new"),
    path("employer/roles/<int:pk>/", views.role_edit, name="role-edit"),
    path("employer/roles/<int:pk>/<slug:action>/", views.role_status, name="role-status"),
]
