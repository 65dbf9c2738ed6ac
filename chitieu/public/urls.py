from django.urls import path

from chitieu.public import views

urlpatterns = [
    path("", views.index, name="public_index"),
    path("<int:pk>/", views.detail, name="public_detail"),
    path("<int:pk>/document/", views.document, name="public_document"),
    path("publish/<str:kind>/<int:pk>/", views.publish, name="publish"),
]
