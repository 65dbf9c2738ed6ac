from django.urls import path

from chitieu.indicators import views

urlpatterns = [
    path("", views.indicator_list, name="indicator_list"),
    path("<int:pk>/edit/", views.indicator_edit, name="indicator_edit"),
]
