"""Registry imports: people, households, staff and grids from CSV or Excel (.xlsx), grid polygons
from GeoJSON. Every row is validated first and every bad row reported with its line number; nothing
is written unless the whole file is valid, and then in one transaction. Rows are upserted by a
stable key (phone for people and staff, code for units and households), so re-importing the same
file changes nothing. Columns (English or Chinese headers) are documented in docs/imports.md."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import phonenumbers
from shapely.geometry import shape
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.common.clock import utcnow
from bot.common.phones import InvalidPhone, to_e164
from bot.core.household_changes import BASIC_TAGS, change_household, community_of
from bot.store.household_models import CustomTag
from bot.store.models import Household, OrgUnit, Person, StaffRole

# Canonical column → accepted headers.
COLUMNS: dict[str, tuple[str, ...]] = {
    "code": ("code", "编码", "代码", "户号", "网格编码"),
    "name": ("name", "姓名", "名称", "网格名称"),
    "phone": ("phone", "手机", "手机号", "电话", "联系电话"),
    "kind": ("kind", "类型", "层级"),
    "parent": ("parent", "上级", "上级编码", "所属社区"),
    "aliases": ("aliases", "别名", "地名"),
    "grid": ("grid", "网格", "所属网格"),
    "building": ("building", "楼栋"),
    "address": ("address", "地址", "住址"),
    "colour": ("colour", "color", "颜色", "三色"),
    "tags": ("tags", "标签", "特殊人群"),
    "household": ("household", "户", "户编码"),
    "group": ("group", "村民小组", "小组"),
    "role": ("role", "角色", "岗位"),
    "unit": ("unit", "单位", "所属单位", "单位编码"),
    "channels": ("channels", "渠道", "联系渠道", "接收渠道"),  # people: preferred first, then fallbacks
}
# Imported people are real: reached by SMS until they write from elsewhere (Telegram), never on the
# simulator (the model's default, for the demo's identities), which would also let it speak for them.
REAL_PEOPLES_CHANNEL = "sms"
REQUIRED = {
    "people": ("name", "phone"),
    "households": ("code", "grid"),
    "staff": ("name", "phone", "role", "unit"),
    "grids": ("code",),  # name too, for a unit not yet in the registry
}
UNIT_KINDS = {"subdistrict": "subdistrict", "街道": "subdistrict", "community": "community", "社区": "community",
              "village": "village", "村": "village", "grid": "grid", "网格": "grid", "subgrid": "subgrid",
              "子网格": "subgrid", "building": "building", "楼栋": "building", "villager_group": "villager_group",
              "村民小组": "villager_group"}
COLOURS = {"red": "red", "红": "red", "红色": "red", "yellow": "yellow", "黄": "yellow", "黄色": "yellow",
           "green": "green", "绿": "green", "绿色": "green", "": "green"}
PERSON_KINDS = {"resident": "resident", "居民": "resident", "村民": "resident", "rider": "rider", "骑手": "rider",
                "流动网格员": "rider", "": "resident"}
ROLES = {"grid_worker": "grid_worker", "网格员": "grid_worker", "专职网格员": "grid_worker",
         "backup_grid_worker": "backup_grid_worker", "备岗网格员": "backup_grid_worker",
         "building_head": "building_head", "楼栋长": "building_head",
         "branch_secretary": "branch_secretary", "片区支部书记": "branch_secretary",
         "community_secretary": "community_secretary", "社区书记": "community_secretary",
         "village_secretary": "village_secretary", "村书记": "village_secretary",
         "duty_officer": "duty_officer", "值班员": "duty_officer", "街道值班员": "duty_officer",
         "auxiliary_police": "auxiliary_police", "辅警": "auxiliary_police",
         "mediator": "mediator", "调解员": "mediator", "home_care": "home_care", "居家养老": "home_care",
         "employment_assistant": "employment_assistant", "就业专员": "employment_assistant"}
KINDS = tuple(REQUIRED)
# A household's colour or tags changed by a re-import: the reason its history shows (with via "import").
IMPORT_REASON = "登记表导入"


@dataclass(frozen=True)
class RowError:
    line: int
    reason: str

    def __str__(self) -> str:
        return f"第{self.line}行: {self.reason}"


@dataclass
class ImportResult:
    kind: str
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


class ImportRejected(Exception):
    def __init__(self, result: ImportResult) -> None:
        super().__init__(f"{len(result.errors)} bad rows")
        self.result = result


def _split(value: str) -> list[str]:
    for sep in ("、", "；", ";", "，", ",", "|"):
        value = value.replace(sep, "/")
    return [v.strip() for v in value.split("/") if v.strip()]


def _canonical(header: str) -> str | None:
    key = (header or "").strip().lower()
    for column, names in COLUMNS.items():
        if key in names:
            return column
    return None


def read_table(path: Path) -> list[tuple[int, dict[str, str]]]:
    """(line number, row by canonical column) from a CSV (UTF-8, with or without BOM) or .xlsx file."""
    if path.suffix.lower() == ".xlsx":
        from openpyxl import load_workbook

        sheet = load_workbook(path, read_only=True, data_only=True).active
        raw = [["" if c is None else str(c).strip() for c in row] for row in sheet.iter_rows(values_only=True)]
    else:
        raw = [[c.strip() for c in row] for row in csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig")))]
    if not raw:
        return []
    columns = [_canonical(h) for h in raw[0]]
    rows = []
    for line, values in enumerate(raw[1:], start=2):
        if not any(values):
            continue
        rows.append((line, {c: v for c, v in zip(columns, values, strict=False) if c}))
    return rows


def read_geojson(path: Path) -> list[tuple[int, dict[str, Any]]]:
    """(feature number, {code, name, kind, parent, aliases, polygon}) from a FeatureCollection."""
    data = json.loads(path.read_text(encoding="utf-8"))
    features = data.get("features") if isinstance(data, dict) else None
    if not isinstance(features, list):
        raise ValueError("not a GeoJSON FeatureCollection")
    rows = []
    for n, feature in enumerate(features, start=1):
        props = {(_canonical(k) or k): ("" if v is None else v) for k, v in (feature.get("properties") or {}).items()}
        props = {k: (v if isinstance(v, list) else str(v).strip()) for k, v in props.items()}
        props["polygon"] = feature.get("geometry")
        rows.append((n, props))
    return rows


class _Plan:
    """Validation state: units known in the database plus those the file creates."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.units = {u.code: u.kind for u in session.scalars(select(OrgUnit))}
        self.households = set(session.scalars(select(Household.code)))
        self.seen: dict[str, int] = {}
        self._tags: dict[str, set[str]] = {}

    def tags_of(self, grid_code: str) -> set[str]:
        """The tags a household of this grid may carry: the basic ones and its community's custom ones."""
        if grid_code not in self._tags:
            grid_id = self.session.scalar(select(OrgUnit.id).where(OrgUnit.code == grid_code))
            community = community_of(self.session, grid_id)
            custom = set(self.session.scalars(select(CustomTag.name).where(CustomTag.unit_id == community.id))) \
                if community is not None else set()
            self._tags[grid_code] = set(BASIC_TAGS) | custom
        return self._tags[grid_code]

    def once(self, key: str, line: int) -> str | None:
        if key in self.seen:
            return f"与第{self.seen[key]}行重复（{key}）"
        self.seen[key] = line
        return None


def _validate(plan: _Plan, kind: str, line: int, row: dict[str, Any], region: str) -> list[str]:
    problems = [f"缺少{name}" for name in REQUIRED[kind] if not row.get(name)]
    if problems:
        return problems
    if "phone" in row and row.get("phone"):
        try:
            row["phone"] = to_e164(str(row["phone"]), region)
            if not phonenumbers.is_valid_number(phonenumbers.parse(row["phone"])):
                raise InvalidPhone(row["phone"])
        except InvalidPhone:
            problems.append(f"手机号无效（{row['phone']}）")
    if kind == "grids":
        known = plan.units.get(row["code"])
        if not row.get("name") and known is None:
            problems.append("缺少name")
        unit_kind = UNIT_KINDS.get(str(row.get("kind") or known or "grid").strip().lower())
        if unit_kind is None:
            problems.append(f"未知类型（{row.get('kind')}）")
        row["kind"] = unit_kind
        parent = row.get("parent") or ""
        if parent and parent not in plan.units:
            problems.append(f"上级不存在（{parent}）")
        polygon = row.get("polygon")
        if polygon:
            try:
                geometry = shape(polygon)
                if geometry.geom_type not in ("Polygon", "MultiPolygon") or not geometry.is_valid:
                    problems.append("边界不是有效的多边形")
            except Exception:
                problems.append("边界不是有效的 GeoJSON")
        if not problems:
            plan.units[row["code"]] = unit_kind or "grid"
        duplicate = plan.once(f"unit:{row['code']}", line)
    elif kind == "households":
        if "colour" in row:  # a file without the column leaves each household's colour as it is
            colour = COLOURS.get(str(row.get("colour") or "").strip().lower())
            if colour is None:
                problems.append(f"颜色应为红/黄/绿（{row.get('colour')}）")
            row["colour"] = colour
        if plan.units.get(row["grid"]) != "grid":
            problems.append(f"网格不存在（{row['grid']}）")
        elif row.get("tags"):
            unknown = [tag for tag in _split(str(row["tags"])) if tag not in plan.tags_of(row["grid"])]
            if unknown:
                problems.append(f"未知标签（{'、'.join(unknown)}）：请用基础标签，或先在工作台添加为社区自定义标签")
        if row.get("building") and row["building"] not in plan.units:
            problems.append(f"楼栋不存在（{row['building']}）")
        plan.households.add(row["code"])
        duplicate = plan.once(f"household:{row['code']}", line)
    elif kind == "people":
        person_kind = PERSON_KINDS.get(str(row.get("kind") or "").strip().lower())
        if person_kind is None:
            problems.append(f"未知类型（{row.get('kind')}）")
        row["kind"] = person_kind
        if row.get("household") and row["household"] not in plan.households:
            problems.append(f"户不存在（{row['household']}）")
        if row.get("grid") and plan.units.get(row["grid"]) != "grid":
            problems.append(f"网格不存在（{row['grid']}）")
        if row.get("group") and plan.units.get(row["group"]) != "villager_group":
            problems.append(f"村民小组不存在（{row['group']}）")
        if row.get("channels"):
            from bot.core.channel_choice import parse_channels

            channels = parse_channels(str(row["channels"]))
            if channels is None:
                problems.append(f"未知渠道（{row['channels']}）")
            row["channels"] = channels
        duplicate = plan.once(f"phone:{row.get('phone')}", line)
    else:  # staff
        role = ROLES.get(str(row["role"]).strip().lower())
        if role is None:
            problems.append(f"未知角色（{row['role']}）")
        row["role"] = role
        if row["unit"] not in plan.units:
            problems.append(f"单位不存在（{row['unit']}）")
        duplicate = plan.once(f"staff:{row.get('phone')}:{role}:{row['unit']}", line)
    if duplicate:
        problems.append(duplicate)
    return problems


def _set(obj: Any, values: dict[str, Any]) -> bool:
    changed = False
    for key, value in values.items():
        if getattr(obj, key) != value:
            setattr(obj, key, value)
            changed = True
    return changed


def _apply_household(session: Session, row: dict[str, Any], result: ImportResult, reason: str, at: datetime) -> None:
    """A new household as the file says; a known one updated, its colour and tags through
    `change_household` (a history row each, via "import"). A column the file lacks changes nothing."""
    def unit_id(code: str | None) -> int | None:
        return session.scalar(select(OrgUnit.id).where(OrgUnit.code == code)) if code else None

    values: dict[str, Any] = {"unit_id": unit_id(row["grid"]), "address": row.get("address") or "",
                              "building_id": unit_id(row.get("building"))}
    colour = row.get("colour") if "colour" in row else None
    tags = list(dict.fromkeys(_split(row.get("tags") or ""))) if "tags" in row else None
    existing = session.scalar(select(Household).where(Household.code == row["code"]))
    if existing is None:
        household = Household(code=row["code"], colour=colour or "green", tags=tags or [])
        _set(household, values)
        session.add(household)
        session.flush()
        result.created += 1
        return
    changed = _set(existing, values)
    if changed:
        session.flush()
    current = list(existing.tags or [])
    made = change_household(session, existing, reason=reason, at=at, colour=colour,
                            add=[t for t in tags if t not in current] if tags is not None else (),
                            remove=[t for t in current if t not in tags] if tags is not None else (), via="import")
    if changed or made:
        result.updated += 1
    else:
        result.unchanged += 1


def _apply(session: Session, kind: str, row: dict[str, Any], result: ImportResult) -> None:
    def unit_id(code: str | None) -> int | None:
        return session.scalar(select(OrgUnit.id).where(OrgUnit.code == code)) if code else None

    if kind == "grids":
        existing = session.scalar(select(OrgUnit).where(OrgUnit.code == row["code"]))
        values: dict[str, Any] = {"kind": row["kind"]}
        if row.get("name"):
            values["name"] = row["name"]
        if row.get("parent"):
            values["parent_id"] = unit_id(row["parent"])
        if row.get("aliases"):
            values["aliases"] = row["aliases"] if isinstance(row["aliases"], list) else _split(row["aliases"])
        if row.get("polygon"):
            values["polygon"] = row["polygon"]
        target = existing or OrgUnit(code=row["code"], aliases=[])
    elif kind == "people":
        existing = session.scalar(select(Person).where(Person.phone == row["phone"]))
        household = session.scalar(select(Household).where(Household.code == row["household"])) \
            if row.get("household") else None
        home = unit_id(row.get("grid")) or (household.unit_id if household else None)
        values = {"name": row["name"], "kind": row["kind"], "household_id": household.id if household else None,
                  "home_unit_id": None if row["kind"] == "rider" else home,
                  "villager_group_id": unit_id(row.get("group"))}
        if row.get("channels"):
            values["preferred_channel"], values["fallback_channels"] = row["channels"][0], row["channels"][1:]
        target = existing or Person(phone=row["phone"], preferred_channel=REAL_PEOPLES_CHANNEL)
    else:  # staff: the person (kind staff unless already a resident) and the role
        existing = session.scalar(select(Person).where(Person.phone == row["phone"]))
        person = existing or Person(phone=row["phone"], name=row["name"], kind="staff",
                                    preferred_channel=REAL_PEOPLES_CHANNEL)
        created = existing is None
        changed = _set(person, {"name": row["name"]})
        session.add(person)
        session.flush()
        where = unit_id(row["unit"])
        has_role = session.scalar(select(StaffRole.id).where(StaffRole.person_id == person.id,
                                                             StaffRole.role == row["role"], StaffRole.unit_id == where))
        if has_role is None:
            session.add(StaffRole(person_id=person.id, role=row["role"], unit_id=where))
        if created or has_role is None:
            result.created += 1
        elif changed:
            result.updated += 1
        else:
            result.unchanged += 1
        return
    if existing is None:
        _set(target, values)
        session.add(target)
        session.flush()
        result.created += 1
    elif _set(existing, values):
        session.flush()
        result.updated += 1
    else:
        result.unchanged += 1


def run_import(session: Session, kind: str, rows: Iterable[tuple[int, dict[str, Any]]], *, region: str = "CN",
               progress: Callable[[int], None] | None = None, reason: str = IMPORT_REASON,
               at: datetime | None = None) -> ImportResult:
    """Validate every row, then apply them all in the caller's transaction. Raises ImportRejected
    (with every bad row) before writing anything when one is bad. A household's colour or tags changed
    by the file are recorded in its history with `reason`, at `at` (now by default), via "import"."""
    if kind not in KINDS:
        raise ValueError(f"unknown import kind {kind!r}; one of {', '.join(KINDS)}")
    rows = list(rows)
    result = ImportResult(kind, rows=len(rows))
    plan = _Plan(session)
    for line, row in rows:
        for reason in _validate(plan, kind, line, row, region):
            result.errors.append(RowError(line, reason))
    if result.errors:
        raise ImportRejected(result)
    at = at or utcnow()
    for _line, row in rows:
        if kind == "households":
            _apply_household(session, row, result, reason, at)
        else:
            _apply(session, kind, row, result)
        if progress is not None:
            progress(1)
    return result


def read_file(path: Path) -> list[tuple[int, dict[str, Any]]]:
    if path.suffix.lower() in (".geojson", ".json"):
        return read_geojson(path)
    return read_table(path)
