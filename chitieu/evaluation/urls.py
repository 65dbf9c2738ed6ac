from django.urls import path

from chitieu.evaluation import views

urlpatterns = [
    path("unit/<int:pk>/", views.unit_results, name="unit_results"),
    path("national/", views.national, name="national"),
    path("overview/<int:pk>/", views.overview, name="overview"),
    path("overview/<int:pk>/now/", views.overview_now, name="overview_now"),
    path("unit/<int:pk>/tolerance/", views.tolerance, name="tolerance"),
]
