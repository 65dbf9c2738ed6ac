from django.urls import path

from chitieu.awards import views

urlpatterns = [
    path("proposals/", views.proposal_list, name="proposal_list"),
    path("proposals/new/<int:unit_pk>/", views.proposal_new, name="proposal_new"),
    path("proposals/<int:pk>/", views.proposal_detail, name="proposal_detail"),
    path("proposals/<int:pk>/file/<str:field>/", views.proposal_file, name="proposal_file"),
    path("proposals/<int:pk>/<str:action>/", views.proposal_action, name="proposal_action"),
    path("person/<int:pk>/", views.person_detail, name="person_detail"),
    path("unit/<int:unit_pk>/", views.unit_people, name="unit_people"),
    path("unit/<int:unit_pk>/import/", views.history_import, name="history_import"),
    path("history-template.xlsx", views.history_template, name="history_template"),
    path("fund/<int:unit_pk>/<year:year>/", views.fund, name="fund"),
    path("blanks/<int:pk>/", views.blank_layout, name="blank_layout"),
    path("rules/<int:unit_pk>/", views.province_rules, name="province_rules"),
    path("decision/<int:pk>/print/<int:layout_pk>.pdf", views.print_blanks, name="print_blanks"),
]
