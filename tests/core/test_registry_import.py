"""Registry imports: good files, every bad row reported with nothing applied, idempotent re-import, .xlsx,
GeoJSON polygons."""

import json
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from bot.core.household_changes import history
from bot.core.places import grid_at
from bot.core.registry_import import ImportRejected, read_file, run_import
from bot.store.db import Database
from bot.store.household_models import CustomTag
from bot.store.models import Household, OrgUnit, Person, StaffRole

GRIDS_CSV = """编码,名称,类型,上级,别名
T,测试街道,街道,,
T-C1,测试社区,社区,T,
T-G1,测试第1网格,网格,T-C1,花园小区、滨江路
T-G1-B1,花园小区1栋,楼栋,T-G1,
"""
HOUSEHOLDS_CSV = """户号,网格,地址,颜色,标签,楼栋
TH1,T-G1,花园小区1栋101,红,空巢老人、大病,T-G1-B1
TH2,T-G1,花园小区1栋102,绿,,
"""
PEOPLE_CSV = """姓名,手机,户,类型
张三,139 1000 0001,TH1,居民
李四,+86-139-1000-0002,TH2,
王五,13910000003,,骑手
"""
STAFF_CSV = """姓名,手机,角色,单位
赵网格,13710000001,网格员,T-G1
钱备岗,13710000002,备岗网格员,T-G1
孙书记,13710000003,社区书记,T-C1
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def load(db: Database, kind: str, path: Path):
    with db.session() as s:
        return run_import(s, kind, read_file(path))


def load_all(db: Database, tmp_path: Path) -> list:
    return [load(db, kind, write(tmp_path, f"{kind}.csv", text)) for kind, text in
            [("grids", GRIDS_CSV), ("households", HOUSEHOLDS_CSV), ("people", PEOPLE_CSV), ("staff", STAFF_CSV)]]


def test_a_good_set_of_files_builds_the_registry(db: Database, tmp_path: Path):
    results = load_all(db, tmp_path)
    assert [r.created for r in results] == [4, 2, 3, 3]
    with db.session() as s:
        grid = s.scalar(select(OrgUnit).where(OrgUnit.code == "T-G1"))
        assert (grid.kind, grid.aliases, grid.parent.code) == ("grid", ["花园小区", "滨江路"], "T-C1")
        red = s.scalar(select(Household).where(Household.code == "TH1"))
        assert (red.colour, red.tags) == ("red", ["空巢老人", "大病"])
        assert red.building_id == s.scalar(select(OrgUnit.id).where(OrgUnit.code == "T-G1-B1"))
        zhang = s.scalar(select(Person).where(Person.phone == "+8613910000001"))
        assert (zhang.name, zhang.home_unit_id, zhang.household_id) == ("张三", grid.id, red.id)
        rider = s.scalar(select(Person).where(Person.phone == "+8613910000003"))
        assert (rider.kind, rider.home_unit_id) == ("rider", None)
        roles = s.execute(select(Person.name, StaffRole.role).join(StaffRole, StaffRole.person_id == Person.id)
                          .order_by(StaffRole.id)).all()
        assert [tuple(r) for r in roles] == [("赵网格", "grid_worker"), ("钱备岗", "backup_grid_worker"),
                                             ("孙书记", "community_secretary")]


def test_re_importing_the_same_files_changes_nothing(db: Database, tmp_path: Path):
    load_all(db, tmp_path)
    with db.session() as s:
        before = [s.scalar(select(func.count()).select_from(m)) for m in (OrgUnit, Household, Person, StaffRole)]
    again = load_all(db, tmp_path)
    assert [(r.created, r.updated) for r in again] == [(0, 0)] * 4
    assert [r.unchanged for r in again] == [4, 2, 3, 3]
    with db.session() as s:
        after = [s.scalar(select(func.count()).select_from(m)) for m in (OrgUnit, Household, Person, StaffRole)]
    assert after == before


def test_a_changed_row_is_updated_in_place(db: Database, tmp_path: Path):
    load_all(db, tmp_path)
    result = load(db, "households", write(tmp_path, "h2.csv", HOUSEHOLDS_CSV.replace("TH2,T-G1,花园小区1栋102,绿",
                                                                                     "TH2,T-G1,花园小区1栋102,黄")))
    assert (result.created, result.updated, result.unchanged) == (0, 1, 1)


def test_every_bad_row_is_reported_with_its_line_and_nothing_is_applied(db: Database, tmp_path: Path):
    load(db, "grids", write(tmp_path, "grids.csv", GRIDS_CSV))
    bad = """姓名,手机,户,类型
张三,13910000001,,居民
,13910000002,,居民
李四,12345,,居民
王五,13910000003,NOPE,居民
赵六,13910000001,,居民
孙七,13910000004,,外星人
"""
    with pytest.raises(ImportRejected) as rejected:
        load(db, "people", write(tmp_path, "people.csv", bad))
    errors = [(e.line, e.reason) for e in rejected.value.result.errors]
    assert [line for line, _ in errors] == [3, 4, 5, 6, 7]
    reasons = dict(errors)
    assert "name" in reasons[3] and "手机号无效" in reasons[4] and "户不存在" in reasons[5]
    assert "与第2行重复" in reasons[6] and "未知类型" in reasons[7]
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Person)) == 0


def test_an_xlsx_file_with_chinese_headers_imports_like_csv(db: Database, tmp_path: Path):
    load(db, "grids", write(tmp_path, "grids.csv", GRIDS_CSV))
    book = Workbook()
    sheet = book.active
    for row in [["户号", "网格", "地址", "颜色", "标签"], ["X1", "T-G1", "滨江路3号", "黄", "留守儿童"],
                [None, None, None, None, None], ["X2", "T-G1", "滨江路5号", "green", None]]:
        sheet.append(row)
    path = tmp_path / "households.xlsx"
    book.save(path)
    assert load(db, "households", path).created == 2
    assert load(db, "households", path).unchanged == 2
    with db.session() as s:
        assert s.scalar(select(Household.tags).where(Household.code == "X1")) == ["留守儿童"]


def test_an_xlsx_bad_row_reports_its_spreadsheet_row_number(db: Database, tmp_path: Path):
    load(db, "grids", write(tmp_path, "grids.csv", GRIDS_CSV))
    book = Workbook()
    for row in [["code", "grid", "colour"], ["X1", "T-G1", "green"], ["X2", "T-G9", "purple"]]:
        book.active.append(row)
    path = tmp_path / "bad.xlsx"
    book.save(path)
    with pytest.raises(ImportRejected) as rejected:
        load(db, "households", path)
    assert {e.line for e in rejected.value.result.errors} == {3}
    assert len(rejected.value.result.errors) == 2  # unknown grid and unknown colour, both reported


def test_geojson_gives_grids_their_polygons(db: Database, tmp_path: Path):
    load(db, "grids", write(tmp_path, "grids.csv", GRIDS_CSV))
    square = [[[104.0, 30.0], [104.01, 30.0], [104.01, 30.01], [104.0, 30.01], [104.0, 30.0]]]
    features = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"编码": "T-G1"}, "geometry": {"type": "Polygon", "coordinates": square}},
        {"type": "Feature", "properties": {"code": "T-G2", "name": "测试第2网格", "parent": "T-C1"},
         "geometry": {"type": "Polygon", "coordinates": [[[104.01, 30.0], [104.02, 30.0], [104.02, 30.01],
                                                           [104.01, 30.01], [104.01, 30.0]]]}}]}
    path = write(tmp_path, "grids.geojson", json.dumps(features, ensure_ascii=False))
    result = load(db, "grids", path)
    assert (result.created, result.updated) == (1, 1)
    with db.session() as s:
        assert grid_at(s, 30.005, 104.005).code == "T-G1"
        assert grid_at(s, 30.005, 104.015).name == "测试第2网格"
    assert load(db, "grids", path).unchanged == 2


def test_a_broken_polygon_is_refused(db: Database, tmp_path: Path):
    load(db, "grids", write(tmp_path, "grids.csv", GRIDS_CSV))
    features = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"code": "T-G1"}, "geometry": {"type": "Point", "coordinates": [104, 30]}}]}
    with pytest.raises(ImportRejected) as rejected:
        load(db, "grids", write(tmp_path, "bad.geojson", json.dumps(features)))
    assert rejected.value.result.errors[0].line == 1


def test_imported_people_and_staff_are_reached_by_sms_not_the_simulator(db: Database, tmp_path: Path):
    load_all(db, tmp_path)
    with db.session() as s:
        assert set(s.scalars(select(Person.preferred_channel))) == {"sms"}


# Households' colour and tags: a re-import's change goes into the household's history

def test_a_re_import_that_changes_colour_and_tags_writes_the_households_history(db: Database, tmp_path: Path):
    load_all(db, tmp_path)
    changed = HOUSEHOLDS_CSV.replace("红,空巢老人、大病", "黄,大病，残疾").replace("绿,,", "绿,独居老人,")
    with db.session() as s:
        rows = read_file(write(tmp_path, "h2.csv", changed))
        result = run_import(s, "households", rows, reason="登记表导入（h2.csv）")
    assert (result.updated, result.unchanged) == (2, 0)
    with db.session() as s:
        th1 = s.scalar(select(Household).where(Household.code == "TH1"))
        assert (th1.colour, th1.tags) == ("yellow", ["大病", "残疾"])
        rows = history(s, th1.id)
        assert sorted((r.field, r.old_value, r.new_value) for r in rows) == [
            ("colour", "red", "yellow"), ("tag_added", "", "残疾"), ("tag_removed", "空巢老人", "")]
        assert {(r.via, r.reason, r.changed_by_id) for r in rows} == {("import", "登记表导入（h2.csv）", None)}
    again = load(db, "households", write(tmp_path, "h3.csv", changed))
    assert (again.updated, again.unchanged) == (0, 2)  # the same file again: no change, no history


def test_a_file_without_the_colour_or_tags_column_leaves_them_as_they_are(db: Database, tmp_path: Path):
    load_all(db, tmp_path)
    result = load(db, "households", write(tmp_path, "addresses.csv", "户号,网格,地址\nTH1,T-G1,花园小区1栋101室\n"))
    assert result.updated == 1
    with db.session() as s:
        th1 = s.scalar(select(Household).where(Household.code == "TH1"))
        assert (th1.address, th1.colour, th1.tags) == ("花园小区1栋101室", "red", ["空巢老人", "大病"])
        assert history(s, th1.id) == []


def test_a_tag_outside_the_vocabulary_is_a_bad_row_until_the_community_adds_it(db: Database, tmp_path: Path):
    load(db, "grids", write(tmp_path, "grids.csv", GRIDS_CSV))
    path = write(tmp_path, "h.csv", "户号,网格,标签\nX1,T-G1,种植大户、低保\nX2,T-G1,低保\n")
    with pytest.raises(ImportRejected) as rejected:
        load(db, "households", path)
    assert [(e.line, "种植大户" in e.reason) for e in rejected.value.result.errors] == [(2, True)]
    with db.session() as s:
        community = s.scalar(select(OrgUnit.id).where(OrgUnit.code == "T-C1"))
        s.add(CustomTag(unit_id=community, name="种植大户"))
    assert load(db, "households", path).created == 2
    with db.session() as s:
        assert s.scalar(select(Household.tags).where(Household.code == "X1")) == ["种植大户", "低保"]
