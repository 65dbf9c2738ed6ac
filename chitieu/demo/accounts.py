"""Demo accounts, one per role, on the units the corpus reports about (Hà Tĩnh)."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction

from chitieu.accounts.models import Membership, Role
from chitieu.accounts.services import membership_create
from chitieu.units.models import Unit

DEMO_PASSWORD = "chitieu2026"


@dataclass(frozen=True)
class DemoAccount:
    username: str
    full_name: str
    role: str | None
    unit_source_key: str | None

    def describe(self) -> str:
        return self.full_name


DEMO_ACCOUNTS = [
    DemoAccount("admin", "Quản trị hệ thống", None, None),
    DemoAccount("kehoach", "Cán bộ kế hoạch tỉnh Hà Tĩnh", Role.PLANNER, "province:tinhhatinh"),
    DemoAccount(
        "thiduakt", "Ban Thi đua - Khen thưởng tỉnh Hà Tĩnh", Role.BOARD, "province:tinhhatinh"
    ),
    DemoAccount(
        "kyanh", "Cán bộ báo cáo thị xã Kỳ Anh", Role.REPORTER, "legacy:tinhhatinh_thixakyanh"
    ),
    DemoAccount(
        "kyninh",
        "Cán bộ báo cáo phường Kỳ Ninh",
        Role.REPORTER,
        "legacy:tinhhatinh_thixakyanh_phuongkyninh",
    ),
    DemoAccount("lanhdao", "Lãnh đạo UBND tỉnh Hà Tĩnh", Role.VIEWER, "province:tinhhatinh"),
    # The present (2026): reporters of the current wards and communes (since 01/07/2025).
    DemoAccount(
        "songtri", "Cán bộ báo cáo phường Sông Trí", Role.REPORTER, "2025:tinhhatinh_phuongsongtri"
    ),
    DemoAccount(
        "haininh", "Cán bộ báo cáo phường Hải Ninh", Role.REPORTER, "2025:tinhhatinh_phuonghaininh"
    ),
    DemoAccount(
        "hoanhson",
        "Cán bộ báo cáo phường Hoành Sơn",
        Role.REPORTER,
        "2025:tinhhatinh_phuonghoanhson",
    ),
    DemoAccount(
        "vungang", "Cán bộ báo cáo phường Vũng Áng", Role.REPORTER, "2025:tinhhatinh_phuongvungang"
    ),
    DemoAccount("kyhoa", "Cán bộ báo cáo xã Kỳ Hoa", Role.REPORTER, "2025:tinhhatinh_xakyhoa"),
    DemoAccount(
        "thanhsen",
        "Cán bộ báo cáo phường Thành Sen",
        Role.REPORTER,
        "2025:tinhhatinh_phuongthanhsen",
    ),
]


@transaction.atomic
def load_demo_accounts() -> list[DemoAccount]:
    """Create the demo accounts that are missing; leave existing ones (and their passwords)."""
    user_model = get_user_model()
    admin, created = user_model.objects.get_or_create(
        username="admin",
        defaults={"first_name": "Quản trị hệ thống", "is_staff": True, "is_superuser": True},
    )
    if created:
        admin.set_password(DEMO_PASSWORD)
        admin.save()
    for account in DEMO_ACCOUNTS:
        if account.role is None:
            continue
        user, created = user_model.objects.get_or_create(
            username=account.username, defaults={"first_name": account.full_name}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        unit = Unit.objects.get(source_key=account.unit_source_key)
        if not Membership.objects.filter(user=user, role=account.role, unit=unit).exists():
            membership_create(
                actor=admin, user=user, role=account.role, unit=unit, reason="Dữ liệu mẫu"
            )
    return DEMO_ACCOUNTS
