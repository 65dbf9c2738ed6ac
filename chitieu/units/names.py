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


def in_text(name: str) -> str:
    """Within a sentence the level is written in lower case: "Ủy ban nhân dân tỉnh Hà Tĩnh"."""
    for prefix in PREFIXES:
        if name.startswith(prefix):
            return prefix.lower() + name.removeprefix(prefix)
    return name
