"""Documents of commendation in the Decree 30/2020 format: the proposal (tờ trình) with its list,
the decision with its list and cash, the cluster ranking, and the certificates to print."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone

from chitieu.awards.models import Decision, Proposal
from chitieu.core.dates import format_date, format_long_date
from chitieu.core.numbers import format_decimal
from chitieu.emulation.models import ClusterYear
from chitieu.emulation.selectors import cluster_ranking
from chitieu.reports.documents import Letterhead, Table
from chitieu.units.models import Unit
from chitieu.units.names import place_name

LAW = "Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15 tháng 6 năm 2022 và các văn bản hướng dẫn thi hành;"


def _province(unit: Unit) -> Unit:
    return Unit.objects.get(pk=int(unit.path.strip("/").split("/")[0]))


def proposal_parts(proposal: Proposal) -> tuple[Letterhead, list[str], Table]:
    unit, province = proposal.unit, _province(proposal.unit)
    items = list(proposal.items.select_related("award", "person", "unit"))
    collectives = sum(1 for item in items if item.unit_id)
    head = Letterhead(
        parent_body=f"UBND {province.name}" if province != unit else "",
        issuing_body=f"UBND {unit.name}",
        number="Số:      /TTr-UBND",
        place=place_name(unit.name),
        date=timezone.localdate(),
        title="TỜ TRÌNH",
        subtitle=f"Về việc đề nghị khen thưởng năm {proposal.year}",
        recipients=("Ban Thi đua - Khen thưởng tỉnh;", "Lưu: VT."),
    )
    paragraphs = [
        LAW,
        f"Xét thành tích đạt được trong năm {proposal.year}, {unit.name} kính đề nghị xem xét, khen thưởng "
        f"cho {collectives} tập thể và {len(items) - collectives} cá nhân (có danh sách kèm theo).",
    ]
    rows = [
        (
            str(index),
            str(item.person or item.unit),
            item.award.name,
            item.achievement,
            item.justification if not item.eligible else "",
        )
        for index, item in enumerate(items, start=1)
    ]
    return (
        head,
        paragraphs,
        Table(("TT", "Tập thể, cá nhân", "Hình thức", "Thành tích", "Giải trình"), rows),
    )


def decision_parts(decision: Decision) -> tuple[Letterhead, list[str], Table]:
    committee = decision.unit  # the level whose People's Committee decided
    records = list(
        decision.awards.select_related("award", "person", "unit").order_by("award__code", "id")
    )
    total = sum((r.cash or 0) for r in records)
    head = Letterhead(
        parent_body="",
        issuing_body=f"ỦY BAN NHÂN DÂN {committee.name.upper()}",
        number=f"Số: {decision.number}",
        place=place_name(committee.name),
        date=decision.date,
        title="QUYẾT ĐỊNH",
        subtitle="Về việc khen thưởng",
        signer_role="KT. CHỦ TỊCH",
        signer_title="PHÓ CHỦ TỊCH" if decision.signer else "CHỦ TỊCH",
        recipients=(
            "Như Điều 3;",
            "Ban Thi đua - Khen thưởng tỉnh;"
            if committee.parent is None
            else "Bộ phận thi đua, khen thưởng;",
            "Lưu: VT.",
        ),
    )
    awards = sorted({r.award.name for r in records})
    paragraphs = [
        f"CHỦ TỊCH ỦY BAN NHÂN DÂN {committee.name.upper()}",
        LAW,
        f"Điều 1. Tặng {', '.join(awards)} cho {len(records)} tập thể, cá nhân có thành tích "
        "(có danh sách kèm theo).",
        f"Điều 2. Tiền thưởng theo quy định, tổng cộng {format_decimal(total)} đồng.",
        "Điều 3. Quyết định có hiệu lực kể từ ngày ký. Các cơ quan, đơn vị và cá nhân có tên tại Điều 1 "
        "chịu trách nhiệm thi hành Quyết định này.",
    ]
    rows = [
        (
            str(index),
            str(r.person or r.unit),
            r.award.name,
            str(r.year),
            "" if r.cash is None else format_decimal(r.cash),
        )
        for index, r in enumerate(records, start=1)
    ]
    return (
        head,
        paragraphs,
        Table(("TT", "Tập thể, cá nhân", "Hình thức", "Năm", "Tiền thưởng (đồng)"), rows),
    )


def ranking_parts(cluster_year: ClusterYear) -> tuple[Letterhead, list[str], Table]:
    organiser = cluster_year.cluster.organiser
    rows = [
        (
            str(r.rank),
            r.unit.name,
            format_decimal(r.total),
            format_decimal(r.target_points),
            f"{r.targets_met}/{r.targets_total}",
        )
        for r in cluster_ranking(cluster_year)
    ]
    head = Letterhead(
        parent_body=f"UBND {organiser.name}",
        issuing_body=cluster_year.cluster.name,
        number="Số:      /BC-CTĐ",
        place=place_name(cluster_year.chair.name if cluster_year.chair else organiser.name),
        date=timezone.localdate(),
        title="BÁO CÁO",
        subtitle=f"Kết quả chấm điểm, xếp hạng thi đua năm {cluster_year.year}",
        signer_role="TM. CỤM THI ĐUA",
        signer_title="CỤM TRƯỞNG",
    )
    paragraphs = [
        f"Thực hiện giao ước thi đua năm {cluster_year.year}, {cluster_year.cluster.name} đã tổ chức chấm điểm, "
        f"bình xét theo bảng chấm điểm của tỉnh. Nguyên tắc khi bằng điểm: {cluster_year.tie_break}",
    ]
    headings = ("Hạng", "Đơn vị", "Tổng điểm", "Điểm chỉ tiêu", "Chỉ tiêu đạt")
    return head, paragraphs, Table(headings, rows)


def certificates_pdf(decision: Decision) -> bytes:
    """One landscape A4 page per award of the decision, ready to print."""
    from weasyprint import HTML

    committee = decision.unit  # the level whose People's Committee decided
    records = decision.awards.select_related("award", "person__unit", "unit").order_by("id")
    pages = [
        {
            "authority": f"CHỦ TỊCH ỦY BAN NHÂN DÂN {committee.name.upper()}",
            "form": r.award.name.upper() if not r.award.is_title else "BẰNG CHỨNG NHẬN",
            "title": r.award.name,
            "is_title": r.award.is_title,
            "name": str(r.person or r.unit),
            "unit": r.person.unit.name
            if r.person
            else (r.unit.parent.name if r.unit and r.unit.parent else ""),
            "achievement": f"Đã có thành tích xuất sắc năm {r.year}",
            "decision": f"Quyết định số {decision.number} ngày {format_date(decision.date)}",
            "place_date": f"{place_name(committee.name)}, {format_long_date(decision.date)}",
        }
        for r in records
    ]
    html = render_to_string("reports/certificates.html", {"pages": pages})
    return HTML(string=html).write_pdf()
