"""What a typed entry sheet asks to save, read the same way from the form and from the Excel
file: the unit's figures, the figures of the same period last year typed beside them, and the
sub-units' figures typed on the unit's sheet. Both readers fill a SheetInput; `sheet_save`
saves it, all or none."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from chitieu.actuals.selectors import BASELINE_FROM_PREDECESSORS, SheetRow
from chitieu.actuals.services import BaselineInput, ValueInput
from chitieu.indicators.models import Indicator
from chitieu.units.models import Unit


@dataclass
class SheetInput:
    values: list[ValueInput] = field(default_factory=list)
    baselines: list[BaselineInput] = field(default_factory=list)
    subunits: dict[Unit, list[ValueInput]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    @property
    def count(self) -> int:
        """How many figures the sheet gives."""
        subunits = sum(len(items) for items in self.subunits.values())
        return len(self.values) + len(self.baselines) + subunits

    def add_baseline(self, row: SheetRow, value: Decimal | None, version: int) -> None:
        """The baseline typed for the row, kept only where it may be typed and was changed. A
        figure left as the sheet proposed it (the old units' figures added up) is saved with
        that source."""
        baseline = row.baseline
        if baseline is None or not baseline.editable:
            return
        if value == baseline.value and version == baseline.version:
            return
        proposed = baseline.actual is None and value is not None and value == baseline.proposed
        source = BASELINE_FROM_PREDECESSORS if proposed else ""
        self.baselines.append(BaselineInput(row.indicator, value, version, source=source))

    def add_subunit(
        self, unit: Unit, indicator: Indicator, value: Decimal | None, version: int
    ) -> bool:
        """A sub-unit's figure; False when the sheet already has one for it."""
        items = self.subunits.setdefault(unit, [])
        if indicator.pk in {item.indicator.pk for item in items}:
            return False
        items.append(ValueInput(indicator, value, version))
        return True
