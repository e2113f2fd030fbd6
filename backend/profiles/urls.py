from django.urls import path

from backend.profiles import views

urlpatterns = [
    path("", views.profile_edit, name="profile-edit"),
    path("step/<slug:step>/", views.profile_step, name="profile-step"),
    path("skills/suggest/", views.skill_suggestions, name="profile-skill-suggestions"),
]
