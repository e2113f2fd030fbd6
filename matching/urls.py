from django.urls import path

from matching import views

urlpatterns = [
    path("matches/", views.match_list, name="matches"),
    path("matches/state/", views.match_state, name="matches-state"),
    path("matches/<slug:kind>/", views.match_list, name="matches-kind"),
    path("matches/<int:pk>/<slug:action>/", views.match_decide, name="match-decide"),
]
