"""What a reporter says soon after their own emergency, read against it before the classifier's guess (blind
test 8, issue 17):

- the answer to "where?" with words of its own ("安居苑5栋2单元 三楼冒烟", "河畔花园2栋 楼梯间那点 好像是哪个在
  烧东西"): the place goes onto that emergency and the words along (`place_with_detail`), never a second ticket;
- more of the same emergency ("有个已经在流血了" after a fight): a detail everyone alerted hears, with the advice
  to call 120 when someone is hurt (`joins`, `join`), never a second emergency asking where again;
- a question of what to do ("是不是要打120哦 我不敢动她"): calm advice for its kind (`advice`); a worried word
  once the place is known ("你们好久能到嘛", `emergencies.anxious`; EmergencyPlace calms it while "where?" stands);
- a false alarm ("哦 搞错了 是他们在熏腊肉 不好意思"): the emergency withdrawn (`false_alarm`); whoever its alert
  reached hears that it was withdrawn (`tell_withdrawn`, also for 算了 不报了 and 撤销 T1047)."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.common.clock import Clock
from bot.common.plain_text import plain as _plain
from bot.core import danger_signs, emergency_questions, person_danger, registry, safety_questions, triage
from bot.core.cancelling import cancel
from bot.core.corrections import corrected_place
from bot.core.emergencies import (
    PLACE_MAX_CHARS,
    anxious,
    awaiting_place,
    landmark_in,
)
from bot.core.emergency_numbers import lift_trapped, number_to_call, without_still_machine
from bot.core.emergency_updates import (
    add_update,
    asks_going_back,
    false_alarm,
    recent_emergency,
    says_over,
    told_of,
    update_notice,
)
from bot.core.notify import notify
from bot.core.other_problem import own_report
from bot.core.places import match_place
from bot.core.problem_match import objects_in
from bot.core.routing_rules import RoutingRules
from bot.core.tickets import event
from bot.store.models import Ticket, TicketEvent

# A request of its own, whatever place it names ("帮我查一下阳光小区1栋101那家的电话"): never a place answer.
_REQUEST = re.compile(r"帮我|帮忙|查一下|查下|电话|号码|我要找|找一下|告诉我|取消|不报了|撤销|[？?]")
# A birth under way, and more of it (羊水破了, 见红了, 肚子越来越痛: blind test 31, B66 opened a second emergency).
_LABOUR = re.compile(r"要生|快生|在生|生了|羊水|破水|见红|宫缩|阵痛|肚子.{0,4}(?:痛|疼)|孕|怀起|怀了|娃娃.{0,3}头")
# The kinds of an emergency, by their words: more words of the same kind are the same emergency.
_KINDS = (re.compile(r"火|烟|烧|焦|呛|糊"), re.compile(r"煤气|燃气|天然气|液化气|气味|味道|漏气|头昏|头晕"),
          re.compile(r"晕|昏|倒|摔|跌|血|伤|醒|不动|没气|没得气|喊不应|叫不应"),
          re.compile(r"打|刀|砍|捅|抢|偷|撬|跑|血|伤"), re.compile(r"水|淹|灌"), re.compile(r"电梯|困|关|警铃"),
          _LABOUR)
_EDGES = re.compile(r"^[\s，,。.、]+|[\s，,。.、]+$")
_FILLER = re.compile(r"^(?:那点|这点|那里|这里|那边|这边|那儿|这儿)+")


def same_kind(text: str, emergency: str) -> bool:
    """Whether `text` speaks of the emergency's own kind (smoke after a fire, blood after a fight)."""
    return any(kind.search(text) and kind.search(emergency) for kind in _KINDS)


def _another_emergency(text: str, ticket: Ticket) -> bool:
    """Words of a problem not of this emergency's kind (楼上水管爆了 after a gas report): its own report. An
    emergency that said no kind (救命啊) has none to differ from: what follows is what happened (blind test 24, A14)."""
    if other_thing(text, ticket):
        return True
    return (triage.has_problem(text) or bool(objects_in(text))) and not same_kind(text, ticket.text) \
        and any(kind.search(ticket.text) for kind in _KINDS)


def other_thing(text: str, ticket: Ticket) -> bool:
    """Whether `text` tells of trouble with a thing the emergency never named ("有辆车在冒烟" after "楼道里的电线在冒
    火花", blind test 26, B91: smoke and sparks are one kind, a car and wires two things): its own report."""
    said, had = objects_in(text), objects_in(ticket.text)
    return bool(said) and bool(had) and not said & had and (triage.has_problem(text) or triage.has_danger(text))


# A gate or a side of an estate the gazetteer names ("阳光小区东门").
_ESTATE_SIDE = r"(?:[东西南北后侧正]门|门口|大门|旁边|对面|后面|外面|里面|楼下)?"


# The words that lead to a place in a sentence and trail it ("在菜市场门口", "住阳光小区的"): the place's, never what
# was said along (blind test 25, A45: the duty officer read "我遭人打了 在 脑壳在流血").
_LEAD = r"(?:我们?|他们?|她们?)?(?:就|也|都|还)?(?:是在|住在|住|在|是)?"
_TRAIL = r"(?:这边|那边|这里|那里|这点|那点|这儿|那儿|的|嘛|哈|哦|噻|撒)*"
# More of the place said after it ("三楼", "302", "2单元 楼梯口", "东门那边"): the place's own words, nothing said
# along.
_PLACE_PART = re.compile(r"^(?:(?:\d+|[一二三四五六七八九十]+)\s*(?:楼|层|单元|号|室|栋|幢|组)?|[\u4e00-\u9fff]{0,6}?"
                         r"(?:门口|旁边|附近|对面|后面|前面|楼下|楼上|楼道|楼梯口|楼梯间|电梯口|路口|大门|[东西南北后侧]门|"
                         r"边上|那边|这边|那点|这点|那里|这里|里面|里头|外面))+$")
_SAYS_MORE = re.compile(r"了|有|人|说|要|着|过|他|她")
# Who is meant, how they are, or words to us ("我屋头的老头子 在河畔花园7栋2楼", "她记性不好 住河畔花园的", "哈哈哈
# 你们都是憨包 阳光小区", blind test 26, A84, A1 and B49 were taken whole as the place): never the place's own words.
_WHO = re.compile(r"老头|老太|老伴|老汉|老公|老婆|婆婆|爷爷|奶奶|外婆|外公|娃|孩子|儿子|女儿|孙|妈|爸|你|哈哈|憨|傻|"
                  r"记性|脑子|腿脚|耳朵|眼睛|不好|不方便|不清楚")


def more_of_the_place(words: str) -> bool:
    """Whether the words beside a place are only more of it ("三楼", "2单元 楼梯口"), not what happened."""
    clauses = [re.sub(f"^{_LEAD}", "", c) for c in re.split(r"[\s，,。]+", words) if c]
    return bool(clauses) and all(len(c) <= 8 and _PLACE_PART.match(c) is not None and _SAYS_MORE.search(c) is None
                                 for c in clauses)


def says_more(words: str) -> bool:
    """Whether the words beside a place say something of their own ("他有老年痴呆", "我屋头进贼了 人还在里头"), not
    more of the place ("三楼", "302", "河滨社区")."""
    said = re.sub(f"^{_LEAD}", "", words)  # 在新华街跟河 of a crossing cut short: no more said
    return bool(said) and not more_of_the_place(said) and (
        _SAYS_MORE.search(said) is not None or _ABOUT_THEM.search(said) is not None or _WHO.search(said) is not None)


def named_place(session: Session | None, text: str) -> str:
    """The place a sentence names: a landmark or a building ("菜市场门口", "阳光小区6栋"), with a `session` the
    gazetteer's name before it ("河滨社区3栋"), or a place only the gazetteer knows ("他有老年痴呆 住阳光小区的" →
    "阳光小区", blind test 25, A3 took it all); "" for none."""
    plain = " ".join(text.split())
    place = landmark_in(plain)
    name = match_place(session, plain).name if session is not None else ""
    if not name or name in place:
        return place
    found = re.search(re.escape(name) + (r"\s*" + re.escape(place) if place else _ESTATE_SIDE), plain)
    return found.group(0) if found is not None else place


def place_with_detail(text: str, ticket: Ticket, session: Session | None = None) -> tuple[str, str] | None:
    """(the place, the words said along, "" for none) of a message answering "where?" that names a place (the
    gazetteer's too, with a `session`), else None: the place alone is the place, the rest goes onto the emergency
    ("我屋头进贼了 人还在里头 阳光小区6栋", blind test 25, A58 was filed with it all as the place)."""
    plain = " ".join(text.split())
    if not 0 < len(plain) <= PLACE_MAX_CHARS or _REQUEST.search(plain):
        return None
    place = named_place(session, plain)
    if not place:
        return None
    rest = re.sub(_LEAD + re.escape(place) + _TRAIL, " ", plain, count=1)
    rest = _FILLER.sub("", _EDGES.sub("", " ".join(rest.split()))).strip()
    rest = _EDGES.sub("", rest)
    if rest and _another_emergency(rest, ticket):
        return None
    return place, rest


# Someone hurt: an ambulance first (120), whatever else the emergency is.
_HURT = re.compile(r"流血|流.{0,3}血|头.{0,2}打破|头破|血流|一地的?血|好多血|脑壳.{0,3}(?:打破|破了)|"
                   r"出血|受伤|伤到|晕倒|晕过去|昏迷|不省人事|倒在地|躺在地|不动了|没得气|没气|骨折|抽搐|"
                   r"喊不醒|叫不醒|喊不应|叫不应|砍到|捅到|烫到|烧到人")
# It is getting worse, or more of it: 越来越大, 还在烧, 又冒烟了.
_WORSE = re.compile(r"越来越|更大|变大|还在|又[冒烧着打]|蔓延|烧过来|冲过来|跑了|逃了|追")
JOIN_MAX_CHARS = 40
# Who is in it, how old, what illness ("他80多岁了 有高血压" right after "老头子从床上摔下来了", blind test 22,
# #81 opened a new ticket): a detail of the emergency, for everyone alerted.
_ABOUT_THEM = re.compile(r"\d+\s*多?岁|[一二三四五六七八九十]+多?岁|岁数|高血压|血压|心脏|糖尿病|脑梗|中风|"
                         r"有病|病史|吃药|在吃.{0,4}药|平时|以前也|之前也|一个人在家|"
                         # How a missing person looks (他穿的蓝色棉袄, blind test 23, N14 was taken as the place).
                         r"穿的?|穿起|穿了|戴的?|戴起|个子|头发|拄.{0,2}拐|老年痴呆|糊涂")
JOINED = "收到，已转告值班人员和处置人员。请注意安全！"
JOINED_HURT = "收到，已转告值班人员。有人受伤请马上打120！别挪动伤者，守在旁边。"
JOINED_LABOUR = "收到，已转告值班人员。让她躺下别走动，垫上干净毛巾，等120来；还没打120请马上打！"


# How someone looks (他穿的蓝色棉袄): a description for those looking, never where the emergency is.
_LOOKS = re.compile(r"穿的?|穿起|穿了|戴的?|戴起|个子|头发|拄.{0,2}拐")


# Someone shut inside, said after a stopped lift ("电梯不动了", then "我老伴关在里头", blind test 25, A23 opened a
# second emergency): more of the lift's.
_SHUT_IN = re.compile(r"(?:关|困|卡)(?:在|到|起|住)了?(?:里头|里面|里边|电梯)|(?:里头|里面|里边)(?:还|都)?有人")


def shut_in_lift(text: str, ticket: Ticket) -> bool:
    """Whether `text` says someone is inside the lift the emergency `ticket` is about."""
    return "电梯" in ticket.text and _SHUT_IN.search(text) is not None and lift_trapped(f"{ticket.text} {text}")


def shut_in_unplaced(session: Session, text: str, ticket: Ticket) -> bool:
    """Someone shut in the emergency's lift, said with no place (我儿子关在里面 after 电梯不动了, blind test 28, A12 was
    taken as the place): more of the emergency, its place still asked; never the place, whatever 里面 looks like."""
    return shut_in_lift(text, ticket) and not named_place(session, text)


def never_a_place(text: str) -> bool:
    """Whether a message, even one naming a place, is no answer to "where?": news that it is over or thanks with it
    (医院说没得大问题 谢谢你们哈, blind test 23, N47), or how a missing person looks (他穿的蓝色棉袄, N14)."""
    return says_over(text) or _LOOKS.search(text or "") is not None


# The one the emergency is about, named again (那个老人, 他, 那个人): still there, still at it.
_ONE = r"老人|老人家|老年人|老头|老汉|老太|老太婆|婆婆|爷爷|奶奶|大爷|大妈|娃|孩子|小孩|人|男的|女的"
# 婆婆还在那点坐起的 (blind test 33's B172 kind, was small talk about the cold): the one named first, still there
_SAME_ONE = re.compile(rf"(?:那个|这个|那|这)(?:{_ONE})|^(?:他|她)|^(?:{_ONE})(?=还|都|又|一直)")
_ONE_NAMED = re.compile(_ONE)


def joins(text: str, ticket: Ticket) -> bool:
    """Whether a short message right after the sender's emergency is more of it: someone hurt in it, or more of
    its own kind (流血 after a fight, 越来越大 after a fire), no place of its own and no other kind of danger."""
    plain = " ".join(text.split())
    if not 0 < len(plain) <= JOIN_MAX_CHARS or _REQUEST.search(plain):
        return False
    named = landmark_in(plain)
    if named and ticket.place_text and named not in ticket.place_text:
        return False  # somewhere else: another emergency
    if street_elsewhere(plain, ticket):
        return False  # 新华街口有个人晕倒了 after 安居苑门口 (blind test 30, B114): its own emergency and alert
    if shut_in_lift(plain, ticket):  # 我老伴关在里头 after 电梯不动了: the same emergency
        return True
    if ticket.lat is not None and own_report(ticket.text, ticket.place_text, plain):
        return False  # 送外卖被狗咬了 腿上出血了 阳光小区3栋 after an old man's collapse, located: its own (bt 24)
    if _HURT.search(without_still_machine(plain)):
        return True
    if _ABOUT_THEM.search(plain) and not _another_emergency(plain, ticket) and not triage.has_danger(plain):
        return True
    if danger_signs.in_labour(_plain(ticket.text)) and _LABOUR.search(plain) and not other_thing(plain, ticket):
        return True  # 羊水破了 after 我老婆要生了: the same birth (blind test 31, B66)
    if triage.has_danger(plain) and not triage.same_danger(plain, ticket.text):
        return False
    if _SAME_ONE.search(plain) and _WORSE.search(plain) and not triage.has_danger(plain) \
            and _ONE_NAMED.search(ticket.text or ""):
        return True  # 那个老人还在 天快黑了 after a lost elder at a gate (blind test 33, B172 was asked where)
    return (_WORSE.search(plain) is not None or triage.has_danger(plain)) and same_kind(plain, ticket.text)


# A street or a road by its name (新华街, 新华街口, 人民路): never a bare 路口, 马路, 前面路口 with no name to it.
_STREET = re.compile(r"([\u4e00-\u9fff]{2,3})(街|路|大道|巷)")
_NO_NAME = re.compile(r"[马面条个字边头上下里的了过前后这那在]$|^(?:前面|后面|对面|这条|那条|十字|过)")


def street_elsewhere(plain: str, ticket: Ticket) -> bool:
    """Whether words name a street (新华街) that the emergency's place and words never named."""
    had = f"{ticket.place_text or ''} {ticket.text}"
    for found in _STREET.finditer(plain):
        name = found.group(1)
        if _NO_NAME.search(name):
            continue
        if name[-2:] + found.group(2) not in had:
            return True
    return False


def join(session: Session, clock: Clock, ticket: Ticket, text: str, address: str,
         message_id: int | None = None) -> str:
    """The message added to the emergency; everyone alerted (and its assignee) hears it. The same message
    twice is told once."""
    said = " ".join(text.split())
    seen = message_id is not None and any((e.data or {}).get("message_id") == message_id for e in session.scalars(
        select(TicketEvent).where(TicketEvent.ticket_id == ticket.id, TicketEvent.kind == "detail_added")))
    if not seen:
        ticket.text = f"{ticket.text}；补充：{said}"
        event(session, ticket, "detail_added", clock.now(), registry.person_by_address(session, address),
              note=said[:500], message_id=message_id)
        for person in told_of(session, ticket):
            notify(session, person, update_notice(ticket, said).replace("报告人说", "补充"), ticket_id=ticket.id)
    if danger_signs.in_labour(_plain(ticket.text)):
        return JOINED_LABOUR  # 羊水破了: lie her down, 120 (blind test 31, B66)
    if _HURT.search(without_still_machine(said)):
        return JOINED_HURT
    return ADVICE_LIFT if shut_in_lift(said, ticket) else JOINED  # 我儿子关在里面: the lift's rescue (blind test 28)


# What to do now ("是不是要打120哦", "我不敢动她", "咋办"): calm advice for the emergency's kind.
# Any yes-or-no question of what to do (我屋头有个打火机 要不要拿出去, blind test 23, R64v opened a second emergency).
_ASKS_WHAT_TO_DO = re.compile(r"要不要|能不能|可不可以|该不该|用不用|得不得行|要打\d{3}|是不是要打|打不打|"
                              r"咋办|怎么办|咋个办|咋整|不敢动|该咋个|应该咋|应该怎么|我该|我们该")
ADVICE_DOWN = "请马上打120！先别挪动人，守在旁边，看有没有呼吸。已通知值班人员。"
ADVICE_LABOUR = "还没打120请马上打！让她躺下别走动，垫上干净毛巾，备好证件和待产包。已通知值班人员。"
# The drills for a gas leak, a fire, electricity or someone choking are bot/core/safety_questions.py's, said once: a gas
# leak's with the number to call as the first reply (`safety_first`), and each as the advice asked for after it.
ADVICE_POLICE = "请马上打110，离远些，别上前，注意安全。已通知值班人员。"
ADVICE_LIFT = "请按电梯里的救援电话或打119，告诉里面的人别扒门，等救援。已通知值班人员。"
ADVICE = "请先拨打{phone}，注意安全，等候处置。已通知值班人员。"


# What to do at once about a gas leak, said right after the number to call ("天然气管子有点嗤嗤的响 不晓得是不是漏了",
# blind test 25, B15 got no safety advice): no spark, air, out. A fire or a blast is the fire brigade's drill.
_GAS_LEAK = re.compile(r"煤气|燃气|天然气|液化气|漏气")
_ALIGHT = re.compile(r"火|烧|烟|爆|炸")


def safety_first(text: str) -> str:
    """What to do at once for the emergency `text` tells (a gas leak), said with the number to call; "" for none."""
    return safety_questions.GAS if _GAS_LEAK.search(text) and not _ALIGHT.search(text) else ""


def asks_what_to_do(text: str) -> bool:
    plain = " ".join(text.split())
    return 0 < len(plain) <= JOIN_MAX_CHARS and _ASKS_WHAT_TO_DO.search(plain) is not None


def advice(ticket: Ticket, phone: str) -> str:
    """Calm advice for the emergency `ticket` (`phone`: the number it was told to call): the drill for its kind
    (bot/core/safety_questions.py), first aid for someone choking before anyone down (blind test 28, B-K2a)."""
    said = ticket.text
    kind = safety_questions.emergency_kind(said, ticket.category)
    if kind is None and _KINDS[1].search(said):
        kind = "gas"  # 一股味道 头晕: the gas's drill
    if kind == "choking":
        return safety_questions.emergency_drill(kind, phone)
    if danger_signs.in_labour(_plain(said)):
        return ADVICE_LABOUR  # 要生了 then 咋个办: lie her down, never 看有没有呼吸 (blind test 32, A19)
    if "120" in phone or person_danger.may_be_down(said) or _HURT.search(without_still_machine(said)):
        return ADVICE_DOWN
    if _KINDS[5].search(said) and ticket.category == "housing_utilities" and kind != "gas":
        return ADVICE_LIFT
    if kind is not None:  # a gas leak, electricity, a fire, a small fire in the open (blind test 28, A-C8), a pipe
        return safety_questions.emergency_drill(kind, phone)
    if _KINDS[0].search(said) or "119" in phone:
        return safety_questions.emergency_drill("fire", phone)
    if "110" in phone:
        return ADVICE_POLICE
    return ADVICE.format(phone=phone)


FALSE_ALARM = "好的，工单{number}已撤销，已告诉值班人员是误报。没事就好！"


def may_be_about(text: str) -> bool:
    """A cheap first look, before any query: words that may be about the sender's emergency."""
    plain = " ".join((text or "").split())
    return 0 < len(plain) <= JOIN_MAX_CHARS and (
        false_alarm(plain) or asks_what_to_do(plain) or anxious(plain)
        or _HURT.search(without_still_machine(plain)) is not None
        or asks_going_back(plain) or _ABOUT_THEM.search(plain) is not None or _SHUT_IN.search(plain) is not None
        or _WORSE.search(plain) is not None or triage.has_danger(plain)
        or safety_questions.asks(plain) or emergency_questions.asks_how_it_stands(plain))


def answer(session: Session, clock: Clock, rules: RoutingRules, address: str, text: str, within: timedelta,
           message_id: int | None = None) -> str | None:
    """The reply to a message about the sender's own emergency of the last `within`, else None (the message goes
    on): a false alarm withdraws it, a question of what to do gets advice, more of it joins it."""
    ticket = recent_emergency(session, clock, address, within)
    if ticket is None:
        return None
    if false_alarm(text) and corrected_place(session, text) is None:  # 搞错了 是安居苑5栋: moved, never withdrawn
        cancel(session, clock, address, ticket.number, text=text)
        return FALSE_ALARM.format(number=ticket.number)
    where = ASK_PLACE if awaiting_place(session, clock, address) is ticket else ""
    phone = number_to_call(rules, ticket.category, ticket.text)
    if asks_going_back(text) and not where:  # 我们可以回去了不: answered, those alerted hear it asked
        return add_update(session, clock, ticket, text, address, message_id, phone)
    if asks_what_to_do(text):
        if danger_signs.in_labour(_plain(ticket.text)) and joins(text, ticket):
            return join(session, clock, ticket, text, address, message_id) + where  # 羊水破了 咋个办: news and the
            # labour's advice (blind test 32, A19 got the collapse's 看有没有呼吸)
        return advice(ticket, phone) + where
    safety = safety_questions.during_emergency(text, ticket.text, ticket.category, phone)
    if safety is not None:  # 抽油烟机能开不 during a gas leak (blind test 27, B74): the drill, never a 补充
        return safety + where
    if emergency_questions.asks_how_it_stands(text):  # 楼顶那个人下来没有哦 (blind test 27, B99); 人捞起来没得 while
        # its place is still asked for: answered, and asked again (blind test 28, A-B99b: "没太看懂")
        return emergency_questions.state_answer(session, clock, ticket, text, address, message_id, then=where)
    if joins(text, ticket):
        return join(session, clock, ticket, text, address, message_id) + where
    if not where and anxious(text):  # 你们好久能到嘛 once the place is known: calmed as while it is asked for
        return CALM_PLACED.format(phone=phone)
    return None


ASK_PLACE = "在哪里？请回复地点。"
CALM_PLACED = "别着急，值班人员已知道地点，正在处置。还没打{phone}请马上打！"
