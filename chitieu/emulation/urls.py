from django.urls import path

from chitieu.emulation import movement_views, views

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
    path("<int:unit_pk>/<year:year>/tables/", views.scoring_tables, name="scoring_tables"),
    path("table/<int:pk>/", views.scoring_table, name="scoring_table"),
    path("<int:unit_pk>/movements/", movement_views.movement_list, name="movement_list"),
    path("movement/<int:pk>/", movement_views.movement_detail, name="movement_detail"),
]
