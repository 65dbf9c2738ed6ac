import time
from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from chitieu.core import versions
from chitieu.demo.accounts import DEMO_PASSWORD, load_demo_accounts
from chitieu.demo.emulation import load_demo_emulation
from chitieu.demo.present import load_demo_present
from chitieu.demo.targets import load_demo_targets
from chitieu.indicators.services import load_default_catalogue


class Command(BaseCommand):
    help = (
        "Load the demo data: the indicator catalogue, an account for each role, and the targets "
        "and figures of Hà Tĩnh and Thanh Hóa, and the present (2026) of Hà Tĩnh's wards. "
        "Needs `load_units` first. Safe to run again."
    )

    def handle(self, *args: object, **options: Any) -> None:
        started = time.monotonic()
        load_default_catalogue()
        accounts = load_demo_accounts()
        load_demo_targets()
        load_demo_emulation()
        load_demo_present()
        with transaction.atomic():  # loaded past the services: nothing stored still holds
            versions.bump(versions.NATIONAL)
        self.stdout.write(f"Dữ liệu mẫu đã sẵn sàng ({time.monotonic() - started:.1f} s).")
        self.stdout.write(f"Tài khoản mẫu (mật khẩu: {DEMO_PASSWORD}):")
        for account in accounts:
            self.stdout.write(f"  {account.username:<10} {account.describe()}")
