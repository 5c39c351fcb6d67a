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
from bot.core import danger_signs, person_danger, registry, staff_notices, triage
from bot.core.nobody_hurt import without_nobody
from bot.core.notify import notify
from bot.core.places import Located, grid_named_in, locate, match_place
from bot.core.routing_rules import RoutingRules
from bot.core.tickets import CATEGORY_NAMES, OPEN_STATUSES, Report, assign, event
from bot.store.models import OrgUnit, Person, Ticket, TicketEvent

PLACE_WINDOW = timedelta(minutes=15)
# What a place looks like in a message when the gazetteer does not know it: a building, a unit, a
# street, a landmark ("5栋2单元302", "菜市场门口", "河边那个公厕旁边").
_PLACE_WORDS = re.compile(r"\d+\s*(?:栋|幢|单元|号|楼|层|室|组)|[栋幢单元楼路街巷村组区]|门口|旁边|附近|对面|"
                          r"后面|前面|里面|楼下|楼上|广场|市场|学校|医院|公园|桥|河边|路口")
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
                      r"怎么办|咋办|咋个办|咋整|人呢|还没来|没来|来了没|到了没|到哪|能到|来不来|派人|救命|求求|"
                      r"[?？]|[吗嘛么呢啊哦]$")
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


def knows_no_place(text: str) -> bool:
    """Whether an answer to "where?" says the sender does not know."""
    return _KNOWS_NOT.search(text) is not None


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
_BUILDING = re.compile(r"(?:[\u4e00-\u9fff]{2,4}?(?:小区|花园|家园|苑|二期|三期))?"
                       r"(?:\d+|[一二三四五六七八九十]+)\s*(?:栋|幢|号楼)(?:\s*\d+\s*单元)?(?:\s*\d+\s*(?:号|室))?"
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
    """The landmark an emergency message names ("菜市场门口", "7栋楼下", "安居苑门口"), else "" (none, or one
    with no name to it, like a bare 路口)."""
    for pattern in (_BUILDING, _ESTATE):
        found = pattern.search(text)
        if found is not None:
            return _OPENING.sub("", found.group(0)) or found.group(0)
    found = _LANDMARK.search(text)
    if found is None:
        return ""
    place = _LEADING.sub("", found.group(0)) or found.group(0)
    return "" if _VAGUE.match(place) else place


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


def reads_as_place(session: Session, text: str) -> bool:
    """Whether a message reads as an answer to "where?": a place the registry knows, or words of one."""
    text = text.strip()
    return could_be_place(text) and (grid_named_in(session, text) is not None
                                      or _PLACE_WORDS.search(text) is not None)


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
        if ticket.category == "other" and _ON_FIRE.search(detail):
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


# Someone hurt (hit by a car, fallen, bleeding, unconscious): an ambulance first, whatever else the emergency
# is, except a fire (119 brings both). Blind test 3, #53: a person hit by a car was told 110; blind test 4,
# #10 and #46: someone hurt where the police are needed too (a crash, a fight) is told 120 and 110.
_HURT = re.compile(r"受伤|伤到|流血|见血|流.{0,3}血|头.{0,2}打破|头破|出血|"
                   r"撞倒|撞到人|撞了人|被撞|撞了|车祸|昏迷|晕倒|晕过去|不省人事|"
                   f"(?<![{triage.STATE_VERBS}])倒起|"
                   r"倒在地|"
                   r"躺在地|躺起|摔倒|摔了|跌倒|没气|没得气|不动|不醒|抽搐|骨折|"
                   r"血流|一地的?血|满地.{0,2}血|好多血|脑壳.{0,3}(?:打破|打烂|破了|开花)|起不来|爬不起来|"
                   # a head hit with a bottle (拿酒瓶子砸脑壳, blind test 24, B102 was told 110 only)
                   + triage.HEAD_HIT)


# A lift that stopped (电梯停起不动了, blind test 26, A12 was told 120 for "我孙子在里头出不来"): the machine still,
# nobody lying still; no person is named between the lift and 不动.
_STILL_MACHINE = re.compile(r"(?:电梯|轿厢)[^人娃孩孙崽儿女妈爸婆爷公他她，,。！!？?\s]{0,6}?不动|"
                            r"(?:停|卡)(?:起|住|到|在|下)?了?不动")


def without_still_machine(text: str) -> str:
    """The words less a lift standing still (电梯停起不动了 is nobody lying still)."""
    return _STILL_MACHINE.sub(" ", text)


def hurt(text: str) -> bool:
    """Someone hurt; a thing fallen over (电杆倒起了, blind test 23, N58) is nobody hurt, nor is 没伤到人.
    Someone fallen from a building is hurt (有个娃娃从楼上掉下来了, blind test 25 was told 119 only)."""
    if person_danger.fell_from_height(text) or danger_signs.hurt_in_fight(text) \
            or danger_signs.tried_to_end_life(text) or danger_signs.mauled(text):
        return True  # 两个人在打架 有个已经倒了 (blind test 26): someone down in a fight
    found = {m.group(0) for m in _HURT.finditer(without_still_machine(without_nobody(text)))}
    return bool(found) and not (found <= {"倒起"} and person_danger.thing_fell(text))
AMBULANCE = "120"
# Someone in the water: the police, an ambulance and the fire brigade's water rescue (blind test 5, #98).
_DROWNING = re.compile(r"溺水|掉河|掉水里|掉进水|掉进河|掉塘|掉到河|掉到水|落水|淹到人")
WATER_RESCUE = "110、120和119"


def drowning(text: str) -> bool:
    """Someone in the water (落水, 河里有个娃娃掉下去了: blind test 27, B64 was told 110 only)."""
    return _DROWNING.search(text) is not None or danger_signs.in_water(text)
PERSON_DOWN = "120和110"
# A gas smell with someone down: the fire brigade for the gas and an ambulance (blind test 7, #38 was told 120 only).
_GAS = re.compile(r"煤气|燃气|天然气|液化气")
GAS_AND_HURT = "119和120"


# People shut in a lift ("关了两个人在里头 按警铃莫得人应", blind test 8, #51 was told 110 and filed 【治安】): the
# building's (电梯, 房屋水电气), the lift's own rescue number or 119.
_TRAPPED = re.compile(r"(?:关|困)(?:了|到|住|起)?.{0,4}人|(?:关|困)在(?:里头|里面|电梯)|"
                      r"(?:人|我)被?(?:关|困)(?:住|起|到)")
_LIFT = re.compile(r"电梯|警铃|轿厢")
LIFT_RESCUE = "电梯救援电话或119"
# A theft or a beating, for the police when the classifier could not place it (救命啊, then 我屋头进贼了 or 我遭人打了,
# blind test 25, A58 and A45).
_FOR_POLICE = re.compile(r"偷|撬|抢|进贼|有贼|小偷|遭人打|被人打|挨打|打人|打架|打起来")
LIFT_HEAD = "电梯困人："
# People trapped by water, fire or a collapse ("河滨路涨水了 一家人被困在屋头", blind test 22, #14 was told 110 only):
# the fire brigade's rescue, and the police too when there is a crime or a fight in it.
_STUCK = re.compile(r"被困|困在|困到|困住|出不来|逃不出|跑不出")
_BY_WHAT = re.compile(r"水|淹|洪|火|烟|烧|塌|垮|埋|压")
_CRIME = re.compile(r"偷|撬|抢|贼|打架|打人|打起来|遭人打|被人打|挨打|砍|刀|追|群架|群殴|砖头|砖块|棍|钢管")
RESCUE = "119"
POLICE = "110"
_LIVE_WIRE = re.compile(r"电线.{0,4}(?:拖在地|掉在地|掉到地|落地|垂到地|拖到地|断了)|电线?杆.{0,2}倒")
RESCUE_AND_POLICE = "119和110"
_ON_FIRE = re.compile(r"着火|起火|失火|火灾|烧起来|燃起来|爆燃|冒黑烟|浓烟|火好大")


def trapped_by_disaster(text: str) -> bool:
    """People trapped by water, fire or a collapse, not in a lift."""
    return _STUCK.search(text) is not None and _BY_WHAT.search(text) is not None and not lift_trapped(text)


def lift_trapped(text: str) -> bool:
    """People shut in a lift: trapped words with the lift or its alarm bell named, or someone still inside a
    stopped lift ("电梯卡到半中间了 里头还有人", blind test 9, #45)."""
    return (_TRAPPED.search(text) is not None and _LIFT.search(text) is not None) \
        or person_danger.lift_with_people(text)


def category_for(category: str, text: str) -> str:
    """The emergency's category when the classifier could not place it (其他): someone in the water is the
    police's rescue, a theft or a beating the police's, someone possibly down at home elderly care; people shut in a
    lift the building's, whatever the classifier said. A beating, someone about to end their life or someone missing
    is never 消防安全 for a 救命 in it (blind test 27, A77a was told 119); someone in the water may be (its rescue)."""
    if lift_trapped(text) and not hurt(text):
        return "housing_utilities"
    if danger_signs.about_to_end_life(text) and not danger_signs.tried_to_end_life(text):
        return "public_security"  # 说活不下去了 要喝农药: the police's to talk down, whatever the classifier guessed
    if category in ("other", "fire_safety") and not drowning(text) and (
            danger_signs.beating_not_fire(text) or danger_signs.about_to_end_life(text)
            or person_danger.missing_person(text)):
        return "public_security"
    if category in ("other", "fire_safety") and danger_signs.mauled(text):
        return "health"  # 小孩被狗咬了脸 (blind test 27, B71's mauling kept): an ambulance
    if category != "other":
        return category
    if drowning(text) or _FOR_POLICE.search(text) or person_danger.missing_person(text) \
            or _LIVE_WIRE.search(text) or danger_signs.fight(text):
        return "public_security"
    if danger_signs.suspected_gas_leak(text):
        return "fire_safety"  # 屋头有股臭鸡蛋味 怕是天然气漏了 (blind test 26)
    return "elderly_care" if person_danger.may_be_down(text) else category


def number_to_call(rules: RoutingRules, category: str, text: str) -> str:
    """The number (or numbers, "120和110") to call first for an emergency in `category` described as `text`."""
    if drowning(text):
        return WATER_RESCUE
    if danger_signs.about_to_end_life(text):  # 怕是要跳楼, 想不开 (blind test 27, B63): the police; hurt, 120 too
        return PERSON_DOWN if hurt(text) else POLICE
    if danger_signs.mauled(text):
        return AMBULANCE  # mauled by a dog: an ambulance, never the police
    if (person_danger.missing_person(text) or _LIVE_WIRE.search(text)) and not hurt(text):
        return POLICE  # a missing person, a live wire on the road (blind test 23, N14 and N58): never 120
    if lift_trapped(text) and not hurt(text):
        return LIFT_RESCUE
    if danger_signs.fight(text) and category != "fire_safety" and not trapped_by_disaster(text):
        return PERSON_DOWN if hurt(text) else POLICE  # a beating at home is the police's (blind test 26 got 120)
    if _GAS.search(text) and hurt(text):
        return GAS_AND_HURT
    if trapped_by_disaster(text):
        return RESCUE_AND_POLICE if _CRIME.search(text) else RESCUE
    if danger_signs.lying_out(text) and not _CRIME.search(text):
        return PERSON_DOWN  # someone lying out in the cold (blind test 26): an ambulance and the police
    if person_danger.may_be_down(text):  # possibly down behind a locked door: an ambulance, and the police to open it
        return PERSON_DOWN
    if hurt(text) and _CRIME.search(text) and category != "fire_safety":
        return PERSON_DOWN  # hurt in a fight or a robbery: an ambulance and the police, whatever the category said
    usual = rules.emergency_number(category)
    if category == "fire_safety" or not hurt(text) or usual == AMBULANCE:
        return usual
    return f"{AMBULANCE}和{usual}" if usual == "110" else AMBULANCE
