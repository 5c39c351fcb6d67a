"""A registry the size of the seed's resettlement area (易地扶贫搬迁安置区), for the 亮灯图, the worker board
and their benchmark: `bin/bot demo --size seed`.

锦华街道 has 8 communities of 16 grids (128 grids, irregular quadrilaterals that tile the area near
26.10°N 104.80°E), 11,512 households (about 8 % red, 17 % yellow, the rest green) with basic tags and a
point inside their grid, one to four people each, a grid worker and a backup per grid, a secretary per
community and a duty officer; open and closed tickets over the last month (some overdue, a few
emergencies) and the month's visit lists, some done. Deterministic (a fixed random seed, times relative
to `now`). It goes only into a database with no registry: anything else is refused, to mix nothing."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.core.monthly import month_of, month_start, next_month
from bot.core.tickets import ticket_number
from bot.store.db import Database
from bot.store.household_models import Visit, VisitTask
from bot.store.models import Household, OrgUnit, Person, StaffRole, Ticket, TicketEvent

CODE, NAME = "JH", "锦华街道"
COMMUNITIES = ["锦华社区", "安顺社区", "同心社区", "福康社区", "和谐社区", "新民社区", "兴业社区", "乐居社区"]
BASE_LAT, BASE_LON, CELL = 26.100, 104.800, 0.004
RED_TAGS = ("空巢老人", "留守儿童", "大病", "残疾")
YELLOW_TAGS = ("低保", "就业困难", "脱贫监测户", "易返贫户", "慢性病")
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗龙吕罗蒙潘"
GIVEN = ["芳", "伟", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超",
         "秀兰", "霞", "平", "刚", "桂英", "建国", "玉珍", "光荣", "德福", "小燕", "春花"]
TEXTS = [("roads", "楼下路灯坏了好几天了"), ("sanitation", "垃圾桶满了没人清"), ("fire_safety", "楼道里堆满杂物"),
         ("dispute", "邻居装修噪音太大"), ("housing_utilities", "下水道堵了，污水漫到路上"),
         ("roads", "小区门口井盖松动"),
         ("elderly_care", "独居老人几天没出门了"), ("employment", "想找份工作，就业专员能帮忙吗")]
EMERGENCIES = [("fire_safety", "楼道里着火了"), ("health", "有人晕倒了"), ("fire_safety", "闻到好大一股煤气味")]
# Accounts for the workbench (development password: bot/app/demo_staff.DEMO_PASSWORD).
DUTY_OFFICER = "+8618800000001"


def secretary_phone(community_no: int) -> str:
    return f"+86188{1000 + community_no:08d}"


def worker_phone(grid_no: int, backup: bool = False) -> str:
    return f"+86187{grid_no + (10000 if backup else 0):08d}"


@dataclass(frozen=True)
class SeedSize:
    communities: int = 8
    grids_per_community: int = 16
    households: int = 11_512

    @property
    def grids(self) -> int:
        return self.communities * self.grids_per_community


SEED = SeedSize()


class RegistryNotEmpty(Exception):
    """The database already holds a registry: the seed demo goes only into an empty one."""


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN)


class Lattice:
    """Corner points of a cols × rows tiling, the inner ones moved a little so the grids are irregular."""

    def __init__(self, cols: int, rows: int, rng: random.Random) -> None:
        self.points: dict[tuple[int, int], tuple[float, float]] = {}
        for c in range(cols + 1):
            for r in range(rows + 1):
                inner = 0 < c < cols and 0 < r < rows
                dx, dy = (rng.uniform(-0.22, 0.22), rng.uniform(-0.22, 0.22)) if inner else (0.0, 0.0)
                self.points[c, r] = (BASE_LON + (c + dx) * CELL, BASE_LAT + (r + dy) * CELL)

    def quad(self, c: int, r: int) -> list[tuple[float, float]]:
        return [self.points[c, r], self.points[c + 1, r], self.points[c + 1, r + 1], self.points[c, r + 1]]


def _polygon(quad: list[tuple[float, float]]) -> dict:
    ring = [*quad, quad[0]]
    return {"type": "Polygon", "coordinates": [[[round(x, 6), round(y, 6)] for x, y in ring]]}


def _inside(quad: list[tuple[float, float]], u: float, v: float) -> tuple[float, float]:
    """The point at (u, v) ∈ (0, 1)² of a convex quadrilateral (bilinear): always inside it."""
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = quad
    x = (1 - u) * (1 - v) * x0 + u * (1 - v) * x1 + u * v * x2 + (1 - u) * v * x3
    y = (1 - u) * (1 - v) * y0 + u * (1 - v) * y1 + u * v * y2 + (1 - u) * v * y3
    return round(x, 6), round(y, 6)


def _colour_and_tags(rng: random.Random) -> tuple[str, list[str]]:
    roll = rng.random()
    if roll < 0.08:
        return "red", [*rng.sample(RED_TAGS, rng.choice((1, 1, 2))), "新搬迁户"]
    if roll < 0.25:
        return "yellow", [rng.choice(YELLOW_TAGS), "新搬迁户"]
    return "green", ["新搬迁户"] + (["在校学生"] if rng.random() < 0.2 else [])


def _layout(size: SeedSize) -> tuple[int, int, int, int]:
    """(community columns, community rows, grid columns, grid rows within a community)."""
    gcols = math.ceil(math.sqrt(size.grids_per_community))
    grows = math.ceil(size.grids_per_community / gcols)
    ccols = min(size.communities, 4)
    return ccols, math.ceil(size.communities / ccols), gcols, grows


def _registry(s: Session, size: SeedSize, rng: random.Random) -> list[tuple[OrgUnit, list, Person]]:
    """The units and staff; [(grid, its quadrilateral, its grid worker)]."""
    ccols, crows, gcols, grows = _layout(size)
    lattice = Lattice(ccols * gcols, crows * grows, rng)
    street = OrgUnit(code=CODE, kind="subdistrict", name=NAME, aliases=["安置区"])
    s.add(street)
    s.flush()
    officer = Person(name="吴海燕", phone=DUTY_OFFICER, kind="staff")
    s.add(officer)
    s.flush()
    s.add(StaffRole(person_id=officer.id, role="duty_officer", unit_id=street.id))
    grids = []
    for ci in range(size.communities):
        cname = COMMUNITIES[ci % len(COMMUNITIES)] + ("" if ci < len(COMMUNITIES) else str(ci))
        community = OrgUnit(code=f"{CODE}{ci + 1:02d}", kind="community", name=cname, parent_id=street.id, aliases=[])
        secretary = Person(name=_name(rng), phone=secretary_phone(ci + 1), kind="staff")
        s.add_all([community, secretary])
        s.flush()
        s.add(StaffRole(person_id=secretary.id, role="community_secretary", unit_id=community.id))
        for gi in range(size.grids_per_community):
            grid_no = ci * size.grids_per_community + gi + 1
            col = (ci % ccols) * gcols + gi % gcols
            row = (ci // ccols) * grows + gi // gcols
            quad = lattice.quad(col, row)
            grid = OrgUnit(code=f"{CODE}{ci + 1:02d}-G{gi + 1:02d}", kind="grid", name=f"{cname}第{gi + 1}网格",
                           parent_id=community.id, polygon=_polygon(quad), aliases=[f"安置点{grid_no}区"])
            worker = Person(name=_name(rng), phone=worker_phone(grid_no), kind="staff")
            backup = Person(name=_name(rng), phone=worker_phone(grid_no, backup=True), kind="staff")
            s.add_all([grid, worker, backup])
            s.flush()
            s.add_all([StaffRole(person_id=worker.id, role="grid_worker", unit_id=grid.id),
                       StaffRole(person_id=backup.id, role="backup_grid_worker", unit_id=grid.id)])
            grids.append((grid, quad, worker))
    return grids


def _households(s: Session, size: SeedSize, grids: list, rng: random.Random) -> dict[int, list[Household]]:
    per_grid, extra = divmod(size.households, len(grids))
    by_grid: dict[int, list[Household]] = {}
    number = 0
    for i, (grid, quad, _worker) in enumerate(grids):
        rows = []
        for h in range(per_grid + (1 if i < extra else 0)):
            number += 1
            colour, tags = _colour_and_tags(rng)
            lon, lat = _inside(quad, rng.uniform(0.06, 0.94), rng.uniform(0.06, 0.94))
            rows.append(Household(code=f"H{number:05d}", unit_id=grid.id, colour=colour, tags=tags, lat=lat, lon=lon,
                                  address=f"安置点{i + 1}区{h // 12 + 1}栋{h % 12 // 4 + 1}单元{h % 4 + 1}01"))
        s.add_all(rows)
        by_grid[grid.id] = rows
    s.flush()
    resident = 0
    people = []
    for grid, _quad, _worker in grids:
        for household in by_grid[grid.id]:
            for _member in range(rng.choice((1, 2, 2, 3, 3, 4))):
                resident += 1
                people.append(Person(name=_name(rng), phone=f"+86158{resident:08d}", kind="resident",
                                     household_id=household.id, home_unit_id=grid.id))
    s.add_all(people)
    s.flush()
    return by_grid


def _tickets(s: Session, grids: list, now: datetime, rng: random.Random) -> int:
    """Tickets of the last 30 days: most grids calm, some with overdue ones, a few with emergencies."""
    residents = dict(s.execute(select(Person.home_unit_id, func.min(Person.id)).where(Person.kind == "resident")
                               .group_by(Person.home_unit_id)).all())
    phones = dict(s.execute(select(Person.id, Person.phone).where(Person.id.in_(list(residents.values())))).all())
    made: list[Ticket] = []
    emergency_grids = set(rng.sample(range(len(grids)), max(1, len(grids) // 32)))
    for i, (grid, _quad, worker) in enumerate(grids):
        profile = rng.random()
        late = 0 if profile < 0.72 else rng.choice((1, 1, 2)) if profile < 0.93 else rng.choice((3, 4, 5))
        plan = [("closed", False)] * rng.randint(1, 5) + [("acknowledged", False)] * rng.randint(0, 3)
        plan += [("in_progress", True)] * late
        if i in emergency_grids:
            plan.append(("emergency", False))
        for status, overdue in plan:
            reporter = residents.get(grid.id)
            category, text = rng.choice(EMERGENCIES if status == "emergency" else TEXTS)
            age = timedelta(days=rng.uniform(8.5, 20) if overdue else rng.uniform(0.1, 6) if status != "closed"
                            else rng.uniform(7, 30))
            created = now - age
            ticket = Ticket(text=text, category=category,
                            status="acknowledged" if status == "emergency" else status,
                            priority="immediate" if status == "emergency" else "normal",
                            severity="critical" if status == "emergency" else "minor",
                            reporter_id=reporter, reporter_address=phones.get(reporter, DUTY_OFFICER),
                            reporter_channel="sms", unit_id=grid.id, assignee_id=worker.id,
                            assignee_role="grid_worker", created_at=created, ack_due_at=created + timedelta(hours=1),
                            acknowledged_at=created + timedelta(minutes=30),
                            due_at=created + (timedelta(hours=4) if status == "emergency" else timedelta(days=7)),
                            resolved_at=created + timedelta(days=2) if status == "closed" else None,
                            closed_at=created + timedelta(days=3) if status == "closed" else None)
            if status == "emergency":  # reported within the hour: not yet past its 4 hours
                ticket.created_at = created = now - timedelta(minutes=rng.randint(5, 50))
                ticket.ack_due_at, ticket.due_at = created + timedelta(hours=1), created + timedelta(hours=4)
                ticket.acknowledged_at = created + timedelta(minutes=3)
            made.append(ticket)
    s.add_all(made)
    s.flush()
    for ticket in made:
        ticket.number = ticket_number(ticket.id)
        s.add_all([TicketEvent(ticket_id=ticket.id, kind="created", actor_id=ticket.reporter_id, at=ticket.created_at),
                   TicketEvent(ticket_id=ticket.id, kind="assigned", at=ticket.created_at,
                               data={"assignee_id": ticket.assignee_id})])
    return len(made)


def _visits(s: Session, grids: list, by_grid: dict[int, list[Household]], now: datetime,
            rng: random.Random) -> tuple[int, int]:
    """This month's visit lists (red every month, yellow every other, green every third) and the visits done
    so far: most grids near the month's pace, some behind."""
    month = month_of(now)
    due = month_start(next_month(month)) - timedelta(seconds=1)
    pace = max(0.0, (now - month_start(month)) / (due - month_start(month)))
    tasks: list[VisitTask] = []
    visits: list[tuple[VisitTask, Visit]] = []
    for grid, _quad, worker in grids:
        share = min(1.0, max(0.0, pace * rng.choice((1.1, 1.0, 0.95, 0.9, 0.8, 0.5, 0.3))))
        for n, household in enumerate(by_grid[grid.id]):
            due_now = household.colour == "red" or (household.colour == "yellow" and n % 2 == 0) or n % 3 == 0
            if not due_now:
                continue
            task = VisitTask(month=month, household_id=household.id, unit_id=grid.id, worker_id=worker.id,
                             reason=household.colour, due_at=due, created_at=month_start(month))
            if rng.random() < share:
                visits.append((task, Visit(household_id=household.id, worker_id=worker.id, via="sms",
                                           note="已核实 无新情况", visited_at=month_start(month)
                                           + (now - month_start(month)) * rng.random())))
            tasks.append(task)
    s.add_all(visit for _task, visit in visits)
    s.flush()
    for task, visit in visits:
        task.status, task.visit_id = "done", visit.id
    s.add_all(tasks)
    return len(tasks), len(visits)


def load_seed(db: Database, now: datetime, size: SeedSize = SEED, seed: int = 21) -> str:
    """Generate the registry; a one-line summary. RegistryNotEmpty if the database holds any unit."""
    rng = random.Random(seed)
    with db.session() as s:
        units = s.scalar(select(func.count()).select_from(OrgUnit))
        if units:
            present = s.scalar(select(OrgUnit.id).where(OrgUnit.code == CODE)) is not None
            raise RegistryNotEmpty("the seed demo (锦华街道) is already in this database" if present else
                                   f"this database already holds a registry ({units} units): the seed demo goes "
                                   "only into an empty one (set DATABASE_URL to a new database, `bin/bot migrate`, "
                                   "then `bin/bot demo --size seed`)")
        grids = _registry(s, size, rng)
        by_grid = _households(s, size, grids, rng)
        tickets = _tickets(s, grids, now, rng)
        planned, done = _visits(s, grids, by_grid, now, rng)
        people = s.scalar(select(func.count()).select_from(Person).where(Person.kind == "resident"))
    return (f"{NAME}: {size.communities} communities, {len(grids)} grids, {size.households} households, "
            f"{people} residents, {tickets} tickets, {done}/{planned} visits done this month")
