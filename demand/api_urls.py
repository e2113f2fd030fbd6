from django.urls import URLPattern, path

from demand import apis

urlpatterns: list[URLPattern] = [
    path("demand/groups/", apis.DemandGroupsApi.as_view(), name="api-demand-groups"),
    path("demand/asks/", apis.AsksApi.as_view(), name="api-demand-asks"),
    path("demand/asks/<int:pk>/vote/", apis.AskVoteApi.as_view(), name="api-demand-ask-vote"),
]
