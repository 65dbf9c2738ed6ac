from django.urls import path

from chitieu.awards.decisions import views as decisions
from chitieu.awards.fund import views as fund
from chitieu.awards.people import record_views
from chitieu.awards.people import views as people
from chitieu.awards.printing import views as printing
from chitieu.awards.proposals import views as proposals
from chitieu.awards.rules import views as rules
from chitieu.awards.staffing import views as staffing

urlpatterns = [
    path("proposals/", proposals.proposal_list, name="proposal_list"),
    path("proposals/new/<int:unit_pk>/", proposals.proposal_new, name="proposal_new"),
    path(
        "proposals/from-votes/<int:cluster_year_pk>/",
        proposals.proposal_from_votes,
        name="proposal_from_votes",
    ),
    path("proposals/<int:pk>/", proposals.proposal_detail, name="proposal_detail"),
    path("proposals/<int:pk>/file/<str:field>/", proposals.proposal_file, name="proposal_file"),
    path("proposals/<int:pk>/<str:action>/", proposals.proposal_action, name="proposal_action"),
    path("person/<int:pk>/", people.person_detail, name="person_detail"),
    path("unit/<int:unit_pk>/", people.unit_people, name="unit_people"),
    path("unit/<int:unit_pk>/import/", people.history_import, name="history_import"),
    path("history-template.xlsx", people.history_template, name="history_template"),
    path("fund/<int:unit_pk>/<year:year>/", fund.fund, name="fund"),
    path("blanks/<int:pk>/", printing.blank_layout, name="blank_layout"),
    path("rules/<int:unit_pk>/", rules.province_rules, name="province_rules"),
    path("decision/<int:pk>/print/<int:layout_pk>.pdf", printing.print_blanks, name="print_blanks"),
    path("unit/<int:unit_pk>/records/", record_views.unit_records, name="unit_records"),
    path(
        "unit/<int:unit_pk>/records/import/<str:kind>/",
        record_views.records_import,
        name="records_import",
    ),
    path(
        "records-template/<str:kind>.xlsx", record_views.records_template, name="records_template"
    ),
    path("matter/<int:pk>/close/", record_views.matter_close, name="matter_close"),
    path("grounds/<int:unit_pk>/", decisions.legal_basis_page, name="legal_basis"),
    path("tdkt/<int:unit_pk>/<year:year>/", staffing.tdkt_staff, name="tdkt_staff"),
    path("tdkt/<int:unit_pk>/<year:year>/import/", staffing.tdkt_import, name="tdkt_import"),
    path("tdkt/officer/<int:pk>/", staffing.tdkt_officer_edit, name="tdkt_officer_edit"),
    path("tdkt-template.xlsx", staffing.tdkt_template, name="tdkt_template"),
]
