"""Scoring predicted figures against labelled ones, as shared/corpus/GUIDE.md says: one-to-one
matching on (kind, value, total) as decimals; precision, recall and F1 over all texts; on the
matched pairs, the accuracy of unit, role and metric."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal


def _key(figure: dict) -> tuple:
    total = figure.get("total")
    return (
        figure["kind"],
        Decimal(str(figure["value"])),
        Decimal(str(total)) if total is not None else None,
    )


@dataclass
class Score:
    predicted: int = 0
    labelled: int = 0
    matched: int = 0
    unit_ok: int = 0
    role_ok: int = 0
    metric_ok: int = 0
    missed: list[dict] = field(default_factory=list)
    extra: list[dict] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for name in ("predicted", "labelled", "matched", "unit_ok", "role_ok", "metric_ok"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.missed += other.missed
        self.extra += other.extra

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.labelled if self.labelled else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def accuracy(self, name: str) -> float:
        return getattr(self, f"{name}_ok") / self.matched if self.matched else 1.0


def score(predicted: Sequence[dict], labelled: Sequence[dict]) -> Score:
    result = Score(predicted=len(predicted), labelled=len(labelled))
    unused = list(predicted)
    for label in labelled:
        match = next((p for p in unused if _key(p) == _key(label)), None)
        if match is None:
            result.missed.append(label)
            continue
        unused.remove(match)
        result.matched += 1
        result.unit_ok += match["unit"].strip().lower() == label["unit"].strip().lower()
        result.role_ok += match["role"] == label["role"]
        metric_text = (
            " ".join(match["metric"]) if isinstance(match["metric"], list) else match["metric"]
        )
        result.metric_ok += all(word.lower() in metric_text.lower() for word in label["metric"])
    result.extra = unused
    return result
