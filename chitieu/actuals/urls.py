from django.urls import path

from chitieu.actuals import views

urlpatterns = [
    path("review/", views.review, name="actuals_review"),
    path("baseline/<int:target_pk>/", views.target_baseline, name="actuals_baseline"),
    path("<int:unit_pk>/<str:period>/", views.entry, name="actuals_entry"),
    path("<int:unit_pk>/<str:period>/template.xlsx", views.entry_template, name="actuals_template"),
    path("<int:unit_pk>/<str:period>/upload/", views.entry_upload, name="actuals_upload"),
    path("<int:unit_pk>/<str:period>/<str:decision>/", views.decide, name="actuals_decide"),
]
