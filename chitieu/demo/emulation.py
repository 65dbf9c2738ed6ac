"""Demo of Cụm thi đua số 1 of Hà Tĩnh (TP Hà Tĩnh, TX Hồng Lĩnh, TX Kỳ Anh, Thạch Hà, Can Lộc,
Đức Thọ, Nghi Xuân) for 2021–2022, and the awards the corpus mentions. The cluster, its years,
the scoring table, the movement and the sample names are in emulation.json beside this loader.

From the corpus: the members, the agreement signed on 07/01/2022, Giấy khen of the Thị ủy to 7
Party organisations, 17 Party cells and 36 individuals of Thị xã Kỳ Anh for 2021, and the kỷ niệm
chương "Vì sự nghiệp Dân vận" to 2 individuals. Everything else (decision numbers, names of the
people and cells, scores, votes) is sample data and marked so.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from chitieu.awards.decisions.services import decision_record
from chitieu.awards.fund.services import fund_allocate
from chitieu.awards.models import AnnualRating, AwardKind, AwardRecord, Person
from chitieu.awards.proposals.from_votes import proposal_from_votes
from chitieu.awards.proposals.services import (
    proposal_create,
    proposal_item_add,
    proposal_item_justify,
    proposal_review,
    proposal_submit,
    proposal_to_committee,
)
from chitieu.awards.rules.loading import load_award_catalogue
from chitieu.core.audit import unaudited
from chitieu.core.users import Actor
from chitieu.demo.targets import CLUSTER_1, HA_TINH, district
from chitieu.emulation.models import Cluster, ClusterYear, Movement, ReviewKind, Stage
from chitieu.emulation.selectors import cluster_ranking, leaf_criteria
from chitieu.emulation.services import (
    cluster_create,
    cluster_year_setup,
    member_sign,
    movement_create,
    movement_review_record,
    score_set,
    scoring_confirm,
    scoring_table_create,
    vote_record,
)
from chitieu.units.models import Unit, UnitType
from chitieu.units.services import unit_create

D = Decimal
DATA = json.loads((Path(__file__).parent / "emulation.json").read_text(encoding="utf-8"))
CLUSTER_NAME: str = DATA["cluster"]["name"]
DECIMAL_KEYS = ("max_points", "points_per_met", "points_per_exceeded")
CRITERIA = [
    {key: D(value) if key in DECIMAL_KEYS else value for key, value in criterion.items()}
    for criterion in DATA["criteria"]
]
SURNAMES: list[str] = DATA["names"]["surnames"]
MIDDLE: list[tuple[str, str]] = [(middle, sex) for middle, sex in DATA["names"]["middle"]]
GIVEN: list[str] = DATA["names"]["given"]


def _dates(spec: dict[str, Any], *keys: str) -> dict[str, Any]:
    return dict(spec) | {key: dt.date.fromisoformat(spec[key]) for key in keys}


def load_demo_emulation() -> None:
    load_award_catalogue()
    if Cluster.objects.filter(name=CLUSTER_NAME).exists():
        return
    with transaction.atomic():
        admin = get_user_model().objects.get(username="admin")
        province = Unit.objects.get(source_key=HA_TINH)
        awards = {award.code: award for award in AwardKind.objects.all()}
        members = [district(name) for name in ["Thị xã Kỳ Anh", *CLUSTER_1]]
        by_name = {unit.name: unit for unit in members}
        cluster = cluster_create(
            actor=admin, organiser=province, **_dates(DATA["cluster"], "decision_date")
        )
        rng = random.Random(1)
        for spec in DATA["years"]:
            year, chair, deputy = spec["year"], spec["chair"], spec["deputy"]
            signed = dt.date.fromisoformat(spec["signed"])
            table = scoring_table_create(
                actor=admin,
                organiser=province,
                year=year,
                name=f"Bảng chấm điểm cụm, khối thi đua năm {year} (mẫu)",
                criteria=CRITERIA,
            )
            cluster_year = cluster_year_setup(
                actor=admin,
                cluster=cluster,
                year=year,
                members=members,
                chair=by_name[chair],
                deputy=by_name[deputy],
                scoring_table=table,
                agreement_text=(
                    f"Các đơn vị thuộc {CLUSTER_NAME} ký giao ước thi đua năm {year}, quyết tâm thực hiện "
                    "thắng lợi các chỉ tiêu, nhiệm vụ phát triển kinh tế - xã hội, quốc phòng - an ninh."
                ),
            )
            for member in cluster_year.members.all():
                member_sign(
                    actor=admin,
                    member=member,
                    signed_on=signed,
                    titles=[awards["CO_TINH"]]
                    if member.unit.name in (chair, "Thị xã Kỳ Anh")
                    else [],
                )
            if year == 2021:
                _score_and_decide(admin, cluster_year, rng, awards)
        movement_create(
            actor=admin,
            launched_by=province,
            participants=members,
            **_dates(
                DATA["movement"],
                "document_date",
                "starts_on",
                "ends_on",
                "midterm_review_on",
                "final_review_on",
            ),
        )
        _movements_2023(admin, province)
        _corpus_awards(admin, awards)
        _pending_proposal(admin, awards)


def _movements_2023(admin: Actor, province: Unit) -> None:
    """The movements the Chairman of the province named in 7/2023 (corpus 002), each launched for
    the year, and the sơ kết of the first six months recorded for the rural one."""
    spec = DATA["movements_2023"]
    dates = ("document_date", "starts_on", "ends_on", "midterm_review_on", "final_review_on")
    for name in spec["names"]:
        movement_create(
            actor=admin, launched_by=province, name=name, **_dates(spec["common"], *dates)
        )
    rural = Movement.objects.get(launched_by=province, name=DATA["movement"]["name"])
    movement_review_record(
        actor=admin,
        movement=rural,
        kind=ReviewKind.MIDTERM,
        **_dates(spec["midterm_review"], "held_on"),
    )


def _score_and_decide(
    admin: Actor, cluster_year: ClusterYear, rng: random.Random, awards: dict[str, AwardKind]
) -> None:
    criteria = [c for c in leaf_criteria(cluster_year) if c.method == "manual"]
    for member in cluster_year.members.select_related("unit"):
        for criterion in criteria:
            top = criterion.max_points
            own = (top * D(str(round(rng.uniform(0.85, 1.0), 2)))).quantize(D("0.5"))
            reviewed = max(own - D("0.5") * rng.randint(0, 2), D(0))
            score_set(actor=admin, member=member, criterion=criterion, stage=Stage.SELF, points=own)
            score_set(
                actor=admin,
                member=member,
                criterion=criterion,
                stage=Stage.CLUSTER,
                points=reviewed,
            )
            score_set(
                actor=admin, member=member, criterion=criterion, stage=Stage.BOARD, points=reviewed
            )
    scoring_confirm(actor=admin, cluster_year=cluster_year)
    ranking = cluster_ranking(cluster_year)
    voters = len(ranking)
    vote_record(
        actor=admin,
        cluster_year=cluster_year,
        award=awards["CO_TINH"],
        unit=ranking[0].unit,
        votes_in_favour=voters,
        voters=voters,
    )
    for row in ranking[1:3]:
        vote_record(
            actor=admin,
            cluster_year=cluster_year,
            award=awards["BK_TINH"],
            unit=row.unit,
            votes_in_favour=voters - 1,
            voters=voters,
        )
    proposal = proposal_from_votes(actor=admin, cluster_year=cluster_year)
    for item in proposal.items.filter(eligible=False):
        proposal_item_justify(
            actor=admin,
            item=item,
            justification="Dữ liệu mẫu: đơn vị được cụm bình xét, đề nghị xem xét.",
        )
    proposal_submit(actor=admin, proposal=proposal)
    proposal_review(
        actor=admin, proposal=proposal, comment="Ban Thi đua - Khen thưởng đã thẩm định (mẫu)."
    )
    proposal_to_committee(actor=admin, proposal=proposal)
    fund_allocate(
        actor=admin,
        unit=proposal.considered_at or proposal.unit,
        year=2022,
        amount=Decimal("500000000"),
        date=dt.date(2022, 1, 4),
        description="Phân bổ quỹ thi đua, khen thưởng năm 2022 (mẫu)",
    )
    with unaudited("the demo's sample proposal, sent before its sample decision of 2022"):
        sent = timezone.make_aware(dt.datetime(2022, 1, 10, 8))
        proposal.steps.update(time=sent)
    decision_record(
        actor=admin,
        proposal=proposal,
        number="MẪU-120/QĐ-UBND",
        date=dt.date(2022, 1, 20),
        issuer="Chủ tịch UBND tỉnh Hà Tĩnh",
        signer="(mẫu)",
        # The Committee grants the flagged items too, explicitly, on the cluster's vote.
        granted=list(proposal.items.values_list("pk", flat=True)),
    )


def _sample_name(rng: random.Random) -> tuple[str, str]:
    middle, sex = rng.choice(MIDDLE)
    return f"{rng.choice(SURNAMES)} {middle} {rng.choice(GIVEN)}", sex


@unaudited("sample people, awards and ratings of the demo, marked as samples")
def _corpus_awards(admin: Actor, awards: dict[str, AwardKind]) -> None:
    """Giấy khen of Thị ủy Kỳ Anh for 2021: 7 Party organisations, 17 Party cells, 36 people;
    kỷ niệm chương "Vì sự nghiệp Dân vận" to 2 people."""
    town = district("Thị xã Kỳ Anh")
    rng = random.Random(7)
    decision = {
        "decision_number": "MẪU-45/QĐ-ThU",
        "decision_date": dt.date(2022, 1, 6),
        "issuer": "Ban Thường vụ Thị ủy Kỳ Anh",
        "is_sample": True,
    }
    wards = list(Unit.objects.filter(parent=town).order_by("name"))
    for index in range(7):
        organisation = unit_create(
            actor=admin,
            name=f"Đảng bộ {wards[index].name}",
            type=UnitType.PARTY_COMMITTEE,
            parent=town,
            note="Tên mẫu",
            reason="Dữ liệu mẫu",
        )
        AwardRecord.objects.create(
            unit=organisation,
            award=awards["GIAY_KHEN"],
            year=2021,
            note="Hoàn thành xuất sắc nhiệm vụ công tác xây dựng Đảng năm 2021",
            **decision,
        )
    for index in range(17):
        cell = unit_create(
            actor=admin,
            name=f"Chi bộ Tổ dân phố số {index + 1} (mẫu)",
            type=UnitType.PARTY_COMMITTEE,
            parent=wards[index % len(wards)],
            reason="Dữ liệu mẫu",
        )
        AwardRecord.objects.create(
            unit=cell,
            award=awards["GIAY_KHEN"],
            year=2021,
            note="Chi bộ trực thuộc Đảng ủy cơ sở",
            **decision,
        )
    for _index in range(36):
        name, sex = _sample_name(rng)
        person = Person.objects.create(
            full_name=name, sex=sex, unit=town, is_sample=True, position="Đảng viên"
        )
        AwardRecord.objects.create(
            person=person,
            award=awards["GIAY_KHEN"],
            year=2021,
            note="Có thành tích trong công tác xây dựng Đảng năm 2021",
            **decision,
        )
    for _index in range(2):
        name, sex = _sample_name(rng)
        person = Person.objects.create(full_name=name, sex=sex, unit=town, is_sample=True)
        AwardRecord.objects.create(
            person=person,
            award=awards["KNC"],
            year=2021,
            decision_number="MẪU-KNC",
            decision_date=dt.date(2022, 1, 6),
            issuer="Ban Dân vận Trung ương",
            note="Kỷ niệm chương “Vì sự nghiệp Dân vận”",
            is_sample=True,
        )


@unaudited("sample people, awards and ratings of the demo, marked as samples")
def _pending_proposal(admin: Actor, awards: dict[str, AwardKind]) -> None:
    """A proposal on its way, so that the Board has one to review: Thị xã Kỳ Anh proposes three
    of its (sample) people for Lao động tiên tiến 2022 and sends it to the province."""
    town = district("Thị xã Kỳ Anh")
    proposal = proposal_create(
        actor=admin,
        unit=town,
        year=2022,
        title="Đề nghị công nhận Lao động tiên tiến năm 2022 (mẫu)",
    )
    for person in Person.objects.filter(unit=town, is_sample=True).order_by("id")[:3]:
        AnnualRating.objects.create(person=person, year=2022, rating="HTT")
        proposal_item_add(actor=admin, proposal=proposal, award=awards["LDTT"], person=person)
    proposal_submit(actor=admin, proposal=proposal)
