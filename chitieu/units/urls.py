from django.urls import path

from chitieu.units import views

urlpatterns = [
    path("", views.unit_search, name="unit_search"),
    path("tree/", views.unit_tree, name="unit_tree"),
    path("tree/<int:pk>/", views.unit_tree_children, name="unit_tree_children"),
    path("<int:pk>/", views.unit_detail, name="unit_detail"),
    path("<int:pk>/edit/", views.unit_edit, name="unit_edit"),
    path("<int:pk>/add/", views.unit_add_child, name="unit_add_child"),
    path("<int:pk>/link/", views.unit_add_link, name="unit_add_link"),
]
