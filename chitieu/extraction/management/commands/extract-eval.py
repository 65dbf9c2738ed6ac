import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from chitieu.extraction.extractor import extract
from chitieu.extraction.reading import read_text
from chitieu.extraction.scoring import Score, score


class Command(BaseCommand):
    help = "Score the extractor on texts and their labels: precision, recall, F1, and accuracies."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("texts", type=Path)
        parser.add_argument("labels", type=Path)

    def handle(self, *args, **options) -> None:
        texts, labels = options["texts"], options["labels"]
        if not texts.is_dir() or not labels.is_dir():
            raise CommandError("Cần hai thư mục: văn bản và nhãn.")
        total = Score()
        for text_path in sorted([*texts.glob("*.txt"), *texts.glob("*.docx")]):
            label_path = labels / f"{text_path.stem}.json"
            if not label_path.exists():
                continue
            labelled = json.loads(label_path.read_text(encoding="utf-8"))["figures"]
            predicted = [figure.as_dict() for figure in extract(read_text(text_path))]
            result = score(predicted, labelled)
            total.add(result)
            self.stdout.write(self._line(text_path.name, result))
        self.stdout.write(self._line("TOTAL", total))

    @staticmethod
    def _line(name: str, result: Score) -> str:
        return (
            f"{name:<32} predicted={result.predicted:<4} labelled={result.labelled:<4} "
            f"matched={result.matched:<4} P={result.precision:.3f} R={result.recall:.3f} F1={result.f1:.3f} "
            f"unit={result.accuracy('unit'):.3f} role={result.accuracy('role'):.3f} "
            f"metric={result.accuracy('metric'):.3f}"
        )
