"""Import of the official lists shipped by the `vietnamadminunits` package.

Two trees: the pre-reform one (63 provinces, their districts and communes, valid to 30/06/2025)
and the current one (34 provinces and 3,321 communes, valid from 01/07/2025), linked by the
package's mapping. A province whose name and extent did not change (Hà Tĩnh, Thanh Hóa, …) stays
one unit across the reform, so its data needs no roll-up; every other unit is a version of its own.
The import is idempotent: units and links are found again by their source key.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import vietnamadminunits
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from chitieu.core.audit import audited, record_bulk, snapshot
from chitieu.core.models import ChangeAction, ObjectChange
from chitieu.core.text import fold
from chitieu.units.models import Unit, UnitLink, UnitType

LEGACY_END = dt.date(2025, 6, 30)
REFORM_DATE = dt.date(2025, 7, 1)
DATA_DIR = Path(vietnamadminunits.__file__).parent / "data"

PROVINCE_TYPES = {"Tỉnh": UnitType.PROVINCE, "Thành phố": UnitType.CENTRAL_CITY}
DISTRICT_TYPES = {
    "Huyện": UnitType.DISTRICT,
    "Quận": UnitType.URBAN_DISTRICT,
    "Thị xã": UnitType.TOWN,
    "Thành phố": UnitType.PROVINCIAL_CITY,
}
COMMUNE_TYPES = {
    "Xã": UnitType.COMMUNE,
    "Phường": UnitType.WARD,
    "Thị trấn": UnitType.TOWNSHIP,
    "Đặc khu": UnitType.SPECIAL_ZONE,
}


@dataclass
class PlannedUnit:
    key: str
    code: str
    name: str
    short_name: str
    type: str
    parent_key: str | None
    valid_from: dt.date | None
    valid_to: dt.date | None


@dataclass
class PlannedLink:
    predecessor_key: str
    successor_key: str
    whole: bool


@dataclass
class ImportResult:
    units_created: int = 0
    links_created: int = 0
    units_total: int = 0
    links_total: int = 0
    notes: list[str] = field(default_factory=list)


def _rows(table: str, province_codes: set[str] | None) -> list[sqlite3.Row]:
    with sqlite3.connect(DATA_DIR / "dataset.db") as connection:
        connection.row_factory = sqlite3.Row
        rows = connection.execute(f"SELECT * FROM [{table}]").fetchall()
    if province_codes is None:
        return rows
    return [row for row in rows if row["provinceCode"] in province_codes]


def _mapping() -> dict:
    return json.loads((DATA_DIR / "converter_2025.json").read_text(encoding="utf-8"))


@dataclass(frozen=True)
class RegistryProvince:
    """A province of the current list (since 01/07/2025): its official code and name."""

    code: str
    name: str


def find_province(query: str) -> RegistryProvince | None:
    """The current province named by `query`: its official code ("42"), its name with or
    without its level and diacritics ("Hà Tĩnh", "Tỉnh Hà Tĩnh", "ha tinh")."""
    wanted = fold(query).strip()
    if not wanted:
        return None
    for row in _rows("admin_units", None):
        names = {fold(row["province"]), fold(row["provinceShort"])}
        if wanted == row["provinceCode"] or wanted.lstrip("0") == row["provinceCode"].lstrip("0"):
            return RegistryProvince(row["provinceCode"], row["province"])
        if wanted in names:
            return RegistryProvince(row["provinceCode"], row["province"])
    return None


def _province_type(name: str) -> str:
    return PROVINCE_TYPES["Thành phố" if name.startswith("Thành phố") else "Tỉnh"]


def plan_units(
    province_codes: set[str] | None = None,
) -> tuple[list[PlannedUnit], list[PlannedLink]]:
    """What the registry should hold, as plain data: units in parent-before-child order."""
    mapping = _mapping()
    legacy = _rows("admin_units_legacy", None)
    current = _rows("admin_units", None)
    # The province keys inside the chosen provinces, before and after, so that a subset import
    # (Hà Tĩnh alone, for tests) still takes whole merged provinces.
    new_province_of_old = {
        old: new for new, olds in mapping["DICT_PROVINCE"].items() for old in olds
    }
    if province_codes is not None:
        chosen_new = {
            row["provinceKey"] for row in current if row["provinceCode"] in province_codes
        } | {
            new_province_of_old[row["provinceKey"]]
            for row in legacy
            if row["provinceCode"] in province_codes
        }
        chosen_old = {old for old, new in new_province_of_old.items() if new in chosen_new}
        legacy = [row for row in legacy if row["provinceKey"] in chosen_old]
        current = [row for row in current if row["provinceKey"] in chosen_new]

    old_names = {row["provinceKey"]: row["province"] for row in legacy}
    new_names = {row["provinceKey"]: row["province"] for row in current}
    continuing = {
        new
        for new, olds in mapping["DICT_PROVINCE"].items()
        if olds == [new] and old_names.get(new) == new_names.get(new) and new in new_names
    }

    units: list[PlannedUnit] = []
    links: list[PlannedLink] = []

    def province_key(key: str, era: str) -> str:
        return f"province:{key}" if key in continuing else f"{era}:province:{key}"

    seen: set[str] = set()
    for era, rows, valid_from, valid_to in (
        ("legacy", legacy, None, LEGACY_END),
        ("2025", current, REFORM_DATE, None),
    ):
        for row in rows:
            key = province_key(row["provinceKey"], era)
            if key in seen:
                continue
            seen.add(key)
            kept = row["provinceKey"] in continuing
            units.append(
                PlannedUnit(
                    key=key,
                    code=row["provinceCode"] or "",
                    name=row["province"],
                    short_name=row["provinceShort"],
                    type=_province_type(row["province"]),
                    parent_key=None,
                    valid_from=None if kept else valid_from,
                    valid_to=None if kept else valid_to,
                )
            )

    for row in legacy:
        key = f"legacy:{row['provinceKey']}_{row['districtKey']}"
        if key in seen:
            continue
        seen.add(key)
        units.append(
            PlannedUnit(
                key=key,
                code=row["districtCode"] or "",
                name=row["district"],
                short_name=row["districtShort"].split(" (")[0],
                type=DISTRICT_TYPES[row["districtType"]],
                parent_key=province_key(row["provinceKey"], "legacy"),
                valid_from=None,
                valid_to=LEGACY_END,
            )
        )
    for row in legacy:
        if not row["wardKey"]:
            continue  # island districts without communes
        units.append(
            PlannedUnit(
                key=f"legacy:{row['provinceKey']}_{row['districtKey']}_{row['wardKey']}",
                code=row["wardCode"] or "",
                name=row["ward"],
                short_name=row["wardShort"],
                type=COMMUNE_TYPES[row["wardType"]],
                parent_key=f"legacy:{row['provinceKey']}_{row['districtKey']}",
                valid_from=None,
                valid_to=LEGACY_END,
            )
        )
    for row in current:
        units.append(
            PlannedUnit(
                key=f"2025:{row['provinceKey']}_{row['wardKey']}",
                code=row["wardCode"] or "",
                name=row["ward"],
                short_name=row["wardShort"],
                type=COMMUNE_TYPES[row["wardType"]],
                parent_key=province_key(row["provinceKey"], "2025"),
                valid_from=REFORM_DATE,
                valid_to=None,
            )
        )

    planned_keys = {unit.key for unit in units}
    links.extend(_province_links(mapping, continuing, planned_keys))
    links.extend(_commune_links(mapping, planned_keys))
    links.extend(_district_links(links, units))
    return units, links


def _province_links(mapping: dict, continuing: set[str], keys: set[str]) -> Iterable[PlannedLink]:
    for new, olds in mapping["DICT_PROVINCE"].items():
        if new in continuing:
            continue
        for old in olds:
            link = PlannedLink(f"legacy:province:{old}", f"2025:province:{new}", whole=True)
            if link.predecessor_key in keys and link.successor_key in keys:
                yield link


def _commune_links(mapping: dict, keys: set[str]) -> Iterable[PlannedLink]:
    for new_province, wards in mapping["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for new_ward, olds in wards.items():
            for old in olds:
                # An island district without communes appears as "province_district_".
                old_key = f"legacy:{old.rstrip('_')}"
                link = PlannedLink(old_key, f"2025:{new_province}_{new_ward}", whole=True)
                if link.predecessor_key in keys and link.successor_key in keys:
                    yield link
    for new_province, olds in mapping["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old, parts in olds.items():
            for part in parts:
                link = PlannedLink(
                    f"legacy:{old.rstrip('_')}",
                    f"2025:{new_province}_{part['newWardKey']}",
                    whole=False,
                )
                if link.predecessor_key in keys and link.successor_key in keys:
                    yield link


def _district_links(
    commune_links: list[PlannedLink], units: list[PlannedUnit]
) -> Iterable[PlannedLink]:
    """A district went into the new communes its communes went into; whole only when all of it
    went into one."""
    parent_of = {unit.key: unit.parent_key for unit in units}
    successors: dict[str, set[str]] = defaultdict(set)
    partial: set[str] = set()
    for link in commune_links:
        district = parent_of.get(link.predecessor_key)
        if district is None or not district.startswith("legacy:") or "province:" in district:
            continue
        successors[district].add(link.successor_key)
        if not link.whole:
            partial.add(district)
    for district, targets in successors.items():
        whole = len(targets) == 1 and district not in partial
        for target in sorted(targets):
            yield PlannedLink(district, target, whole=whole)


@audited
@transaction.atomic
def import_admin_units(province_codes: set[str] | None = None) -> ImportResult:
    """Create the units and links that are not there yet; leave the others as they are."""
    planned_units, planned_links = plan_units(province_codes)
    result = ImportResult()
    existing = dict(Unit.objects.filter(source_key__isnull=False).values_list("source_key", "id"))
    paths = dict(Unit.objects.filter(source_key__isnull=False).values_list("source_key", "path"))
    new_units: list[Unit] = []
    # Parents come before children in the plan, so one pass per level keeps paths computable.
    for level in _levels(planned_units):
        batch = [
            Unit(
                source_key=p.key,
                code=p.code,
                name=p.name,
                short_name=p.short_name,
                type=p.type,
                parent_id=existing[p.parent_key] if p.parent_key else None,
                valid_from=p.valid_from,
                valid_to=p.valid_to,
                path="",
            )
            for p in level
            if p.key not in existing
        ]
        for unit in batch:
            unit.refresh_search_name()
        Unit.objects.bulk_create(batch, batch_size=1000)
        parent_keys = {p.key: p.parent_key for p in level}
        for unit in batch:
            assert unit.source_key is not None and unit.pk is not None
            parent_key = parent_keys[unit.source_key]
            unit.path = f"{paths[parent_key] if parent_key else '/'}{unit.pk}/"
            existing[unit.source_key] = unit.pk
            paths[unit.source_key] = unit.path
        Unit.objects.bulk_update(batch, ["path"], batch_size=1000)
        new_units.extend(batch)

    existing_links = set(UnitLink.objects.values_list("predecessor_id", "successor_id"))
    new_links = []
    for planned in planned_links:
        pair = (existing[planned.predecessor_key], existing[planned.successor_key])
        if pair in existing_links:
            continue
        existing_links.add(pair)
        new_links.append(
            UnitLink(
                predecessor_id=pair[0],
                successor_id=pair[1],
                effective_date=REFORM_DATE,
                whole=planned.whole,
                note="Sắp xếp đơn vị hành chính 2025",
            )
        )
    UnitLink.objects.bulk_create(new_links, batch_size=2000)
    _audit_imported(new_units, new_links)

    result.units_created = len(new_units)
    result.links_created = len(new_links)
    result.units_total = Unit.objects.count()
    result.links_total = UnitLink.objects.count()
    return result


def _levels(units: list[PlannedUnit]) -> list[list[PlannedUnit]]:
    depth: dict[str, int] = {}
    levels: dict[int, list[PlannedUnit]] = defaultdict(list)
    for unit in units:
        depth[unit.key] = 0 if unit.parent_key is None else depth[unit.parent_key] + 1
        levels[depth[unit.key]].append(unit)
    return [levels[index] for index in sorted(levels)]


def _audit_imported(units: list[Unit], links: list[UnitLink]) -> None:
    """One audit row per created object, written in bulk in the import's transaction."""
    reason = "Nhập danh mục đơn vị hành chính từ gói vietnamadminunits"
    unit_type = ContentType.objects.get_for_model(Unit)
    link_type = ContentType.objects.get_for_model(UnitLink)
    rows = [
        ObjectChange(
            action=ChangeAction.CREATE,
            verb="import",
            content_type=unit_type,
            object_id=str(unit.pk),
            object_repr=unit.name,
            after=snapshot(unit),
            reason=reason,
            scope_path=unit.path,
        )
        for unit in units
    ]
    rows += [
        ObjectChange(
            action=ChangeAction.CREATE,
            verb="import",
            content_type=link_type,
            object_id=str(link.pk or ""),
            object_repr=f"{link.predecessor_id} → {link.successor_id}",
            after=snapshot(link),
            reason=reason,
        )
        for link in links
    ]
    record_bulk(rows)
