from django.urls import path

from chitieu.emulation import views

urlpatterns = [
    path("<int:unit_pk>/", views.board_latest, name="board_latest"),
    path("<int:unit_pk>/<year:year>/", views.board_year, name="board_year"),
    path("cluster/<int:pk>/", views.cluster_year_detail, name="cluster_year_detail"),
    path("score/<int:pk>/evidence/", views.score_evidence, name="score_evidence"),
    path(
        "cluster/<int:cluster_pk>/<year:year>/setup/",
        views.cluster_year_setup,
        name="cluster_year_setup",
    ),
]
