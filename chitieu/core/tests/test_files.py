"""Uploads are known by their content, never by their name; stored under random names; served
with a safe disposition and type."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import ValidationError

from chitieu.core import files
from chitieu.testing_files import (
    HTML_BYTES,
    JPEG_BYTES,
    PDF_BYTES,
    PNG_BYTES,
    SVG_BYTES,
    docx_bytes,
    macro_workbook_bytes,
    plain_zip_bytes,
    upload,
    xlsx_bytes,
)


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("a.pdf", PDF_BYTES, files.PDF),
        ("a.png", PNG_BYTES, files.PNG),
        ("a.jpg", JPEG_BYTES, files.JPEG),
        ("a.docx", docx_bytes(), files.DOCX),
        ("a.xlsx", xlsx_bytes(), files.XLSX),
        # The name does not decide: a workbook named .pdf is a workbook.
        ("a.pdf", xlsx_bytes(), files.XLSX),
    ],
)
def test_the_kind_is_read_from_the_content(name, content, kind):
    assert files.detect_kind(upload(name, content)) is kind


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("bao-cao.pdf", HTML_BYTES),
        ("anh.png", SVG_BYTES),
        ("bao-cao.docx", plain_zip_bytes()),
        ("so-lieu.xlsx", macro_workbook_bytes()),
        ("bao-cao.pdf", b""),
        ("bao-cao.pdf", b"PK\x03\x04 not really a zip"),
    ],
)
def test_html_svg_and_fake_packages_are_no_kind_at_all(name, content):
    assert files.detect_kind(upload(name, content)) is None


def test_html_named_pdf_is_refused_with_the_accepted_kinds_in_vietnamese():
    with pytest.raises(ValidationError) as refused:
        files.validate_upload(upload("bao-cao.pdf", HTML_BYTES), files.PROPOSAL_DOCUMENT, "Tệp")
    assert refused.value.messages == [
        "Tệp: Loại tệp này không được nhận; chỉ nhận: PDF, Word (.docx)."
    ]


def test_a_kind_the_field_does_not_take_is_refused():
    with pytest.raises(ValidationError) as refused:
        files.validate_upload(upload("so-lieu.xlsx", docx_bytes()), files.WORKBOOK)
    assert refused.value.messages == ["Loại tệp này không được nhận; chỉ nhận: Excel (.xlsx)."]


def test_an_oversize_file_is_refused_with_the_limit_in_vietnamese():
    big = upload("bao-cao.pdf", PDF_BYTES + b"0" * files.EVIDENCE.max_bytes)
    with pytest.raises(ValidationError) as refused:
        files.validate_upload(big, files.EVIDENCE, "Minh chứng")
    assert refused.value.messages == ["Minh chứng: Tệp lớn hơn 10 MB."]


def test_a_file_at_the_limit_is_accepted():
    exact = upload("bao-cao.pdf", PDF_BYTES + b"0" * (files.EVIDENCE.max_bytes - len(PDF_BYTES)))
    assert files.validate_upload(exact, files.EVIDENCE) is files.PDF


def test_the_storage_name_is_random_and_keeps_only_the_verified_extension():
    name = files.RandomName("evidence")(None, "upload.pdf")
    assert re.fullmatch(r"evidence/\d{4}/[0-9a-f]{32}\.pdf", name)
    assert files.RandomName("evidence")(None, "upload.pdf") != name
    assert re.fullmatch(r"jobs/\d{4}/[0-9a-f]{32}", files.RandomName("jobs")(None, "x.html"))


def test_the_original_name_loses_folders_and_control_characters():
    assert files.original_name(upload("C:\\Tài liệu\\Biên bản\r\n.pdf", b"")) == "Biên bản.pdf"
    assert files.original_name(upload("../../etc/passwd", b"")) == "passwd"
    long = files.original_name(upload("a" * 300 + ".pdf", b""))
    assert len(long) == files.NAME_LENGTH and long.endswith(".pdf")


def test_the_disposition_carries_the_vietnamese_name_by_rfc_5987():
    assert files.content_disposition("Đề nghị khen thưởng.docx", inline=False) == (
        "attachment; filename=\"De nghi khen thuong.docx\"; filename*=UTF-8''"
        "%C4%90%E1%BB%81%20ngh%E1%BB%8B%20khen%20th%C6%B0%E1%BB%9Fng.docx"
    )
    assert files.content_disposition("report.pdf", inline=True) == 'inline; filename="report.pdf"'
    assert files.content_disposition('a"b;c\\.pdf', inline=False) == (
        "attachment; filename=\"abc.pdf\"; filename*=UTF-8''a%22b%3Bc%5C.pdf"
    )
