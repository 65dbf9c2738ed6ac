"""Sample uploads for the tests of stored files: genuine files of each kind, and others that
pretend to be one."""

from __future__ import annotations

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG_BYTES = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
)
JPEG_BYTES = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"
HTML_BYTES = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG_BYTES = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect/></svg>'


def docx_bytes() -> bytes:
    from docx import Document

    document = Document()
    document.add_paragraph("Báo cáo thành tích năm 2024")
    stream = io.BytesIO()
    document.save(stream)
    return stream.getvalue()


def xlsx_bytes() -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active["A1"] = "Mã chỉ tiêu"
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


def plain_zip_bytes() -> bytes:
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("index.html", "<script>alert(1)</script>")
    return stream.getvalue()


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def macro_workbook_bytes() -> bytes:
    """An .xlsm: a genuine workbook package that declares itself macro-enabled."""
    source = zipfile.ZipFile(io.BytesIO(xlsx_bytes()))
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w") as package:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "[Content_Types].xml":
                data = data.replace(
                    b"spreadsheetml.sheet.main+xml", b"ms-excel.sheet.macroEnabled.main+xml"
                )
            package.writestr(item, data)
    return stream.getvalue()
