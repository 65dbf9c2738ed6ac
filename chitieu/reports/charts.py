"""The report's chart: each main target's result as a share of its plan, one bar per target in the
colour of its status, the 100% line marked. Drawn with matplotlib (its own DejaVu Sans has every
Vietnamese letter) into a PNG that Word and the PDF both take."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from io import BytesIO

from chitieu.core.numbers import format_percent
from chitieu.evaluation.engine import Status
from chitieu.evaluation.loader import UnitResults

# The pages' status colours (app.css), so that a printed report reads like the screen.
COLOURS = {
    Status.EXCEEDED: "#0f6b2f",
    Status.MET: "#2e9b55",
    Status.NEARLY_MET: "#b26a00",
    Status.NOT_MET: "#b3261e",
    Status.NO_DATA: "#6b7280",
    Status.ON_TRACK: "#2e9b55",
    Status.NEEDS_ACCELERATION: "#b26a00",
    Status.OFF_TRACK: "#b3261e",
    Status.AT_RISK: "#b3261e",
}
LABEL_LENGTH = 48


@dataclass(frozen=True)
class Bar:
    label: str
    ratio: Decimal  # percent of plan
    status: Status


@dataclass(frozen=True)
class Chart:
    png: bytes
    caption: str


def plan_bars(results: UnitResults) -> list[Bar]:
    """The main targets that have a ratio to plan (milestones and targets without figures have
    none), in the order of the results table; the issuer is named when there are several."""
    main = [r for r in results.results if r.target.is_main and r.evaluation.ratio is not None]
    several_issuers = len({r.target.issuer for r in main}) > 1
    bars = []
    for result in main:
        label = result.target.indicator.name
        if len(label) > LABEL_LENGTH:
            label = label[: LABEL_LENGTH - 1].rstrip() + "…"
        if several_issuers:
            label = f"{label} ({result.target.issuer})"
        assert result.evaluation.ratio is not None
        bars.append(Bar(label, result.evaluation.ratio, result.status))
    return bars


def plan_chart(results: UnitResults) -> Chart | None:
    bars = plan_bars(results)
    if not bars:
        return None
    import matplotlib

    matplotlib.use("Agg")  # no screen, and no state shared with anything else drawing
    from matplotlib.figure import Figure

    height = 0.9 + 0.32 * len(bars)
    figure = Figure(figsize=(6.5, height), dpi=200)
    axes = figure.subplots()
    positions = range(len(bars))
    values = [float(bar.ratio) for bar in bars]
    axes.barh(positions, values, color=[COLOURS[bar.status] for bar in bars], height=0.62)
    axes.set_yticks(list(positions), [bar.label for bar in bars], fontsize=7)
    axes.invert_yaxis()  # the first target on top, as in the table
    axes.axvline(100, color="#1c2333", linewidth=0.8, linestyle="--")
    right = max(120.0, max(values) * 1.15)
    axes.set_xlim(0, right)
    for position, bar in zip(positions, bars, strict=True):
        axes.text(
            min(float(bar.ratio), right) + right * 0.01,
            position,
            format_percent(bar.ratio),
            va="center",
            fontsize=6.5,
        )
    axes.set_xlabel("% kế hoạch", fontsize=7)
    axes.tick_params(axis="x", labelsize=7)
    axes.spines[["top", "right"]].set_visible(False)
    figure.tight_layout()
    buffer = BytesIO()
    figure.savefig(buffer, format="png")
    caption = (
        "Biểu đồ: tỷ lệ thực hiện so với kế hoạch các chỉ tiêu chủ yếu, "
        f"{results.period.label.lower()} (màu theo kết quả đánh giá; với chỉ tiêu càng thấp "
        "càng tốt như tỷ lệ hộ nghèo, dưới 100% là đạt)"
    )
    return Chart(buffer.getvalue(), caption)
