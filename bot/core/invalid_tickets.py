"""Closing a junk or false-alarm ticket that waits for dispatch (待分派, 退单待改派), or one already assigned whose
holder or a supervisor says 误报/无效 (blind test 9, #64, #65), by message: the duty officer,
or a secretary within her community, says it needs no handling ("T1038 这个是有人发错了 钓鱼的 关掉",
"T1038 已办结 无效工单", "T1043 误报 是T1014那个坑 关了"). It is withdrawn with the reason,
nobody is asked to rate it, its reporter keeps no points for it and is told politely that it was closed, and why
when the reason is about the matter (误报 是熏腊肉), never when it judges the reporter (是骂人的, 乱填的: blind test
10, #96), and every staff member alerted about it is told to stand down.

Blind test 8, #102 and #116: all three got "目前“待分派”，请回复派给…", and the junk ticket could not be closed."""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.common.clock import Clock
from bot.core import audit, dispatch, lifecycle, points, staff_notices, supervisor_words
from bot.core.commands import WorkerCommand
from bot.core.notify import notify, notify_address
from bot.core.routing_rules import RoutingRules
from bot.core.tickets import OPEN_STATUSES, event, filed_on_behalf
from bot.store.message_models import OutboxMessage
from bot.store.models import Person, Ticket

WAITING = ("new", "returned")
# The words of a ticket that needs no handling at all.
INVALID = re.compile(r"无效|误报|假的|虚假|发错了?|报错了|乱发|乱报|恶作剧|骚扰|广告|钓鱼|测试|不是问题|不用派|不用管|"
                     r"不用处理|无需处理|不需要处理|没得这回事|没有这回事")
# The words of closing it.
CLOSE = re.compile(r"关掉|关了|关闭|关单|销单|作废|撤销|撤掉|办结|结单|结案|不派了|不用派|无需处理|不用处理")
_NOISE = re.compile(r"关掉|关了|关闭|关单|销单|作废|撤销|撤掉|已办结|办结|结单|结案|不派了|这个是|这是|这个|这张|^是")
_FALSE_ALARM = re.compile(r"误报|没得这回事|没有这回事|假的|虚假|恶作剧")
# On a ticket someone already holds only words of no real problem close it (关了 alone is the holder's 办结).
ASSIGNED_INVALID = re.compile(r"(?<!不是)(?<![不非])(?:误报|无效|虚假)|恶作剧|发错了|报错了|"
                              r"没得这回事|没有这回事|我(?:搞|弄|录|登记|填|写)错了?")
ASK_REASON = "请写明关闭理由，如“{number} 无效工单 关掉”或“{number} 误报 关了”；要派单请回“{number} 派给 网格名”。"
REPLY = "好的，工单{number}已作{what}关闭，不用评价，已告诉反映人{told}。"
TO_REPORTER = "您好，您反映的问题（{number}）经核实{what}，已关闭。原因：{why}。有事请随时告诉我们。"
# Staff's words that judge the reporter or their message (blind test 10, #96: the resident read "原因：无效工单
# 是骂人的"): with any of them the reporter hears no reason at all, only the polite notice.
JUDGING = re.compile(r"骂|脏话|粗话|乱填|乱写|乱发|乱报|乱说|瞎报|瞎填|瞎写|瞎说|瞎搞|瞎闹|捣乱|恶作剧|骚扰|故意|无聊|"
                     r"神经|有病|闹着玩|开玩笑|耍人|找茬|找事|发泄|喝醉|醉了|疯|傻|骗|虚假|假报|谎报|刷分|刷积分|广告")
# Staff's words that speak of the reporter in the third person (blind test 27, B59d: the reporter read "原因：误报
# 他是想要电话号码 已经告诉他了"): a note between staff, never passed on; he hears the polite notice only.
ABOUT_THEM = re.compile(r"(?<!其)[他她]|这个人|那个人|这人|那人|此人|该人|对方|人家|反映人|来电人|报事人|"
                        r"该居民|这位|那位")
# Blind test 33, B152: the reporter read "原因：无效工单" (the label is staff's, no reason), and "是问咋个核实上门的人
# 已经回复了" tells staff what he asked and that he was answered: he hears the polite notice, or where he was sent.
LABEL = re.compile(r"无效工单|无效单子?|无效")
ANSWERED = re.compile(r"(?:^|[\s，,])(?:是|只是|就是)?(?:问|咨询|打听)|"
                      r"已经?(?:回复|答复|解答|回答|告知|告诉|说明|解释)|回复过|答复过|解释过")
TO_REPORTER_PLAIN = "您好，您反映的问题（{number}）经核实{what}，已关闭。有问题欢迎再找我们。"
# Blind test 30, W17: "T1138 无效工单 是劳资纠纷 已告诉他打12333" reached the reporter as "经核实不需要办理" only.
# Where staff sent him (打12333, 找派出所, 去法院起诉) is for him, whatever else the reason says about him.
ADVICE = re.compile(r"(?<![要想])(?:拨打|打|找|去|到|联系|咨询|向|报警)[^\s，,。;；]{0,14}?"
                    r"(?:\d{3,}|派出所|法院|仲裁|劳动|监察|人社|社保|司法所|律师|法律援助|信访|市场监管|消协|物业|"
                    r"居委|社区|村委|街道|公安|警察|医院|医生|诊所|卫生院|急诊|民政|城管|环保|住建|房管|供电|供水|燃气)"
                    r"[^\s，,。;；]{0,8}")
# Blind test 32, B158: "已经让他去医院了" reached the reporter as "建议您去医院了": what was done told him, the
# advice is what to do (去医院), its 了 dropped; 去医院看了 is 去医院看看.
_DONE_TAIL = re.compile(r"(?:了|啦|咯|喽|过了|过)+$")
TO_REPORTER_ADVICE = "您好，您反映的问题（{number}）经核实{what}，已关闭。建议您{advice}。有事请随时告诉我们。"
TO_STAFF = "工单{number}经{who}核实{what}，已关闭，您无需处理。"
# Staff saying the record was a mistake (是我发错了, 录错了): on a ticket staff filed for a household, the resident
# hears plainly that a record made by mistake was removed, never "原因：我发错了" (blind test 24).
OWN_MISTAKE = re.compile(r"发错|报错|录错|登记错|填错|写错|记错|弄错|搞错|输错|打错|误登记|登记有误|重复登记|"
                         r"重复了")
TO_REPORTER_MISTAKE = "您好，网格员为您登记的工单{number}是误登记，已删除，您不用理会。有事请随时告诉我们。"


def says_invalid(text: str) -> bool:
    """Whether a dispatcher's words on a waiting ticket close it as junk or a false alarm: words of no real problem,
    or of closing it without a grid ("关掉", "已办结": nobody could have done the job)."""
    return INVALID.search(text) is not None or CLOSE.search(text) is not None


def says_needless(text: str, note: str) -> bool:
    """Whether a dispatcher's words on a waiting ticket say it needs no handling (误报, 发错了, 重复了, 骂人的) or only
    close it (a bare 已办结 or 关掉), rather than that someone saw to it (seen_to)."""
    return INVALID.search(text) is not None or OWN_MISTAKE.search(text) is not None \
        or JUDGING.search(text) is not None or _bare(note)


def says_false_alarm(text: str) -> bool:
    """Whether words on a ticket already assigned close it as a false alarm or junk (blind test 9, #64, #65:
    "T1005 误报 是熏腊肉 关了" from the duty officer or the holder)."""
    return ASSIGNED_INVALID.search(text) is not None


def close_assigned(session: Session, clock: Clock, rules: RoutingRules, person: Person, address: str,
                   ticket: Ticket | None, text: str, verb: WorkerCommand) -> str | None:
    """An assigned ticket closed as a false alarm by its holder, someone above him or a dispatcher over it; None
    when the words are something else (progress, 办结) or the sender none of those (blind test 9, #64, #65)."""
    if ticket is None or ticket.status not in OPEN_STATUSES or ticket.status in WAITING \
            or ticket.reporter_address == address or verb.verb == "details" or not says_false_alarm(text):
        return None
    acting = lifecycle.may_act(session, rules, ticket, person)
    if not acting and not dispatch.may_dispatch(session, person):
        return None
    return close(session, clock, person, ticket, verb.note, acting=acting)


def _bare(note: str) -> bool:
    """Only the words of closing, no reason ("T1038 关掉")."""
    return INVALID.search(note) is None and not " ".join(_NOISE.sub(" ", note).split()).strip(" ，,。:：!！")


def reason_of(note: str) -> str:
    """'这个是有人发错了 钓鱼的 关掉' → '有人发错了 钓鱼的'; the label when nothing else is said."""
    why = " ".join(_NOISE.sub(" ", note).split()).strip(" ，,。:：!！")
    return why or ("误报" if _FALSE_ALARM.search(note) else "无效工单")


def close(session: Session, clock: Clock, person: Person, ticket: Ticket, note: str, *, acting: bool = False) -> str:
    """Close the ticket as invalid (the sender may dispatch it: checked here, unless `acting`: the holder of an
    assigned ticket or someone above him); the reply to the sender."""
    if not acting and not dispatch.may_dispatch(session, person):
        return f"工单{ticket.number}目前“待分派”，由街道值班员或社区书记派单或关闭。"
    if not acting:
        scopes = dispatch.scope_units(session, person)
        street = any(u.kind == "subdistrict" for u in scopes)
        if (ticket.unit is None and not street) or (ticket.unit is not None
                                                    and not dispatch.within(session, ticket.unit, scopes)):
            return f"抱歉，工单{ticket.number}不在您的辖区，请联系街道值班员。"
    number = ticket.number or ""
    if _bare(note):
        return ASK_REASON.format(number=number)
    why = reason_of(note)
    what = "属于误报" if _FALSE_ALARM.search(note) else "不需要办理"
    now = clock.now()
    before, ticket.status = ticket.status, "cancelled"
    event(session, ticket, "invalid", now, person, note=why, from_status=before)
    audit.record(session, clock, f"person:{person.id}", "ticket.invalid", number, {"from_status": before})
    if ticket.reporter_id is not None:  # a junk report earns nothing
        points.take_back_report(session, clock, ticket.reporter_id, number)
    alerted = _alerted(session, ticket, person)
    label = supervisor_words.sender_label(session, person)
    for someone in alerted:
        notify(session, someone, TO_STAFF.format(number=number, who=label, what=what), ticket_id=ticket.id)
    if not ticket.reporter_address.startswith("erased:"):
        mistake = OWN_MISTAKE.search(note) is not None and bool(filed_on_behalf(session, [ticket.id]))
        notify_address(session, ticket.reporter_channel, ticket.reporter_address,
                       TO_REPORTER_MISTAKE.format(number=number) if mistake else to_reporter(number, what, why),
                       ticket_id=ticket.id)
    told = "和" + "、".join(p.name for p in alerted[:2]) if alerted else ""
    return REPLY.format(number=number, what="误报" if what == "属于误报" else "无效工单", told=told)


def to_reporter(number: str, what: str, why: str) -> str:
    """The reporter's notice: the reason staff gave when it is about the matter ("是熏腊肉", "有人发错了"), cut to fit;
    none when it judges the reporter or their message ("是骂人的", "乱填的", "捣乱") or speaks of him in the third
    person ("他是想要电话号码"): staff's words are never turned against, nor talk about, the one who wrote to us."""
    why = " ".join(LABEL.sub(" ", why).split()).strip(" ，,。:：!！")
    if not why or JUDGING.search(why) or ABOUT_THEM.search(why) or ANSWERED.search(why):
        advice = advice_in(why)
        text = TO_REPORTER_ADVICE.format(number=number, what=what, advice=advice)
        return text if advice and len(text) <= staff_notices.PART else TO_REPORTER_PLAIN.format(number=number,
                                                                                                 what=what)
    text = TO_REPORTER.format(number=number, what=what, why=why)
    if len(text) > staff_notices.PART:  # the reason cut, never the politeness
        text = TO_REPORTER.format(number=number, what=what, why=why[:max(4, len(why) - len(text) + 69)] + "…")
    return text


def advice_in(why: str) -> str:
    """Where staff sent the reporter, said as advice to him: '已经让他去医院了' → '去医院', '去医院看了' → '去医院看看',
    '告诉他打12333' → '打12333'; '' when the reason sends him nowhere."""
    found = (_DONE_TAIL.sub("", match.group()) for match in ADVICE.finditer(why))
    return "，".join(dict.fromkeys(a + "看" if a.endswith("看") and not a.endswith("看看") else a for a in found))


def _alerted(session: Session, ticket: Ticket, closer: Person) -> list[Person]:
    """The staff told about this ticket so far (an emergency's alert, a returned ticket's holder), but the closer."""
    rows = session.scalars(select(OutboxMessage.recipient).where(OutboxMessage.ticket_id == ticket.id,
                                                                 OutboxMessage.kind == "notification"))
    found: dict[int, Person] = {}
    for address in dict.fromkeys(rows):
        someone = lifecycle.staff_member(session, address)
        if someone is not None and someone.id != closer.id:
            found.setdefault(someone.id, someone)
    return list(found.values())
