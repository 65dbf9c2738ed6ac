"""Every state-changing page × every role × own and other unit (in the style of NetBox's view
tests): a role the rules refuse gets 403 or 404 (anonymous: the login page) and nothing changes,
no row and no audit row; a role they allow is let through. The routes come from the URL conf: a
route that is in neither list below fails the first test, so a new one cannot be forgotten."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from chitieu.accounts.models import Role
from chitieu.testing import client_for, fixture_row, put

pytestmark = pytest.mark.django_db

# Who tries: the town (Thị xã Kỳ Anh) and its communes are "own", Huyện Cẩm Xuyên "other".
ROLES = (
    "sysadmin",
    "admin",
    "admin_other",
    "planner",
    "planner_other",
    "board",
    "town_board",
    "board_other",
    "reporter",
    "reporter_other",
    "viewer",
    "anonymous",
)
EVERYONE = frozenset(ROLES) - {"anonymous"}
UNITS = frozenset({"sysadmin", "admin"})
TARGETS = frozenset({"sysadmin", "admin", "planner"})
ENTRY = TARGETS | {"reporter"}
TOWN_BOARD = frozenset({"sysadmin", "admin", "board", "town_board"})
PROVINCE_BOARD = frozenset({"sysadmin", "board"})
SYSADMIN = frozenset({"sysadmin"})


class World:
    """The objects the routes act on, all of the town's subtree, built through the services."""

    def __init__(self, tree, superuser, make_user, catalogue, awards) -> None:
        from chitieu.awards.models import AnnualRating
        from chitieu.awards.people.services import person_create
        from chitieu.awards.proposals.services import proposal_create, proposal_item_add
        from chitieu.emulation.services import (
            cluster_create,
            cluster_year_setup,
            scoring_table_create,
        )
        from chitieu.targets.services import resolution_create, target_create

        self.tree, self.superuser, self.awards, self.catalogue = tree, superuser, awards, catalogue
        self.users = {
            "sysadmin": superuser,
            "admin": make_user("m_admin", Role.ADMIN, tree.town),
            "admin_other": make_user("m_admin_other", Role.ADMIN, tree.other_district),
            "planner": make_user("m_planner", Role.PLANNER, tree.town),
            "planner_other": make_user("m_planner_other", Role.PLANNER, tree.other_district),
            "board": make_user("m_board", Role.BOARD, tree.province),
            "town_board": make_user("m_town_board", Role.BOARD, tree.town),
            "board_other": make_user("m_board_other", Role.BOARD, tree.other_district),
            "reporter": make_user("m_reporter", Role.REPORTER, tree.commune_a),
            "reporter_other": make_user("m_reporter_other", Role.REPORTER, tree.commune_c),
            "viewer": make_user("m_viewer", Role.VIEWER, tree.town),
        }
        root = superuser
        self.resolution = resolution_create(
            actor=root,
            unit=tree.town,
            number="01/NQ-HĐND",
            title="Kế hoạch năm 2021",
            date=dt.date(2020, 12, 18),
            issuing_body="HĐND thị xã Kỳ Anh",
            period="2021",
        )
        self.target = target_create(
            actor=root,
            resolution=self.resolution,
            indicator=catalogue["KT06"],
            issuer="HĐND giao",
            value=Decimal("300"),
        )
        self.commune_target, _ = (
            target_create(
                actor=root,
                resolution=self.resolution,
                indicator=catalogue["KT06"],
                issuer="HĐND giao",
                value=Decimal("30"),
                unit=commune,
            )
            for commune in (tree.commune_a, tree.commune_b)
        )
        self.lan = person_create(actor=root, unit=tree.town, full_name="Nguyễn Thị Lan", sex="nu")
        fixture_row(AnnualRating, person=self.lan, year=2024, rating="HTT")
        self.draft = proposal_create(actor=root, unit=tree.town, year=2024, title="Tờ trình")
        self.item = proposal_item_add(
            actor=root, proposal=self.draft, award=awards["CSTDCS"], person=self.lan
        )
        self.cluster = cluster_create(
            actor=root,
            organiser=tree.town,
            name="Cụm các phường, xã",
            kind="cum",
            decision_number="1/QĐ",
            decision_date=dt.date(2024, 1, 2),
        )
        self.table = scoring_table_create(
            actor=root,
            organiser=tree.town,
            year=2024,
            name="Bảng điểm 2024",
            criteria=[{"code": "1", "name": "Công tác chung", "max_points": Decimal("10")}],
        )
        self.cluster_year = cluster_year_setup(
            actor=root,
            cluster=self.cluster,
            year=2024,
            members=[tree.commune_a, tree.commune_b],
            chair=tree.commune_a,
            scoring_table=self.table,
        )
        self.member = self.cluster_year.members.get(unit=tree.commune_a)
        self.criterion = self.table.criteria.get()

    # -- states some routes need, made when asked ------------------------------------------------

    def submitted(self, unit, period: str = "2021"):
        from chitieu.actuals.services import submission_submit

        put(self.superuser, unit, self.catalogue["KT06"], period, "31")
        submission_submit(actor=self.superuser, unit=unit, period=period)

    def approved(self, unit, period: str = "2021"):
        from chitieu.actuals.services import submission_approve

        self.submitted(unit, period)
        submission_approve(actor=self.superuser, unit=unit, period=period)

    def approved_official(self, unit, period: str = "2021"):
        from chitieu.actuals.services import submission_approve, submission_submit

        put(self.superuser, unit, self.catalogue["KT06"], period, "32", kind="official")
        submission_submit(actor=self.superuser, unit=unit, period=period, kind="official")
        submission_approve(actor=self.superuser, unit=unit, period=period, kind="official")

    def sent(self, unit=None, steps: tuple[str, ...] = ()):
        """A proposal of `unit` (the town) sent, then carried through `steps`."""
        from chitieu.awards.models import AnnualRating
        from chitieu.awards.people.services import person_create
        from chitieu.awards.proposals import services

        root = self.superuser
        unit = unit or self.tree.town
        person = self.lan
        if unit != self.tree.town:
            person = person_create(actor=root, unit=unit, full_name="Lê Văn An", sex="nam")
            fixture_row(AnnualRating, person=person, year=2024, rating="HTT")
        proposal = services.proposal_create(
            actor=root, unit=unit, year=2024, title="Tờ trình đã gửi"
        )
        services.proposal_item_add(
            actor=root, proposal=proposal, award=self.awards["LDTT"], person=person
        )
        services.proposal_submit(actor=root, proposal=proposal)
        for step in steps:
            getattr(services, step)(actor=root, proposal=proposal)
        return proposal

    def decided(self):
        from chitieu.awards.decisions.services import decision_record
        from chitieu.testing import sent_on_paper_before

        proposal = self.sent(steps=("proposal_review", "proposal_to_committee"))
        sent_on_paper_before(proposal, dt.date(2025, 1, 5))
        return decision_record(
            actor=self.superuser,
            proposal=proposal,
            number="5/QĐ-UBND",
            date=dt.date(2025, 1, 5),
            issuer="Chủ tịch UBND tỉnh",
            overdraw_confirmed=True,
            overdraw_reason="Chưa phân bổ quỹ",
        )

    def officer(self):
        from chitieu.awards.staffing.services import OfficerData, tdkt_officer_create

        data = OfficerData("Đặng Thị Hoa", "nu", dt.date(1990, 3, 2), "dai_hoc", 2014)
        return tdkt_officer_create(
            actor=self.superuser, unit=self.tree.province, year=2026, data=data
        )

    def matter(self):
        from chitieu.awards.people.records import matter_create

        return matter_create(actor=self.superuser, person=self.lan, kind="ky_luat", year=2024)

    def confirmed(self):
        from chitieu.emulation.services import scoring_confirm

        scoring_confirm(
            actor=self.superuser, cluster_year=self.cluster_year, override_reason="Thử quyền"
        )

    def closed(self):
        from chitieu.emulation.services import year_close

        year_close(actor=self.superuser, cluster_year=self.cluster_year)

    def movement(self):
        from chitieu.emulation.services import movement_create

        return movement_create(
            actor=self.superuser,
            launched_by=self.tree.town,
            name="Phong trào thi đua đô thị văn minh",
            document_number="4/KH-UBND",
            document_date=dt.date(2024, 1, 2),
            starts_on=dt.date(2024, 1, 2),
            ends_on=dt.date(2025, 12, 31),
        )

    def voted(self):
        from chitieu.emulation.services import vote_record

        self.confirmed()
        vote_record(
            actor=self.superuser,
            cluster_year=self.cluster_year,
            award=self.awards["TTLDTT"],
            unit=self.tree.commune_a,
            votes_in_favour=5,
            voters=6,
        )


def _xlsx() -> SimpleUploadedFile:
    from openpyxl import Workbook

    buffer = io.BytesIO()
    Workbook().save(buffer)
    return SimpleUploadedFile("tep.xlsx", buffer.getvalue())


@dataclass
class Case:
    """One state-changing request: its route, how to build it, who may make it. `changes`: the
    request as built does change something when allowed (checked)."""

    route: str
    label: str
    build: Callable[[World], tuple[str, dict]]
    allowed: frozenset[str]
    changes: bool = True
    files: Callable[[], dict] = field(default=lambda: {})


def _action(name: str, **extra) -> Callable[[World], tuple[str, dict]]:
    def build(w: World) -> tuple[str, dict]:
        return reverse("cluster_year_detail", args=[w.cluster_year.pk]), {
            "action": name,
            "member": w.member.pk,
            **extra,
        }

    return build


def _proposal(action: str, prepare: Callable[[World], object], **data):
    def build(w: World) -> tuple[str, dict]:
        proposal = prepare(w)
        return reverse("proposal_action", args=[proposal.pk, action]), dict(data)

    return build


def _sent_before(proposal, date: dt.date):
    from chitieu.testing import sent_on_paper_before

    sent_on_paper_before(proposal, date)
    return proposal


def _decide(w: World, decision: str, state: Callable[[World, object], None], **data):
    state(w, w.tree.commune_a)
    return reverse("actuals_decide", args=[w.tree.commune_a.pk, "2021", decision]), data


def _failed_job(w: World):
    from chitieu.core.models import Job, JobStatus

    job = Job.objects.create(
        kind="overview_workbook",
        status=JobStatus.FAILED,
        parameters={"root": w.tree.town.pk, "period": "2021"},
        created_by=w.users["planner"],
    )
    return reverse("job_retry", args=[job.pk]), {}


CASES = [
    Case(
        "job_retry",
        "retry one's own failed job",
        _failed_job,
        frozenset({"planner"}),  # only its creator; an administrator may see it, not rerun it
        changes=False,
    ),
    Case(
        "unit_edit",
        "edit the town",
        lambda w: (
            reverse("unit_edit", args=[w.tree.town.pk]),
            {"name": "Thị xã Kỳ Anh mới", "type": "thi_xa", "valid_to": "30/06/2025"},
        ),
        UNITS,
    ),
    Case(
        "unit_add_child",
        "add a ward under the town",
        lambda w: (
            reverse("unit_add_child", args=[w.tree.town.pk]),
            {"name": "Phường Mới", "type": "phuong", "valid_to": "30/06/2025"},
        ),
        UNITS,
    ),
    Case(
        "unit_add_link",
        "link a commune to its successor",
        lambda w: (
            reverse("unit_add_link", args=[w.tree.commune_a.pk]),
            {"successor": w.tree.commune_b.pk, "effective_date": "01/07/2025", "whole": "on"},
        ),
        UNITS,
        changes=False,
    ),
    Case(
        "token_list",
        "create one's own API token",
        lambda w: (reverse("token_list"), {"name": "máy tính", "days": "90"}),
        EVERYONE,
    ),
    Case(
        "user_list",
        "create a reporter of a commune of the town",
        lambda w: (
            reverse("user_list"),
            {
                "username": "m_new",
                "full_name": "Người Mới",
                "role": "reporter",
                "unit": w.tree.commune_b.pk,
            },
        ),
        UNITS,
    ),
    Case(
        "user_password_reset",
        "reset the password of the town's reporter",
        lambda w: (reverse("user_password_reset", args=[w.users["reporter"].pk]), {}),
        UNITS,
    ),
    Case(
        "user_set_active",
        "deactivate the town's reporter",
        lambda w: (
            reverse("user_set_active", args=[w.users["reporter"].pk]),
            {"action": "deactivate"},
        ),
        UNITS,
    ),
    Case(
        "user_role_add",
        "give the town's reporter a role on the town",
        lambda w: (
            reverse("user_role_add", args=[w.users["reporter"].pk]),
            {"role": "viewer", "unit": w.tree.town.pk},
        ),
        UNITS,
    ),
    Case(
        "user_role_remove",
        "remove one of two roles of the town's reporter",
        lambda w: _second_role(w),
        UNITS,
    ),
    Case(
        "users_import",
        "import users (an empty sheet: refused for everybody)",
        lambda w: (reverse("users_import"), {}),
        UNITS | {"admin_other"},  # any administrator opens it; the rows decide
        changes=False,
        files=lambda: {"file": _xlsx()},
    ),
    Case(
        "indicator_edit",
        "edit the catalogue",
        lambda w: (
            reverse("indicator_edit", args=[w.catalogue["KT06"].pk]),
            {
                "name": "Tổng thu ngân sách (sửa)",
                "unit_of_measure": "tỷ đồng",
                "category": w.catalogue["KT06"].category,
                "direction": w.catalogue["KT06"].direction,
                "aggregation": w.catalogue["KT06"].aggregation,
                "nature": w.catalogue["KT06"].nature,
                "decimals": 1,
                "is_active": "on",
            },
        ),
        SYSADMIN,
    ),
    Case(
        "resolution_create",
        "add a resolution of the town",
        lambda w: (
            reverse("resolution_create", args=[w.tree.town.pk]),
            {
                "number": "2/NQ",
                "title": "Kế hoạch 2022",
                "date": "10/12/2021",
                "issuing_body": "HĐND",
                "period": "2022",
            },
        ),
        TARGETS,
    ),
    Case(
        "resolution_detail",
        "add a target to the town's resolution",
        lambda w: (
            reverse("resolution_detail", args=[w.resolution.pk]),
            {
                "indicator": w.catalogue["KT01"].pk,
                "issuer": "HĐND giao",
                "is_main": "on",
                "measure": "level",
                "comparison": "reach",
                "value": "10",
            },
        ),
        TARGETS,
    ),
    Case(
        "target_delete",
        "remove the town's target",
        lambda w: (reverse("target_delete", args=[w.target.pk]), {"reason": "nhầm"}),
        TARGETS,
    ),
    Case(
        "targets_upload",
        "upload targets to the town's resolution",
        lambda w: (reverse("targets_upload", args=[w.resolution.pk]), {}),
        TARGETS,
        changes=False,
        files=lambda: {"file": _xlsx()},
    ),
    Case(
        "actuals_review",
        "set the town's reporting deadline",
        lambda w: (
            reverse("actuals_review") + f"?period=2021&root={w.tree.town.pk}",
            {"deadline": "20/12/2021"},
        ),
        TARGETS,
    ),
    Case(
        "actuals_entry",
        "enter a commune's figures",
        lambda w: (
            reverse("actuals_entry", args=[w.tree.commune_a.pk, "2021"]),
            {f"value_{w.catalogue['KT06'].pk}": "31", f"version_{w.catalogue['KT06'].pk}": "0"},
        ),
        ENTRY,
    ),
    Case(
        "actuals_upload",
        "upload a commune's figures",
        lambda w: (reverse("actuals_upload", args=[w.tree.commune_a.pk, "2021"]), {}),
        ENTRY,
        changes=False,
        files=lambda: {"file": _xlsx()},
    ),
    Case(
        "actuals_decide",
        "approve a commune's report",
        lambda w: _decide(w, "approve", World.submitted),
        TARGETS,
    ),
    Case(
        "actuals_decide",
        "return a commune's report",
        lambda w: _decide(w, "return", World.submitted, comment="thiếu số liệu"),
        TARGETS,
    ),
    Case(
        "actuals_decide",
        "reopen a commune's approved report",
        lambda w: _decide(w, "reopen", World.approved, comment="sửa số liệu"),
        TARGETS,
    ),
    Case(
        "actuals_decide",
        "reopen a commune's approved official report",
        lambda w: _decide(
            w, "reopen", World.approved_official, comment="sửa số liệu", kind="official"
        ),
        TARGETS,
    ),
    Case(
        "actuals_baseline",
        "enter a commune's figure of the same period last year beside its target",
        lambda w: (
            reverse("actuals_baseline", args=[w.commune_target.pk]),
            {"value_base": "27", "version_base": "0"},
        ),
        ENTRY,
    ),
    Case(
        "tolerance",
        "set the town's tolerance",
        lambda w: (reverse("tolerance", args=[w.tree.town.pk]), {"near_met_tolerance": "3"}),
        TARGETS,
    ),
    Case(
        "board_year",
        "set up a cluster of the town",
        lambda w: (
            reverse("board_year", args=[w.tree.town.pk, 2024]),
            {"name": "Khối", "kind": "khoi", "decision_number": "2", "decision_date": "02/01/2024"},
        ),
        TOWN_BOARD,
    ),
    Case(
        "board_year",
        "launch a movement of the town",
        lambda w: (
            reverse("board_year", args=[w.tree.town.pk, 2024]),
            {
                "action": "movement",
                "name": "Phong trào",
                "document_number": "3",
                "document_date": "02/01/2024",
                "starts_on": "02/01/2024",
                "ends_on": "31/12/2024",
            },
        ),
        TOWN_BOARD,
    ),
    Case(
        "movement_list",
        "launch a movement of the town on its movements' page",
        lambda w: (
            reverse("movement_list", args=[w.tree.town.pk]),
            {
                "name": "Phong trào",
                "document_number": "3",
                "document_date": "02/01/2024",
                "starts_on": "02/01/2024",
                "ends_on": "31/12/2024",
                "scope": "co_quan",
                "method": "chuyen_de",
                "participants": w.tree.commune_a.name,
            },
        ),
        TOWN_BOARD,
    ),
    Case(
        "movement_detail",
        "record a movement's mid-term review",
        lambda w: (
            reverse("movement_detail", args=[w.movement().pk]),
            {"kind": "so_ket", "held_on": "30/06/2024", "results": "Sơ kết 6 tháng."},
        ),
        TOWN_BOARD,
    ),
    Case(
        "cluster_year_setup",
        "set a cluster's year up",
        lambda w: (
            reverse("cluster_year_setup", args=[w.cluster.pk, 2025]),
            {"members": [w.tree.commune_a.pk, w.tree.commune_b.pk]},
        ),
        TOWN_BOARD,
        changes=False,  # the communes have ended by 2025: the form refuses them for everybody
    ),
    Case(
        "cluster_year_detail",
        "sign for a member",
        _action("sign", signed_on="07/01/2024"),
        TOWN_BOARD,
    ),
    Case(
        "cluster_year_detail",
        "commit a member's targets",
        _action("targets"),
        TOWN_BOARD,
        changes=False,
    ),
    Case(
        "cluster_year_detail",
        "score a member (self)",
        lambda w: _action("score", stage="self", points="5", criterion=w.criterion.pk)(w),
        TOWN_BOARD,
    ),
    Case(
        "cluster_year_detail",
        "score a member (Board)",
        lambda w: _action("score", stage="board", points="5", criterion=w.criterion.pk)(w),
        TOWN_BOARD,
    ),
    Case(
        "cluster_year_detail",
        "record a vote",
        lambda w: (
            w.confirmed(),
            _action("vote", award="TTLDTT", votes_in_favour="5", voters="6")(w),
        )[1],
        TOWN_BOARD,
    ),
    Case(
        "cluster_year_detail",
        "register a member's titles",
        _action("titles", titles=["TTLDTT"]),
        TOWN_BOARD,
    ),
    Case(
        "cluster_year_detail",
        "confirm the scoring (with a reason)",
        _action("confirm", override_reason="Họp cụm thống nhất"),
        TOWN_BOARD,
    ),
    Case("cluster_year_detail", "close the year", _action("close"), TOWN_BOARD),
    Case(
        "cluster_year_detail",
        "reopen the year",
        lambda w: (w.closed(), _action("reopen", reason="Sửa điểm")(w))[1],
        TOWN_BOARD,
    ),
    Case(
        "scoring_tables",
        "create a scoring table of the town",
        lambda w: (
            reverse("scoring_tables", args=[w.tree.town.pk, 2025]),
            {"action": "create", "name": "Bảng điểm 2025"},
        ),
        TOWN_BOARD,
    ),
    Case(
        "scoring_tables",
        "copy the town's table",
        lambda w: (
            reverse("scoring_tables", args=[w.tree.town.pk, 2025]),
            {"action": "copy", "source": w.table.pk},
        ),
        TOWN_BOARD,
    ),
    Case(
        "scoring_table",
        "add a criterion",
        lambda w: (
            reverse("scoring_table", args=[w.table.pk]),
            {
                "action": "save",
                "code": "2",
                "name": "Thực hiện chỉ tiêu",
                "max_points": "60",
                "method": "targets",
                "rule": "share",
            },
        ),
        TOWN_BOARD,
    ),
    Case(
        "scoring_table",
        "remove a criterion",
        lambda w: (
            reverse("scoring_table", args=[w.table.pk]),
            {"action": "delete", "criterion": w.criterion.pk},
        ),
        TOWN_BOARD,
    ),
    Case(
        "proposal_from_votes",
        "make the proposal from the vote",
        lambda w: (w.voted(), (reverse("proposal_from_votes", args=[w.cluster_year.pk]), {}))[1],
        TOWN_BOARD,
    ),
    Case(
        "proposal_new",
        "start a proposal of the town",
        lambda w: (
            reverse("proposal_new", args=[w.tree.town.pk]),
            {"title": "Tờ trình mới", "year": "2024"},
        ),
        TOWN_BOARD,
    ),
    Case(
        "proposal_detail",
        "add a person to the town's proposal",
        lambda w: (
            reverse("proposal_detail", args=[w.draft.pk]),
            {
                "award": w.awards["LDTT"].pk,
                "person_name": "Nguyễn Thị Lan",
                "commendation_type": "cong_trang",
            },
        ),
        TOWN_BOARD,
    ),
    Case(
        "proposal_action",
        "send the town's proposal",
        _proposal("submit", lambda w: w.draft),
        TOWN_BOARD,
        changes=False,  # its flagged item has no justification: refused for everybody
    ),
    Case(
        "proposal_action",
        "attach to the town's proposal",
        _proposal("attach", lambda w: w.draft),
        TOWN_BOARD,
        changes=False,
    ),
    Case(
        "proposal_action",
        "justify a flagged candidate",
        lambda w: (
            reverse("proposal_action", args=[w.draft.pk, "justify"]),
            {"item": w.item.pk, "justification": "Đặc biệt xuất sắc"},
        ),
        TOWN_BOARD,
    ),
    Case(
        "proposal_action",
        "review the town's proposal",
        _proposal("review", lambda w: w.sent()),
        PROVINCE_BOARD,
    ),
    Case(
        "proposal_action",
        "put the town's proposal before the committee",
        _proposal("committee", lambda w: w.sent(steps=("proposal_review",))),
        PROVINCE_BOARD,
    ),
    Case(
        "proposal_action",
        "forward a commune's reviewed proposal",
        _proposal("forward", lambda w: w.sent(unit=w.tree.commune_a, steps=("proposal_review",))),
        TOWN_BOARD,
    ),
    Case(
        "proposal_action",
        "return the town's proposal",
        _proposal("return", lambda w: w.sent(), comment="thiếu hồ sơ"),
        PROVINCE_BOARD,
    ),
    Case(
        "proposal_action",
        "record the decision on the town's proposal",
        _proposal(
            "decide",
            lambda w: _sent_before(
                w.sent(steps=("proposal_review", "proposal_to_committee")), dt.date(2025, 1, 5)
            ),
            number="7/QĐ",
            date="05/01/2025",
            issuer="Chủ tịch UBND tỉnh",
            overdraw_confirmed="on",
            overdraw_reason="Chưa phân bổ quỹ",
        ),
        PROVINCE_BOARD,
    ),
    Case(
        "unit_people",
        "add a person of the town",
        lambda w: (
            reverse("unit_people", args=[w.tree.town.pk]),
            {"full_name": "Trần Văn Bình", "sex": "nam", "group": "khac"},
        ),
        TOWN_BOARD,
    ),
    Case(
        "unit_records",
        "rate a person of the town, picked by name",
        lambda w: (
            reverse("unit_records", args=[w.tree.town.pk]),
            {
                "kind": "ratings",
                "ratings-person_name": "Nguyễn Thị Lan",
                "ratings-year": "2025",
                "ratings-rating": "HTT",
            },
        ),
        TOWN_BOARD,
    ),
    Case(
        "records_import",
        "import the town's ratings",
        lambda w: (reverse("records_import", args=[w.tree.town.pk, "ratings"]), {}),
        TOWN_BOARD,
        changes=False,
        files=lambda: {"file": _xlsx()},
    ),
    Case(
        "matter_close",
        "settle a discipline of a person of the town",
        lambda w: (reverse("matter_close", args=[w.matter().pk]), {"closed_on": "05/01/2025"}),
        TOWN_BOARD,
    ),
    Case(
        "history_import",
        "import the town's award history",
        lambda w: (reverse("history_import", args=[w.tree.town.pk]), {}),
        TOWN_BOARD,
        changes=False,
        files=lambda: {"file": _xlsx()},
    ),
    Case(
        "fund",
        "allocate to the town's fund",
        lambda w: (
            reverse("fund", args=[w.tree.town.pk, 2024]),
            {"amount": "1000000", "date": "02/01/2024", "description": "Phân bổ"},
        ),
        TOWN_BOARD,
    ),
    Case(
        "blank_layout",
        "copy the installation's layout for the town",
        lambda w: (reverse("blank_layout", args=[_layout().pk]), {"copy_for": w.tree.town.pk}),
        TOWN_BOARD,
    ),
    Case(
        "blank_layout",
        "move a field of the installation's layout",
        lambda w: (reverse("blank_layout", args=[_layout().pk]), {"name_x": "50"}),
        SYSADMIN,
    ),
    Case(
        "province_rules",
        "set the province's rules",
        lambda w: (
            reverse("province_rules", args=[w.tree.province.pk]),
            {"rule_set": _rule_set().pk, "cstdcs_max_share_of_ldtt": "12,5"},
        ),
        PROVINCE_BOARD,
    ),
    Case(
        "legal_basis",
        "set the grounds of the province's decisions",
        lambda w: (
            reverse("legal_basis", args=[w.tree.province.pk]),
            {"lines": "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;"},
        ),
        PROVINCE_BOARD,
    ),
    Case(
        "tdkt_staff",
        "enter the province's TĐKT bodies",
        lambda w: (
            reverse("tdkt_staff", args=[w.tree.province.pk, 2026]),
            {"action": "bodies", "home_affairs_offices": "2"},
        ),
        PROVINCE_BOARD,
    ),
    Case(
        "tdkt_staff",
        "add a TĐKT civil servant of the province",
        lambda w: (
            reverse("tdkt_staff", args=[w.tree.province.pk, 2026]),
            {
                "action": "add",
                "full_name": "Đặng Thị Hoa",
                "sex": "nu",
                "birth_date": "02/03/1990",
                "training": "dai_hoc",
                "began_year": "2014",
            },
        ),
        PROVINCE_BOARD,
    ),
    Case(
        "tdkt_staff",
        "remove a TĐKT civil servant of the province",
        lambda w: (
            reverse("tdkt_staff", args=[w.tree.province.pk, 2026]),
            {"action": "remove", "officer": w.officer().pk},
        ),
        PROVINCE_BOARD,
    ),
    Case(
        "tdkt_officer_edit",
        "edit a TĐKT civil servant of the province",
        lambda w: (
            reverse("tdkt_officer_edit", args=[w.officer().pk]),
            {
                "full_name": "Đặng Thị Hoa",
                "sex": "nu",
                "birth_date": "02/03/1990",
                "training": "tren_dai_hoc",
                "began_year": "2014",
            },
        ),
        PROVINCE_BOARD,
    ),
    Case(
        "tdkt_import",
        "import the province's TĐKT civil servants",
        lambda w: (reverse("tdkt_import", args=[w.tree.province.pk, 2026]), {}),
        PROVINCE_BOARD,
        changes=False,
        files=lambda: {"file": _xlsx()},
    ),
    Case(
        "extraction_review",
        "save reviewed figures of the town",
        lambda w: (
            reverse("extraction_review"),
            {"action": "save", "unit": w.tree.town.pk, "period": "2021", "text": ""},
        ),
        ENTRY - {"reporter"},
        changes=False,
    ),
    Case(
        "publish",
        "publish a decision",
        lambda w: (reverse("publish", args=["decision", w.decided().pk]), {}),
        PROVINCE_BOARD,
    ),
    Case(
        "publish",
        "publish the cluster's ranking",
        lambda w: (reverse("publish", args=["ranking", w.cluster_year.pk]), {}),
        TOWN_BOARD,
    ),
    Case(
        "publish",
        "publish the town's headlines",
        lambda w: (reverse("publish", args=["headline", w.tree.town.pk]), {"period": "2021"}),
        TARGETS,
    ),
]


def _second_role(w: World) -> tuple[str, dict]:
    from chitieu.accounts.services import membership_create

    reporter = w.users["reporter"]
    second = membership_create(
        actor=w.superuser, user=reporter, role=Role.VIEWER, unit=w.tree.commune_b
    )
    return reverse("user_role_remove", args=[reporter.pk, second.pk]), {}


def _layout():
    from chitieu.awards.models import BlankLayout

    return BlankLayout.objects.filter(unit=None).order_by("pk").first()


def _rule_set():
    from django.db.models import F

    from chitieu.awards.models import RuleSet

    # The newest rule set (PostgreSQL sorts the open-ended NULL first when descending).
    return RuleSet.objects.order_by(F("valid_from").desc(nulls_last=True)).first()


# Routes that change nothing (they may accept POST for a preview or a filter). Checked below:
# a POST to each, as a system administrator, leaves every row as it was.
READ_ONLY: dict[str, Callable[[World], str]] = {
    "home": lambda w: reverse("home"),
    "audit_list": lambda w: reverse("audit_list"),
    "object_history": lambda w: reverse("object_history", args=["units.unit", w.tree.town.pk]),
    "job_detail": lambda w: reverse("job_detail", args=[1]),
    "unit_search": lambda w: reverse("unit_search"),
    "membership_list": lambda w: reverse("membership_list"),  # sends to the users page
    "user_detail": lambda w: reverse("user_detail", args=[w.users["reporter"].pk]),
    "users_import_template": lambda w: reverse("users_import_template"),
    "unit_tree": lambda w: reverse("unit_tree"),
    "unit_tree_children": lambda w: reverse("unit_tree_children", args=[w.tree.town.pk]),
    "unit_detail": lambda w: reverse("unit_detail", args=[w.tree.town.pk]),
    "indicator_list": lambda w: reverse("indicator_list"),
    "resolution_list": lambda w: reverse("resolution_list"),
    "targets_template": lambda w: reverse("targets_template", args=[w.resolution.pk]),
    "targets_export": lambda w: reverse("targets_export", args=[w.resolution.pk]),
    "check_number": lambda w: reverse("check_number"),
    "actuals_template": lambda w: reverse("actuals_template", args=[w.tree.commune_a.pk, "2021"]),
    "unit_results": lambda w: reverse("unit_results", args=[w.tree.town.pk]),
    "overview": lambda w: reverse("overview", args=[w.tree.town.pk]),
    "overview_now": lambda w: reverse("overview_now", args=[w.tree.town.pk]),
    "national": lambda w: reverse("national"),
    "board_latest": lambda w: reverse("board_latest", args=[w.tree.town.pk]),
    "proposal_list": lambda w: reverse("proposal_list"),
    "person_detail": lambda w: reverse("person_detail", args=[w.lan.pk]),
    "proposal_file": lambda w: reverse("proposal_file", args=[w.draft.pk, "vote_minutes"]),
    "score_evidence": lambda w: reverse("score_evidence", args=[1]),
    "history_template": lambda w: reverse("history_template"),
    "tdkt_template": lambda w: reverse("tdkt_template"),
    "records_template": lambda w: reverse("records_template", args=["ratings"]),
    "print_blanks": lambda w: reverse("print_blanks", args=[1, 1]),
    "unit_report": lambda w: reverse("unit_report", args=[w.tree.town.pk, "xlsx"]),
    "overview_workbook": lambda w: reverse("overview_workbook", args=[w.tree.town.pk]),
    "proposal_document": lambda w: reverse("proposal_document", args=[w.draft.pk, "docx"]),
    "decision_document": lambda w: reverse("decision_document", args=[1, "docx"]),
    "certificates": lambda w: reverse("certificates", args=[1]),
    "ranking_document": lambda w: reverse("ranking_document", args=[w.cluster_year.pk, "xlsx"]),
    "award_statistics": lambda w: reverse("award_statistics", args=[w.tree.town.pk, 2024]),
    "award_statistics_file": lambda w: reverse(
        "award_statistics_file", args=[w.tree.town.pk, 2024, "xlsx"]
    ),
    "board_report": lambda w: reverse("board_report", args=[w.tree.town.pk, 2024, "nam"]),
    "board_report_file": lambda w: reverse(
        "board_report_file", args=[w.tree.town.pk, 2024, "6t", "docx"]
    ),
    "moha_form": lambda w: reverse("moha_form", args=[w.tree.town.pk, 2024, "0601", "xlsx"]),
    "public_index": lambda w: reverse("public_index"),
    "public_detail": lambda w: reverse("public_detail", args=[1]),
    "public_document": lambda w: reverse("public_document", args=[1]),
}
# Not pages of the application: the API (its own tests), Django's admin and language switch, and
# the login forms (accounts).
OUTSIDE = ("api/", "admin/", "i18n/")
NOT_PAGES = {"login", "logout", "password_change"}  # accounts: its own tests


def _route_names(patterns=None, prefix: str = "") -> set[str]:
    names: set[str] = set()
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        route = prefix + str(pattern.pattern)
        if route.startswith(OUTSIDE):
            continue
        if isinstance(pattern, URLResolver):
            names |= _route_names(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(pattern.name)
    return names


def test_every_route_is_in_the_matrix_or_known_to_change_nothing():
    covered = {case.route for case in CASES} | set(READ_ONLY) | NOT_PAGES
    assert _route_names() - covered == set()
    assert covered - _route_names() == set()


def everything() -> dict[str, list]:
    """Every row of every model of the application (the audit included), to compare."""
    rows: dict[str, list] = {}
    for model in apps.get_models():
        if model.__module__.startswith("chitieu."):
            rows[model._meta.label] = list(model.objects.order_by("pk").values_list())
    # The accounts themselves (the users pages change them), without the login times.
    fields = ("username", "password", "first_name", "email", "is_active", "is_superuser")
    rows["auth.User"] = list(get_user_model().objects.order_by("pk").values_list(*fields))
    return rows


@pytest.fixture
def world(tree, superuser, make_user, catalogue, awards) -> World:
    return World(tree, superuser, make_user, catalogue, awards)


def _clients(world: World) -> dict[str, Client]:
    clients = {role: client_for(user) for role, user in world.users.items()}
    clients["anonymous"] = Client()
    return clients


class Rollback(Exception):
    pass


@pytest.mark.parametrize("case", CASES, ids=[f"{c.route}: {c.label}" for c in CASES])
def test_each_role_may_do_only_what_the_rules_allow(world, case: Case):
    url, data = case.build(world)
    clients = _clients(world)
    before = everything()
    for role in ROLES:
        if role in case.allowed:
            continue
        response = clients[role].post(url, data | case.files())
        if role == "anonymous":
            assert response.status_code == 302, role
            assert response["Location"].startswith(reverse("login")), role
        else:
            assert response.status_code in (403, 404), (role, response.status_code)
        assert everything() == before, f"{role} changed something"
    for role in sorted(case.allowed):
        try:
            with transaction.atomic():
                response = clients[role].post(url, data | case.files())
                assert response.status_code not in (403, 404, 500), (role, response.status_code)
                if case.changes:
                    assert everything() != before, f"{role} was let through but nothing changed"
                raise Rollback
        except Rollback:
            pass
    assert everything() == before


@pytest.mark.parametrize("name", sorted(READ_ONLY))
def test_a_read_only_route_changes_nothing_when_posted_to(world, name):
    url = READ_ONLY[name](world)
    before = everything()
    client_for(world.superuser).post(url, {"action": "save", "name": "x"})
    after = everything()
    # An export as a job keeps a status record (core.Job); no domain row changes.
    after["core.Job"] = before["core.Job"]
    assert after == before
