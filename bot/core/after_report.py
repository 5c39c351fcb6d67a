"""What a reporter says right after their report that is about that report, read by its words whatever the
classifier guessed (blind test 8), so that nothing said about a report becomes a ticket of its own:

- a short remark the classifier cannot place (没得人受伤 就是不好走, 整栋楼都莫得 是不是在修管子哦): a detail,
  its question (是不是在修管子) left to the worker, who hears it;
- a withdrawal (算了 不报了 都是老邻居, 都不是 撤了嘛 不要了): that report withdrawn, never "which one?";
- a plea for the worker (麻烦网格员去看一哈嘛): told who has it;
- "that was a detail, not a new one" (后面那个是补充的 不是新的): the extra ticket goes back into the report;
- another problem at another building (4栋化粪池 after 1栋 leaking water): a report of its own, not asked about;
- news that help is coming to an emergency (120打了 说10分钟到): an update for everyone alerted.

The words decide here; `bot/app/dialogue_after.py` acts on them."""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.core import registry, triage, trouble_effects
from bot.core.notify import notify
from bot.core.other_problem import fresh_thing, things_in
from bot.core.tickets import assignee_label
from bot.store.models import Ticket, TicketEvent

# Intents the classifier gives a remark it cannot place, or takes for a bare yes or no.
UNSURE = frozenset({"nlu_fallback", "affirm", "deny", "out_of_scope"})
REMARK_MIN = 4  # Chinese characters: 好的谢谢 is the shortest that says anything, and acknowledgements are left out
REMARK_MAX = 24  # a remark that joins the report is short; a longer message is read as the classifier says
DETAIL_ASKED = "已补充到工单{number}。您问的情况，{whom}会告诉您。"
WORKER_HAS_IT = "好的，工单{number}已交给{whom}，会尽快去看。"
NOBODY_YET = "好的，工单{number}已交给街道值班人员，会尽快派人去看。"
ALREADY_IN = "好的，都记在工单{number}里了，已转告承办人。"
GRID_ROLES = ("grid_worker", "backup_grid_worker")
HELP_COMING_ACK = "收到，已转告值班人员。请保持电话畅通，注意安全！"

# A bare acknowledgement (好的 谢谢, 晓得了, 不是): nothing to add to a report. 好嘞, 好勒, 中 (blind test 31, B-B32a:
# 好嘞 as a first message got 没太看懂).
_ACK = re.compile(r"^(?:(?:好的?|好嘛|好嘞|好勒|好咧|好哒|好滴|嗯+|哦+|噢|行|中|得行|可以|要得|晓得了?|知道了?|明白了?|"
                  r"了解|收到|没问题|谢谢|感谢|多谢|辛苦了?|麻烦了|对|对的|是的?|是嘛|不是|没有|没得|莫得|ok|okay|嗯嗯|"
                  r"拜拜|再见|你好|您好|哈哈+)"
                  r"[啊呀哈嘛哦噢啦了呢你们您]*)+$")
# Accepting the wait the worker said (好嘛 明天就明天, 行 那就等到下午嘛, 那我等着; blind test 31, B2 was added to the
# ticket as a 补充): acknowledged, nothing for the worker.
_WHEN_SAID = r"今天|明天|后天|下午|晚上|上午|中午|下周|下个?礼拜|下个?星期|周末|过两天|过几天"
_ACCEPTS = re.compile(rf"^(?:(?:好的?|好嘛|嗯+|行|可以|要得|也行|也好|没事|没得事|那|那就)[啊呀哈嘛哦噢啦了呢吧]*)*"
                      rf"(?:(?:({_WHEN_SAID})就\1|(?:那|那就|就)?等(?:到)?(?:{_WHEN_SAID})|(?:那)?(?:我们?)?(?:就)?等(?:一下|一哈|着|到起|嘛|吧|就是)|"
                      r"慢慢来|不急|不着急)[啊呀哈嘛哦噢啦了呢吧]*)+$")
ACCEPTED = "好的，到时还有问题随时发消息说。"
ACCEPTED_WHEN = "好的，那就等{when}。到时还有问题随时发消息说。"
_HAN = re.compile(r"[\u3400-\u9fff]")
_FILLER = re.compile(r"[\s，,。.!！~～、…?？]+")
# A question in a remark (是不是在修管子哦, 好久来水嘛).
_ASKS = re.compile(r"是不是|吗|[?？]|啥时候|什么时候|好久|多久|几时|咋个|怎么|为啥|为什么")
# Taking the report back, said at the start of a clause (那个旧沙发不要了 is no withdrawal).
_WITHDRAW = re.compile(r"(?:^|[\s，,。!！])(?:都不是\s*)?(?:算了\s*(?:吧|嘛)?\s*(?:不报了|不反映了|不要了|撤了)|"
                       r"不报了|不反映了|不反应了|不投诉了|不用报了|撤了|撤销|撤回|撤掉|取消|不要了|不用了|不办了)")
_WITHDRAW_START = re.compile(r"^(?:算了|不报了|不反映了|不反应了|都不是)")
# Asking the worker to come and see (麻烦网格员去看一哈嘛, 请你们派人来看看).
_PLEA = re.compile(r"(?:麻烦|请|帮忙|帮我|喊|叫|让|拜托|派)(?:一下|一哈)?(?:网格员|你们|社区|师傅|工作人员|人|个人)?"
                   r"(?:去|来|过来|过去|上门)?(?:看一?[下哈]|看看|瞧一?[下哈]|处理一?[下哈]|管一?[下哈]|帮一?[下哈]|帮帮忙)")
# "that was a detail, not a new one": 后面那个是补充的 不是新的, 是补充 不要新开.
_WAS_DETAIL = re.compile(r"(?<!不)(?:是|算)补充|(?<!不是)补充的|补充上|"
                         r"(?:不是|莫|不要|别)(?:新的|新问题|新开|另外的|另开)")
# Help called or on its way (120打了 说10分钟到, 救护车在路上了): the emergency's news, not a command.
_HELP_COMING = re.compile(r"(?:120|119|110|救护车|消防车|消防|警察|医生)\s*(?:已经|都)?(?:打了|打过了|叫了|喊了|报了|"
                          r"在路上|要来|马上|说|快到|就到)|(?:打了|叫了|喊了|报了)\s*(?:120|119|110|救护车|消防|警)|"
                          r"\d+\s*分钟\s*(?:就|能|才)?(?:到|来)")
_BUILDING_NO = re.compile(r"(\d+)\s*(?:栋|幢|号楼)")


def _plain(text: str) -> str:
    return unicodedata.normalize("NFKC", text or "").strip()


def acknowledges(text: str) -> bool:
    """好的 谢谢, 晓得了, 不是: a bare acknowledgement, nothing to add; 好嘛 明天就明天 too."""
    return _ACK.match(_FILLER.sub("", _plain(text)).lower()) is not None or accepts_wait(text)


def accepts_wait(text: str) -> bool:
    """好嘛 明天就明天, 那我等着: the wait the worker said accepted."""
    return _ACCEPTS.match(_FILLER.sub("", _plain(text))) is not None


def accepted_reply(text: str) -> str:
    """"好的，那就等明天。…": the acknowledgement of a wait accepted, with the time when one was said."""
    when = re.search(_WHEN_SAID, _plain(text))
    return ACCEPTED_WHEN.format(when=when.group(0)) if when else ACCEPTED


def remark_on(text: str, intent: str, report: str) -> bool:
    """A short remark right after the report that the classifier cannot place (没得人受伤 就是不好走): more of
    that report, unless it names something the report does not, or is only an acknowledgement."""
    plain = _plain(text)
    words = len(_HAN.findall(plain))  # gibberish (qwzx) says nothing of the report
    return intent in UNSURE and REMARK_MIN <= words and len(_FILLER.sub("", plain)) <= REMARK_MAX \
        and not acknowledges(plain) \
        and not withdraws(plain) and not _another_thing(report, plain)


def _another_thing(report: str, text: str) -> bool:
    mine, theirs = things_in(text), things_in(report)
    return bool(mine) and not (mine & theirs)


def asks_too(text: str) -> bool:
    """A remark with a question in it (整栋楼都莫得 是不是在修管子哦): the worker answers it."""
    return _ASKS.search(_plain(text)) is not None


def withdraws(text: str) -> bool:
    """算了 不报了 都是老邻居 怕得罪人 / 都不是 撤了嘛 不要了: the report just made taken back."""
    plain = _plain(text)
    return _WITHDRAW.search(plain) is not None and _ASKS.search(plain) is None and (len(plain) <= REMARK_MAX
                                                    or _WITHDRAW_START.match(plain) is not None)


def pleads_for_worker(text: str) -> bool:
    """麻烦网格员去看一哈嘛: the worker asked to come, not a new problem."""
    plain = _plain(text)
    return _PLEA.search(plain) is not None and len(plain) <= REMARK_MAX


def says_was_detail(text: str) -> bool:
    """后面那个是补充的 不是新的: what the bot filed apart was a detail of the report before."""
    plain = _plain(text)
    return _WAS_DETAIL.search(plain) is not None and len(plain) <= REMARK_MAX and not triage.has_danger(plain)


# 补充 chosen in words of agreement (对 补充, 是的 补充嘛, 嗯 加上): 补充 (blind test 34, L21 heard "没太看懂").
_CHOSE_DETAIL = re.compile(r"^(?:对|是|嗯|恩|好|要得|对的|是的|嗯嗯|对头|就是)?[的啊呀嘛哈，,。\s]*(?:是|算)?"
                           r"(?:补充|加上|补上|加进去|添上)(?:的|嘛|哈|一下|进去|上去|吧|呀|啊)?[。.!！~～]*$")


def chooses_detail(text: str) -> bool:
    """对 补充: the answer to "补充还是新问题？" is 补充."""
    return _CHOSE_DETAIL.search(_plain(text)) is not None and not _NOT_SAME.search(_plain(text))


# The same matter said of the question "补充还是新问题？" (就是刚才那个事, 是一件事嘛, 一回事): 补充 (blind test 33,
# L14 heard "您是要撤销…吗？", L18's worker got "补充：是一件事嘛" and never the 打钻 asked about).
_SAME_MATTER = re.compile(r"(?:就是|还是|是|都是|说的)(?:刚才|刚刚|前面|上面|之前|先前)?"
                          r"(?:那个|那件|这个|这件|一个|一件|同一个|同一件|一回)(?:事|问题)|(?:同一个|同一件|一回|一码)(?:事|问题)?$|一码事|一样的事"
                          # 就是我刚才说的那个, 还是刚刚讲的那件 (blind test 35, L14)
                          r"|^(?:就是|还是|是)我?(?:刚才|刚刚|前面|之前|先前)(?:说|讲|反映|报)的(?:那个|那件)[嘛哦噢呀啊哈的。.]*$"
                          # 就是我刚才说的那个鸽子的事, 就是那个漏水的事: the thing named (blind test 36, L14)
                          r"|^(?:就是|还是|是)我?(?:刚才|刚刚|前面|之前|先前)(?:说|讲|反映|报)的(?:那个|那件)"
                          r"[^，,。\s]{1,6}?的?(?:事情?|问题)[嘛哦噢呀啊哈。.]*$"
                          r"|^(?:就是|还是)(?:那个|那件)[^，,。\s]{1,6}?的(?:事情?|问题)[嘛哦噢呀啊哈。.]*$")
_NOT_SAME = re.compile(r"不是|不一样|两[个件回码]|另外|别的|新的")


def says_same_matter(text: str) -> bool:
    """就是刚才那个事: what was asked about is the report's own matter, a 补充."""
    plain = "".join(_plain(text).split())
    return len(plain) <= REMARK_MAX and _SAME_MATTER.search(plain) is not None \
        and _NOT_SAME.search(plain) is None and not triage.has_danger(plain)


# More of the report's own trouble, said soon after it (blind test 33): 又有车来倒了 after dumping, 他还在充 after a
# bike charged in the stairway, 刚才又丢了个花盆下来 after things thrown down; a hole after the road caved in (那个坑
# 围起来没得). Never "请问在哪点？", a placeless ticket, nor "您是要撤销…吗？".
_AGAIN = re.compile(r"又|还在|还是|越来越|一直在|再次|接着")
_ACTS = "充倒丢扔抛砸堆挖烧养吵漏喂遛唱钻"
_SAME_ACT = str.maketrans("扔抛甩", "丢丢丢")  # 又在往下扔 after 往下丢东西: one doing
_HOLE = re.compile(r"坑|洞|窟窿")
_CAVED = re.compile(r"塌|陷|坑|洞|窟窿")
_BUILDING = re.compile(r"\d+\s*(?:栋|幢|号楼|单元)")
MORE_MAX = 30


# How many or how much of the report's own doing (停了好几辆 after 楼道里停了电瓶车, 堆了一大堆 after 堆满了纸壳子):
# more of it, never "请问在哪点？" (blind test 35, E33).
_HOW_MANY = re.compile(r"([停堆放摆倒丢扔养挂晒占拴])[了起着得]?"
                       r"(?:好几|好些|十几|几|[两三四五六七八九十]+|一大|好大|好多)(?:辆|个|堆|袋|包|箱|车|台|只|条|把|块|些|家|盆|坨)")


def may_be_more(text: str) -> bool:
    """Whether words alone could be more of a report's own trouble (short, 又/还在/越来越, a hole, or how many of it):
    `more_of_it`'s words, read before the report is looked up."""
    plain = "".join(_plain(text).split())
    return 0 < len(plain) <= MORE_MAX and (_AGAIN.search(plain) is not None or _HOLE.search(plain) is not None
                                           or _HOW_MANY.search(plain) is not None)


def more_of_it(report: str, text: str) -> bool:
    """Whether short words soon after the report `report` tell more of its own trouble: at it again or still
    (又, 还在, 越来越) with its doing (倒, 充, 丢) or its thing, how many of its doing (停了好几辆), or a hole where the
    road caved in; no other building, no danger."""
    plain = "".join(_plain(text).split())
    if not plain or len(plain) > MORE_MAX or triage.has_danger(plain):
        return False
    if any(b not in report for b in _BUILDING.findall(plain)):
        return False  # 5栋也在倒 after 3栋: somewhere else
    if _HOLE.search(plain) and _CAVED.search(report) and not things_in(plain) - things_in(report) - {"坑", "洞"}:
        return True
    many = _HOW_MANY.search(plain)
    if many is not None and many.group(1) in (report or "") and not things_in(plain) - things_in(report):
        return True  # 停了好几辆 过道都堵死了 after 楼道里停了电瓶车 (blind test 35, E33)
    said, theirs = plain.translate(_SAME_ACT), (report or "").translate(_SAME_ACT)
    return _AGAIN.search(plain) is not None and (any(a in said and a in theirs for a in _ACTS)
                                                 or bool(things_in(plain) & things_in(report)))


# What a thief took, said soon after the theft's report (丢了个电瓶车 after 家里遭偷了 小偷已经跑了, blind test 33's
# B111 kind: a second, placeless 110 emergency asking where): more of that report, for its holder.
_THEFT = re.compile(r"偷|贼|盗|撬|抢|扒手")
_TAKEN = re.compile(r"丢了|丢得|遭偷|被偷|偷了|偷走|拿走|拿起走|不见了|莫得了|没得了|没有了|少了|抢走|抢了")


def what_was_taken(report: str, text: str) -> bool:
    """Whether short words after a theft's report `report` say what went (丢了个电瓶车, 钱包也不见了), no danger."""
    plain = "".join(_plain(text).split())
    return 0 < len(plain) <= MORE_MAX and _THEFT.search(report or "") is not None \
        and _TAKEN.search(plain) is not None and not triage.has_danger(plain)


# What the report's trouble did since, said soon after it (blind test 33's B1 kind: 水都漫到电梯井了 was asked
# where, 楼梯好滑 刚才有人滑倒了 opened a placeless 119 emergency): where a leak's water got to, someone who
# slipped or tripped on a wet or broken way. One of the sender's own fallen at home is another matter.
_SPREAD = re.compile(r"(?:漫|流|淌|淹|渗|灌|浸|冒|滴|漏)(?:都)?(?:到|进|起|过)|进水了")
_LEAK = re.compile(r"漏|水管|爆管|渗|冒水|积水|水")
_WATER_GOT = re.compile(r"(?<!下)水(?!道)[^，,。]{0,4}(?:漫|流|淌|淹|渗|灌|浸|冒|滴|漏)")
_SLIPPED = re.compile(r"滑倒|滑了一跤|滑了一下|摔倒|摔了一跤|摔了|跌倒|跌了一跤|绊倒|栽倒|差点滑")
_SLIPPERY = re.compile(r"水|漏|滑|冰|油|坑|洞|井盖|台阶|楼梯|梯坎|烂|破|翘|松")
_OWN_ONE = re.compile(r"我(?:妈|爸|老|屋|家|婆|爷|公|奶|儿|女|孙|娃)")


def what_it_did(report: str, text: str) -> bool:
    """Whether short words soon after the report `report` tell what its trouble did since: where a leak's water got
    to (都流到一楼了, 漫到电梯井了), or someone who slipped on it (刚才有人滑倒了); no other building, no danger."""
    plain = "".join(_plain(text).split())
    if not plain or len(plain) > MORE_MAX or triage.has_danger(plain) or _ASKS.search(plain):
        return False
    if any(b not in report for b in _BUILDING.findall(plain)):
        return False
    # The water said to get somewhere (水都漫到电梯井了), or nothing of its own named: 下水道也漫起了 is the drain's
    spread = _SPREAD.search(plain) is not None and _LEAK.search(report or "") is not None \
        and (_WATER_GOT.search(plain) is not None or not fresh_thing(report, plain))
    # 差点把我绊倒 with a manhole of its own named is that manhole's report
    slipped = _SLIPPED.search(plain) is not None and _SLIPPERY.search(report or "") is not None \
        and _OWN_ONE.search(plain) is None and not fresh_thing(report, plain)
    return spread or slipped


# The driver gone after a crash with nobody hurt (司机跑了 after 车撞到花坛了 人没事, blind test 33's A69 kind, was
# asked 补充还是新问题): more of it, with the traffic police's number.
_CRASH = re.compile(r"撞|刮|追尾|碰|蹭")
_DRIVER_GONE = re.compile(r"(?:司机|开车的|车主|肇事|那个车|车子?)[^，,。\s]{0,4}(?:跑|走|溜|逃|开走)(?:脱|掉)?了|逃逸")
HIT_AND_RUN = "司机跑了可以打122报交警，记下车牌号或拍张照更好。"


def driver_gone(report: str, text: str) -> bool:
    """Whether short words after a crash's report `report` say the driver left (司机跑了, 开车的溜了)."""
    plain = "".join(_plain(text).split())
    return 0 < len(plain) <= MORE_MAX and _CRASH.search(report or "") is not None \
        and _DRIVER_GONE.search(plain) is not None and not triage.has_danger(plain)


def help_coming(text: str) -> bool:
    """120打了 说10分钟到: help called or on its way, for the sender's emergency."""
    plain = _plain(text)
    return _HELP_COMING.search(plain) is not None and not triage.has_danger(plain)


def elsewhere(text: str, ticket: Ticket) -> bool:
    """Whether the message names a building and the report another one (4栋 after 1栋101): another place."""
    mine = set(_BUILDING_NO.findall(_plain(text)))
    theirs = set(_BUILDING_NO.findall(_plain(f"{ticket.text} {ticket.place_text or ''}")))
    return bool(mine) and bool(theirs) and not (mine & theirs)


def whom(session: Session, ticket: Ticket) -> str:
    """"网格员李磊（13700000001）": who has the ticket, as the reporter is told; "工作人员" when nobody yet."""
    if ticket.assignee is None:
        return "工作人员"
    grid = any(r.role in GRID_ROLES for r in registry.roles_of(session, ticket.assignee.id))
    return ("网格员" if grid else "") + assignee_label(ticket.assignee)


def detail_asked(session: Session, ticket: Ticket) -> str:
    return DETAIL_ASKED.format(number=ticket.number, whom=whom(session, ticket))


# Who the other party is, asked (那个狗主人是哪家嘛, 车主是哪个, 楼上那家叫啥子): a question for the worker who has it,
# never a 补充 said and never a resident's details given (blind test 33, B19); its dog or car asked whose
# (那个狗是哪家的嘛, blind test 35, B19).
_WHO_ASKED = re.compile(r"(?:主人|车主|房主|房东|那家人?|那户|那个人|那些人|人家|邻居|楼上|楼下|隔壁|对门|狗|猫|车子?)"
                        r"[^，,。\s]{0,4}(?:是哪家|是哪户|是哪个|是哪些|是谁|是啥子人|住哪|住在哪|哪一家|哪家|哪户|哪栋|叫啥|叫什么)")
WHO_ASKED_CHARS = 20  # a question, not a report with a neighbour's number asked in it (someones_number.py)
PERSON_ASKED = "您问的已转告{whom}，住户信息不便在这里提供；工单{number}的处理结果会告诉您。"
PERSON_ASKED_NOTICE = "工单{number}反映人问：{said}"


def asks_who_they_are(text: str) -> bool:
    """那个狗主人是哪家嘛: who the other party of the report is, asked."""
    said = " ".join((text or "").split())
    return len(said) <= WHO_ASKED_CHARS and _WHO_ASKED.search(said) is not None


def person_asked(session: Session, ticket: Ticket, text: str) -> str:
    """The question passed to whoever holds the ticket (not added to it), the reply: they will say; no one's details."""
    if ticket.assignee is not None:
        said = " ".join(text.split())[:40]
        notify(session, ticket.assignee, PERSON_ASKED_NOTICE.format(number=ticket.number, said=said),
               ticket_id=ticket.id)
    return PERSON_ASKED.format(whom=whom(session, ticket) if ticket.assignee is not None else "街道值班人员",
                               number=ticket.number)


def worker_has_it(session: Session, ticket: Ticket) -> str:
    if ticket.assignee is None:
        return NOBODY_YET.format(number=ticket.number)
    return WORKER_HAS_IT.format(number=ticket.number, whom=whom(session, ticket))


def withdrawn_since(session: Session, address: str, since: datetime) -> Ticket | None:
    """The sender's ticket they withdrew after `since` (a second 撤了 withdraws nothing more)."""
    return session.scalar(select(Ticket).join(TicketEvent, TicketEvent.ticket_id == Ticket.id).where(
        Ticket.reporter_address == address, Ticket.status == "cancelled", TicketEvent.kind == "cancelled",
        TicketEvent.at >= since).order_by(TicketEvent.at.desc()).limit(1))


# How big, how bad or since when (有一米多长, 有脸盆那么大, 怕要垮, 从昨天晚上就开始了): more of the report.
_HOW_BAD = re.compile(r"(?:^|有|大概|差不多|起码|估计)(?:[一两三四五半几十]|\d)+多?(?:米|公分|厘米|指|寸|尺|丈|层楼)"
                      r"|(?:有|像)[^，,。\s]{1,6}那么(?:大|长|宽|深|高|粗)|(?:多|好)(?:长|宽|深|大)了?$"
                      r"|^(?:从|打)[^，,。\s]{1,8}(?:就|都)?(?:开始|起)"
                      r"|怕(?:是|要|会|是要){0,2}(?:垮|倒|塌|掉下来|砸到人|砸到)")


def says_how_bad(text: str) -> bool:
    """有一米多长 怕要垮, 有脸盆那么大, 从昨天晚上就开始了: how big, how bad or since when, of the report before."""
    return _HOW_BAD.search(" ".join((text or "").split())) is not None


# How long it has gone on (好几天了, 都叫了一个星期了, 两个月了): more of the report (blind test 28, B60, B97).
_HOW_LONG = re.compile(r"(?:几|[一两三四五六七八九十半]|\d)+(?:个)?多?(?:天|晚上?|夜|礼拜|星期|周|月|年|小时|钟头)"
                       r"多?了|好久了|好长时间了|(?:天天|每天|一直)都?(?:这样|是这样|这个样子)")
# What it does to people (有个老人差点踩下去, 老人爬不动, 晚上睡不着, 绊脚): more of the report (B55, B97, B99).
# What it keeps from getting through (消防车都进不来, 救护车开不进来; blind test 32, B30 was asked about): the same.
_TO_PEOPLE = re.compile(r"差点|差一点|险些|爬不动|走不动|爬不上|上不去|下不来|出不去|进不去|出不了门|睡不着|睡不好|"
                        r"进不来|出不来|过不去|过不来|开不进|开不出|走不通|通不过|"
                        r"没法睡|不敢(?:走|出门|过)|吓(?:到|死|一跳|人)|绊(?:倒|脚|了)|踩(?:空|下去|进去|到)")


def obvious_detail(report: str, text: str) -> bool:
    """Words that can only be more of the report `report`: how long it has gone on or what it does to people, short,
    naming no thing of their own and no problem the report does not (门口好吵 睡不着 after a leak is asked about)."""
    plain = _plain(text)
    asked = _ASKS.search(_HOW_LONG.sub(" ", plain)) is not None  # 好久了 says how long, 好久来 asks
    if len(_FILLER.sub("", plain)) > REMARK_MAX or fresh_thing(report, plain) or asked:
        return False
    if trouble_effects.felt(report, plain):
        return True  # 黑黢黢的 老年人上下楼怕摔 after a lamp out: what it does, when (blind test 34, L1, L14, L18)
    if triage.has_problem(plain) and not things_in(plain) & things_in(report):
        return False
    return _HOW_LONG.search(plain) is not None or _TO_PEOPLE.search(plain) is not None


# What to do now, asked right after the report (满屋都是 咋个办 after 下水道返水, blind test 33, B100: 答不上): what to
# do while help comes, and who has it; the words join the report.
_WHAT_NOW = re.compile(r"(?:咋个|怎么|咋|啷个|该咋个?|要咋个?)(?:办|整|弄|搞)|怎么是好|如何是好")
_WATER = re.compile(r"下水|返水|反水|倒灌|冒水|漫|淹|漏水|水管|爆管|爆了|地漏|马桶|化粪池|进水")
WATER_NOW = "先停用水、别冲厕所，用毛巾堵住地漏，贵重东西垫高；"
SAFE_NOW = "先注意安全，别自己动手弄；"
WHAT_NOW = "工单{number}已交给{whom}，会尽快来处理。"


def asks_what_now(report: str, text: str) -> bool:
    """满屋都是 咋个办 right after a report: what to do now about that report (short, naming no thing of its own)."""
    plain = _plain(text)
    return _WHAT_NOW.search(plain) is not None and len(_FILLER.sub("", plain)) <= REMARK_MAX \
        and not fresh_thing(report, plain) and not triage.has_danger(plain)


def what_now(session: Session, ticket: Ticket) -> str:
    """What to do while help comes (for water: stop using it, block the drain), and who has the ticket."""
    advice = WATER_NOW if _WATER.search(_plain(f"{ticket.text} {ticket.place_text or ''}")) else SAFE_NOW
    return advice + WHAT_NOW.format(number=ticket.number, whom=whom(session, ticket))
