"""The figures of a whole document: its paragraphs read as prose, its tables cell by cell, in
the order they stand. The document's text (tables as lines of cells, " | " between them) is what
the figures' offsets and quotes point into."""

from __future__ import annotations

from dataclasses import dataclass

from chitieu.extraction.extractor import Figure, extract
from chitieu.extraction.reading import Block, Paragraph, paragraph_line
from chitieu.extraction.tables import table_figures

CELL_GAP = " | "


@dataclass
class Reading:
    text: str
    figures: list[Figure]


def extract_blocks(blocks: list[Block]) -> Reading:
    lines: list[str] = []
    masked: list[str] = []  # the prose only: table lines blanked, so offsets stay
    table_figures_at: list[Figure] = []
    position = 0
    for block in blocks:
        if isinstance(block, Paragraph):
            line = paragraph_line(block)
            lines.append(line)
            masked.append(line)
            position += len(line) + 1
            continue
        found = table_figures(block)
        if found is None:  # a layout table: its cells are prose
            seen: set[int] = set()
            for row in block.rows:
                parts = []
                for cell in row:
                    if cell.key not in seen and cell.text.strip():
                        seen.add(cell.key)
                        parts.append(cell.text.strip())
                line = " ".join(parts)
                lines.append(line)
                masked.append(line)
                position += len(line) + 1
            continue
        by_cell = {(f.row, f.column): f for f in found}
        for r, row in enumerate(block.rows):
            offset = position
            parts = []
            for c, cell in enumerate(row):
                text = cell.text.replace("\n", " ")
                figure = by_cell.get((r, c))
                if figure is not None:
                    start = offset + text.find(figure.quote) if figure.quote in text else offset
                    table_figures_at.append(
                        Figure(
                            kind=figure.kind,
                            value=figure.value,
                            unit=figure.unit,
                            metric=figure.metric,
                            role=figure.role,
                            quote=figure.quote,
                            start=start,
                            end=start + len(figure.quote),
                            total=figure.total,
                            upper=figure.upper,
                            bound=figure.bound,
                            cell=f"{block.name}, dòng {r + 1}, cột “{figure.header}”",
                        )
                    )
                parts.append(text)
                offset += len(text) + len(CELL_GAP)
            line = CELL_GAP.join(parts)
            lines.append(line)
            masked.append(" " * len(line))
            position += len(line) + 1
    text = "\n".join(lines)
    prose = extract("\n".join(masked))
    figures = sorted([*prose, *table_figures_at], key=lambda f: f.start)
    return Reading(text, figures)
