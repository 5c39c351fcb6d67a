"""A deterministic, fictional demo subdistrict for `make run` and the tests.

青山街道 has three communities of four grids each (rectangles near 25.40°N 103.30°E), and the
village 石桥村 with its own grid and twelve villager groups. Every grid has two grid workers;
every community has a secretary, auxiliary police, a mediator, home-care and employment staff.
"""

from __future__ import annotations

from sqlalchemy import select

from bot.core import reply_templates
from bot.store.db import Database
from bot.store.models import Household, OrgUnit, Person, StaffRole

BASE_LAT, BASE_LON, CELL = 25.400, 103.300, 0.005
COMMUNITIES = [
    ("XF", "幸福社区", [["阳光小区"], ["幸福家园"], ["建设路"], ["人民路", "中心小学"]]),
    ("AJ", "安居社区", [["安居苑"], ["安居苑二期"], ["民族路", "卫生院"], ["农贸市场"]]),
    # 河滨公园 and 河滨大桥 are landmarks of 河滨路's grid (blind test 28: reports there were asked where)
    ("HB", "河滨社区", [["河畔花园"], ["河滨路", "文化广场", "河滨公园", "河滨大桥"], ["锦绣小区"], ["新华街"]]),
]
GROUP_NUMERALS = "一二三四五六七八九十"
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = ["芳", "伟", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明",
         "超", "秀兰", "霞", "平", "刚", "桂英", "建国", "玉珍"]
# 常用回复 every community and the village keep (bot/core/reply_templates.py), and the subdistrict's own.
REPLY_TEMPLATES = [
    ("已收到", "您反映的问题已收到，网格员会尽快上门查看，请保持电话畅通。"),
    ("转物业", "已联系物业处理，预计三天内完成，请您耐心等待。"),
    ("已办结", "问题已处理完毕，如仍有问题请随时回复告诉我们。"),
    ("非本网格", "此事不属本网格管辖，已转交相关部门，会有专人联系您。"),
]
SUBDISTRICT_TEMPLATES = [("防诈提醒", "接到自称公检法要求转账的电话，请立即挂断并拨打96110。")]
COMMUNITY_ROLES = ["community_secretary", "branch_secretary", "auxiliary_police", "mediator", "home_care",
                   "employment_assistant"]


def group_name(n: int) -> str:
    numeral = GROUP_NUMERALS[n - 1] if n <= 10 else "十" + GROUP_NUMERALS[n - 11]
    return f"石桥村{numeral}组"


def _name(i: int) -> str:
    return SURNAMES[i % len(SURNAMES)] + GIVEN[(i * 7) % len(GIVEN)]


def _rect(row: int, col: int) -> dict:
    lon0, lat0 = BASE_LON + col * CELL, BASE_LAT + row * CELL
    ring = [[lon0, lat0], [lon0 + CELL, lat0], [lon0 + CELL, lat0 + CELL], [lon0, lat0 + CELL], [lon0, lat0]]
    return {"type": "Polygon", "coordinates": [[[round(x, 6), round(y, 6)] for x, y in ring]]}


def load_demo(db: Database) -> bool:
    """Load the demo data when the registry is empty (not over another registry, such as the seed-size
    demo or an imported one). Returns True when it loaded."""
    with db.session() as s:
        if s.scalar(select(OrgUnit.id).limit(1)) is not None:
            return False
        people = 0

        def person(name: str, phone: str | None, kind: str, **extra: object) -> Person:
            nonlocal people
            people += 1
            p = Person(name=name, phone=phone, kind=kind, **extra)
            s.add(p)
            return p

        def staff(p: Person, role: str, unit: OrgUnit) -> None:
            s.flush()
            s.add(StaffRole(person_id=p.id, role=role, unit_id=unit.id))

        street = OrgUnit(code="QS", kind="subdistrict", name="青山街道", aliases=[])
        s.add(street)
        s.flush()
        staff(person("赵建华", "+8613800000001", "staff"), "duty_officer", street)
        reply_templates.seed(s, street.id, SUBDISTRICT_TEMPLATES)

        grid_no, household_no, resident_no = 0, 0, 0
        for row, (code, cname, grid_aliases) in enumerate(COMMUNITIES):
            community = OrgUnit(code=code, kind="community", name=cname, parent_id=street.id, aliases=[])
            s.add(community)
            s.flush()
            reply_templates.seed(s, community.id, REPLY_TEMPLATES)
            for k, role in enumerate(COMMUNITY_ROLES):
                staff(person(_name(300 + row * 10 + k), f"+86138000{row + 1:02d}{k + 1:03d}", "staff"), role, community)
            for col, aliases in enumerate(grid_aliases):
                grid_no += 1
                grid = OrgUnit(code=f"{code}-G{col + 1}", kind="grid", name=f"{cname}第{col + 1}网格",
                               parent_id=community.id, polygon=_rect(row, col), aliases=aliases)
                s.add(grid)
                s.flush()
                building = OrgUnit(code=f"{code}-G{col + 1}-B1", kind="building", name=f"{aliases[0]}1栋",
                                   parent_id=grid.id, aliases=[])
                s.add(building)
                staff(person(_name(grid_no), f"+86137000000{grid_no:02d}", "staff"), "grid_worker", grid)
                staff(person(_name(100 + grid_no), f"+86137000001{grid_no:02d}", "staff"), "backup_grid_worker", grid)
                staff(person(_name(200 + grid_no), f"+86137000002{grid_no:02d}", "staff"), "building_head", building)
                for h in range(15):
                    household_no += 1
                    colour = "red" if household_no % 10 == 0 else "yellow" if household_no % 4 == 0 else "green"
                    tags = {"red": ["大病"], "yellow": ["空巢老人"]}.get(colour, [])
                    if household_no % 7 == 0:
                        tags = [*tags, "留守儿童"]
                    household = Household(code=f"H{household_no:04d}", unit_id=grid.id, colour=colour, tags=tags,
                                          address=f"{aliases[0]}{h // 5 + 1}栋{h % 5 + 1}01",
                                          building_id=building.id if h < 5 else None)
                    s.add(household)
                    s.flush()
                    for _member in range(2 if h % 3 == 0 else 1):
                        resident_no += 1
                        person(_name(1000 + resident_no), f"+86139{resident_no:08d}", "resident",
                               household_id=household.id, home_unit_id=grid.id)

        village = OrgUnit(code="SQ", kind="village", name="石桥村", parent_id=street.id, aliases=[])
        s.add(village)
        s.flush()
        staff(person("杨正福", "+8613800000401", "staff"), "village_secretary", village)
        reply_templates.seed(s, village.id, REPLY_TEMPLATES)
        for k, role in enumerate(COMMUNITY_ROLES[2:]):
            staff(person(_name(400 + k), f"+86138000040{k + 2}", "staff"), role, village)
        vgrid = OrgUnit(code="SQ-G1", kind="grid", name="石桥村网格", parent_id=village.id, polygon=_rect(3, 0),
                        aliases=["石桥村"])
        s.add(vgrid)
        s.flush()
        staff(person(_name(50), "+8613700000013", "staff"), "grid_worker", vgrid)
        staff(person(_name(150), "+8613700000113", "staff"), "backup_grid_worker", vgrid)
        villager_no = 0
        for g in range(1, 13):
            group = OrgUnit(code=f"SQ-V{g}", kind="villager_group", name=group_name(g), parent_id=village.id,
                            aliases=[group_name(g)[3:]])
            s.add(group)
            s.flush()
            for h in range(2):
                household_no += 1
                household = Household(code=f"H{household_no:04d}", unit_id=vgrid.id, address=f"{group.name}{h + 1}号",
                                      colour="yellow" if h else "green", tags=["空巢老人"] if h else [])
                s.add(household)
                s.flush()
                for _member in range(2):
                    villager_no += 1
                    person(_name(2000 + villager_no), f"+86135{villager_no:08d}", "resident", household_id=household.id,
                           home_unit_id=vgrid.id, villager_group_id=group.id)
        for r in range(1, 6):
            person(f"骑手{_name(500 + r)}", f"+86136{r:08d}", "rider")
        s.flush()
        return True


def identities(db: Database) -> list[dict[str, str]]:
    """A few demo identities for the simulator page, one per kind of user."""
    picks = [
        ("+8613900000001", "居民（幸福社区第1网格）"),
        ("+8613700000001", "网格员（幸福社区第1网格）"),
        ("+8613600000001", "骑手·流动网格员"),
        ("+8613500000001", "村民（石桥村一组）"),
        ("+8613800000001", "街道值班员"),
        ("+8613999999999", "陌生号码（未登记）"),
    ]
    with db.session() as s:
        names = dict(s.execute(select(Person.phone, Person.name).where(Person.phone.in_([p for p, _ in picks]))).all())
    return [{"phone": phone, "role": role, "name": names.get(phone, "")} for phone, role in picks]
