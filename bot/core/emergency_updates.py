"""What a reporter says soon after their emergency that it is over or under control ("火已经灭了 莫得事了",
"救护车来了", "不用了"): an update to that emergency, never a message the bot does not understand. Everyone
its alert reached, and its assignee, hear "工单T1040报告人说：…"; the reporter gets a short, warm thanks, or, for a
question ("火灭了没得 我们可以回去了不"), an answer.
Blind test 5, #131: "火已经灭了 莫得事了 谢谢" got 没太看懂 and nobody alerted heard it.

A false alarm ("哦 搞错了 是他们在熏腊肉") withdraws the emergency, and whenever an emergency is withdrawn (that,
算了 不报了, 撤销 T1047) everyone its alert reached hears it (blind test 8, #130)."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.common.clock import Clock
from bot.core import registry, triage
from bot.core.emergency_numbers import responders
from bot.core.notify import notify
from bot.core.tickets import OPEN_STATUSES, event
from bot.store.models import Person, Ticket, TicketEvent

# What came of it: the door opened, someone taken to hospital or got out.
_NEWS = (r"(?:门|锁)[^，,。\s]{0,3}(?:打开|撬开|弄开|破开|开)了|"
         r"(?<![要得快赶该])送(?:(?:去|到|进)了?(?:医院|卫生院)|了?(?:医院|卫生院)了|医了)|"
         r"(?:救护车|120)[^，,。\s]{0,3}(?:拉走|接走|送走)|(?:拉|抬|接)(?:去|到)(?:了)?医院|"
         r"(?:救|放|抬|弄|拉)出来了")
# It is over, or help is there: the fire is out, nobody is hurt, the ambulance came, no need to come.
_OVER = re.compile(r"(?:火|烟).{0,4}(?:灭|熄|扑灭|扑熄|没得了|没有了|没了)|灭了|熄了|扑灭了|"
                   r"没事了|没得事|莫得事|莫事了|没啥事|没什么事|不要紧了|已经好了|好了好了|控制住了|"
                   r"(?:救护车|消防车|消防|警察|120|119|110).{0,4}(?:来了|到了|已经来|已经到)|不用了|不用来了|不麻烦了|"
                   r"人(?:醒了|没事)|关掉了|关好了|修好了|补好了|堵好了|堵住了|"
                   # The gas company came and shut the main valve (blind test 30, B84 opened a second emergency).
                   r"(?:燃气公司|燃气的|煤气公司|天然气公司|物业|电工|师傅|维修的|修的).{0,4}(?:来了|到了)|"
                   # 供电局来了 没冒火花了, 人劝下来了 (blind test 33, B170, B113: new emergencies asking where)
                   r"(?:供电局|供电所|电力局|电力公司|电网|国家电网|电业局|自来水公司|水务|派出所|民警|消防员|医生|护士)"
                   r".{0,4}(?:来了|到了)|(?:没|莫|不)(?:得|有|再)?冒(?:火花|火星|火|烟)?了|"
                   r"劝(?:下来|下去|回来|回去|住|好|走)了|(?:救|拉|抱|扶|拽|弄|接|捞)(?:下来|回来|上来)了|"
                   # 人捞起来了 没事 after someone in the river (blind test 34, M4 opened a new 120 emergency)
                   r"(?:捞|拉|救|拖|拽)(?:起来|上岸|到岸上)了|(?:没|莫)(?:得)?事(?:了|哈|的|嘞)?$|"
                   # The lost one found or taken home (找到了 他儿子来接走了 after a lost elder, blind test 33's B172
                   # kind, was only a 补充): the family came, taken home.
                   r"找到(?:人)?了|"
                   # 出来了 after people shut in a lift (blind test 33's B36 kind opened a 110 emergency asking where)
                   r"(?:^|人(?:都|已经|早就|早都|早已|早)?(?:都|已经)?|他|她|汉|妈|爸|娃|孩子)出来了|(?:家里人|家属|家人|屋头的人|屋里人|儿子|女儿|孙子|孙女|老伴|妈妈|爸爸|亲戚)"
                   r".{0,4}(?:来了|到了|接走|接回|领走|领回)|(?:接|领|送)(?:走|回去|回家|回屋|回来)了|"
                   r"关(?:了|好了|掉了)?(?:总)?(?:阀|阀门|闸|总闸|气)|(?:总阀|阀门|总闸|电闸)[^，,。\s]{0,3}关(?:了|好|掉)|"
                   # Good news and thanks (医院说没得大问题 谢谢你们哈, blind test 23, N47 was taken as the place 医院).
                   r"(?:没|莫)(?:得|有)?(?:大|啥|什么|啥子)?(?:问题|大碍)|不严重|谢谢|感谢|多谢|辛苦了|"
                   # What came of it: the door opened, taken to hospital, got out (门打开了 老人在屋头摔倒了 送医院了,
                   # blind test 31, B54b was asked where as a new report).
                   + _NEWS)
# Not over after all: "火还没灭", "又烧起来了", "救护车还没来".
_NOT_OVER = re.compile(r"还没|没找到|找不到|"
                       r"没有灭|没灭|未灭|灭不了|灭不到|还在烧|又烧|又着|又冒|更大|越来越|救命|快来|快点")
# A bare thanks says nothing of how it went: not an update on its own.
_THANKS_ONLY = re.compile(r"^(?:谢谢|感谢|多谢)(?:你们?|您)?(?:了|哈|啊|哦|啦)?[!！。.~～ ]*$")
UPDATE_ACK = "收到，已转告值班人员。大家平安就好，谢谢您告诉我们！"
# Someone taken to hospital or hurt: no "平安就好" (门打开了 老人在屋头摔倒了 送医院了, blind test 31, B54b).
NEWS_ACK = "收到，已转告值班人员。谢谢您告诉我们，愿早日康复！"
# 老汉住院了 医生说是中风 (blind test 37, M8c: "大家平安就好"): in hospital, or an illness named.
_TO_HOSPITAL = re.compile(r"医院|卫生院|送医|救护车|120|摔|伤|晕|倒|"
                          r"住院|住起院|中风|脑梗|脑出血|心梗|抢救|手术|重症|骨折")
SMS_PART = 70
# A question mid-emergency ("火灭了没得 我们可以回去了不", blind test 22, #107 was thanked as if it were
# news): answered, and those alerted hear it asked.
_ASKS = re.compile(r"(?:了|灭|熄|来|到)没(?:得|有)?(?:哦|嘛|呢|啊|喃)?(?=\s|$|[?？])|"
                   r"[吗][?？]?$|[?？]|可以.{0,8}不[?？]?$|"
                   r"能不能|可不可以|要不要|行不行|得行不|咋个办|怎么办|咋办|好久|多久|咋样|怎么样|啥情况")
_GOING_BACK = re.compile(r"回去|回家|回屋|进去|进屋|上楼|回来")
# Who is on the spot is named by the number the reporter was told to call (警察 for 110: blind test 28, A-B99-2b).
GO_BACK_ANSWER = "先别回去，等{who}现场处置人员说安全了再回。值班人员已知道您在问，有消息会告诉您。"
ASKED_ANSWER = "现场情况以{who}处置人员说的为准，请听他们安排。值班人员已知道您在问，有消息会告诉您。"
QUESTION_MAX_CHARS = 40


def asks(text: str) -> bool:
    """Whether a short message asks something (火灭了没得, 我们可以回去了不)."""
    plain = " ".join((text or "").split())
    return 0 < len(plain) <= QUESTION_MAX_CHARS and _ASKS.search(plain) is not None


def asks_going_back(text: str) -> bool:
    """Whether a short message asks whether they may go back in (我们可以回去了不, 能不能回家了)."""
    return asks(text) and _GOING_BACK.search(text) is not None


def says_over(text: str) -> bool:
    """Whether a message says the emergency is over or under control, and names no new danger."""
    plain = " ".join((text or "").split())
    return bool(plain) and _OVER.search(plain) is not None and _NOT_OVER.search(plain) is None \
        and not triage.has_danger(plain) and _THANKS_ONLY.match(plain) is None and not false_alarm(plain)


def recent_emergency(session: Session, clock: Clock, address: str, within: timedelta) -> Ticket | None:
    """The sender's newest emergency (severity critical) of the last `within`, still open."""
    return session.scalar(select(Ticket).where(
        Ticket.reporter_address == address, Ticket.severity == "critical", Ticket.status.in_(OPEN_STATUSES),
        Ticket.created_at >= clock.now() - within).order_by(Ticket.id.desc()).limit(1))


# An all-clear comes when it is over, often past the follow-up window (燃气公司修好了 谢谢, 35 minutes after a gas
# alert: blind test 34, N9, a bare 不客气 and the staff alerted never told): the sender's newest report, when it is
# an emergency still open from this long ago, is what it speaks of.
ALL_CLEAR_WITHIN = timedelta(hours=12)


def over_meant(session: Session, clock: Clock, address: str, within: timedelta) -> Ticket | None:
    """The emergency an all-clear speaks of: the sender's newest of the last `within`, else their newest report of
    all when it is an emergency still open from the last ALL_CLEAR_WITHIN."""
    recent = recent_emergency(session, clock, address, within)
    if recent is not None:
        return recent
    newest = session.scalar(select(Ticket).where(Ticket.reporter_address == address)
                            .order_by(Ticket.id.desc()).limit(1))
    if newest is None or newest.severity != "critical" or newest.status not in OPEN_STATUSES \
            or newest.created_at < clock.now() - ALL_CLEAR_WITHIN:
        return None
    return newest


def update_notice(ticket: Ticket, said: str) -> str:
    """"工单T1040报告人说：火已经灭了 莫得事了" within one SMS part."""
    head = f"工单{ticket.number}报告人说："
    said = " ".join(said.split())
    room = SMS_PART - len(head)
    return head + (said if len(said) <= room else said[:room - 1] + "…")


def told_of(session: Session, ticket: Ticket) -> list[Person]:
    """Everyone the emergency's alert reached, and its assignee."""
    alerted = session.scalars(select(TicketEvent).where(TicketEvent.ticket_id == ticket.id,
                                                        TicketEvent.kind == "emergency_alert")).all()
    ids = {int(i) for e in alerted for i in (e.data or {}).get("notified", [])}
    if ticket.assignee_id is not None:
        ids.add(ticket.assignee_id)
    return [p for p in (session.get(Person, i) for i in sorted(ids)) if p is not None]


def go_back_answer(phone: str) -> str:
    """先别回去 until those on the spot for `phone` (the number the reporter was told to call) say it is safe."""
    who = responders(phone)
    return GO_BACK_ANSWER.format(who=f"{who}或" if who else "")


def asked_answer(phone: str) -> str:
    """A question mid-emergency: those on the spot for `phone` know best."""
    who = responders(phone)
    return ASKED_ANSWER.format(who=f"{who}和" if who else "")


def add_update(session: Session, clock: Clock, ticket: Ticket, said: str, address: str,
               message_id: int | None = None, phone: str = "") -> str:
    """Record the reporter's update on the emergency, tell everyone it alerted (and its assignee), and
    return the reply to the reporter (a question's names those on the spot for `phone`, the number the reporter was
    told to call). The same message twice tells them once."""
    said = " ".join(said.split())
    seen = message_id is not None and any(
        (e.data or {}).get("message_id") == message_id for e in session.scalars(
            select(TicketEvent).where(TicketEvent.ticket_id == ticket.id, TicketEvent.kind == "reporter_update")))
    if not seen:
        event(session, ticket, "reporter_update", clock.now(), registry.person_by_address(session, address),
              note=said[:500], message_id=message_id)
        notice = update_notice(ticket, said)
        for person in told_of(session, ticket):
            notify(session, person, notice.replace("报告人说", "报告人问") if asks(said) else notice,
                   ticket_id=ticket.id)
    if asks_going_back(said):
        return go_back_answer(phone)
    if asks(said):
        return asked_answer(phone)
    if _STILL_AT_RISK.search(said) and not _TAKEN_TO_CARE.search(said):
        return RESCUED_ACK
    return NEWS_ACK if _TO_HOSPITAL.search(said) and not _WELL.search(said) else UPDATE_ACK


# Blind test 36, M4b: 捞起来了 还有气 after a child in the pond got "大家平安就好". Got out but only breathing, not
# answering or hurt: 120 and the hospital still, unless already on the way there.
RESCUED_ACK = "收到，已转告值班人员。请马上拨打120，尽快送医院检查，别耽误！"
# 人救上来了 在喘气 (blind test 37, M5c: "大家平安就好") is only breathing too.
_STILL_AT_RISK = re.compile(r"还有(?:口)?气|(?:还|在|还在)喘气|"
                            r"还有呼吸|还在呼吸|还活着|有心跳|喊不(?:答应|醒)|叫不(?:答应|醒)|"
                            r"没(?:有)?醒|不醒|昏迷|不省人事|没(?:得|有)?反应|呛(?:了)?水|吐水|受伤|流血|出血")
_TAKEN_TO_CARE = re.compile(r"送(?:去|到|进)?(?:了)?(?:医院|卫生院)|救护车|120")


# Blind test 35 (M8n): 人早就出来了 电梯好久修得好, 35 minutes after people shut in a lift, got the ticket's state
# alone, the staff alerted never told they were out. An all-clear beside a question about the ticket (answered with
# its state where such questions are) still reaches everyone alerted, at any time.
ALL_CLEAR_NOTED = "人平安就好，已转告值班人员。"


def all_clear_beside(session: Session, clock: Clock, ticket: Ticket, said: str, address: str,
                     message_id: int | None = None) -> str | None:
    """When `said` gives the all-clear of `ticket`, an open emergency of the sender's: recorded, everyone alerted
    told (as `add_update` does), and the word for the reporter before the question's answer; else None."""
    if ticket.severity != "critical" or ticket.status not in OPEN_STATUSES or not says_over(said):
        return None
    add_update(session, clock, ticket, said, address, message_id)
    return ALL_CLEAR_NOTED


# Said to be well after all (医院说没得大问题, 人没事): "平安就好" fits.
_WELL = re.compile(r"没事|没得事|莫得事|没.{0,3}问题|没.{0,2}大碍|不严重|醒了")


FALSE_ALARM_MAX_CHARS = 40
# A false alarm: 搞错了, 看错了, 是他们在熏腊肉, 虚惊一场.
# 是我闻错了 没得事, 是隔壁在熬中药 不是煤气 (blind test 27, B74: downgraded to an ordinary ticket for nothing).
_FALSE_ALARM = re.compile(r"搞错了|弄错了|看错了|闻错了|听错了|认错了|误会|误报|虚惊|没着火|不是着火|没有着火|不是火|"
                          r"不是(?:煤气|燃气|天然气|液化气)|(?:没|没有|莫得|没得)漏气|不是漏气|"
                          r"是(?:他们|人家|别人|邻居|隔壁|楼上|楼下|对门)?(?:家)?在(?:熏|烧|烤|炒|做饭|煮|熬|炖|蒸)|"
                          # 哦 是锅烧糊了 没得事 (blind test 30, B34: the emergency stood): a pot burnt, no fire
                          r"(?:锅|饭|菜|粥|汤|肉|东西)[^，,。！!？?\s]{0,3}(?:烧|煮|炒|熬|炖)?(?:糊|焦)了?|烧糊|煮糊|炒糊|"
                          # 不是报警 我是说车找到了 (blind test 31, R17b: the emergency just opened stood)
                          r"不是(?:要|想)?报警|不用报警|没(?:有|得)?(?:要|想)?报警|不是要你们?(?:出警|报警)")


def false_alarm(text: str) -> bool:
    """Whether a message says the emergency was a mistake, naming no danger of its own."""
    plain = " ".join(text.split())
    return 0 < len(plain) <= FALSE_ALARM_MAX_CHARS and _FALSE_ALARM.search(plain) is not None \
        and not triage.has_danger(plain)


WITHDRAWN = "工单{number}（紧急）已被报告人撤销：{reason}，无需再处置。"


def tell_withdrawn(session: Session, ticket: Ticket, said: str = "") -> None:
    """Everyone an emergency's alert reached hears that its reporter withdrew it (its assignee is told by the
    cancel itself)."""
    if ticket.severity != "critical":
        return
    reason = "误报" if said and false_alarm(said) else "不用处置了"
    for person in told_of(session, ticket):
        if person.id != ticket.assignee_id:
            notify(session, person, WITHDRAWN.format(number=ticket.number, reason=reason), ticket_id=ticket.id)
