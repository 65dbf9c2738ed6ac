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
]
