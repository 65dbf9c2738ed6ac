"""Documents of commendation in the Decree 30/2020 format: the proposal (tờ trình) with its list,
the decision with its list and cash, the cluster ranking, and the certificates to print."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.utils import timezone

from chitieu.accounts.permissions import reviewing_level
from chitieu.awards.decisions.legal_basis import grounds_for, province_of
from chitieu.awards.decisions.services import submitted_on
from chitieu.awards.decisions.signing import signature_lines, signer_parts
from chitieu.awards.models import AwardKind, AwardRecord, Decision, Proposal
from chitieu.awards.proposals.selectors import beyond_authority
from chitieu.core.dates import format_date, format_long_date
from chitieu.core.numbers import format_decimal
from chitieu.emulation.models import ClusterYear
from chitieu.emulation.selectors import cluster_ranking
from chitieu.reports.documents import Centered, Ground, Letterhead, Table
from chitieu.units.models import Unit
from chitieu.units.names import in_text, place_name


def _province(unit: Unit) -> Unit:
    return province_of(unit)


def deciding_level(proposal: Proposal) -> Unit:
    """The level whose People's Committee decides the proposal: where it is held (or would go
    first), the province when it holds awards beyond that level's authority."""
    level = reviewing_level(proposal)
    assert isinstance(level, Unit)
    if level.parent is not None and beyond_authority(proposal, level):
        return _province(proposal.unit)
    return level


def _counts(collectives: int, individuals: int) -> str:
    parts = [f"{collectives} tập thể"] if collectives else []
    parts += [f"{individuals} cá nhân"] if individuals else []
    return " và ".join(parts)


def _board_signature(unit: Unit) -> dict[str, str]:
    """Who signs what the unit's Board submits: the Director of Sở Nội vụ, or the council."""
    if unit.parent is None:
        return {"signer_role": "GIÁM ĐỐC", "signer_title": ""}
    return {"signer_role": "TM. HỘI ĐỒNG", "signer_title": "CHỦ TỊCH"}


def proposal_parts(proposal: Proposal) -> tuple[Letterhead, list[str], Table]:
    unit, province = proposal.unit, _province(proposal.unit)
    items = list(proposal.items.select_related("award", "person", "unit"))
    collectives = sum(1 for item in items if item.unit_id)
    deciding = deciding_level(proposal)
    own = deciding.pk == unit.pk  # the unit decides its own: its Board submits to its Chairman
    if own:
        board = "SỞ NỘI VỤ" if unit.parent is None else "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG"
        parent_body, issuing_body = f"UBND {unit.name}", board
        number = "Số:      /TTr-SNV" if unit.parent is None else "Số:      /TTr-HĐTĐKT"
        proposer = f"{board.capitalize()} {unit.name}" if unit.parent else "Sở Nội vụ"
    else:
        parent_body = f"UBND {province.name}" if province != unit else ""
        issuing_body, number, proposer = f"UBND {unit.name}", "Số:      /TTr-UBND", unit.name
    head = Letterhead(
        parent_body=parent_body,
        issuing_body=issuing_body,
        number=number,
        place=place_name(unit.name),
        date=submitted_on(proposal) or timezone.localdate(),
        title="TỜ TRÌNH",
        subtitle=f"Về việc đề nghị khen thưởng năm {proposal.year}",
        recipients=("Như trên;", "Lưu: VT."),
        addressee=f"Kính gửi: Chủ tịch Ủy ban nhân dân {in_text(deciding.name)}.",
        **(_board_signature(unit) if own else {}),
    )
    grounds = [
        Ground(line)
        for line in grounds_for(unit).printed(in_text(unit.name))
        if line.startswith("Căn cứ")
    ]
    paragraphs = [
        *grounds,
        f"Xét thành tích đạt được trong năm {proposal.year}, {proposer} kính trình Chủ tịch Ủy ban "
        f"nhân dân {in_text(deciding.name)} xem xét, khen thưởng cho "
        f"{_counts(collectives, len(items) - collectives) or '0 cá nhân'} "
        "(có danh sách kèm theo).",
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


def _signer(decision: Decision) -> tuple[str, str]:
    try:
        return signer_parts(decision.signer_title, decision.signer)
    except ValidationError:  # recorded before the title was checked: printed as entered
        return decision.signer_title, decision.signer


def decision_articles(records: list[AwardRecord], committee: Unit) -> list[str]:
    """One article for the titles, one for each form of reward, then the cash and the execution."""
    groups: dict[AwardKind, list[AwardRecord]] = {}
    for record in records:
        groups.setdefault(record.award, []).append(record)
    titles = [award for award in groups if award.is_title]
    forms = [award for award in groups if not award.is_title]

    def counted(award: AwardKind) -> str:
        collectives = sum(1 for r in groups[award] if r.person_id is None)
        return _counts(collectives, len(groups[award]) - collectives)

    articles = []
    if titles:
        granted = "; ".join(f"danh hiệu “{award.name}” cho {counted(award)}" for award in titles)
        articles.append(f"Tặng {granted} (có danh sách kèm theo).")
    for award in forms:
        articles.append(
            f"Tặng {award.name} cho {counted(award)} đã có thành tích xuất sắc "
            "(có danh sách kèm theo)."
        )
    granted_in = len(articles)
    total = sum((r.cash or 0) for r in records)
    articles.append(
        f"Tiền thưởng theo quy định, tổng cộng {format_decimal(total)} đồng, chi từ Quỹ thi đua, "
        f"khen thưởng của {in_text(committee.name)}."
    )
    named = {1: "Điều 1", 2: "Điều 1 và Điều 2"}.get(granted_in, f"Điều 1 đến Điều {granted_in}")
    articles.append(
        f"Quyết định có hiệu lực kể từ ngày ký. Chánh Văn phòng Ủy ban nhân dân "
        f"{in_text(committee.name)}, "
        f"các cơ quan, đơn vị và các tập thể, cá nhân có tên tại {named} chịu trách nhiệm thi "
        "hành Quyết định này."
    )
    return [f"Điều {number}. {text}" for number, text in enumerate(articles, start=1)]


def decision_parts(decision: Decision) -> tuple[Letterhead, list[str], Table]:
    committee = decision.unit  # the level whose People's Committee decided
    records = sorted(
        decision.awards.select_related("award", "person", "unit"),
        key=lambda r: (not r.award.is_title, r.award.code, r.id),
    )
    title, name = _signer(decision)
    role, printed_title = signature_lines(title)
    articles = decision_articles(records, committee)
    head = Letterhead(
        parent_body="",
        issuing_body=f"ỦY BAN NHÂN DÂN {committee.name.upper()}",
        number=f"Số: {decision.number}",
        place=place_name(committee.name),
        date=decision.date,
        title="QUYẾT ĐỊNH",
        subtitle="Về việc khen thưởng",
        signer_role=role,
        signer_title=printed_title,
        signer_name=name,
        recipients=(
            f"Như Điều {len(articles)};",
            "Sở Nội vụ;" if committee.parent is None else "Bộ phận thi đua, khen thưởng;",
            "Lưu: VT.",
        ),
    )
    proposer = in_text(decision.proposal.unit.name if decision.proposal else committee.name)
    paragraphs = [
        Centered(f"CHỦ TỊCH ỦY BAN NHÂN DÂN {committee.name.upper()}"),
        *map(Ground, grounds_for(committee).printed(proposer)),
        Centered("QUYẾT ĐỊNH:"),
        *articles,
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
