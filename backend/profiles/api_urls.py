from django.urls import path

from backend.profiles import apis

urlpatterns = [
    path("profile/", apis.OwnProfileApi.as_view(), name="api-profile"),
    path("mentor-profile/", apis.OwnMentorProfileApi.as_view(), name="api-mentor-profile"),
    path("skills/", apis.SkillSuggestApi.as_view(), name="api-skills"),
]
