from django.urls import path

from backend.catalog import views

urlpatterns = [
    path("trainings/<int:pk>/", views.training_detail, name="training-page"),
    path("financing/<int:pk>/", views.financing_detail, name="financing-page"),
    path("programme/", views.programme_dashboard, name="programme-dashboard"),
    path("programme/<slug:kind>/new/", views.programme_item_edit, name="programme-item-new"),
    path("programme/<slug:kind>/<int:pk>/", views.programme_item_edit, name="programme-item-edit"),
    path(
        "programme/<slug:kind>/<int:pk>/publish/",
        views.programme_item_publish,
        name="programme-item-publish",
    ),
]
