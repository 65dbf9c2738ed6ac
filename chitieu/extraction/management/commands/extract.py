import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from chitieu.extraction.extractor import extract
from chitieu.extraction.reading import read_text


class Command(BaseCommand):
    help = "Read the figures of a Vietnamese report (.txt or .docx) as GUIDE.md describes them."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument("--format", choices=["json", "table"], default="json")

    def handle(self, *args, **options) -> None:
        path: Path = options["path"]
        if not path.exists():
            raise CommandError(f"Không có tệp {path}.")
        figures = [figure.as_dict() for figure in extract(read_text(path))]
        if options["format"] == "json":
            self.stdout.write(json.dumps({"figures": figures}, ensure_ascii=False, indent=1))
            return
        for figure in figures:
            extra = " ".join(
                f"{k}={figure[k]}" for k in ("total", "upper", "bound", "reference") if k in figure
            )
            self.stdout.write(
                f"{figure['kind']:<12} {figure['value']:>12} {figure['unit']:<12} {figure['role']:<7} "
                f"{extra:<24} “{figure['quote']}” — {figure['metric'][:60]}"
            )
