from django.urls import path

from chitieu.reports import views

urlpatterns = [
    path("unit/<int:pk>/report.<str:kind>", views.unit_report, name="unit_report"),
    path("overview/<int:pk>/overview.xlsx", views.overview_workbook, name="overview_workbook"),
    path(
        "proposal/<int:pk>/to-trinh.<str:kind>", views.proposal_document, name="proposal_document"
    ),
    path(
        "decision/<int:pk>/quyet-dinh.<str:kind>", views.decision_document, name="decision_document"
    ),
    path("decision/<int:pk>/bang-khen.pdf", views.certificates, name="certificates"),
    path("cluster/<int:pk>/xep-hang.<str:kind>", views.ranking_document, name="ranking_document"),
    path("statistics/<int:unit_pk>/<year:year>/", views.award_statistics, name="award_statistics"),
    path(
        "statistics/<int:unit_pk>/<year:year>/thong-ke.<str:kind>",
        views.award_statistics,
        name="award_statistics_file",
    ),
    path(
        "board/<int:unit_pk>/<year:year>/<str:period>/",
        views.board_report,
        name="board_report",
    ),
    path(
        "board/<int:unit_pk>/<year:year>/<str:period>/bao-cao.<str:kind>",
        views.board_report,
        name="board_report_file",
    ),
    path(
        "statistics/<int:unit_pk>/<year:year>/bieu-<str:form>.<str:kind>",
        views.moha_form,
        name="moha_form",
    ),
]
