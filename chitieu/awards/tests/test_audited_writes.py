"""Writes of commendation that had no audit row: the justification of a flagged candidate, and the
persons the award-history import creates; and the first save of a report creates its row audited."""

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from chitieu.awards.models import Person, ProposalItem
from chitieu.awards.people.importing import import_award_history
from chitieu.awards.people.services import person_create
from chitieu.awards.people.tests.test_importing import workbook_with
from chitieu.awards.proposals.services import proposal_create, proposal_item_add
from chitieu.core.models import ChangeAction, ObjectChange
from chitieu.testing import client_for


def changes_of(model):
    return ObjectChange.objects.filter(content_type=ContentType.objects.get_for_model(model))


def flagged(tree, town_board, awards) -> ProposalItem:
    lan = person_create(actor=town_board, unit=tree.town, full_name="Nguyễn Thị Lan", sex="nu")
    proposal = proposal_create(actor=town_board, unit=tree.town, year=2024, title="Tờ trình")
    item = proposal_item_add(actor=town_board, proposal=proposal, award=awards["CSTDT"], person=lan)
    assert item.eligible is False
    return item


def test_a_justification_is_written_by_the_units_board_and_audited(
    tree, town_board, make_user, awards
):
    item = flagged(tree, town_board, awards)
    url = reverse("proposal_action", args=[item.proposal_id, "justify"])
    viewer = make_user("viewer", "viewer", tree.town)
    refused = client_for(viewer).post(url, {"item": item.pk, "justification": "Vì sao không"})
    assert refused.status_code == 403
    item.refresh_from_db()
    assert (item.justification, changes_of(ProposalItem).count()) == ("", 1)  # its creation
    board = client_for(town_board)
    board.post(url, {"item": item.pk, "justification": "  Cứu người trong lũ  "})
    board.post(url, {"item": item.pk, "justification": "Cứu người trong lũ"})  # the same again
    item.refresh_from_db()
    assert item.justification == "Cứu người trong lũ"
    change = changes_of(ProposalItem).get(action=ChangeAction.UPDATE)
    assert (change.verb, change.actor, change.before["justification"]) == (
        "giải trình",
        town_board,
        "",
    )
    assert change.after["justification"] == "Cứu người trong lũ"


def test_the_justification_of_a_sent_proposal_cannot_change(tree, town_board, awards):
    from chitieu.awards.proposals.services import proposal_item_justify, proposal_submit

    item = flagged(tree, town_board, awards)
    proposal_item_justify(actor=town_board, item=item, justification="Lý do")
    proposal_submit(actor=town_board, proposal=item.proposal)
    response = client_for(town_board).post(
        reverse("proposal_action", args=[item.proposal_id, "justify"]),
        {"item": item.pk, "justification": "Lý do khác"},
    )
    assert response.status_code == 403
    item.refresh_from_db()
    assert item.justification == "Lý do"


def test_the_persons_an_import_creates_are_audited(tree, board, awards):
    stream = workbook_with(
        [
            [
                "Trần Văn Bình",
                "Nam",
                tree.town.name,
                "cstdcs",
                2023,
                "",
                "12/QĐ-UBND",
                "15/01/2024",
                "UBND thị xã",
                "",
            ]
        ]
    )
    result = import_award_history(actor=board, stream=stream)
    assert (result.records, result.people_created) == (1, 1)
    person = Person.objects.get(full_name="Trần Văn Bình")
    change = changes_of(Person).get(object_id=str(person.pk))
    assert (change.action, change.actor, change.after["unit"]) == (
        ChangeAction.CREATE,
        board,
        tree.town.pk,
    )


def test_the_first_save_of_a_report_creates_its_row_audited(tree, reporter_a, catalogue):
    from chitieu.actuals.models import Submission
    from chitieu.testing import put

    put(reporter_a, tree.commune_a, catalogue["KT06"], "2021", "12")
    submission = Submission.objects.get(unit=tree.commune_a, period="2021")
    change = changes_of(Submission).get(object_id=str(submission.pk))
    assert (change.action, change.actor, change.scope_path) == (
        ChangeAction.CREATE,
        reporter_a,
        tree.commune_a.path,
    )
