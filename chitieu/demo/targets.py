"""Demo resolutions, targets and figures for Hà Tĩnh and Thanh Hóa, 2020–2022.

Figures that the articles in shared/corpus report are entered as they are (and plans are
reconstructed from the ratios the articles give); everything else is generated from a fixed seed
and stored with `is_sample`, which the pages show as "mẫu". Thị xã Kỳ Anh 2021 has 15 main
targets of which 11 are met, as its article says. Everything goes through the services.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction

from chitieu.actuals.models import Actual, ActualKind, Submission, SubmissionStatus
from chitieu.actuals.services import (
    ValueInput,
    actuals_save,
    submission_approve,
    submission_submit,
)
from chitieu.indicators.models import Indicator
from chitieu.targets.models import Comparison, Measure, Resolution, Target
from chitieu.targets.services import resolution_create, target_create
from chitieu.units.models import Unit, UnitType
from chitieu.units.services import unit_create

D = Decimal
HA_TINH = "province:tinhhatinh"
THANH_HOA = "province:tinhthanhhoa"
SAMPLE_NOTE = "Dữ liệu mẫu: số hiệu và các giá trị không có trong bài báo là giả định."


@dataclass(frozen=True)
class T:
    """A target to create: indicator code, plan, and its form."""

    code: str
    value: Decimal | None
    measure: str = Measure.LEVEL
    comparison: str = Comparison.REACH
    upper: Decimal | None = None
    subject: str = ""  # name of a sub-unit, for milestones
    main: bool = True
    wording: str = ""
    sample: bool = False


def district(name: str, province: str = HA_TINH) -> Unit:
    return Unit.objects.get(parent__source_key=province, name=name, valid_to=dt.date(2025, 6, 30))


def _unit_under(parent: Unit, name: str) -> Unit:
    return Unit.objects.get(parent=parent, name=name)


class DemoLoader:
    def __init__(self) -> None:
        self.admin = get_user_model().objects.get(username="admin")
        self.indicators = {indicator.code: indicator for indicator in Indicator.objects.all()}
        self.random = random.Random(2021)

    # -- targets ---------------------------------------------------------------------------
    def resolution(
        self,
        unit: Unit,
        number: str,
        title: str,
        date: dt.date,
        body: str,
        period: str,
        sample: bool,
        note: str = "",
    ) -> Resolution:
        existing = Resolution.objects.filter(unit=unit, number=number).first()
        if existing:
            return existing
        return resolution_create(
            actor=self.admin,
            unit=unit,
            number=number,
            title=title,
            date=date,
            issuing_body=body,
            period=period,
            is_sample=sample,
            note=note or (SAMPLE_NOTE if sample else ""),
        )

    def targets(
        self,
        resolution: Resolution,
        issuer: str,
        items: list[T],
        unit: Unit | None = None,
        period: str | None = None,
    ) -> None:
        unit = unit or resolution.unit
        for order, item in enumerate(items, start=1):
            indicator = self.indicators[item.code]
            if Target.objects.filter(
                resolution=resolution,
                unit=unit,
                indicator=indicator,
                issuer=issuer,
                measure=item.measure,
            ).exists():
                continue
            target_create(
                actor=self.admin,
                resolution=resolution,
                indicator=indicator,
                issuer=issuer,
                value=item.value,
                unit=unit,
                period=period,
                measure=item.measure,
                comparison=item.comparison,
                upper=item.upper,
                subject_unit=_unit_under(unit, item.subject) if item.subject else None,
                is_main=item.main,
                wording=item.wording,
                order=order,
                is_sample=item.sample,
            )

    # -- figures ---------------------------------------------------------------------------
    def figures(
        self,
        unit: Unit,
        period: str,
        values: Mapping[str, Decimal | int | str],
        kind: str = ActualKind.ESTIMATE,
        source: str = "",
        sample: bool = False,
    ) -> None:
        current = {
            actual.indicator.code: actual
            for actual in Actual.objects.filter(unit=unit, period=period, kind=kind).select_related(
                "indicator"
            )
        }
        inputs = [
            ValueInput(
                self.indicators[code],
                D(str(value)),
                current[code].version if code in current else 0,
            )
            for code, value in values.items()
        ]
        submission = Submission.objects.filter(unit=unit, period=period).first()
        if submission and not submission.is_editable:
            return
        saved = actuals_save(
            actor=self.admin,
            unit=unit,
            period=period,
            kind=kind,
            values=inputs,
            source=source or ("Dữ liệu mẫu" if sample else ""),
        )
        if sample and saved:
            Actual.objects.filter(pk__in=[actual.pk for actual in saved]).update(is_sample=True)

    def approve(self, unit: Unit, period: str) -> None:
        submission = Submission.objects.filter(unit=unit, period=period).first()
        if submission and submission.status == SubmissionStatus.APPROVED:
            return
        submission_submit(actor=self.admin, unit=unit, period=period)
        submission_approve(actor=self.admin, unit=unit, period=period, comment="Dữ liệu mẫu")

    # -- generated sample values -------------------------------------------------------------
    def sample_pair(self, plan: Decimal, meet: bool, places: int = 1) -> Decimal:
        """An actual for `plan` that meets it or not (in the indicator's better direction)."""
        factor = self.random.uniform(1.01, 1.12) if meet else self.random.uniform(0.85, 0.97)
        return (plan * D(str(round(factor, 4)))).quantize(D(1).scaleb(-places))


def load_demo_targets() -> None:
    with transaction.atomic():
        loader = DemoLoader()
        _ky_anh(loader)
        _cam_xuyen(loader)
        _vinh_loc(loader)
        _other_ha_tinh_districts(loader)
        _ha_tinh_province(loader)


# -- Thị xã Kỳ Anh
KY_ANH_2021 = [
    # From the article: "thu ngân sách ... ước đạt 320 tỷ đồng ... vượt 117% kế hoạch thị xã đề ra";
    # "giá trị sản xuất công nghiệp - xây dựng ước đạt 72.824 tỷ đồng, đạt 104,97% kế hoạch";
    # "nông - lâm - ngư nghiệp 499 tỷ đồng ... đạt 104% kế hoạch". Plans = figure / ratio.
    (T("KT06", D("273.5"), wording="Thu ngân sách trên địa bàn"), D("320")),
    (T("KT03", D("69376"), wording="Giá trị sản xuất công nghiệp - xây dựng"), D("72824")),
    (T("KT04", D("479.8"), wording="Giá trị sản xuất nông - lâm - ngư nghiệp"), D("499")),
    # Sample targets and figures, so that 11 of the 15 main targets are met.
    (T("KT07", D("3200"), sample=True), D("3350")),
    (T("KT08", D("12000"), sample=True), D("11200")),
    (T("KT09", D("62"), sample=True), D("63.5")),
    (T("KT11", D("120"), sample=True), D("131")),
    (T("XH03", D("3.5"), comparison=Comparison.AT_MOST, sample=True), D("3.1")),
    (T("XH04", D("5.0"), comparison=Comparison.AT_MOST, sample=True), D("5.3")),
    (T("XH05", D("72"), sample=True), D("72.5")),
    (T("XH06", D("92"), sample=True), D("90.8")),
    (T("XH11", D("95"), sample=True), D("95")),
    (T("MT01", D("90"), sample=True), D("92")),
    (T("XD01", D("85"), comparison=Comparison.AT_LEAST, sample=True), D("88")),
    (T("XD02", D("100"), sample=True), D("96")),
]
KY_ANH_2020 = {"KT03": "60394.75", "KT04": "465.27"}  # from "tăng 20,58%" and "tăng 7,25%"
KY_ANH_2022 = [
    T(
        "XD01",
        D("80"),
        comparison=Comparison.AT_LEAST,
        wording="Trên 80% tổ chức cơ sở Đảng hoàn thành tốt nhiệm vụ trở lên",
    ),
    T("XD02", D("110"), wording="kết nạp 110 đảng viên mới"),
    T(
        "XD04",
        D("100"),
        wording="100% tổ chức đoàn thể chính trị - xã hội cấp thị hoàn thành tốt nhiệm vụ",
    ),
    T(
        "XD06",
        D("20"),
        comparison=Comparison.AT_LEAST,
        wording="trong đó 20% hoàn thành xuất sắc nhiệm vụ",
    ),
    T(
        "XD05",
        D("90"),
        wording="90% tổ chức đoàn thể chính trị - xã hội cấp xã hoàn thành tốt nhiệm vụ",
    ),
    T("KT06", D("324.124"), wording="Thu ngân sách trên địa bàn: 324,124 tỷ đồng"),
    T("XH05", D("74"), wording="Tỷ lệ lao động qua đào tạo: 74%"),
    T("XH03", D("3.2"), comparison=Comparison.AT_MOST, wording="Tỷ lệ hộ nghèo dưới 3,2%"),
    T("XH04", D("4.8"), comparison=Comparison.AT_MOST, wording="tỷ lệ hộ cận nghèo dưới 4,8%"),
]


def _ky_anh(loader: DemoLoader) -> None:
    town = district("Thị xã Kỳ Anh")
    source = "Báo Hà Tĩnh, 01/2022: Nỗ lực xây dựng thị xã Kỳ Anh sớm trở thành thành phố"
    resolution = loader.resolution(
        town,
        "MẪU-01/NQ-HĐND",
        "Kế hoạch phát triển kinh tế - xã hội năm 2021",
        dt.date(2020, 12, 18),
        "HĐND thị xã Kỳ Anh",
        "2021",
        sample=True,
        note=(
            "Số hiệu là mẫu. Ba chỉ tiêu đầu suy ra từ bài báo; 12 chỉ tiêu còn lại là dữ liệu mẫu."
        ),
    )
    loader.targets(resolution, "Thị xã đề ra", [target for target, _actual in KY_ANH_2021])
    loader.figures(
        town, "2020", KY_ANH_2020, ActualKind.OFFICIAL, source="Suy ra từ mức tăng so với năm 2020"
    )
    real = {t.code: actual for t, actual in KY_ANH_2021 if not t.sample}
    generated = {t.code: actual for t, actual in KY_ANH_2021 if t.sample}
    loader.figures(town, "2021", real, source=source)
    loader.figures(town, "2021", generated | {"XH02": "27500"}, sample=True)
    loader.approve(town, "2021")

    party = loader.resolution(
        town,
        "MẪU-02/NQ-ThU",
        "Nhiệm vụ năm 2022 (hội nghị Ban Chấp hành Đảng bộ thị xã)",
        dt.date(2022, 1, 6),
        "Thị ủy Kỳ Anh",
        "2022",
        sample=False,
        note="Chỉ tiêu theo bài báo ngày 06/01/2022; số hiệu văn bản là mẫu.",
    )
    loader.targets(party, "Thị ủy đề ra", KY_ANH_2022)
    plans = {t.code: t for t in KY_ANH_2022}
    loader.figures(
        town,
        "2022-H1",
        {"KT06": "151.2", "XH05": "73.1", "XH03": "3.4", "XH04": "5.0", "XD02": "48"},
        sample=True,
    )
    loader.figures(town, "2021-H1", {"KT06": "140.5", "XD02": "41", "XH03": "3.6"}, sample=True)
    loader.figures(
        town,
        "2022",
        {
            code: _sample_actual(
                loader, code, plans[code].value or D(0), code not in {"XD02", "XH04"}
            )
            for code in plans
            if code not in {"XH03", "XH04"}
        }
        | {"XH03": "2.9", "XH04": "5.1"},
        sample=True,
    )


# -- Huyện Cẩm Xuyên
def _cam_xuyen(loader: DemoLoader) -> None:
    cam_xuyen = district("Huyện Cẩm Xuyên")
    source = "Báo Hà Tĩnh, 01/2022: Cẩm Xuyên cần phát huy vai trò nêu gương"
    resolution = loader.resolution(
        cam_xuyen,
        "MẪU-03/NQ-HĐND",
        "Kế hoạch phát triển kinh tế - xã hội năm 2021",
        dt.date(2020, 12, 20),
        "HĐND huyện Cẩm Xuyên",
        "2021",
        sample=True,
    )
    # 25 main targets of which 23 are met ("23/25 chỉ tiêu đạt và vượt kế hoạch").
    real = [
        (T("KT01", D("7"), sample=True), D("7")),
        (T("KT03", D("2598.9"), wording="bằng 91% kế hoạch"), D("2365")),
        (T("KT06", D("305.9"), wording="vượt 70% so với dự toán HĐND huyện giao"), D("520")),
        (T("KT11", D("30"), sample=True), D("35")),
        (T("KT12", D("5"), sample=True), D("5")),
    ]
    sample_codes = [
        "KT02",
        "KT04",
        "KT05",
        "KT07",
        "KT08",
        "KT09",
        "KT10",
        "KT14",
        "KT15",
        "XH03",
        "XH04",
        "XH05",
        "XH06",
        "XH07",
        "XH08",
        "XH10",
        "XH11",
        "MT01",
        "MT02",
        "AN01",
    ]
    bases = _sample_bases()
    generated = []
    for code in sample_codes:
        plan = bases[code]
        meet = code != "XH06"  # with KT03, the two targets not met
        generated.append((T(code, plan, sample=True), _sample_actual(loader, code, plan, meet)))
    loader.targets(resolution, "HĐND huyện giao", [t for t, _a in real + generated])
    reported = {
        "KT01": "7",
        "KT03": "2365",
        "KT06": "520",
        "KT07": "2769",
        "KT11": "35",
        "KT12": "5",
        "XD02": "210",
        "XD03": "10875",
    }
    loader.figures(cam_xuyen, "2021", reported, source=source)
    loader.figures(
        cam_xuyen,
        "2021",
        {t.code: a for t, a in real + generated if t.code not in reported}
        | {"KT02": "10486", "KT10": "98500", "XH02": "41250"},
        sample=True,
    )
    loader.figures(
        cam_xuyen,
        "2020",
        {"KT03": "2200", "KT02": "9800"},
        ActualKind.OFFICIAL,
        source="Suy ra từ “tăng 7,5% so với năm 2020”",
    )

    term = loader.resolution(
        cam_xuyen,
        "MẪU-04/NQ-ĐH",
        "Nghị quyết Đại hội Đảng bộ huyện lần thứ XXXII",
        dt.date(2020, 8, 20),
        "Đảng bộ huyện Cẩm Xuyên",
        "T2020-2025",
        sample=False,
        note=(
            "Chỉ tiêu kết nạp đảng viên cả nhiệm kỳ suy ra từ “210 đảng viên, đạt 123,5% kế hoạch”."
        ),
    )
    loader.targets(
        term,
        "Đảng bộ huyện (cả nhiệm kỳ)",
        [
            T(
                "XD02",
                D("170"),
                measure=Measure.TERM_TOTAL,
                comparison=Comparison.AT_LEAST,
                main=False,
                wording="kết nạp đảng viên mới cả nhiệm kỳ 2020 - 2025",
            ),
        ],
    )
    loader.approve(cam_xuyen, "2021")

    plan_2022 = loader.resolution(
        cam_xuyen,
        "MẪU-05/NQ-HU",
        "Nhiệm vụ năm 2022",
        dt.date(2022, 1, 5),
        "Huyện ủy Cẩm Xuyên",
        "2022",
        sample=False,
        note="Chỉ tiêu theo bài báo ngày 05/01/2022.",
    )
    loader.targets(
        plan_2022,
        "Huyện ủy đề ra",
        [
            T(
                "KT02",
                D("9"),
                measure=Measure.GROWTH,
                wording="tăng trưởng tổng giá trị sản xuất đạt 9%",
            ),
            T("KT09", D("47"), wording="thu nhập bình quân đầu người đạt 47 triệu đồng/năm"),
            T("KT10", D("100000"), wording="sản lượng lương thực duy trì ổn định 10 vạn tấn"),
            T("KT06", D("315"), wording="thu ngân sách trên địa bàn đạt 315 tỷ đồng"),
            T("KT08", D("1750"), wording="tổng giá trị đầu tư toàn xã hội đạt 1.750 tỷ đồng"),
            T(
                "XH03",
                D("-1"),
                measure=Measure.CHANGE,
                comparison=Comparison.RANGE,
                upper=D("-1.5"),
                wording="giảm tỷ lệ hộ nghèo từ 1- 1,5%",
            ),
            T(
                "KT16",
                D("2"),
                measure=Measure.SUBUNIT_COUNT_NEW,
                comparison=Comparison.AT_LEAST,
                wording="có thêm 2 xã đạt chuẩn NTM nâng cao",
            ),
            T("KT19", D("30"), wording="xây dựng 30 khu dân cư mẫu"),
            T("KT20", D("150"), wording="150 vườn mẫu"),
            T(
                "KT14",
                D("7"),
                comparison=Comparison.AT_LEAST,
                wording="có thêm ít nhất 7 sản phẩm OCOP đạt tiêu chí từ 3 sao trở lên",
            ),
            T(
                "XD01",
                D("95"),
                comparison=Comparison.AT_LEAST,
                wording="tỷ lệ Đảng bộ, chi bộ xếp loại “hoàn thành tốt nhiệm vụ” trở lên trên 95%",
            ),
            T("XD02", D("200"), wording="kết nạp 200 đảng viên"),
        ],
    )
    loader.figures(
        cam_xuyen,
        "2022",
        {
            "KT02": "11420",
            "KT09": "47.6",
            "KT10": "101200",
            "KT06": "332",
            "KT08": "1690",
            "XH03": "2.8",
            "KT19": "31",
            "KT20": "162",
            "KT14": "8",
            "XD01": "96.2",
            "XD02": "205",
        },
        sample=True,
    )
    communes = list(Unit.objects.filter(parent=cam_xuyen).order_by("name"))
    for index, commune in enumerate(communes):
        loader.figures(commune, "2021", {"KT16": 1 if index < 3 else 0}, sample=True)
        loader.figures(commune, "2022", {"KT16": 1 if index < 6 else 0}, sample=True)


# -- Huyện Vĩnh Lộc (Thanh Hóa)
def _vinh_loc(loader: DemoLoader) -> None:
    vinh_loc = district("Huyện Vĩnh Lộc", THANH_HOA)
    school = Unit.objects.filter(parent=vinh_loc, name="Trường Mầm non Vĩnh Yên").first()
    if school is None:
        school = unit_create(
            actor=loader.admin,
            name="Trường Mầm non Vĩnh Yên",
            type=UnitType.SCHOOL,
            parent=vinh_loc,
            reason="Dữ liệu mẫu",
        )
    source = "Báo Thanh Hóa, 12/2021: Huyện Vĩnh Lộc có 21/26 chỉ tiêu chủ yếu hoàn thành"
    resolution = loader.resolution(
        vinh_loc,
        "MẪU-06/NQ-HĐND",
        "Kế hoạch phát triển kinh tế - xã hội năm 2021",
        dt.date(2020, 12, 22),
        "HĐND huyện Vĩnh Lộc",
        "2021",
        sample=True,
    )
    # 26 main targets: 21 met, 10 of them exceeded ("21/26 ... trong đó có 10 chỉ tiêu vượt").
    codes = [
        "KT10",
        "KT01",
        "KT02",
        "KT03",
        "KT04",
        "KT05",
        "KT06",
        "KT07",
        "KT08",
        "KT09",
        "KT11",
        "KT12",
        "KT14",
        "KT15",
        "XH03",
        "XH04",
        "XH05",
        "XH06",
        "XH07",
        "XH08",
        "XH10",
        "XH11",
        "MT01",
        "MT02",
        "AN01",
        "XD01",
    ]
    bases = _sample_bases() | {"KT10": D("69000")}
    items, values = [], {}
    for index, code in enumerate(codes):
        plan = bases[code]
        items.append(T(code, plan, sample=code != "KT10"))
        if index < 10:
            values[code] = _sample_actual(loader, code, plan, True)
        elif index < 21:
            values[code] = plan
        else:
            values[code] = _sample_actual(loader, code, plan, False)
    values["KT10"] = D("70000")  # "Tổng sản lượng lương thực có hạt đạt trên 70.000 tấn"
    loader.targets(resolution, "HĐND huyện giao", items)
    loader.figures(vinh_loc, "2021", {"KT10": values.pop("KT10")}, source=source)
    loader.figures(vinh_loc, "2021", values, sample=True)

    plan_2022 = loader.resolution(
        vinh_loc,
        "MẪU-07/NQ-HU",
        "Nhiệm vụ, giải pháp năm 2022",
        dt.date(2021, 12, 22),
        "Ban Chấp hành Đảng bộ huyện Vĩnh Lộc",
        "2022",
        sample=False,
        note="Chỉ tiêu theo bài báo ngày 22/12/2021; số hiệu văn bản là mẫu.",
    )
    loader.targets(
        plan_2022,
        "Huyện ủy đề ra",
        [
            T(
                "KT09",
                D("55.9"),
                comparison=Comparison.AT_LEAST,
                wording="Thu nhập bình quân đầu người đạt 55,9 triệu đồng trở lên",
            ),
            T(
                "XH03",
                D("-0.5"),
                measure=Measure.CHANGE,
                comparison=Comparison.AT_MOST,
                wording="tỷ lệ hộ nghèo giảm 0,5% trở lên",
            ),
            T("XH05", D("73.5"), wording="tỷ lệ lao động qua đào tạo đạt 73,5%"),
            T(
                "KT16",
                None,
                measure=Measure.MILESTONE,
                subject="Xã Vĩnh Hùng",
                wording="xây dựng 1 xã đạt chuẩn nông thôn mới nâng cao (xã Vĩnh Hùng)",
            ),
            T(
                "KT17",
                None,
                measure=Measure.MILESTONE,
                subject="Xã Minh Tân",
                wording="1 xã đạt nông thôn mới kiểu mẫu (xã Minh Tân)",
            ),
            T("KT18", D("11"), wording="11 thôn đạt nông thôn mới kiểu mẫu"),
            T(
                "XH08",
                None,
                measure=Measure.MILESTONE,
                subject="Trường Mầm non Vĩnh Yên",
                wording="1 trường đạt chuẩn quốc gia (trường Mầm non Vĩnh Yên)",
            ),
            T(
                "XH07",
                D("5"),
                wording="tỷ lệ trẻ em dưới 5 tuổi suy dinh dưỡng cân nặng/tuổi còn 5%",
            ),
            T("XH06", D("91.5"), wording="tỷ lệ dân số tham gia BHYT đạt 91,5%"),
            T(
                "AN01",
                D("95"),
                comparison=Comparison.AT_LEAST,
                wording=(
                    "tỷ lệ khu dân cư đạt tiêu chuẩn an toàn về an ninh trật tự đạt 95% trở lên"
                ),
            ),
            T(
                "XD01",
                D("90"),
                comparison=Comparison.AT_LEAST,
                wording="tỷ lệ tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ năm đạt từ 90% trở lên",
            ),
        ],
    )
    loader.figures(
        vinh_loc,
        "2022",
        {
            "KT09": "56.4",
            "XH03": "2.31",
            "XH05": "73.8",
            "KT18": "12",
            "XH07": "5.2",
            "XH06": "91.9",
            "AN01": "96",
            "XD01": "91.5",
        },
        sample=True,
    )
    loader.figures(_unit_under(vinh_loc, "Xã Vĩnh Hùng"), "2022", {"KT16": 1}, sample=True)
    loader.figures(_unit_under(vinh_loc, "Xã Minh Tân"), "2022", {"KT17": 0}, sample=True)
    loader.figures(school, "2022", {"XH08": 1}, sample=True)


# -- the rest of Hà Tĩnh (Cụm thi đua số 1 and the others): sample data
CLUSTER_1 = [
    "Thành phố Hà Tĩnh",
    "Thị xã Hồng Lĩnh",
    "Huyện Thạch Hà",
    "Huyện Can Lộc",
    "Huyện Đức Thọ",
    "Huyện Nghi Xuân",
]
OTHERS = ["Huyện Hương Sơn", "Huyện Vũ Quang", "Huyện Hương Khê", "Huyện Kỳ Anh"]
SAMPLE_SET = [
    "KT02",
    "KT03",
    "KT04",
    "KT06",
    "KT07",
    "KT09",
    "KT11",
    "XH03",
    "XH05",
    "XH06",
    "MT01",
    "XD01",
    "XD02",
]


def _other_ha_tinh_districts(loader: DemoLoader) -> None:
    bases = _sample_bases()
    for name in CLUSTER_1 + OTHERS:
        unit = district(name)
        for year in (2021, 2022):
            resolution = loader.resolution(
                unit,
                f"MẪU-{year}/NQ-HĐND",
                f"Kế hoạch phát triển kinh tế - xã hội năm {year}",
                dt.date(year - 1, 12, 15),
                f"HĐND {name}",
                str(year),
                sample=True,
            )
            items, values = [], {}
            for code in SAMPLE_SET:
                scale = D(str(round(loader.random.uniform(0.6, 1.6), 2)))
                plan = (
                    bases[code]
                    if loader.indicators[code].unit_of_measure == "%"
                    else (bases[code] * scale).quantize(D("0.1"))
                )
                items.append(T(code, plan, sample=True))
                values[code] = _sample_actual(loader, code, plan, loader.random.random() < 0.8)
            loader.targets(resolution, "HĐND giao", items)
            loader.figures(unit, str(year), values, sample=True)
            loader.figures(
                unit, str(year), {"XH02": 20000 + loader.random.randint(0, 30000)}, sample=True
            )
        loader.approve(unit, "2021")


def _ha_tinh_province(loader: DemoLoader) -> None:
    province = Unit.objects.get(source_key=HA_TINH)
    resolution = loader.resolution(
        province,
        "MẪU-08/NQ-HĐND",
        "Dự toán thu ngân sách nhà nước năm 2021 giao các huyện",
        dt.date(2020, 12, 10),
        "HĐND tỉnh Hà Tĩnh",
        "2021",
        sample=True,
        note="Dự toán tỉnh giao thị xã Kỳ Anh suy ra từ “vượt 162,6% kế hoạch của tỉnh giao”, "
        "huyện Cẩm Xuyên từ “gấp 2,14 lần so với kế hoạch HĐND tỉnh giao”.",
    )
    loader.targets(
        resolution,
        "Tỉnh giao",
        [T("KT06", D("196.8"), wording="dự toán thu ngân sách tỉnh giao")],
        unit=district("Thị xã Kỳ Anh"),
    )
    loader.targets(
        resolution,
        "Tỉnh giao",
        [T("KT06", D("243.0"), wording="dự toán thu ngân sách tỉnh giao")],
        unit=district("Huyện Cẩm Xuyên"),
    )
    # The province's own targets, evaluated from its districts' figures rolled up.
    loader.targets(
        resolution,
        "HĐND tỉnh",
        [
            T("KT06", D("3600"), sample=True),
            T("XH03", D("3.5"), comparison=Comparison.AT_MOST, sample=True),
            T("XD02", D("2800"), sample=True),
        ],
    )


def _sample_actual(loader: DemoLoader, code: str, plan: Decimal, meet: bool) -> Decimal:
    indicator = loader.indicators[code]
    places = min(indicator.decimals, 2)
    if indicator.direction == "lower":
        value = loader.sample_pair(plan, not meet, places)
    else:
        value = loader.sample_pair(plan, meet, places)
    if indicator.unit_of_measure == "%" and indicator.direction == "higher":
        value = min(value, D("100")) if meet else value
        if meet and value <= plan:
            value = plan
    return value


def _sample_bases() -> dict[str, Decimal]:
    """Plausible plans for a district, for generated sample data."""
    return {
        "KT01": D("7.5"),
        "KT02": D("9500"),
        "KT03": D("2500"),
        "KT04": D("1800"),
        "KT05": D("120"),
        "KT06": D("250"),
        "KT07": D("2600"),
        "KT08": D("1600"),
        "KT09": D("48"),
        "KT10": D("90000"),
        "KT11": D("40"),
        "KT12": D("6"),
        "KT14": D("5"),
        "KT15": D("20"),
        "XH03": D("3.5"),
        "XH04": D("4.5"),
        "XH05": D("70"),
        "XH06": D("91"),
        "XH07": D("7.5"),
        "XH08": D("45"),
        "XH10": D("1800"),
        "XH11": D("88"),
        "MT01": D("90"),
        "MT02": D("85"),
        "AN01": D("92"),
        "XD01": D("90"),
        "XD02": D("180"),
    }
