from django.urls import path

from chitieu.web import users, views

urlpatterns = [
    path("", views.home, name="home"),
    path("audit/", views.audit_list, name="audit_list"),
    path("history/<str:model_label>/<str:pk>/", views.object_history, name="object_history"),
    path("jobs/<int:pk>/", views.job_detail, name="job_detail"),
    path("jobs/<int:pk>/retry/", views.job_retry_view, name="job_retry"),
    # The users of my units (web/users.py); the former roles page sends there.
    path("accounts/users/", users.user_list, name="user_list"),
    path("accounts/users/import/", users.users_import, name="users_import"),
    path(
        "accounts/users/import/template/",
        users.users_import_template,
        name="users_import_template",
    ),
    path("accounts/users/<int:pk>/", users.user_detail, name="user_detail"),
    path(
        "accounts/users/<int:pk>/password/",
        users.user_password_reset,
        name="user_password_reset",
    ),
    path("accounts/users/<int:pk>/active/", users.user_set_active, name="user_set_active"),
    path("accounts/users/<int:pk>/roles/", users.user_role_add, name="user_role_add"),
    path(
        "accounts/users/<int:pk>/roles/<int:membership_pk>/remove/",
        users.user_role_remove,
        name="user_role_remove",
    ),
    path("accounts/roles/", users.membership_list, name="membership_list"),
]
