from django.urls import path

from chitieu.extraction import views

urlpatterns = [path("", views.review, name="extraction_review")]
