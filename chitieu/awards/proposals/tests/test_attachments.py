"""A proposal's attachments are private: served only to those who may see the proposal, under
the name they were uploaded with, and only if their content is a PDF or a Word file."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django_sendfile.utils import _get_sendfile

from chitieu.accounts.models import Role
from chitieu.awards.models import Proposal
from chitieu.awards.proposals.services import proposal_attach, proposal_create
from chitieu.core import files
from chitieu.core.models import ObjectChange
from chitieu.testing import client_for
from chitieu.testing_files import HTML_BYTES, PDF_BYTES, SVG_BYTES, docx_bytes, upload
from chitieu.units.models import UnitType
from chitieu.units.services import unit_create

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def proposal(tree, town_board, media_root) -> Proposal:
    proposal = proposal_create(actor=town_board, unit=tree.town, year=2024, title="Năm 2024")
    return proposal_attach(
        actor=town_board,
        proposal=proposal,
        achievement_report=upload("Báo cáo thành tích.pdf", PDF_BYTES),
        vote_minutes=upload("Biên bản họp.docx", docx_bytes()),
    )


@pytest.fixture
def other_board(make_user, superuser):
    province = unit_create(
        actor=superuser, name="Tỉnh Nghệ An", type=UnitType.PROVINCE, parent=None
    )
    return make_user("other_board", Role.BOARD, province)


def _url(proposal, field):
    return reverse("proposal_file", args=[proposal.pk, field])


def test_the_stored_names_are_random_and_the_uploaded_names_are_kept(proposal):
    assert re.fullmatch(r"proposals/\d{4}/[0-9a-f]{32}\.pdf", proposal.achievement_report.name)
    assert re.fullmatch(r"proposals/\d{4}/[0-9a-f]{32}\.docx", proposal.vote_minutes.name)
    assert "Báo" not in proposal.achievement_report.name
    assert proposal.achievement_report_name == "Báo cáo thành tích.pdf"
    assert proposal.vote_minutes_name == "Biên bản họp.docx"


def test_the_unit_downloads_its_pdf_inline_under_its_own_name(proposal, town_board):
    response = client_for(town_board).get(_url(proposal, "achievement_report"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        "inline; filename=\"Bao cao thanh tich.pdf\"; filename*=UTF-8''"
        "B%C3%A1o%20c%C3%A1o%20th%C3%A0nh%20t%C3%ADch.pdf"
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"
    assert response.content == PDF_BYTES


def test_a_word_file_is_downloaded_as_an_attachment(proposal, board):
    # The province's Board sees the proposals of the units under the province.
    response = client_for(board).get(_url(proposal, "vote_minutes"))
    assert response.status_code == 200
    assert response["Content-Type"] == DOCX_MIME
    assert response["Content-Disposition"] == (
        "attachment; filename=\"Bien ban hop.docx\"; filename*=UTF-8''"
        "Bi%C3%AAn%20b%E1%BA%A3n%20h%E1%BB%8Dp.docx"
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; img-src 'self'; sandbox"


def test_another_province_gets_404_and_an_anonymous_visitor_the_login_page(proposal, other_board):
    for field in ("achievement_report", "vote_minutes"):
        assert client_for(other_board).get(_url(proposal, field)).status_code == 404
        anonymous = Client().get(_url(proposal, field))
        assert anonymous.status_code == 403
        assert "Hãy đăng nhập để tải tệp này." in anonymous.content.decode()


def test_a_reporter_of_another_commune_gets_404(proposal, make_user, tree):
    reporter = make_user("reporter_c", Role.REPORTER, tree.commune_c)
    assert client_for(reporter).get(_url(proposal, "achievement_report")).status_code == 404


def test_an_unknown_field_or_a_missing_file_is_404(tree, town_board, media_root):
    proposal = proposal_create(actor=town_board, unit=tree.town, year=2024, title="Trống")
    assert client_for(town_board).get(_url(proposal, "achievement_report")).status_code == 404
    assert client_for(town_board).get(_url(proposal, "unit")).status_code == 404


def test_the_proposal_page_links_the_attachments_through_the_checked_view(proposal, town_board):
    page = client_for(town_board).get(reverse("proposal_detail", args=[proposal.pk]))
    html = page.content.decode()
    assert f'href="{_url(proposal, "achievement_report")}"' in html
    assert "Báo cáo thành tích.pdf" in html
    assert "/media/" not in html
    assert client_for(town_board).get(_url(proposal, "vote_minutes")).status_code == 200


@pytest.mark.parametrize(
    ("name", "content"), [("to-trinh.pdf", HTML_BYTES), ("bien-ban.pdf", SVG_BYTES)]
)
def test_html_or_svg_named_pdf_is_refused_and_nothing_changes(
    tree, town_board, media_root, name, content
):
    proposal = proposal_create(actor=town_board, unit=tree.town, year=2024, title="Năm 2024")
    before = ObjectChange.objects.count()
    response = client_for(town_board).post(
        reverse("proposal_action", args=[proposal.pk, "attach"]),
        {"achievement_report": upload(name, content)},
        follow=True,
    )
    assert (
        "Báo cáo thành tích: Loại tệp này không được nhận; chỉ nhận: PDF, Word (.docx)."
        in response.content.decode()
    )
    proposal.refresh_from_db()
    assert proposal.achievement_report.name == ""
    assert proposal.achievement_report_name == ""
    assert ObjectChange.objects.count() == before
    assert not any(media_root.rglob("*.*"))


def test_an_oversize_attachment_is_refused_in_vietnamese(tree, town_board, media_root):
    proposal = proposal_create(actor=town_board, unit=tree.town, year=2024, title="Năm 2024")
    big = upload("bien-ban.pdf", PDF_BYTES + b"0" * files.PROPOSAL_DOCUMENT.max_bytes)
    response = client_for(town_board).post(
        reverse("proposal_action", args=[proposal.pk, "attach"]),
        {"vote_minutes": big},
        follow=True,
    )
    assert "Biên bản bỏ phiếu: Tệp lớn hơn 20 MB." in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.vote_minutes.name == ""


def test_a_replaced_attachment_leaves_no_old_file(
    proposal, town_board, media_root, django_capture_on_commit_callbacks
):
    first = proposal.achievement_report.name
    assert (media_root / first).exists()
    with django_capture_on_commit_callbacks(execute=True):
        proposal_attach(
            actor=town_board,
            proposal=proposal,
            achievement_report=upload("Báo cáo mới.pdf", PDF_BYTES),
        )
    proposal.refresh_from_db()
    assert proposal.achievement_report_name == "Báo cáo mới.pdf"
    assert proposal.achievement_report.name != first
    assert not (media_root / first).exists()
    assert (media_root / proposal.achievement_report.name).read_bytes() == PDF_BYTES


def test_in_production_nginx_serves_the_file_by_internal_redirect(proposal, town_board, settings):
    settings.SENDFILE_BACKEND = "django_sendfile.backends.nginx"
    _get_sendfile.cache_clear()
    try:
        response = client_for(town_board).get(_url(proposal, "achievement_report"))
    finally:
        _get_sendfile.cache_clear()
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == f"/protected-media/{proposal.achievement_report.name}"
    assert response.content == b""
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith('inline; filename="Bao cao thanh tich.pdf"')


def test_files_kept_under_their_uploaded_names_are_renamed_by_the_migration(
    tree, town_board, media_root
):
    legacy = proposal_create(actor=town_board, unit=tree.town, year=2023, title="Cũ")
    (media_root / "proposals").mkdir()
    (media_root / "proposals" / "bao-cao-2023.pdf").write_bytes(PDF_BYTES)
    (media_root / "proposals" / "trang.html").write_bytes(HTML_BYTES)
    Proposal.objects.filter(pk=legacy.pk).update(
        achievement_report="proposals/bao-cao-2023.pdf", vote_minutes="proposals/trang.html"
    )
    assert files.rename_legacy_files(Proposal, ("achievement_report", "vote_minutes")) == 2
    legacy.refresh_from_db()
    assert re.fullmatch(r"proposals/\d{4}/[0-9a-f]{32}\.pdf", legacy.achievement_report.name)
    assert re.fullmatch(r"proposals/\d{4}/[0-9a-f]{32}", legacy.vote_minutes.name)
    assert (legacy.achievement_report_name, legacy.vote_minutes_name) == (
        "bao-cao-2023.pdf",
        "trang.html",
    )
    assert not (media_root / "proposals" / "bao-cao-2023.pdf").exists()
    assert (media_root / legacy.achievement_report.name).read_bytes() == PDF_BYTES
    # The former HTML page is now an unknown download, never a page on the site.
    response = client_for(town_board).get(_url(legacy, "vote_minutes"))
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"] == 'attachment; filename="trang.html"'
    assert response["X-Content-Type-Options"] == "nosniff"
    # Run again, nothing moves.
    assert files.rename_legacy_files(Proposal, ("achievement_report", "vote_minutes")) == 0


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "Báo cáo.docx",
            PDF_BYTES,
            "Báo cáo thành tích: tệp “Báo cáo.docx” là tệp PDF, tên tệp phải có đuôi .pdf.",
        ),
        (
            "Báo cáo.pdf",
            None,
            "Báo cáo thành tích: tệp “Báo cáo.pdf” là tệp Word (.docx), tên tệp phải có đuôi "
            ".docx.",
        ),
    ],
)
def test_an_attachment_is_accepted_only_as_the_document_it_is(
    proposal, town_board, name, content, message
):
    before = (proposal.achievement_report.name, proposal.achievement_report_name)
    with pytest.raises(ValidationError) as refused:
        proposal_attach(
            actor=town_board,
            proposal=proposal,
            achievement_report=upload(name, content if content is not None else docx_bytes()),
        )
    assert refused.value.messages == [message]
    proposal.refresh_from_db()
    assert (proposal.achievement_report.name, proposal.achievement_report_name) == before
