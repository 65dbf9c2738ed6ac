"""Users and their roles from an Excel sheet, all or nothing.

Every row is checked first (each problem named by its row and column, in Vietnamese); one bad
row and nothing is saved. Otherwise the accounts and roles are written in one transaction, each
with its audit row, through the services of `accounts/users.py`. A unit is named, never numbered:
its name, and the name of the unit above it when two units share a name. The unit registry sits
above accounts, so the caller passes the lookup (`find_units`, from `units.selectors`).
Passwords left empty are generated and returned once; none is stored in clear.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from io import BytesIO
from typing import IO, Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.datavalidation import DataValidation

from chitieu.accounts.models import Membership, Role
from chitieu.accounts.permissions import (
    Capability,
    PermissionDenied,
    can_manage_user,
    has_capability,
    is_system_admin,
)
from chitieu.accounts.services import membership_create
from chitieu.accounts.subjects import UnitLike
from chitieu.accounts.users import (
    FirstRole,
    check_password,
    clean_email,
    clean_full_name,
    clean_username,
    user_create,
)
from chitieu.core.audit import audited
from chitieu.core.users import Actor
from chitieu.core.workbooks import WorkbookRefused, import_sheet

SHEET = "Người dùng"
COLUMNS = [
    ("username", "Tên đăng nhập"),
    ("full_name", "Họ và tên"),
    ("email", "Email"),
    ("role", "Vai trò"),
    ("unit", "Đơn vị"),
    ("parent", "Đơn vị cấp trên (khi trùng tên)"),
    ("password", "Mật khẩu ban đầu (để trống: tạo tự động)"),
]
LETTERS = "ABCDEFG"
MAX_USERS = 2000

UnitFinder = Callable[[str, str], Sequence[UnitLike]]


def role_names() -> dict[str, str]:
    """The Vietnamese name of each role (whatever the screen's language), folded to lower case,
    and the role codes themselves."""
    with translation.override("vi"):
        names = {str(label).casefold(): value for value, label in Role.choices}
    return names | {value: value for value in Role.values}


def vietnamese_role_labels() -> list[str]:
    with translation.override("vi"):
        return [str(label) for _value, label in Role.choices]


@dataclass
class ImportedRow:
    line: int
    username: str
    full_name: str
    role: str
    role_label: str
    unit: UnitLike | None
    email: str = ""
    existing_id: int | None = None
    password: str = ""
    generated: str = ""
    created: bool = False


@dataclass
class ImportResult:
    rows: list[ImportedRow] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def users_created(self) -> int:
        return sum(1 for row in self.rows if row.created)

    @property
    def roles_given(self) -> int:
        return sum(1 for row in self.rows if row.unit is not None)


def template_workbook() -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = SHEET
    sheet.append([title for _key, title in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.append(
        [
            "nguyenvanan",
            "Nguyễn Văn An",
            "an.nv@hatinh.gov.vn",
            vietnamese_role_labels()[3],
            "Phường Sông Trí",
            "",
            "",
        ]
    )
    labels = vietnamese_role_labels()
    roles = DataValidation(type="list", formula1='"' + ",".join(labels) + '"', allow_blank=True)
    roles.add(f"D2:D{MAX_USERS + 1}")
    sheet.add_data_validation(roles)
    for index, width in enumerate((20, 28, 28, 30, 30, 30, 30)):
        sheet.column_dimensions[LETTERS[index]].width = width
    notes = workbook.create_sheet("Hướng dẫn")
    for line in [
        "Mỗi dòng một vai trò của một người dùng; người có nhiều vai trò ghi nhiều dòng cùng "
        "tên đăng nhập.",
        "Tên đăng nhập: chữ cái không dấu, chữ số và @ . + - _ (không trùng người đã có).",
        "Vai trò: " + "; ".join(labels) + ".",
        "Đơn vị: tên đầy đủ như trong hệ thống (ví dụ “Phường Sông Trí”); khi có hai đơn vị "
        "trùng tên, ghi thêm tên đơn vị cấp trên.",
        "Mật khẩu ban đầu: để trống thì hệ thống tạo và hiện một lần sau khi nhập; người dùng "
        "đổi mật khẩu ở lần đăng nhập đầu.",
        "Một dòng có lỗi thì không dòng nào được nhập.",
    ]:
        notes.append([line])
    notes.column_dimensions["A"].width = 110
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _problem(line: int, column: str, message: str) -> str:
    index = [key for key, _title in COLUMNS].index(column)
    return f"Dòng {line}, cột {LETTERS[index]} ({COLUMNS[index][1]}): {message}"


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _unit_label(unit: UnitLike) -> str:
    return f"{unit.name} · {unit.parent.name}" if unit.parent is not None else unit.name


@dataclass
class _Planned:
    """A user of the file: new (created from its first row) or existing (given roles)."""

    full_name: str
    email: str
    password: str
    existing: Any = None
    first_line: int = 0


def _read(actor: Actor, stream: IO[bytes], find_units: UnitFinder) -> ImportResult:
    try:
        sheet = import_sheet(stream)
    except WorkbookRefused as refused:
        return ImportResult(problems=list(refused.messages))
    header = [_text(cell) for cell in next(sheet.iter_rows(max_row=1, values_only=True), ())]
    if not header or header[0].casefold() != COLUMNS[0][1].casefold():
        return ImportResult(
            problems=[
                f"Dòng 1: tệp không theo mẫu (ô A1 phải là “{COLUMNS[0][1]}”); hãy tải tệp mẫu."
            ]
        )
    roles = role_names()
    system_admin = is_system_admin(actor)
    result = ImportResult()
    planned: dict[str, _Planned] = {}
    seen: set[tuple[str, str, object]] = set()
    units: dict[tuple[str, str], Sequence[UnitLike]] = {}
    grid = sheet.iter_rows(min_row=2, max_col=len(COLUMNS), values_only=True)
    for line, values in enumerate(grid, start=2):
        text = {
            key: _text(values[i] if i < len(values) else None)
            for i, (key, _t) in enumerate(COLUMNS)
        }
        if not any(text.values()):
            continue
        problems: list[str] = []
        # Who: a new user (first row of a username), the same one again, or an existing user.
        username = text["username"]
        key = username.casefold()
        plan = planned.get(key)
        if not username:
            problems.append(_problem(line, "username", "thiếu tên đăng nhập."))
        elif plan is None:
            existing = get_user_model().objects.filter(username__iexact=username).first()
            if existing is not None:
                if not can_manage_user(actor, existing):
                    problems.append(
                        _problem(line, "username", f"tên đăng nhập “{username}” đã được dùng.")
                    )
                elif text["full_name"] and text["full_name"] != existing.get_full_name():
                    problems.append(
                        _problem(
                            line,
                            "username",
                            f"tên đăng nhập “{username}” đã được dùng (người dùng "
                            f"“{existing.get_full_name() or existing.username}”); để thêm vai "
                            "trò cho người này, để trống cột Họ và tên.",
                        )
                    )
                elif text["password"]:
                    problems.append(
                        _problem(
                            line,
                            "password",
                            "người dùng đã có: mật khẩu được đặt lại trên trang Người dùng, "
                            "không qua tệp nhập.",
                        )
                    )
                plan = _Planned(existing.get_full_name(), existing.email, "", existing, line)
            else:
                plan = _Planned("", "", text["password"], None, line)
                for column, cleaner in (
                    ("username", clean_username),
                    ("full_name", clean_full_name),
                    ("email", clean_email),
                ):
                    try:
                        cleaned = cleaner(text[column])
                    except ValidationError as error:
                        problems.extend(_problem(line, column, m) for m in error.messages)
                    else:
                        if column == "username":
                            username = cleaned
                        elif column == "full_name":
                            plan.full_name = cleaned
                        else:
                            plan.email = cleaned
                if text["password"] and plan.full_name:
                    try:
                        check_password(
                            text["password"],
                            username=username,
                            full_name=plan.full_name,
                            email=plan.email,
                        )
                    except ValidationError as error:
                        problems.extend(_problem(line, "password", m) for m in error.messages)
            planned[key] = plan
        else:
            for column, current in (
                ("full_name", plan.full_name),
                ("email", plan.email),
                ("password", plan.password),
            ):
                if text[column] and text[column] != current:
                    problems.append(
                        _problem(
                            line,
                            column,
                            f"tên đăng nhập “{username}” đã có ở dòng {plan.first_line} với "
                            "giá trị khác; để trống hoặc ghi như dòng đó.",
                        )
                    )
        # Which role, where.
        role = ""
        unit: UnitLike | None = None
        if text["role"]:
            role = roles.get(text["role"].casefold(), "")
            if not role:
                problems.append(
                    _problem(
                        line,
                        "role",
                        f"“{text['role']}” không phải là vai trò; ghi một trong: "
                        + "; ".join(vietnamese_role_labels())
                        + ".",
                    )
                )
        elif text["unit"] or not system_admin:
            problems.append(_problem(line, "role", "thiếu vai trò."))
        if text["unit"]:
            lookup = (text["unit"], text["parent"])
            if lookup not in units:
                units[lookup] = find_units(*lookup)
            found = units[lookup]
            if not found:
                where = f" thuộc “{text['parent']}”" if text["parent"] else ""
                problems.append(
                    _problem(
                        line,
                        "unit",
                        f"không có đơn vị tên “{text['unit']}”{where} trong các đơn vị bạn quản "
                        "lý.",
                    )
                )
            elif len(found) > 1:
                problems.append(
                    _problem(
                        line,
                        "unit",
                        f"có {len(found)} đơn vị tên “{text['unit']}” ("
                        + "; ".join(_unit_label(u) for u in found)
                        + "): ghi tên đơn vị cấp trên ở cột F.",
                    )
                )
            else:
                unit = found[0]
                if not has_capability(actor, Capability.MANAGE_USERS, unit):
                    problems.append(
                        _problem(line, "unit", f"bạn không quản lý người dùng tại {unit.name}.")
                    )
        elif role or not system_admin:
            problems.append(_problem(line, "unit", "thiếu đơn vị."))
        if role and unit is not None and plan is not None and not problems:
            pair = (key, role, unit.pk)
            if pair in seen:
                problems.append(
                    _problem(line, "role", "vai trò này tại đơn vị này đã có ở một dòng trên.")
                )
            elif (
                plan.existing is not None
                and Membership.objects.filter(
                    user=plan.existing, role=role, unit_id=unit.pk
                ).exists()
            ):
                problems.append(
                    _problem(line, "role", "người dùng đã có vai trò này tại đơn vị này.")
                )
            seen.add(pair)
        if problems:
            result.problems.extend(problems)
            continue
        with translation.override("vi"):
            role_label = str(Role(role).label) if role else ""
        result.rows.append(
            ImportedRow(
                line=line,
                username=username,
                full_name=plan.full_name if plan else "",
                role=role,
                role_label=role_label,
                unit=unit,
                email=plan.email if plan else "",
                existing_id=plan.existing.pk if plan and plan.existing is not None else None,
                password=plan.password if plan and plan.first_line == line else "",
            )
        )
        if len(planned) > MAX_USERS:
            result.problems.append(f"Một tệp nhập tối đa {MAX_USERS} người dùng.")
            break
    if not result.rows and not result.problems:
        result.problems.append("Tệp không có dòng nào (từ dòng 2).")
    return result


@audited
def users_import(*, actor: Actor, stream: IO[bytes], find_units: UnitFinder) -> ImportResult:
    """Create the users of the file and give their roles, or nothing at all."""
    result = _read(actor, stream, find_units)
    if result.problems:
        result.rows = []
        return result
    users: dict[str, Any] = {}
    try:
        with transaction.atomic():
            for row in result.rows:
                key = row.username.casefold()
                reason = f"Nhập từ Excel, dòng {row.line}"
                if key not in users and row.existing_id is not None:
                    users[key] = get_user_model().objects.get(pk=row.existing_id)
                elif key not in users:
                    first_role = FirstRole(row.role, row.unit) if row.unit else None
                    users[key], row.generated = user_create(
                        actor=actor,
                        username=row.username,
                        full_name=row.full_name,
                        email=row.email,
                        password=row.password,
                        first_role=first_role,
                        reason=reason,
                    )
                    row.created = True
                    continue
                if row.unit is not None:
                    membership_create(
                        actor=actor, user=users[key], role=row.role, unit=row.unit, reason=reason
                    )
    except (ValidationError, PermissionDenied) as error:
        # Someone took a username, gave a role or changed a user meanwhile: nothing is kept.
        messages = error.messages if isinstance(error, ValidationError) else [str(error)]
        return ImportResult(problems=[f"Không nhập được: {' '.join(messages)}"])
    for row in result.rows:
        row.password = ""
    return result
