"""How unit names are written in documents."""

from __future__ import annotations

PREFIXES = (
    "Thành phố ",
    "Thị xã ",
    "Thị trấn ",
    "Huyện ",
    "Quận ",
    "Tỉnh ",
    "Phường ",
    "Xã ",
    "Đặc khu ",
)


def place_name(name: str) -> str:
    """ "Thị xã Kỳ Anh" is dated "Kỳ Anh, ngày …"."""
    for prefix in PREFIXES:
        if name.startswith(prefix):
            return name.removeprefix(prefix)
    return name
