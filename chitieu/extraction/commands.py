"""`chitieu extract FILE` and `chitieu extract-eval TEXTS LABELS`: plain functions that need no
Django settings (reading a file needs no secret), run before Django by chitieu/cli.py and also
behind the management commands of the same names."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Protocol

from chitieu.extraction.documents import extract_blocks
from chitieu.extraction.encodings import UnreadableText
from chitieu.extraction.reading import read_path
from chitieu.extraction.scoring import Score, score

SUFFIXES = (".txt", ".docx", ".pdf", ".xlsx")


class Output(Protocol):
    def write(self, text: str, /) -> object: ...


def figures_of(path: Path) -> list[dict]:
    return [figure.as_dict() for figure in extract_blocks(read_path(path)).figures]


def write_figures(figures: list[dict], output: str, out: Output) -> None:
    if output == "json":
        out.write(json.dumps({"figures": figures}, ensure_ascii=False, indent=1) + "\n")
        return
    for figure in figures:
        extra = " ".join(
            f"{k}={figure[k]}" for k in ("total", "upper", "bound", "reference") if k in figure
        )
        out.write(
            f"{figure['kind']:<12} {figure['value']:>12} {figure['unit']:<12} {figure['role']:<7} "
            f"{extra:<24} “{figure['quote']}” — {figure['metric'][:60]}\n"
        )


def extract_main(argv: list[str], out: Output | None = None, err: Output | None = None) -> int:
    out, err = out or sys.stdout, err or sys.stderr
    parser = argparse.ArgumentParser(
        prog="chitieu extract",
        description="Đọc các số liệu của một báo cáo (.txt, .docx, .pdf, .xlsx) theo GUIDE.md.",
    )
    parser.add_argument("path", type=Path)
    parser.add_argument("--format", choices=["json", "table"], default="json")
    options = parser.parse_args(argv)
    path: Path = options.path
    if not path.is_file():
        err.write(f"Lỗi: không có tệp {path}.\n")
        return 2
    try:
        figures = figures_of(path)
    except UnreadableText as error:
        err.write(f"Lỗi: {error}\n")
        return 1
    write_figures(figures, options.format, out)
    return 0


def score_line(name: str, result: Score) -> str:
    return (
        f"{name:<32} predicted={result.predicted:<4} labelled={result.labelled:<4} "
        f"matched={result.matched:<4} P={result.precision:.3f} R={result.recall:.3f} F1={result.f1:.3f} "
        f"unit={result.accuracy('unit'):.3f} role={result.accuracy('role'):.3f} "
        f"metric={result.accuracy('metric'):.3f}"
    )


def eval_main(argv: list[str], out: Output | None = None, err: Output | None = None) -> int:
    out, err = out or sys.stdout, err or sys.stderr
    parser = argparse.ArgumentParser(
        prog="chitieu extract-eval",
        description="Chấm bộ trích số liệu trên các văn bản và nhãn của chúng (P, R, F1).",
    )
    parser.add_argument("texts", type=Path)
    parser.add_argument("labels", type=Path)
    options = parser.parse_args(argv)
    texts, labels = options.texts, options.labels
    if not texts.is_dir() or not labels.is_dir():
        err.write("Lỗi: cần hai thư mục: văn bản và nhãn.\n")
        return 2
    total = Score()
    for text_path in sorted(p for p in texts.iterdir() if p.suffix.lower() in SUFFIXES):
        label_path = labels / f"{text_path.stem}.json"
        if not label_path.exists():
            continue
        labelled = json.loads(label_path.read_text(encoding="utf-8"))["figures"]
        try:
            predicted = figures_of(text_path)
        except UnreadableText as error:
            err.write(f"{text_path.name}: {error}\n")
            predicted = []
        result = score(predicted, labelled)
        total.add(result)
        out.write(score_line(text_path.name, result) + "\n")
    out.write(score_line("TOTAL", total) + "\n")
    return 0


PLAIN_COMMANDS = {"extract": extract_main, "extract-eval": eval_main}
