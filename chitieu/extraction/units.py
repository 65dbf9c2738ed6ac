"""The units a figure may carry, and how they are written: the longest spelling first, its
normalised name, the factor its number is multiplied by, and whether it counts things."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class UnitSpec:
    written: str  # lowercase, as in the text
    unit: str  # normalised, as GUIDE.md names it
    factor: Decimal = Decimal(1)
    is_count: bool = False


MONEY = [
    ("ngàn tỷ đồng", "tỷ đồng", 1000),
    ("nghìn tỷ đồng", "tỷ đồng", 1000),
    ("ngàn tỷ", "tỷ đồng", 1000),
    ("nghìn tỷ", "tỷ đồng", 1000),
    ("tỷ đồng", "tỷ đồng", 1),
    ("triệu đồng", "triệu đồng", 1),
    ("nghìn đồng", "nghìn đồng", 1),
    ("ngàn đồng", "nghìn đồng", 1),
    ("tỷ usd", "tỷ USD", 1),
    ("triệu usd", "triệu USD", 1),
    ("tỷ", "tỷ đồng", 1),
    ("ngàn tỉ đồng", "tỷ đồng", 1000),
    ("nghìn tỉ đồng", "tỷ đồng", 1000),
    ("ngàn tỉ", "tỷ đồng", 1000),
    ("nghìn tỉ", "tỷ đồng", 1000),
    ("tỉ đồng", "tỷ đồng", 1),
    ("tỉ usd", "tỷ USD", 1),
    ("tỉ", "tỷ đồng", 1),
    ("triệu", "triệu đồng", 1),  # "66 triệu/người/năm": money when no counted noun follows
    ("đồng", "đồng", 1),
    ("usd", "USD", 1),
]
PHYSICAL = [
    ("vạn tấn", "tấn", 10000),
    ("nghìn tấn", "tấn", 1000),
    ("ngàn tấn", "tấn", 1000),
    ("triệu tấn", "tấn", 1_000_000),
    ("tấn", "tấn", 1),
    ("ha", "ha", 1),
    ("héc-ta", "ha", 1),
    ("km", "km", 1),
    ("m3", "m3", 1),
    ("m³", "m3", 1),
    ("m2", "m2", 1),
    ("m²", "m2", 1),
    ("km2", "km2", 1),
    ("km²", "km2", 1),
    ("con", "con", 1),
    ("tạ/ha", "tạ/ha", 1),
    ("tấn/ha", "tấn/ha", 1),
    ("tạ", "tạ", 1),
    ("kg", "kg", 1),
    ("triệu kwh", "kWh", 1_000_000),
    ("kwh", "kWh", 1),
    ("mw", "MW", 1),
    ("kw", "kW", 1),
    ("lít", "lít", 1),
    ("giường bệnh/vạn dân", "giường bệnh/vạn dân", 1),
    ("bác sĩ/vạn dân", "bác sĩ/vạn dân", 1),
    ("giường bệnh/1 vạn dân", "giường bệnh/vạn dân", 1),
    ("bác sĩ/1 vạn dân", "bác sĩ/vạn dân", 1),
    ("‰", "‰", 1),
    ("điểm phần trăm", "điểm phần trăm", 1),
    ("điểm %", "điểm phần trăm", 1),
    ("điểm", "điểm", 1),
]
# Counted nouns: the written form and its simplest form.
COUNTS = [
    ("đảng viên", "đảng viên"), ("đồng chí", "đảng viên"), ("doanh nghiệp", "doanh nghiệp"),
    ("hợp tác xã", "hợp tác xã"), ("htx", "hợp tác xã"), ("tổ hợp tác", "tổ hợp tác"),
    ("chỉ tiêu", "chỉ tiêu"), ("tiêu chí", "tiêu chí"), ("sản phẩm", "sản phẩm"),
    ("lớp", "lớp"), ("học viên", "học viên"), ("học sinh", "học sinh"), ("tập thể", "tập thể"),
    ("cá nhân", "cá nhân"), ("dự án", "dự án"), ("lao động", "lao động"), ("người", "người"),
    ("trường", "trường"), ("nghị quyết", "nghị quyết"), ("đảng bộ", "đảng bộ"), ("chi bộ", "chi bộ"),
    ("tổ chức đảng", "tổ chức đảng"), ("tổ chức cơ sở đảng", "tổ chức cơ sở đảng"),
    ("khu dân cư", "khu dân cư"), ("vườn", "vườn"), ("nhà văn hóa", "nhà văn hóa"),
    ("xã", "xã"), ("phường", "phường"), ("thị trấn", "thị trấn"), ("thôn", "thôn"), ("bản", "bản"),
    ("tổ dân phố", "tổ dân phố"), ("hộ", "hộ"), ("căn nhà", "căn nhà"), ("nhà", "nhà"),
    ("công trình", "công trình"), ("cơ sở", "cơ sở"), ("đơn vị hành chính", "đơn vị hành chính"),
    ("huyện", "huyện"), ("lượt", "lượt"), ("vụ", "vụ"), ("đối tượng", "đối tượng"),
    ("giấy khen", "giấy khen"), ("bằng khen", "bằng khen"), ("hồ sơ", "hồ sơ"), ("mô hình", "mô hình"),
    ("câu lạc bộ", "câu lạc bộ"), ("km đường", "km"),
    ("nhà máy", "nhà máy"), ("lượt khách", "lượt khách"), ("lượt người", "lượt người"),
    ("chiếc", "chiếc"), ("cây", "cây"), ("giường bệnh", "giường bệnh"), ("bác sĩ", "bác sĩ"),
    ("hội viên", "hội viên"), ("đoàn viên", "đoàn viên"), ("cán bộ", "cán bộ"),
    ("việc làm", "việc làm"), ("phòng học", "phòng học"), ("thủ tục", "thủ tục"),
    ("khách", "khách"), ("trang trại", "trang trại"), ("hộ gia đình", "hộ"), ("cơ sở sản xuất", "cơ sở"),
    ("ngôi nhà", "căn nhà"), ("tuyến đường", "tuyến đường"), ("cầu", "cầu"), ("trạm", "trạm"),
]  # fmt: skip
# Scale words inside a count: "10,5 triệu sản phẩm".
SCALES = {"nghìn": 1000, "ngàn": 1000, "vạn": 10000, "triệu": 1_000_000}


def unit_specs() -> list[UnitSpec]:
    specs = [UnitSpec(w, u, Decimal(f)) for w, u, f in MONEY + PHYSICAL]
    specs += [UnitSpec(w, u, Decimal(1), True) for w, u in COUNTS]
    specs.append(UnitSpec("lần", "lần"))
    specs.append(UnitSpec("%", "%"))
    return sorted(specs, key=lambda spec: -len(spec.written))


UNIT_SPECS = unit_specs()
