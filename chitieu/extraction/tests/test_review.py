"""A reviewer turns an article into saved figures; the check mode flags a changed number."""

from decimal import Decimal as D
from pathlib import Path

from django.urls import reverse

from chitieu.actuals.models import Actual, ActualRevision
from chitieu.actuals.services import ValueInput, actuals_save
from chitieu.testing import client_for

ARTICLE = (
    Path(__file__).resolve().parents[4] / "shared/corpus/texts/001_9dadb441269e12e8.txt"
).read_text()


def test_reading_an_article_lists_and_highlights_its_figures(tree, planner, catalogue):
    response = client_for(planner).post(
        reverse("extraction_review"), {"text": ARTICLE, "action": "read"}
    )
    html = response.content.decode()
    assert "25 số liệu" in html
    assert (
        '<mark class="fig-actual" id="fig-2" title="amount">320 tỷ đồng<sup>3</sup></mark>' in html
    )
    assert '<mark class="fig-target"' in html


def test_accepted_figures_are_saved_with_the_text_as_provenance(tree, planner, catalogue):
    client = client_for(planner)
    rows = client.post(reverse("extraction_review"), {"text": ARTICLE, "action": "read"}).context[
        "rows"
    ]
    budget = next(r for r in rows if r.figure.quote == "320 tỷ đồng")
    industry = next(r for r in rows if r.figure.quote == "72.824 tỷ đồng")
    data = {
        "text": ARTICLE,
        "action": "save",
        "unit": tree.town.pk,
        "period": "2021",
        "title": "Báo Hà Tĩnh",
        "actual_kind": "estimate",
    }
    for row in (budget, industry):
        data |= {
            f"accept_{row.index}": "on",
            f"indicator_{row.index}": row.match.indicator_id,
            f"value_{row.index}": "320" if row is budget else "72.824",
            f"role_{row.index}": "actual",
        }
    response = client.post(reverse("extraction_review"), data)
    assert response.status_code == 302
    assert sorted(Actual.objects.values_list("indicator__code", "value")) == [
        ("KT03", D("72824")),
        ("KT06", D("320")),
    ]
    revision = ActualRevision.objects.get(actual__indicator__code="KT06")
    assert revision.source == "Trích từ văn bản: Báo Hà Tĩnh"
    assert "KT06: “320 tỷ đồng”" in revision.quote


def test_check_mode_flags_a_changed_number(tree, planner, catalogue):
    actuals_save(
        actor=planner,
        unit=tree.town,
        period="2021",
        kind="estimate",
        values=[
            ValueInput(catalogue["KT06"], D("321"), 0),
            ValueInput(catalogue["KT03"], D("72824"), 0),
        ],
    )
    response = client_for(planner).post(
        reverse("extraction_review"),
        {
            "text": ARTICLE,
            "action": "read",
            "mode": "check",
            "unit": tree.town.pk,
            "period": "2021",
        },
    )
    differences = response.context["differences"]
    assert [(row.match.code, row.figure.value, row.stored) for row in differences] == [
        ("KT06", D("320"), D("321"))
    ]
    assert "hệ thống đang lưu" in response.content.decode()


def test_a_reviewer_cannot_save_into_another_unit(tree, reporter_a, catalogue):
    response = client_for(reporter_a).post(
        reverse("extraction_review"),
        {
            "text": ARTICLE,
            "action": "save",
            "unit": tree.commune_b.pk,
            "period": "2021",
            "accept_2": "on",
        },
    )
    assert response.status_code == 404
    assert not Actual.objects.exists()


def test_a_word_upload_that_is_not_a_word_file_is_refused_by_its_content(tree, planner):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from chitieu.testing_files import HTML_BYTES, xlsx_bytes

    for content in (HTML_BYTES, xlsx_bytes()):
        response = client_for(planner).post(
            reverse("extraction_review"),
            {"docx": SimpleUploadedFile("bai-viet.docx", content), "action": "read"},
        )
        assert response.status_code == 200
        assert "Loại tệp này không được nhận; chỉ nhận: Word (.docx)." in response.content.decode()
