"""Generated demo data (`is_sample`) is marked wherever it is shown: a badge on the pages (the
`sample_badge` filter), "(mẫu)" beside the row in Word, PDF and Excel files, with a note."""

from __future__ import annotations

SAMPLE_MARK = "(mẫu)"
SAMPLE_NOTE = "Ghi chú: các dòng ghi “(mẫu)” là dữ liệu mẫu, không phải số liệu thật."


def marked(text: str, is_sample: bool) -> str:
    """ "Thu ngân sách (mẫu)" for a sample row of a file, the text itself otherwise."""
    return f"{text} {SAMPLE_MARK}" if is_sample else text
