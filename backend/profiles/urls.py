from django.urls import path

from backend.profiles import views

urlpatterns = [
    path("", views.profile_edit, name="profile-edit"),
    path("step/<slug:step>/", views.profile_step, name="profile-step"),
    path("mentor/", views.mentor_profile_edit, name="mentor-profile"),
    path("skills/suggest/", views.skill_suggestions, name="profile-skill-suggestions"),
]
