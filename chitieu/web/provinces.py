"""Starting a province from an empty database: its units from the registry, the indicator
catalogue and a first administrator, after which everything else is done in the browser.

Run from the server's console (`chitieu start_province`), before anybody can sign in. Every step
is idempotent, so running it again changes nothing and says so.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from chitieu.accounts.users import FirstAdministrator, first_administrator_ensure
from chitieu.core.audit import audited
from chitieu.indicators.services import load_default_catalogue
from chitieu.units.importer import find_province, import_admin_units
from chitieu.units.models import COMMUNE_LEVEL, PROVINCE_LEVEL, Unit

REASON = "Khởi tạo tỉnh"


@dataclass(frozen=True)
class ProvinceStart:
    province: Unit
    units_created: int
    current_units: int  # the province's communes, wards and special zones valid today
    indicators_created: int
    administrator: FirstAdministrator

    @property
    def changed(self) -> bool:
        return bool(
            self.units_created
            or self.indicators_created
            or self.administrator.created
            or self.administrator.role_added
        )

    def lines(self) -> list[str]:
        """What was done, in Vietnamese, for the console."""
        admin = self.administrator
        if not self.changed:
            return [
                f"{self.province.name} đã được khởi tạo trước đó: không có gì thay đổi "
                f"({self.current_units} đơn vị cấp xã, quản trị viên {admin.user.username})."
            ]
        lines = [
            f"{self.province.name}: {self.current_units} đơn vị cấp xã hiện hành "
            f"({self.units_created} đơn vị mới nhập từ danh mục).",
            f"Danh mục chỉ tiêu: {self.indicators_created} chỉ tiêu mới.",
        ]
        if admin.created:
            lines += [
                f"Quản trị viên {admin.user.username}, mật khẩu: {admin.password}",
                "Mật khẩu chỉ hiện một lần; người dùng phải đổi mật khẩu khi đăng nhập lần đầu.",
            ]
        elif admin.role_added:
            lines.append(
                f"Tài khoản {admin.user.username} đã có: thêm vai trò quản trị "
                f"{self.province.name}, mật khẩu giữ nguyên."
            )
        else:
            lines.append(f"Quản trị viên {admin.user.username} đã có.")
        return lines


@audited
def province_start(*, province: str, admin_username: str, email: str = "") -> ProvinceStart:
    """Start the province named (or coded) `province`; a ValidationError in Vietnamese when the
    registry has no such current province."""
    found = find_province(province)
    if found is None:
        raise ValidationError(
            f"Không tìm thấy tỉnh, thành phố “{province}” trong danh mục đơn vị hành chính "
            "hiện hành (34 tỉnh, thành phố từ 01/07/2025). Hãy nhập tên (ví dụ: Hà Tĩnh) "
            "hoặc mã (ví dụ: 42)."
        )
    today = timezone.localdate()
    with transaction.atomic():
        imported = import_admin_units({found.code})
        unit = (
            Unit.objects.valid_on(today)
            .filter(code=found.code, type__in=PROVINCE_LEVEL)
            .order_by("pk")
            .first()
        )
        if unit is None:  # the registry lists it but its tree was not imported
            raise ValidationError(f"Không nhập được {found.name} từ danh mục đơn vị hành chính.")
        indicators = load_default_catalogue()
        administrator = first_administrator_ensure(
            username=admin_username, email=email, unit=unit, reason=REASON
        )
    current = Unit.objects.valid_on(today).filter(parent=unit, type__in=COMMUNE_LEVEL).count()
    return ProvinceStart(unit, imported.units_created, current, indicators, administrator)
