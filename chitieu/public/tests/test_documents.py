"""A published document is public like its publication, but only as a PDF, under the name it
was published with, and gone once withdrawn."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from chitieu.core.periods import Period
from chitieu.public.models import Publication
from chitieu.public.services import publish_headline, withdraw
from chitieu.testing import client_for
from chitieu.testing_files import HTML_BYTES, PDF_BYTES, docx_bytes, upload


def test_the_published_pdf_is_served_to_anyone_until_withdrawn(tree, planner, media_root):
    publication = publish_headline(
        actor=planner,
        unit=tree.province,
        period=Period.parse("2021"),
        document=upload("Quyết định công bố.pdf", PDF_BYTES),
    )
    assert re.fullmatch(r"public/\d{4}/[0-9a-f]{32}\.pdf", publication.document.name)
    url = reverse("public_document", args=[publication.pk])
    response = Client().get(url)
    assert response.status_code == 200
    assert response.content == PDF_BYTES
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        "inline; filename=\"Quyet dinh cong bo.pdf\"; filename*=UTF-8''"
        "Quy%E1%BA%BFt%20%C4%91%E1%BB%8Bnh%20c%C3%B4ng%20b%E1%BB%91.pdf"
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    withdraw(actor=planner, publication=publication)
    assert Client().get(url).status_code == 404


@pytest.mark.parametrize("content", [HTML_BYTES, docx_bytes()])
def test_only_a_pdf_is_published(tree, planner, media_root, content):
    with pytest.raises(ValidationError) as refused:
        publish_headline(
            actor=planner,
            unit=tree.province,
            period=Period.parse("2021"),
            document=upload("van-ban.pdf", content),
        )
    assert refused.value.messages == ["Văn bản: Loại tệp này không được nhận; chỉ nhận: PDF."]
    assert not Publication.objects.exists()


def test_a_refused_document_on_the_page_gives_a_message_not_an_error(tree, planner, media_root):
    response = client_for(planner).post(
        reverse("publish", args=["headline", tree.province.pk]),
        {"period": "2021", "document": upload("van-ban.pdf", HTML_BYTES)},
        follow=True,
    )
    assert response.status_code == 200
    assert "Loại tệp này không được nhận; chỉ nhận: PDF." in response.content.decode()
    assert not Publication.objects.exists()
