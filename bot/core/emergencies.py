"""An emergency reported without a place: the bot asks where, and the next message that reads as a
place goes onto the same ticket (not a second, ordinary one), and the people alerted hear it.

Which ticket waits for its place is read from the tickets themselves: the sender's emergency
(severity critical) of the last `PLACE_WINDOW` with neither a place nor a point, whose place has
not been given yet."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.common.clock import Clock
from bot.core import registry, staff_notices, triage
from bot.core.emergency_numbers import AMBULANCE, ON_FIRE, category_for, lift_trapped, number_to_call
from bot.core.notify import notify
from bot.core.places import Located, grid_named_in, locate, match_place
from bot.core.routing_rules import RoutingRules
from bot.core.tickets import CATEGORY_NAMES, OPEN_STATUSES, Report, assign, event, home_of
from bot.store.models import OrgUnit, Person, Ticket, TicketEvent

PLACE_WINDOW = timedelta(minutes=15)
# What a place looks like in a message when the gazetteer does not know it: a building, a unit, a
# street, a landmark ("5栋2单元302", "菜市场门口", "河边那个公厕旁边").
_PLACE_WORDS = re.compile(r"\d+\s*(?:栋|幢|单元|号|楼|层|室|组)|[栋幢单元楼路街巷村组区]|门口|旁边|附近|对面|"
                          r"后面|前面|里面|楼下|楼上|广场|市场|学校|医院|公园|桥|河边|路口")
# Going up or down the stairs (上下楼, 上楼下楼, 爬楼) says no place: "黑黢黢的 老年人上下楼怕摔" became a ticket's
# place, and the next report's in its worker's notice (blind test 34, L1, E23).
_CLIMBING = re.compile(r"(?:上下|上|下|爬)楼(?![道梯顶房])")
PHOTO_ON_EMERGENCY = "照片已放进工单{number}。在哪里？请马上回复具体地点，如“菜市场门口”。"
PLACE_THANKS = "收到地点：{place}，已告诉值班人员。请注意安全，等候处置！"
PLACE_CALL = "收到地点：{place}，已告诉值班人员。请马上打{phone}，注意安全！"
# Words that put the emergency at or next to the reporter's home ("楼下电瓶车烧起来了"), or only a
# floor or a room of it ("我在5楼下不来", "302室"): their registered home is the place, nothing to ask.
# A room of a home or its furniture says home too ("老头子从床上摔下来了", blind test 22, #81 was asked where).
_AT_HOME = re.compile(r"楼下|楼上|楼道|家里|我家|屋头|屋里|隔壁|对门|我们楼|我们小区|家门口|在家|"
                      r"床上|床边|床下|床底|卧室|客厅|厨房|卫生间|厕所|洗澡|阳台|"
                      r"\d+\s*(?:楼|层|室|号房)|[一二三四五六七八九十]+(?:楼|层)")


def should_ask_place(located: Located | None, report: Report) -> bool:
    """An emergency whose message names no place and has no point, unless it is at the reporter's
    registered home: the home grid alone is only a guess. People shut in a lift are taken to be in their own
    building's (blind test 8, #51), the reporter told so and asked to say if not."""
    if report.place_text or located is None:  # a location sent, even in no grid, is its place (blind test 22, #50)
        return not report.place_text and report.lat is None
    return located.how == "home" and not _AT_HOME.search(report.text) and not lift_trapped(report.text)


def awaiting_place(session: Session, clock: Clock, address: str) -> Ticket | None:
    """The sender's emergency of the last PLACE_WINDOW still waiting for its place, if any."""
    ticket = session.scalar(select(Ticket).where(
        Ticket.reporter_address == address, Ticket.severity == "critical", Ticket.status.in_(OPEN_STATUSES),
        Ticket.created_at >= clock.now() - PLACE_WINDOW).order_by(Ticket.id.desc()).limit(1))
    if ticket is None or ticket.place_text or ticket.lat is not None:
        return None
    given = session.scalar(select(TicketEvent.id).where(TicketEvent.ticket_id == ticket.id,
                                                        TicketEvent.kind == "place_given").limit(1))
    return None if given is not None else ticket


# A question or a worried word while the place is still asked for (blind test 7, #68: "你们好久能到嘛" got the main
# menu): the reporter is calmed, told to call first, and asked for the place again.
_ANXIOUS = re.compile(r"好久|多久|多长时间|什么时候|啥时候|几时|快点|快些|快来|赶紧|赶快|抓紧|着急|急死|急得很|"
                      r"怎么办|咋办|咋个办|咋整|人呢|还没来|没来|不来|来了没|到了没|到哪|能到|来不来|派人|救命|求求|"
                      r"[?？]|[吗嘛么呢啊哦]$")
# Only a question's mark or particle (居家养老咋个申请嘛, 今天星期几嘛): no worry of its own, calmed only when nothing
# else reads it (blind test 30: "还没打119请马上打" is for the emergency's words alone).
_ONLY_ASKED = re.compile(r"[?？]|[吗嘛么呢啊哦]$")
ANXIOUS_MAX_CHARS = 30  # a longer message has things of its own to say
CALM = "别着急，已通知值班人员处置。还没打{phone}请马上打！请回复具体地点，如“菜市场门口”。"


def anxious(text: str) -> bool:
    """Whether a short message is a question or a worried word ("你们好久能到嘛", "快点来啊") that names no
    problem of its own (a second emergency, another report) and asks for nothing the bot answers apart (a
    grid worker's number, the notice board)."""
    plain = " ".join((text or "").split()).rstrip("。.!！~～ ")
    return 0 < len(plain) <= ANXIOUS_MAX_CHARS and _ANXIOUS.search(plain) is not None \
        and not triage.has_problem(plain) and triage.information_request(plain) in (None, "question")


# A question of its own while "where?" stands ("帮我查一下最近的医院在哪点", blind test 9, #33 got the menu): the
# reporter is told to call first and asked the place again, never left with "这个我帮不上忙".
_ASKS_ASIDE = re.compile(r"在哪|哪里|哪点|哪儿|哪个医院|最近的|怎么走|咋个走|咋走")
CALM_HOSPITAL = "急救车会送最近的医院，还没打{phone}请马上打！请回复具体地点，如“菜市场门口”。"


def asks_aside(text: str) -> bool:
    """Whether a short message asks something of its own (where a hospital is) and names no problem."""
    plain = " ".join((text or "").split())
    return 0 < len(plain) <= ANXIOUS_MAX_CHARS and _ASKS_ASIDE.search(plain) is not None \
        and not triage.has_problem(plain)


def worried(text: str) -> bool:
    """Whether an anxious message says a worry of its own (好久, 快点, 人呢), not only a question's mark or particle."""
    plain = " ".join((text or "").split()).rstrip("。.!！~～ ")
    return _ANXIOUS.search(_ONLY_ASKED.sub("", plain)) is not None


def calm_reply(session: Session, clock: Clock, rules: RoutingRules | None, address: str,
               text: str = "") -> str | None:
    """The calm answer to an anxious message or a question aside while the sender's emergency waits for its
    place, else None."""
    ticket = awaiting_place(session, clock, address)
    if ticket is None:
        return None
    phone = number_to_call(rules, ticket.category, ticket.text) if rules is not None else "急救电话"
    if "医院" in text and AMBULANCE in phone:
        return CALM_HOSPITAL.format(phone=phone)
    return CALM.format(phone=phone)


PLACE_MAX_CHARS = 60  # a longer message is not an answer to "where?"


def could_be_place(text: str) -> bool:
    """A cheap first look, before any query: short enough to be an answer to "where?"."""
    return 0 < len(text.strip()) <= PLACE_MAX_CHARS


# What an answer to "where?" never is: a question or a request of its own ("帮我查一下阳光小区1栋101那家的电话
# 我要找她", blind test 5, #89), however many place words it holds.
_NOT_A_PLACE = re.compile(r"帮我|帮忙|查一下|查下|查查|电话|号码|多少|吗|[？?]|咋个|咋样|怎么|能不能|可不可以|请问|"
                          r"想问|我要找|找她|找他|找一下|告诉我|是哪个|是谁|取消|不报了|谢谢")
PLACE_ANSWER_MAX_CHARS = 30  # a longer message has things of its own to say
# A sentence past a place's length with a verb of its own ("…住的老汉说他明天要去医院") says something else.
_VERB = re.compile(r"说|要|想|去|看|打|给|找|问|买|借|办")
PLAIN_PLACE_CHARS = 15
# The way to a place is no verb of its own ("就是去高速路口那条路上 加油站过去点", "去石桥村那条路上 桥头过来一点点":
# blind test 9, #28 and #55 lost the place).
_GOING = re.compile(r"(?:^|(?<=[\s，,]))(?:就是|就|是)?去|过去|过来")


# "不晓得哦", "真的不晓得 刚搬来": the reporter cannot say where; after the last try the report goes without a place
# (待分派), never with these words as its place (they would push the problem out of the worker's notice).
_KNOWS_NOT = re.compile(r"(?:不晓得|不知道|不清楚|说不清|搞不清|不认得)")


# "我也不晓得几栋 我在外面路过听到喊" (blind test 30, A32b was sent to the duty officer as the place): no place, the
# estate or a landmark asked for, the emergency still waiting for it.
PLACE_UNKNOWN_ASKED = "不晓得几栋没关系，是哪个小区？附近有啥子店、路口也行，或者发个位置给我。"


def knows_no_place(text: str) -> bool:
    """Whether an answer to "where?" says the sender does not know."""
    return _KNOWS_NOT.search(text) is not None


def names_no_place(session: Session, text: str) -> bool:
    """Whether an answer to "where?" says the sender does not know where (我也不晓得几栋 我在外面路过听到喊) and names
    no estate, grid or landmark either: no place to pass on, the estate or a landmark still to ask for."""
    return knows_no_place(text) and not match_place(session, text).grids and not landmark_in(text)


def answers_where(text: str) -> bool:
    """Whether a message may be the answer to "where?": short, and neither a question nor a request."""
    text = " ".join(text.split())
    if not 0 < len(text) <= PLACE_ANSWER_MAX_CHARS or _NOT_A_PLACE.search(text) is not None:
        return False
    return len(text) <= PLAIN_PLACE_CHARS or _VERB.search(_GOING.sub(" ", text)) is None


# A landmark named in an emergency's own message ("菜市场门口有个老人晕倒了", blind test 5, #35): the place to
# pass on even when the gazetteer cannot map it to a grid.
# A bridge by its name (河滨大桥栏杆外面, blind test 27, C2 was asked where): a place; a bare 桥头 or 桥下 is not.
_LANDMARK = re.compile(r"(?:(?![个的了在是有那这坐站躺蹲])[\u4e00-\u9fff]){0,4}?"
                       r"(?:菜市场|市场|广场|学校|小学|中学|幼儿园|医院|卫生院|诊所|公园|超市|"
                       r"车站|公交站|加油站|路口|大桥|桥头|桥下|河边|河堤|江边|公厕|停车场|商场|银行|药店|村委会|居委会)"
                       r"(?:门口|旁边|附近|对面|后面|前面|里面|边上|那里|那儿|栏杆外面|栏杆外|栏杆上|上面|下面|底下)?")
_LEADING = re.compile(r"^(?:快来人啊?|救命啊?|我们|我就?在|就在|在|有?人在|这边|那边)")


# A building of the estate named in the message ("7栋楼下有个老年人晕倒了", blind test 6, #15): the place, so the
# reporter is never told the bot went by their registered home. A floor or a room alone ("5楼", "302室") is none.
# 7动 is 7栋 mistyped (河畔花园7动电体不动了, blind test 31, B26b was filed at 河畔花园), never 动不动 or 动手.
_BUILDING_SLIP = re.compile(r"(\d+|[一二三四五六七八九十]+)\s*动(?![不了起作手物员态静画漫车])")
_BUILDING = re.compile(r"(?:[\u4e00-\u9fff]{2,4}?(?:小区|花园|家园|苑|二期|三期))?"
                       r"(?:\d+|[一二三四五六七八九十]+)\s*(?:栋|幢|号楼|动(?![不了起作手物员态静画漫车]))"
                       r"(?:\s*\d+\s*单元)?(?:\s*\d+\s*(?:号|室))?"
                       r"(?:楼下|楼上|楼道|门口|旁边|后面|前面|对面|电梯口|下面|外面)?")
# A named estate's gate or a road by it ("安居苑门口那条路都淹了", blind test 6, #13).
_ESTATE = re.compile(r"(?:(?![个的了在是有那这])[\u4e00-\u9fff]){2,4}?(?:小区|花园|家园|苑|二期|三期)"
                     r"(?:门口|大门|旁边|对面|后面|外面|里面|那条路)")
# A landmark with no name to it ("路口两个人打起来了", blind test 6, #64): which crossing? Still asked where.
_VAGUE = re.compile(r"^(?:那个|这个|那边|这边|有个|一个|前面|后面)?"
                    r"(?:路口|大桥|桥头|桥下|河边|河堤|江边|路边|街上|马路上)"
                    r"(?:门口|旁边|附近|对面|后面|前面|里面|边上|那里|那儿)?$")
_OPENING = re.compile(r"^(?:快来人啊?|救命啊?|我们|我就?在|就在|在|有人在|这边|那边|那个|这个)+")


def landmark_in(text: str) -> str:
    """The landmark an emergency message names ("菜市场门口", "7栋楼下", "安居苑门口"), else "" (none, or only ones
    with no name to them, like a bare 路口 or 河边)."""
    for pattern in (_BUILDING, _ESTATE):
        found = pattern.search(text)
        if found is not None:
            return _BUILDING_SLIP.sub(r"\1栋", _OPENING.sub("", found.group(0)) or found.group(0))
    for found in _LANDMARK.finditer(text):  # 河边有人落水了 河滨大桥下面: the bridge, past a bare 河边 (blind test 28)
        place = _LEADING.sub("", found.group(0)) or found.group(0)
        if not _VAGUE.match(place):
            return place
    return ""


# The words around a place said in a sentence ("我在安居苑5栋这边", "是5栋门口嘛"), never part of it (blind test 7,
# #8: the worker was sent "我在安居苑5栋这边" as the place). Only the edges are taken off: the middle is the place's.
_SAYING = re.compile(r"^(?:哦|噢|嗯|诶)?(?:应该|其实|我说的)?"
                     r"(?:是在|就是|是|我们?(?:家|屋头)?就?(?:是|住|在)|就在|在|这边|那边|就|去)+")
_TRAILING = re.compile(r"(?:这儿|那儿|这边|那边|这里|那里|这点|那点|嘛|哈|哦|噢|的|呢|啊|呀|[。.！!~～])+$")


def without_saying(text: str) -> str:
    """A place's words without those leading to it: "就是去高速路口那条路上" → "高速路口那条路上"."""
    return _SAYING.sub("", text)


def spoken_place(text: str) -> str:
    """The place a short message says, without the words around it: "我在安居苑5栋这边" → "安居苑5栋",
    "是5栋门口" → "5栋门口"; the message itself (one space between words) when nothing is left."""
    said = " ".join(text.split())
    place = _TRAILING.sub("", _SAYING.sub("", said)).strip()
    return place if len(place) >= 2 else said


HOME_ASSUMED = "按您登记的住址（{home}）通知的，如不在家请马上回复地点。"
# Said back to HOME_ASSUMED: it is at home (我在家的 就是我们那栋, blind test 28, B-R7 overwrote the registered
# address in the alert with "家的 就是我们那栋"). A building number or a landmark is a place of its own.
# The building one lives in, naming no estate nor number (就是我住那栋嘛, 我住的那栋, 我们住那里: blind test 30, A32a
# was told "收到地点：那栋") says no more than "at home".
_HOME_SAID = re.compile(r"在家|家里|屋头|屋里|我家|我们家|自己家|家门口|就是家|登记的|"
                        r"我们(?:那|这)?(?:个)?(?:栋|幢|楼|单元|小区)|"
                        r"(?:我|我们|我家|我们家)(?:就)?住(?:的|在)?(?:那|这)(?:个)?(?:栋|幢|楼|单元|小区|里|儿|边|点|块)?")
# What may stand around the words of home (我在…的 就是…嘛). More than a word or two left, or any word of a fault
# (屋头燃气表不走字了, blind test 30, B122 became the place of a 电线冒火花 emergency), says something of its own.
_HOME_FILLER = re.compile(r"[\s，,。.!！~～]|我们|我|就是|就|是|在|的|那|这|个|嘛|哦|噢|啊|呀|呢|哈|噻|了|里|儿|边|住")
_FAULT = re.compile(r"不|没|莫|坏|漏|烂|停|断|堵|冒|响|臭|吵")
HOME_LEFT_MAX_CHARS = 2
HOME_SAID_MAX_CHARS = 20
# "At home" from someone whose home we do not know, or not where the emergency was sent (blind test 29, A32: a
# stranger's 我在屋头的 就是我们那栋 became the alert's place): asked for the estate and building, still waiting.
HOME_ASKED = "您家是哪个小区几栋？比如“安居苑10栋”，我马上告诉值班人员。"


def says_at_home(text: str) -> bool:
    """Whether a short answer to "where?" says only that it is at home (我在家的 就是我们那栋, 就在屋头)."""
    plain = " ".join((text or "").split())
    left = _HOME_FILLER.sub("", _HOME_SAID.sub("", plain))
    return 0 < len(plain) <= HOME_SAID_MAX_CHARS and _HOME_SAID.search(plain) is not None \
        and not any(c.isdigit() for c in plain) and not landmark_in(plain) \
        and len(left) <= HOME_LEFT_MAX_CHARS and _FAULT.search(left) is None


def kept_at_home(session: Session, clock: Clock, ticket: Ticket, rules: RoutingRules | None = None) -> str | None:
    """The registered home kept as the place of an emergency sent there when its reporter says it is at home: the
    household's address (or the home grid's name) given as the place, those alerted told; None when the emergency
    was not sent to the reporter's registered home."""
    reporter = registry.person_by_address(session, ticket.reporter_address)
    if reporter is None or reporter.home_unit_id is None or ticket.unit_id != reporter.home_unit_id:
        return None
    home = home_of(ticket, ticket.unit) or (ticket.unit.name if ticket.unit is not None else "")
    return give_place(session, clock, ticket, home, rules=rules) if home else None


def reads_as_place(session: Session, text: str) -> bool:
    """Whether a message reads as an answer to "where?": a place the registry knows, or words of one."""
    text = text.strip()
    return could_be_place(text) and (grid_named_in(session, text) is not None
                                      or _PLACE_WORDS.search(_CLIMBING.sub(" ", text)) is not None)


def give_place(session: Session, clock: Clock, ticket: Ticket, place: str, lat: float | None = None,
               lon: float | None = None, rules: RoutingRules | None = None, detail: str = "") -> str:
    """Put the place on the emergency, tell everyone it alerted (and its assignee), and return the
    reply to the reporter. A place in a grid or community the emergency was not yet placed in brings in its
    community secretary and its grid worker (blind test 5, #36): with `rules`, an emergency nobody holds yet
    is assigned to the one grid named; a community of several grids has each of them told. `detail`: what the
    reporter said with the place ("安居苑5栋2单元 三楼冒烟", blind test 8, #16), added to the ticket and told along.
    A location alone (no `place`) is told as its grid and point, never as "共享的位置" (blind test 8, #55)."""
    now = clock.now()
    point = f"定位{lat:.4f},{lon:.4f}" if lat is not None and lon is not None else ""
    place = spoken_place(place) if place else ""  # "在河畔花园7栋2单元201" is at 河畔花园7栋… (blind test 27, A84)
    ticket.place_text = place[:256]
    if lat is not None and lon is not None:
        ticket.lat, ticket.lon = lat, lon
    reporter = registry.person_by_address(session, ticket.reporter_address)
    located = locate(session, reporter=None, text=place, lat=lat, lon=lon)
    moved = located is not None and located.unit.id != ticket.unit_id
    named = [] if located is not None or ticket.unit_id is not None else match_place(session, place).grids
    event(session, ticket, "place_given", now, reporter, place=place[:256] or point,
          unit_id=located.unit.id if located else None)
    problem = ticket.text  # what happened, for those the place brings in
    # The words along may call for another number (救命啊, then 我遭人打了 脑壳在流血: 120 too, blind test 25, A45).
    called = number_to_call(rules, ticket.category, ticket.text) if rules is not None and detail else ""
    if detail:
        ticket.text = f"{ticket.text}；补充：{detail}"
        event(session, ticket, "detail_added", now, reporter, note=detail[:500])
        # 救命啊 then 有个人把我手机抢了跑了: the words along say what kind it is (blind test 24, A14)
        if ticket.category == "other":
            ticket.category = category_for(ticket.category, ticket.text)
        if ticket.category == "other" and ON_FIRE.search(detail):
            ticket.category = "fire_safety"  # 救命, then 我屋头着火了 (blind test 26 was told 110 only, never 119)
    grid = located.unit.name if located is not None and (moved or not place) else ""
    said = place or point or "共享的位置"
    text = staff_notices.emergency_place(
        ticket.number or "", CATEGORY_NAMES[ticket.category],
        said + (f"（{grid}）" if grid else ""), ticket.reporter_address, detail)
    told: set[int] = set()
    alerted = session.scalars(select(TicketEvent).where(TicketEvent.ticket_id == ticket.id,
                                                        TicketEvent.kind == "emergency_alert")).all()
    ids = {int(i) for e in alerted for i in (e.data or {}).get("notified", [])}
    for person_id in sorted(ids | ({ticket.assignee_id} if ticket.assignee_id else set())):
        person = session.get(Person, person_id)
        if person is not None and person.id not in told:
            told.add(person.id)
            notify(session, person, text, ticket_id=ticket.id)
    if moved and located is not None and ticket.assignee_id is None and rules is not None:
        holder = assign(session, clock, rules, ticket, located.unit)  # the new-ticket notice, with the number
        told |= {holder.id} if holder is not None else set()
    # Those the place brings in never had the first alert: they hear what happened with the place, the words said
    # with it first (blind test 9, #3 and #57 got only "紧急工单T1003【治安】地点：…").
    first = staff_notices.emergency_place(
        ticket.number or "", CATEGORY_NAMES[ticket.category], said + (f"（{grid}）" if grid else ""),
        ticket.reporter_address, "；".join(words for words in (detail, problem) if words))
    newly = _local_staff(session, [located.unit] if moved and located is not None else named)
    for person in newly:
        if person.id not in told:
            told.add(person.id)
            notify(session, person, first, ticket_id=ticket.id)
    if told - ids:  # those brought in by the place hear what follows too (a detail, a withdrawal: blind test 8, #55)
        event(session, ticket, "emergency_alert", now, notified=sorted(told - ids))
    shown = (place or (f"{grid}（{point}）" if grid else point) or "共享的位置")[:30]
    now_call = number_to_call(rules, ticket.category, ticket.text) if called and rules is not None else ""
    if now_call != called:
        return PLACE_CALL.format(place=shown, phone=now_call)
    return PLACE_THANKS.format(place=shown)


def _local_staff(session: Session, grids: list[OrgUnit]) -> list[Person]:
    """The community secretary above the grids and each grid's worker, when the grids share one community or
    village (a place naming only a town-wide word brings in nobody)."""
    parents = {grid.parent_id for grid in grids}
    if not grids or len(parents) != 1:
        return []
    found = registry.staff_nearest(session, grids[0], ["community_secretary", "village_secretary"])
    people = list(found[1][:1]) if found else []
    for grid in grids:
        people += registry.staff_for(session, grid.id, "grid_worker")[:1]
    return people
