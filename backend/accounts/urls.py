from django.contrib.auth import views as auth_views
from django.urls import path

from backend.accounts import views
from backend.accounts.forms import EmailAuthenticationForm

urlpatterns = [
    path("", views.account, name="account"),
    path("export/", views.account_export, name="account-export"),
    path("delete/", views.account_delete, name="account-delete"),
    path("language/", views.language_set, name="language-set"),
    path("register/", views.register, name="register"),
    path(
        "login/",
        views.LoginView.as_view(authentication_form=EmailAuthenticationForm),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/change/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "password/change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("password/reset/", auth_views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "password/reset/done/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/complete/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]
