"""Certificates printed onto pre-printed blanks land where the layout says (checked on the PDF)."""

import datetime as dt
from decimal import Decimal as D

import pypdfium2
import pytest
from django.test import Client
from django.urls import reverse

from chitieu.accounts.permissions import PermissionDenied
from chitieu.awards.models import AnnualRating, BlankLayout
from chitieu.awards.people.services import person_create
from chitieu.awards.proposals.services import proposal_create, proposal_item_add, proposal_submit
from chitieu.testing import fixture_row, review_and_decide

MM_PER_POINT = D("25.4") / 72


def decided(tree, town_board, board, awards):
    proposal = proposal_create(actor=town_board, unit=tree.town, year=2024, title="t")
    for name in ("Nguyễn Thị Lan", "Trần Văn Bình", "Lê Thị Cúc"):
        person = person_create(actor=town_board, unit=tree.town, full_name=name, sex="nu")
        fixture_row(AnnualRating, person=person, year=2024, rating="HTXS")
        proposal_item_add(
            actor=town_board, proposal=proposal, award=awards["GIAY_KHEN"], person=person
        )
    proposal_submit(actor=town_board, proposal=proposal)
    return review_and_decide(board, proposal, "21/QĐ-UBND", dt.date(2025, 1, 8))


def box_mm(page, text: str):
    """Left edge and top and bottom (from the top of the page) of `text` on a PDF page, in mm."""
    textpage = page.get_textpage()
    full = textpage.get_text_range()
    index = full.index(text)
    left, bottom, _right, top = textpage.get_charbox(index)
    height = D(str(page.get_height()))
    return (
        D(str(left)) * MM_PER_POINT,
        (height - D(str(top))) * MM_PER_POINT,
        (height - D(str(bottom))) * MM_PER_POINT,
    )


def test_one_pdf_page_per_certificate_with_fields_where_the_layout_says(
    tree, town_board, board, awards
):
    decision = decided(tree, town_board, board, awards)
    layout = BlankLayout.objects.get(award=awards["GIAY_KHEN"])
    client = Client()
    client.force_login(board)
    response = client.get(reverse("print_blanks", args=[decision.pk, layout.pk]))
    pdf = pypdfium2.PdfDocument(response.content)
    assert len(pdf) == 3
    page = pdf[0]
    assert (
        round(page.get_width() * float(MM_PER_POINT)),
        round(page.get_height() * float(MM_PER_POINT)),
    ) == (297, 210)
    for field, text in (
        ("name", "Nguyễn Thị Lan"),
        ("decision", "Quyết định số 21/QĐ-UBND ngày 08/01/2025"),
    ):
        spec = layout.fields[field]
        left, top, bottom = box_mm(page, text)
        line_height = D(str(spec["size"])) * MM_PER_POINT
        assert abs(left - D(str(spec["x"]))) < 1, (field, left)
        # The capital's top sits just under the top of its line: the font's ascent above caps.
        assert D(str(spec["y"])) <= top <= D(str(spec["y"])) + line_height * D("0.3"), (field, top)
        assert bottom > top


def test_moving_a_field_moves_the_print(tree, town_board, board, awards):
    decision = decided(tree, town_board, board, awards)
    shared = BlankLayout.objects.get(award=awards["GIAY_KHEN"])
    client = Client()
    client.force_login(board)
    # The installation's layout is not the province's to change: it makes its own copy.
    response = client.post(
        reverse("blank_layout", args=[shared.pk]), {"copy_for": tree.province.pk}
    )
    layout = BlankLayout.objects.get(unit=tree.province)
    assert response["Location"] == reverse("blank_layout", args=[layout.pk])
    assert layout.name == "Phôi Giấy khen — Tỉnh Hà Tĩnh"
    data = {
        f"{name}_{key}": str(spec[key]).replace(".", ",")
        for name, spec in layout.fields.items()
        for key in ("x", "y", "size")
    }
    data |= {"name_x": "80", "name_y": "50"}
    preview = client.post(
        reverse("blank_layout", args=[layout.pk]), data, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert 'data-field="name" data-x="80" data-y="50"' in preview
    assert "style" not in preview  # nothing the Content-Security-Policy would refuse
    layout.refresh_from_db()
    assert layout.fields["name"]["x"] == 60  # a preview saves nothing
    client.post(reverse("blank_layout", args=[layout.pk]), data)
    layout.refresh_from_db()
    assert (layout.fields["name"]["x"], layout.fields["name"]["y"]) == ("80", "50")
    shared.refresh_from_db()
    assert shared.fields["name"]["x"] == 60
    page = pypdfium2.PdfDocument(
        client.get(reverse("print_blanks", args=[decision.pk, layout.pk])).content
    )[0]
    left, top, _bottom = box_mm(page, "Nguyễn Thị Lan")
    assert abs(left - 80) < 1 and 50 <= top <= 60


def test_a_field_off_the_page_is_refused(tree, superuser, awards):
    layout = BlankLayout.objects.get(award=awards["GIAY_KHEN"])
    client = Client()
    client.force_login(superuser)
    response = client.post(
        reverse("blank_layout", args=[layout.pk]), {"name_x": "400"}, follow=True
    )
    assert "Trường “name” nằm ngoài khổ phôi." in response.content.decode()
    layout.refresh_from_db()
    assert layout.fields["name"]["x"] == 60


def test_a_units_layout_is_its_boards_and_serves_the_units_under_it(
    tree, town_board, board, make_user, awards
):
    from chitieu.awards.printing.selectors import layouts_for
    from chitieu.awards.printing.services import layout_copy, layout_update

    shared = BlankLayout.objects.get(award=awards["GIAY_KHEN"])
    with pytest.raises(PermissionDenied, match="quản trị hệ thống"):
        layout_update(actor=board, layout=shared, fields=shared.fields)
    province_copy = layout_copy(actor=board, layout=shared, unit=tree.province)
    # The town's decisions print with the province's copy, nearest first, then the shared ones.
    assert list(layouts_for(tree.town).filter(award=awards["GIAY_KHEN"])) == [
        province_copy,
        shared,
    ]
    assert list(layouts_for(tree.other_district).filter(unit__isnull=False)) == [province_copy]
    # The town's Board may not change the province's copy, nor copy for a unit not its own.
    with pytest.raises(PermissionDenied):
        layout_update(actor=town_board, layout=province_copy, fields=province_copy.fields)
    with pytest.raises(PermissionDenied):
        layout_copy(actor=town_board, layout=shared, unit=tree.province)
    town_copy = layout_copy(actor=town_board, layout=province_copy, unit=tree.town)
    assert list(layouts_for(tree.commune_a).filter(award=awards["GIAY_KHEN"])) == [
        town_copy,
        province_copy,
        shared,
    ]
    assert list(layouts_for(tree.other_district).filter(unit__isnull=False)) == [province_copy]


def test_only_an_emulation_board_adjusts_a_blank(tree, reporter_a, awards):
    layout = BlankLayout.objects.get(award=awards["GIAY_KHEN"])
    client = Client()
    client.force_login(reporter_a)
    assert (
        client.post(reverse("blank_layout", args=[layout.pk]), {"name_x": "90"}).status_code == 403
    )
    layout.refresh_from_db()
    assert layout.fields["name"]["x"] == 60


def test_a_units_layout_is_not_reachable_by_id_from_outside(
    tree, town_board, board, make_user, superuser, awards
):
    from chitieu.accounts.models import Role
    from chitieu.awards.printing.services import layout_copy
    from chitieu.core.models import ObjectChange
    from chitieu.units.models import UnitType
    from chitieu.units.services import unit_create

    shared = BlankLayout.objects.get(award=awards["GIAY_KHEN"])
    province_copy = layout_copy(actor=board, layout=shared, unit=tree.province)
    town_copy = layout_copy(actor=town_board, layout=province_copy, unit=tree.town)
    other_province = unit_create(
        actor=superuser, name="Tỉnh Nghệ An", type=UnitType.PROVINCE, parent=None
    )
    outsiders = [
        make_user("other_board", Role.BOARD, other_province),
        make_user("district_board", Role.BOARD, tree.other_district),
    ]
    before, layouts = ObjectChange.objects.count(), BlankLayout.objects.count()
    for outsider in outsiders:
        client = Client()
        client.force_login(outsider)
        url = reverse("blank_layout", args=[town_copy.pk])
        assert client.get(url).status_code == 404
        assert client.post(url, {"name_x": "90"}).status_code == 404
        assert client.post(url, {"copy_for": tree.commune_c.pk}).status_code == 404
        page = client.get(reverse("blank_layout", args=[shared.pk])).content.decode()
        assert town_copy.name not in page
    town_copy.refresh_from_db()
    assert town_copy.fields["name"]["x"] == 60
    assert ObjectChange.objects.count() == before
    assert BlankLayout.objects.count() == layouts
    # The town's Board opens the province's copy its decisions print with, and its own.
    client = Client()
    client.force_login(town_board)
    assert client.get(reverse("blank_layout", args=[province_copy.pk])).status_code == 200
    assert client.get(reverse("blank_layout", args=[town_copy.pk])).status_code == 200
    # Outside the province, only the installation's layouts.
    client.force_login(outsiders[0])
    assert client.get(reverse("blank_layout", args=[province_copy.pk])).status_code == 404


def test_a_decision_offers_only_the_blanks_of_the_awards_it_made(tree, town_board, board, awards):
    decision = decided(tree, town_board, board, awards)  # Giấy khen only
    assert BlankLayout.objects.exclude(award=awards["GIAY_KHEN"]).exists()
    client = Client()
    client.force_login(board)
    page = client.get(reverse("proposal_detail", args=[decision.proposal.pk])).content.decode()
    offered = {
        layout.pk
        for layout in BlankLayout.objects.all()
        if reverse("print_blanks", args=[decision.pk, layout.pk]) in page
    }
    assert offered == set(
        BlankLayout.objects.filter(award=awards["GIAY_KHEN"]).values_list("pk", flat=True)
    )
    for pk in offered:
        response = client.get(reverse("print_blanks", args=[decision.pk, pk]))
        assert response["Content-Type"] == "application/pdf"
