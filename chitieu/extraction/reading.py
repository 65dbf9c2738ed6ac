"""Reading the text of a .txt or .docx file."""

from __future__ import annotations

from pathlib import Path
from typing import IO

from docx import Document


def text_of_docx(stream: IO[bytes] | str | Path) -> str:
    document = Document(str(stream) if isinstance(stream, Path) else stream)
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" ; ".join(cell.text for cell in row.cells))
    return "\n".join(parts)


def read_text(path: Path) -> str:
    if path.suffix.lower() == ".docx":
        return text_of_docx(path)
    return path.read_text(encoding="utf-8")
