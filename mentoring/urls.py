from django.urls import path

from mentoring import views

urlpatterns = [
    path("mentoring/", views.mentorship_list, name="mentoring-list"),
    path("mentoring/inbox/", views.mentor_inbox, name="mentoring-inbox"),
    path("mentoring/ask/<int:mentor_id>/", views.mentorship_ask, name="mentoring-ask"),
    path("mentoring/<int:pk>/<slug:action>/", views.mentorship_action, name="mentoring-action"),
    path("conversations/<int:pk>/", views.conversation_page, name="conversation-page"),
]
