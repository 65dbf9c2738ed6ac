from django.urls import path

from chitieu.web import views

urlpatterns = [
    path("", views.home, name="home"),
    path("audit/", views.audit_list, name="audit_list"),
    path("history/<str:model_label>/<str:pk>/", views.object_history, name="object_history"),
    path("jobs/<int:pk>/", views.job_detail, name="job_detail"),
    path("jobs/<int:pk>/retry/", views.job_retry_view, name="job_retry"),
    path("accounts/roles/", views.membership_list, name="membership_list"),
]
