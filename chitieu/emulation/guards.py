"""The guard rails of a cluster's year, read by the services (emulation's and awards' proposal
from the vote) and shown on the cluster's page.

- Votes and proposals only once every member signed and is scored on every criterion and the
  Board confirmed the scoring, or confirmed anyway with its reason recorded.
- A decided year (a decision recorded on the cluster's proposal, or the Board closed the year)
  refuses scores, votes and signatures until the Board reopens it, with its reason.
- A scoring table with any score is locked: copy it to change it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError

from chitieu.emulation.models import ClusterYear, Criterion, Score, ScoringTable


def table_locked(table: ScoringTable) -> bool:
    """Scoring started on the table: it is read-only (copy it to change it)."""
    return Score.objects.filter(criterion__table=table).exists()


def require_table_open(table: ScoringTable) -> None:
    if table_locked(table):
        raise ValidationError(
            f"Bảng chấm điểm “{table.name}” đã có điểm chấm nên không sửa được nữa; "
            "hãy sao chép bảng để thay đổi."
        )


def is_decided(cluster_year: ClusterYear) -> bool:
    """Closed by the Board, or decided on its proposal and not reopened since."""
    if cluster_year.closed_at is not None:
        return True
    if cluster_year.reopened_at is not None:
        return False
    return ClusterYear.objects.filter(
        pk=cluster_year.pk, proposals__decision__isnull=False
    ).exists()


def require_open(cluster_year: ClusterYear, what: str) -> None:
    fresh = ClusterYear.objects.get(pk=cluster_year.pk)
    if is_decided(fresh):
        raise ValidationError(
            f"Năm {fresh.year} của {fresh.cluster.name} đã khóa (đã có quyết định khen thưởng "
            f"hoặc Ban Thi đua đã khóa năm); không {what} được nữa. Ban Thi đua cần mở lại năm, "
            "ghi rõ lý do."
        )


@dataclass
class Readiness:
    """What stands between the year and its vote."""

    no_table: bool = False
    unsigned: list[str] = field(default_factory=list)
    unscored: list[str] = field(default_factory=list)  # "Phường X (I.1, I.2)"

    @property
    def gaps(self) -> list[str]:
        found = []
        if self.no_table:
            found.append("cụm chưa có bảng chấm điểm")
        if self.unsigned:
            found.append("chưa ký giao ước: " + ", ".join(self.unsigned))
        if self.unscored:
            found.append("chưa chấm đủ điểm: " + "; ".join(self.unscored))
        return found

    @property
    def complete(self) -> bool:
        return not self.gaps


def readiness(cluster_year: ClusterYear) -> Readiness:
    result = Readiness(no_table=cluster_year.scoring_table_id is None)
    members = list(cluster_year.members.select_related("unit").order_by("unit__name"))
    result.unsigned = [m.unit.name for m in members if m.signed_on is None]
    if cluster_year.scoring_table_id is None:
        return result
    criteria = list(
        Criterion.objects.filter(table_id=cluster_year.scoring_table_id, method="manual")
        .exclude(children__isnull=False)
        .order_by("order", "code")
    )
    scored = set(
        Score.objects.filter(member__cluster_year=cluster_year).values_list(
            "member_id", "criterion_id"
        )
    )
    for member in members:
        gaps = [c.code for c in criteria if (member.pk, c.pk) not in scored]
        if gaps:
            result.unscored.append(f"{member.unit.name} ({', '.join(gaps)})")
    return result


def require_confirmed(cluster_year: ClusterYear, what: str) -> None:
    """Votes and proposals: after the Board confirmed the scoring (or overrode, with reason)."""
    fresh = ClusterYear.objects.get(pk=cluster_year.pk)
    if fresh.scoring_confirmed_at is None:
        gaps = readiness(fresh).gaps
        detail = f" ({'; '.join(gaps)})" if gaps else ""
        raise ValidationError(
            f"Chưa {what} được: Ban Thi đua chưa xác nhận kết quả chấm điểm của cụm{detail}."
        )


def require_scoring_open(cluster_year: ClusterYear) -> None:
    fresh = ClusterYear.objects.get(pk=cluster_year.pk)
    if fresh.scoring_confirmed_at is not None:
        raise ValidationError(
            "Ban Thi đua đã xác nhận kết quả chấm điểm; muốn sửa điểm, Ban cần mở lại việc chấm "
            "điểm, ghi rõ lý do."
        )
