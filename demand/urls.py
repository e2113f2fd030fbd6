from django.urls import URLPattern, path

from demand import views

urlpatterns: list[URLPattern] = [
    path("demand/", views.demand_page, name="voice-demand"),
    path("asks/", views.asks_page, name="voice-asks"),
    path("asks/<int:pk>/vote/", views.ask_vote, name="voice-ask-vote"),
]
