from django.urls import path

from chitieu.targets import views

urlpatterns = [
    path("", views.resolution_list, name="resolution_list"),
    path("new/<int:unit_pk>/", views.resolution_create, name="resolution_create"),
    path("<int:pk>/", views.resolution_detail, name="resolution_detail"),
    path("target/<int:pk>/delete/", views.target_delete, name="target_delete"),
    path("<int:pk>/targets.xlsx", views.targets_template, name="targets_template"),
    path("<int:pk>/export.xlsx", views.targets_export, name="targets_export"),
    path("<int:pk>/upload/", views.targets_upload, name="targets_upload"),
]
