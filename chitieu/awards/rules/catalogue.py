"""The awards of LAW.md and the three rule sets, as data. Loaded into the database by
`load_award_catalogue`; the checker reads them from there, so a province or a later decree is a
change of data, not of code. Citations marked "(đối chiếu)" were seen only in secondary sources."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

AWARDS = [
    # code, name, subject, is_title, level
    ("CSTDTQ", "Chiến sĩ thi đua toàn quốc", "individual", True, "toan_quoc"),
    ("CSTDT", "Chiến sĩ thi đua cấp tỉnh", "individual", True, "tinh"),
    ("CSTDCS", "Chiến sĩ thi đua cơ sở", "individual", True, "co_so"),
    ("LDTT", "Lao động tiên tiến", "individual", True, "co_so"),
    ("CO_CP", "Cờ thi đua của Chính phủ", "collective", True, "toan_quoc"),
    ("CO_TINH", "Cờ thi đua của Ủy ban nhân dân tỉnh", "collective", True, "tinh"),
    ("TTLDXS", "Tập thể lao động xuất sắc", "collective", True, "co_so"),
    ("TTLDTT", "Tập thể lao động tiên tiến", "collective", True, "co_so"),
    ("XA_TIEU_BIEU", "Xã, phường, đặc khu tiêu biểu", "collective", True, "tinh"),
    ("THON_VH", "Thôn, tổ dân phố văn hóa", "collective", True, "co_so"),
    ("GD_VH", "Gia đình văn hóa", "household", True, "co_so"),
    ("BK_TTG", "Bằng khen của Thủ tướng Chính phủ", "any", False, "toan_quoc"),
    ("BK_TINH", "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", "any", False, "tinh"),
    ("GIAY_KHEN", "Giấy khen", "any", False, "co_so"),
    ("KNC", "Kỷ niệm chương", "individual", False, "toan_quoc"),
]

# The state-level forms of reward of Luật Thi đua, khen thưởng 2022 that Biểu 0602.N/BNV-TĐKT
# counts, besides CSTDTQ, CO_CP and BK_TTG above: the orders and medals (khoản 2 Điều 33, khoản 2
# Điều 54), the two prizes and the state honorary titles. Codes: HC_ order (huân chương), HCH_
# medal (huy chương), GT_ prize, VD_ honorary title (danh hiệu vinh dự nhà nước).
_CLASSES = (("1", "Nhất"), ("2", "Nhì"), ("3", "Ba"))
STATE_AWARDS = [
    ("HC_SAO_VANG", "Huân chương Sao vàng", "any", False, "toan_quoc"),
    ("HC_HCM", "Huân chương Hồ Chí Minh", "any", False, "toan_quoc"),
    *[
        (f"HC_{short}{digit}", f"Huân chương {name} hạng {rank}", "any", False, "toan_quoc")
        for short, name in (
            ("DL", "Độc lập"),
            ("QC", "Quân công"),
            ("LD", "Lao động"),
            ("BVTQ", "Bảo vệ Tổ quốc"),
            ("CC", "Chiến công"),
        )
        for digit, rank in _CLASSES
    ],
    ("HC_DDKDT", "Huân chương Đại đoàn kết dân tộc", "individual", False, "toan_quoc"),
    ("HC_DUNG_CAM", "Huân chương Dũng cảm", "individual", False, "toan_quoc"),
    ("HC_HUU_NGHI", "Huân chương Hữu nghị", "any", False, "toan_quoc"),
    ("HCH_QKQT", "Huy chương Quân kỳ quyết thắng", "individual", False, "toan_quoc"),
    ("HCH_VANTQ", "Huy chương Vì an ninh Tổ quốc", "individual", False, "toan_quoc"),
    *[
        (
            f"HCH_CSVV{digit}",
            f"Huy chương Chiến sĩ vẻ vang hạng {rank}",
            "individual",
            False,
            "toan_quoc",
        )
        for digit, rank in _CLASSES
    ],
    ("HCH_HUU_NGHI", "Huy chương Hữu nghị", "individual", False, "toan_quoc"),
    ("GT_HCM", "Giải thưởng Hồ Chí Minh", "individual", False, "toan_quoc"),
    ("GT_NN", "Giải thưởng Nhà nước", "individual", False, "toan_quoc"),
    ("VD_BMVNAH", "Bà mẹ Việt Nam anh hùng", "individual", False, "toan_quoc"),
    ("VD_AHLLVT", "Anh hùng Lực lượng vũ trang nhân dân", "any", False, "toan_quoc"),
    ("VD_AHLD", "Anh hùng Lao động", "any", False, "toan_quoc"),
    ("VD_NGND", "Nhà giáo nhân dân", "individual", False, "toan_quoc"),
    ("VD_NGUT", "Nhà giáo ưu tú", "individual", False, "toan_quoc"),
    ("VD_TTND", "Thầy thuốc nhân dân", "individual", False, "toan_quoc"),
    ("VD_TTUT", "Thầy thuốc ưu tú", "individual", False, "toan_quoc"),
    ("VD_NSND", "Nghệ sĩ nhân dân", "individual", False, "toan_quoc"),
    ("VD_NSUT", "Nghệ sĩ ưu tú", "individual", False, "toan_quoc"),
    ("VD_NNND", "Nghệ nhân nhân dân", "individual", False, "toan_quoc"),
    ("VD_NNUT", "Nghệ nhân ưu tú", "individual", False, "toan_quoc"),
]
AWARDS += STATE_AWARDS

LAW_2003 = "Luật Thi đua, khen thưởng 2003 (sửa đổi 2013), Nghị định 91/2017/NĐ-CP"
LAW_2022_98 = "Luật Thi đua, khen thưởng số 06/2022/QH15, Nghị định 98/2023/NĐ-CP"
LAW_2022_152 = "Luật Thi đua, khen thưởng số 06/2022/QH15, Nghị định 152/2025/NĐ-CP"

ARTICLES_2022 = {
    "no_pending": "Nghị định 152/2025/NĐ-CP, Điều 4",
    "ldtt_rating": "Luật TĐKT 2022, Điều 24",
    "cstdcs_ldtt": "Luật TĐKT 2022, Điều 23",
    "cstdcs_achievement": "Luật TĐKT 2022, Điều 23",
    "cstdt_three_years": "Luật TĐKT 2022, Điều 22",
    "cstdt_initiative": "Luật TĐKT 2022, Điều 22",
    "cstdtq_twice": "Luật TĐKT 2022, Điều 21",
    "ttldtt_share": "Luật TĐKT 2022, Điều 28",
    "ttldtt_discipline": "Luật TĐKT 2022, Điều 28",
    "ttldxs_all_complete": "Luật TĐKT 2022, Điều 27",
    "ttldxs_share": "Luật TĐKT 2022, Điều 27",
    "ttldxs_cstdcs": "Luật TĐKT 2022, Điều 27",
    "ttldxs_rating": "Luật TĐKT 2022, Điều 27",
    "co_tinh_leading": "Luật TĐKT 2022, Điều 26",
    "co_tinh_targets": "Luật TĐKT 2022, Điều 26",
    "bk_tinh_individual": "Luật TĐKT 2022, Điều 74",
    "bk_tinh_collective": "Luật TĐKT 2022, Điều 74",
    "initiative_once": "Nghị định 152/2025/NĐ-CP, Điều 4 (đối chiếu)",
    "votes": "Hội đồng Thi đua - Khen thưởng (đối chiếu Nghị định 152/2025/NĐ-CP)",
    "cstdcs_cap": "Quy định của tỉnh",
}
ARTICLES_2003 = {
    # The 2003 law numbers these articles alike; Bằng khen of the province was Art. 72.
    **{
        condition: article.replace("Luật TĐKT 2022", "Luật TĐKT 2003").replace("Điều 74", "Điều 72")
        + ("" if "đối chiếu" in article else " (đối chiếu)")
        for condition, article in ARTICLES_2022.items()
        if article.startswith("Luật TĐKT 2022")
    },
    "initiative_once": "Nghị định 91/2017/NĐ-CP (đối chiếu)",
    "votes": "Hội đồng Thi đua - Khen thưởng (đối chiếu Nghị định 91/2017/NĐ-CP)",
    "cstdcs_cap": "Nghị định 91/2017/NĐ-CP, Điều 9",
    "no_pending": "Nghị định 91/2017/NĐ-CP (đối chiếu)",
    "ldtt_rating": "Luật TĐKT 2003, Điều 24",
    "cstdcs_ldtt": "Luật TĐKT 2003, Điều 23",
    "cstdcs_initiative": "Luật TĐKT 2003, Điều 23",
    "ttldtt_share": "Luật TĐKT 2003, Điều 28",
    "ttldtt_discipline": "Luật TĐKT 2003, Điều 28",
}

# Cash coefficients (× base salary). Decree 152/2025 as LAW.md gives them; the same figures are
# used for Decree 98/2023 and Decree 91/2017 where LAW.md gives none (đối chiếu).
CASH_2022 = {
    "CSTDTQ": "4.5", "CSTDT": "3.0", "CSTDCS": "1.0", "LDTT": "0.3",
    "TTLDXS": "1.5", "TTLDTT": "0.8", "XA_TIEU_BIEU": "2.0", "THON_VH": "1.5",
    "CO_CP": "12", "CO_TINH": "8",
    "BK_TTG:collective": "7", "BK_TINH:collective": "3", "GIAY_KHEN:collective": "0.6",
    "BK_TTG:individual": "3.5", "BK_TINH:individual": "1.5", "GIAY_KHEN:individual": "0.3",
}  # fmt: skip

# The 2022 law's numbers; Decree 152/2025 kept them (the changes it made are not checkable here).
PARAMETERS_SINCE_2024 = {
    "cstdcs_requires_initiative": False,
    "ttldtt_ldtt_share": "70",
    "ttldxs_ldtt_share": "70",
    "cstdt_cycle_years": 3,
    "vote_share_cstdtq": "90",
    "vote_share_cstdt": "90",
    "vote_share_cstdcs": "80",
    "vote_share_co_tinh": "80",
    "household_factor": "1.5",
}

RULE_SETS: list[dict[str, Any]] = [
    {
        "code": "LUAT2003",
        "name": "Trước năm 2024",
        "legal_basis": LAW_2003,
        "valid_from": None,
        "valid_to": dt.date(2023, 12, 31),
        "parameters": {
            "cstdcs_requires_initiative": True,
            "cstdcs_max_share_of_ldtt": "15",
            "ttldtt_ldtt_share": "50",
            "ttldtt_share_strict": True,
            "ttldxs_ldtt_share": "70",
            "cstdt_cycle_years": 3,
            "vote_share_cstdtq": "90",
            "vote_share_cstdt": "90",
            "vote_share_cstdcs": "80",
            "vote_share_co_tinh": "80",
            "household_factor": "1.5",
        },
        "articles": ARTICLES_2003,
        "cash": CASH_2022,
    },
    {
        "code": "ND98",
        "name": "01/01/2024 – 30/06/2025",
        "legal_basis": LAW_2022_98,
        "valid_from": dt.date(2024, 1, 1),
        "valid_to": dt.date(2025, 6, 30),
        "parameters": PARAMETERS_SINCE_2024,
        "articles": ARTICLES_2022,
        "cash": CASH_2022,
    },
    {
        "code": "ND152",
        "name": "Từ 01/07/2025",
        "legal_basis": LAW_2022_152,
        "valid_from": dt.date(2025, 7, 1),
        "valid_to": None,
        "parameters": PARAMETERS_SINCE_2024,
        "articles": ARTICLES_2022,
        "cash": CASH_2022,
    },
]

BASE_SALARIES = [
    (dt.date(2019, 7, 1), Decimal("1490000")),
    (dt.date(2023, 7, 1), Decimal("1800000")),
    (dt.date(2024, 7, 1), Decimal("2340000")),
]
