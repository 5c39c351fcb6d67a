"""What a reporter says around a rating besides its score (blind test 5, #59, #93, #130).

- Right after the rating request, an approving word (`要得 谢谢你们哈`, `可以`, `好的`) is 满意: the person
  answered the question they were asked, in their own words.
- `2 灯是亮了 垃圾还没得人倒`: 基本满意 whose reason says part of the job is still not done. What the reporter
  expects is that part done, so the ticket is reopened for the same assignee with that text, as a 不满意
  with its reason is; the rating they gave (2) is kept on the rating event.
- Praise sent within the window after rating (`小李师傅动作快 点赞`), or as the satisfied rating's reason
  (`满意 李师傅来得快 点个赞`, blind test 28, A-B61), is thanked and passed to the assignee.
- `2 饭是送了 以后哪个管他嘛`, `2 管子是换了 但是楼下天花板泡坏了哪个赔` (blind test 8, #60, #96): the rating is kept
  and the ticket closed, but the new concern or question goes to the assignee; the reporter is told they will answer.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.common.clock import Clock
from bot.core import commands, registry, worker_praise
from bot.core.notify import notify, notify_address
from bot.core.tickets import event
from bot.store.models import Ticket, TicketFollower

SMS = 70
PRAISED = "谢谢您的鼓励！已转告工单{number}的承办人。"
# An answer that approves, at the start of a message right after the rating request (dialect too).
_APPROVAL = re.compile(r"^(?:要得|得行|可以|好的|好嘛|好哒|好|行|没问题|ok|嗯嗯?|中)")
_NEGATED = re.compile(r"不行|不可以|要不得|不要得|不得行|不好|不中|没用")
# Part of the job still not done: 垃圾还没得人倒, 还是不亮, 还在漏, 没人管, 没修好.
# 地上还是脏兮兮的 after 垃圾是拉了 (blind test 29, B92): the place still dirty, wet, in a mess.
_UNFINISHED = re.compile(r"还没|还莫|还是(?:不|没|莫|坏|漏|黑|堵|臭|满|在|脏|乱|湿|烂|一样|老样子)|还(?:脏|乱|湿)|"
                         r"还在|还是有点(?!慢|晚|久|远)|"
                         r"还有(?:点|些|一点|股)(?:味|气|臭|漏|水|烟|响|声|堵|脏)|还有.{0,8}(?:没|莫)|没得人|莫得人|没人"
                         r"|没有?(?:修|弄|搞|处理|倒|清|管|来|好)|莫(?:修|弄|搞|处理|倒|清|管|来)|没.{0,3}完"
                         # Blind test 30, B71, A-B92b: the problem back again (今天晚上又在吵) or still hanging there
                         # (线还吊起的, 门还开着) after a 2.
                         r"|又(?:在|开始|坏|漏|堵|响|吵|闹|停|黑|臭|来了|不)|还[^，,。\s]{1,4}(?:着|起的|起在|起了)"
                         # Blind test 31, A-B92b2, A-B14a2: 就是还有点晃, 还是关不上, 坡上还是滑 (a rating's reason).
                         r"|还有?点(?:晃|滑|松|摇|抖|渗|滴|漏|堵|吵|响|暗)|还是?(?:滑|晃|松|摇|抖)"
                         r"|还是[\u4e00-\u9fff]{1,2}不[上下开动来去住好亮通了]"
                         # Blind test 33, S2: 建渣是拉走了 但是地上还有一层灰 (what is left behind).
                         r"|还(?:有|剩|落)(?:一|好几|几)?(?:层|堆|摊|滩|块|些|点|地)[\u4e00-\u9fff]{0,2}"
                         r"(?:灰|土|泥|渣|水|垃圾|油|砖|沙|石)"
                         # Blind test 34, RT5: 马马虎虎 填得不平 (the job done badly: 修得不好, 扫得不干净, 装得歪起的).
                         r"|[\u4e00-\u9fff][得的](?:不|没|莫)(?:平|好|牢|稳|紧|直|正|干净|彻底|完|齐)"
                         r"|不平|坑坑洼洼|歪起|歪的|歪了")
# Praise of the work or the worker, besides a plain thanks (点个赞, 来得快, 态度好得很: blind test 28, A-B61, B88).
_PRAISE = re.compile(r"点个?赞|表扬|好评|👍|辛苦|动作快|速度快|效率高|好快|很快|挺快|来得快|(?<!不)及时|负责|认真|热心|"
                     r"耐心|不错|棒|给力|态度(?:很|真|非常|挺|蛮|特别)?好|服务(?:很|真|挺)?好|(?<!不)热情|周到|满意|"
                    # Blind test 34, RT10: 你们那个小周网格员人真好 (the person praised, greeting menu before).
                    r"人(?:真|很|挺|蛮|太|特别|非常|好)好(?![吵闹凶骂打烦多])|是个?好人")
# A question or a concern beside a satisfied rating: who pays, who looks after him now, but, what if.
# A thanks inside a rating, for the worker (帮我谢谢他, 谢谢周网格员: blind test 30, A25, A22a), or how he worked
# (手脚麻利).
_THANKS = re.compile(r"谢谢|感谢|多谢|谢了|麻利|利索|能干|靠谱|好人")
_CONCERN = re.compile(r"哪个|谁|咋个|咋办|怎么|啥子|什么|吗|[？?]|赔|以后|今后|但是|可是|不过|就是|只是|还有|另外|希望|"
                      r"建议|能不能|可不可以|要是|万一|担心|怕|"
                      # the wait complained of (还将就 就是来得慢了点, 勉强嘛 等了好几天: blind test 27, A-B57b)
                      r"慢|久|等了|拖了|拖得|好几天|半天|晚了|迟了")
CLOSED_CONCERN = "感谢评价！工单{number}已完结。您说的“{said}”已转告承办人，会给您答复。"
CLOSED_PRAISED = "感谢评价和鼓励！工单{number}已完结，您的表扬已转告承办人。"
_COMPLAINT = re.compile(r"不满|差|慢|不行|没|莫得|还是|还在|投诉")


def approves(text: str) -> bool:
    """An approving answer (要得, 可以, 好的) without a negation: 满意, when it answers the rating request."""
    t = text.strip().lower()
    return _APPROVAL.match(t) is not None and "不" not in t and _NEGATED.search(t) is None \
        and _COMPLAINT.search(t.replace("没问题", "")) is None


# Blind test 32 (B27): 楼上那个水管换好了 不漏了 谢谢杨网格员 under the rating request got 不客气, unrated: the job
# said done in the reporter's words (修好了, 灯亮了, 通了, 不漏了) with thanks or praise of it is 满意, not a question
# (修好了吗) and with nothing left undone (还是有点漏) or disputed.
_ASKED = re.compile(r"[吗么？?]|了没|(?:没有|没得|莫得|没)[嘛哦呢啊哈]?$")
_FINE = re.compile(r"没得?问题|没有问题|莫得问题|没得?事|没有事|莫得事")


def approves_in_words(text: str) -> bool:
    """Thanks or praise for a job the words say is done (换好了 不漏了 谢谢杨网格员, 灯亮了 辛苦你们了): 满意, when it
    answers the rating request."""
    said = " ".join(unicodedata.normalize("NFKC", text or "").split())
    if not said or _ASKED.search(said) or disputes_done(said) or says_unfinished(said):
        return False
    # Blind test 35 (W21): 现在好些了 谢谢 after the worker's 办结 and the rating request got a bare 不客气: thanks
    # saying it is better now answer the request, 满意 (as on a job still worked on they are noted on it); its 没得
    # (现在没得油烟了 谢谢) is the trouble gone, no complaint.
    if thanks_it_is_better(said):
        return True
    if _COMPLAINT.search(_FINE.sub("", said).replace("满意", "")) is not None:
        return False
    if praises(said) or (_THANKS.search(said) is not None and commands.says_done(said)):
        return True
    # Blind test 34 (S5, B146): 垃圾收走了 好了 (the job said done, then approved), 看到了 谢谢 (the job seen done,
    # thanked) under the rating request are 满意 too, not a goodbye or a bare 不客气.
    if (commands.says_done(said) and _APPROVED.search(said)) or (_SEEN.search(said) and _THANKS.search(said)):
        return True
    # Blind test 33 (B27): 谢谢周网格员帮忙调解, thanks naming the worker for what they did, right after the rating
    # request, is 满意 too, when it asks or worries about nothing besides; blind test 34 (B27 again): so is a bare
    # 谢谢周网格员 there, as 要得 谢谢李网格员 is (it got 不客气, unrated, the praise lost).
    return worker_praise.thanks_a_worker(said) and not raises_concern(said) and _QUESTION.search(said) is None


_APPROVED = re.compile(r"(?:^|\s)(?:好了|好的|好嘛|要得|得行|可以|行了|对的|是的|没得说)(?:[嘛哈啊呀的了]|\s|$)")
_SEEN = re.compile(r"^(?:我|都)?(?:看到|看见|瞧见|晓得|知道|收到)(?:了|的|啰|喽)")
_QUESTION = re.compile(r"啥|几时|哪天|多久|好久|什么时候|哪个时候|呢$|哦$")


def approval_reason(text: str) -> str:
    """The reason kept with an approving answer when it thanks a worker or praises (要得 谢谢李网格员: passed on to
    the worker, blind test 33, S3), else "" (要得 谢谢你们哈)."""
    said = " ".join(unicodedata.normalize("NFKC", text or "").split())
    rest = _APPROVAL.sub("", said.lower(), count=1).strip(" ，,。.!！~～")
    if not rest or raises_concern(rest):
        return ""
    return said if praises(rest) or worker_praise.thanks_a_worker(rest) else ""


# A rating given last, after its reason (建渣是拉走了 但是地上还有一层灰 2, blind test 33, S2): the score alone at
# the end, after a space, answering the rating request.
_TRAILING_SCORE = re.compile(r"^(?P<reason>.*[\u4e00-\u9fff].*?)[\s,，。]+(?P<score>[123一二三])(?:分)?[\s。.!！]*$")
_SCORES = {"1": 1, "2": 2, "3": 3, "一": 1, "二": 2, "三": 3}


def trailing_score(text: str) -> tuple[int, str] | None:
    """(score, reason) when the message ends with a bare 1/2/3 after its reason, else None."""
    said = " ".join(unicodedata.normalize("NFKC", text or "").split())
    found = _TRAILING_SCORE.match(said)
    if found is None or re.search(r"\d", found.group("reason")):
        return None
    return _SCORES[found.group("score")], found.group("reason").strip(" ，,。")


def says_unfinished(reason: str) -> bool:
    """The reason says part of the job is still not done (垃圾还没得人倒, 还是不亮)."""
    return bool(reason) and _UNFINISHED.search(reason) is not None


def praises(text: str) -> bool:
    """Praise of the work or the worker (小李师傅动作快 点赞), with no complaint in it."""
    return _PRAISE.search(text) is not None and _COMPLAINT.search(text.replace("满意", "")) is None


# The reporter saying the job said done is not (blind test 30, B2: 水都还没来 咋个就说办好了, 水还是没来 都一天了): a
# 不满意 on the ticket awaiting a rating, or one rated lately, with those words.
_DISPUTED = re.compile(r"(?:咋个|怎么|咋|凭啥|为啥|为什么|哪里)[^，,。\s]{0,3}说[^，,。\s]{0,3}"
                       r"(?:办好|修好|弄好|搞好|解决|办结|处理好|好了|完了|通了)"
                       r"|(?:根本|压根)还?(?:没|莫|不)|都还(?:没|莫)|还是(?:没|莫)|并没|没(?:有)?(?:办好|修好|弄好|搞好|解决|通)")


def disputes_done(text: str) -> bool:
    """Whether the reporter says the job said done is not (咋个就说办好了, 水都还没来, 根本没修好)."""
    return _DISPUTED.search(text) is not None


def thanks_or_praises(reason: str) -> bool:
    """A rating's reason that thanks or praises the worker (帮我谢谢他, 谢谢周网格员, 周师傅好负责 点个赞)."""
    return praises(reason) or (_THANKS.search(reason) is not None
                               and _COMPLAINT.search(reason.replace("满意", "")) is None)


def recently_rated(closed: list[Ticket], clock: Clock, window: timedelta) -> Ticket | None:
    """Of the sender's closed tickets, the one they rated (satisfied) within `window`, the latest."""
    since = clock.now() - window
    found = [t for t in closed
             if t.rating in (1, 2) and t.closed_at is not None and t.closed_at >= since]
    return max(found, key=lambda t: t.closed_at) if found else None


def pass_praise(session: Session, clock: Clock, ticket: Ticket, text: str, address: str) -> str:
    """Record the praise on the ticket, tell its assignee, and thank the sender (the reply)."""
    now = clock.now()
    said = " ".join(text.split())
    event(session, ticket, "praised", now, registry.person_by_address(session, address), note=said[:500])
    if ticket.assignee is not None:
        head = f"工单{ticket.number}反映人表扬："
        room = SMS - len(head)
        notify(session, ticket.assignee, head + (said if len(said) <= room else said[:room - 1] + "…"),
               ticket_id=ticket.id)
    return PRAISED.format(number=ticket.number)


def reopen_notice(ticket: Ticket, reason: str = "", *, unfinished: bool = False) -> str:
    """What the assignee hears when the reporter says it is not done: their reason, within one SMS part."""
    ack = f"回复“收到 {ticket.number}”接单"
    if not reason:
        return f"工单{ticket.number}反映人不满意，已重新打开，请再处理。{ack}"
    head = f"工单{ticket.number}反映人说还没办完：" if unfinished else f"工单{ticket.number}反映人不满意："
    tail = f"。已重新打开，{ack}"
    room = SMS - len(head) - len(tail)
    said = reason if len(reason) <= room else reason[:max(room - 1, 0)] + "…"
    return f"{head}{said}{tail}"


def raises_concern(reason: str) -> bool:
    """A satisfied rating's reason that asks or worries about something (以后哪个管他嘛), not praise or thanks."""
    return bool(reason) and _CONCERN.search(reason) is not None


def pass_concern(session: Session, ticket: Ticket, score: int, reason: str) -> None:
    """Tell the assignee what the reporter asked or worried about when rating the ticket done."""
    if ticket.assignee is None:
        return
    label = "满意" if score == 1 else "基本满意"
    head, tail = f"工单{ticket.number}反映人评{label}，还说：", "。请给反映人答复"
    room = SMS - len(head) - len(tail)
    said = reason if len(reason) <= room else reason[:max(room - 1, 0)] + "…"
    notify(session, ticket.assignee, f"{head}{said}{tail}", ticket_id=ticket.id)


# Blind test 36, RT2b: 亮是亮了 就是有点暗, 30 s after a 2, got "没太看懂". A remark on the job just rated: what was
# done granted (亮是亮了, 修是修好了, 好是好了) with a but. Words saying only that something is still undone are not
# enough: 水管还在滴 after a 不满意 is the reopened ticket's detail, and 楼道灯不亮了 还有垃圾桶满了 after a 满意 is a
# new report (the merged round 39's two cross-module failures).
# 亮倒是亮了, 修也是修了 (blind test 37, RT2b reworded: "您目前没有待评价的工单") grant it too.
_GRANTED = re.compile(r"([\u4e00-\u9fff])(?:倒|倒也|也|确实|到)?是\1[\u4e00-\u9fff]{0,2}(?:了|过了)")
REMARK_PASSED = "收到，工单{number}您说的“{said}”已转告承办人，会给您答复。"


def remarks_on_job(text: str) -> bool:
    """A remark on a job rated lately: what was done granted with a but (亮是亮了 就是有点暗)."""
    said = " ".join(unicodedata.normalize("NFKC", text or "").split())
    return bool(said) and _GRANTED.search(said) is not None and _CONCERN.search(said) is not None


def pass_remark(session: Session, clock: Clock, ticket: Ticket, text: str, address: str) -> str:
    """The remark recorded on the rated ticket, its assignee told; the reporter's reply."""
    said = " ".join(text.split())
    event(session, ticket, "reporter_update", clock.now(), registry.person_by_address(session, address),
          note=said[:500])
    pass_concern(session, ticket, ticket.rating or 2, said)
    return REMARK_PASSED.format(number=ticket.number, said=said if len(said) <= 16 else said[:15] + "…")


def closed_reply(number: str, reason: str) -> str | None:
    """The reporter's reply when their rating closed the ticket with a concern or praise passed on, else None."""
    if not raises_concern(reason):
        return CLOSED_PRAISED.format(number=number) if thanks_or_praises(reason) else None
    said = " ".join(reason.split())
    return CLOSED_CONCERN.format(number=number, said=said if len(said) <= 14 else said[:13] + "…")


# A ticket reopened by one of its reporters' ratings: the others, asked to rate it too, hear it is being redone
# (blind test 22, #72: the first reporter's 一般般嘛 met "没有待评价的工单", never told it had reopened).
REOPENED_FOR_OTHERS = "您反映的问题（{number}）有人说还没办好，已重新交办，办好后再请您评价。"
STILL_WORKING = "工单{number}又在处理了，办好后再请您评价。"


def tell_others_reopened(session: Session, ticket: Ticket, rater_address: str) -> None:
    """Every reporter of `ticket` but the one whose rating reopened it hears it is being redone."""
    text = REOPENED_FOR_OTHERS.format(number=ticket.number)
    told = {rater_address}
    if ticket.reporter_address not in told:
        told.add(ticket.reporter_address)
        notify_address(session, ticket.reporter_channel, ticket.reporter_address, text, ticket_id=ticket.id)
    for f in session.scalars(select(TicketFollower).where(TicketFollower.ticket_id == ticket.id,
                                                          TicketFollower.role == "reporter")):
        if f.address not in told:
            told.add(f.address)
            notify_address(session, f.channel, f.address, text, ticket_id=ticket.id)


# Blind test 34, W21: 现在好多了 谢谢 on a job still in progress got a bare 不客气: thanks saying it is better now are
# noted on the reporter's open ticket, its holder told (who may close it), the reporter told the rating comes then.
# The trouble gone in its own words (现在没得油烟了, 莫得烟子了, 不滴水了 — blind test 35's W21 family, unrated).
_GONE = r"油烟|烟子?|味道?|臭味|异味|怪味|气味|积水|声音|噪音|响声|动静|灰|蚊子|苍蝇|老鼠|蟑螂"
_BETTER = re.compile(rf"好多了|好些了|好点了|(?:味道|烟|水|声音)?没得了|解决了|"
                     rf"(?:没得|没有|莫得|没)(?:啥|什么|啥子)?(?:{_GONE})了|"
                     r"不(?:再)?(?:[吵臭漏响熏闹堵冒滴渗淌晃摇闪]|漏水|滴水|渗水|冒烟|冒水|发臭)了")
WORKED_ON = ("acknowledged", "in_progress", "reopened")
BETTER_NOTED = "不客气！已把您说的转告工单{number}的承办人，办结后会请您评价。"


def thanks_it_is_better(text: str) -> bool:
    """Thanks saying the trouble is better now (现在好多了 谢谢, 不臭了 多谢), asking and complaining of nothing."""
    said = " ".join(unicodedata.normalize("NFKC", text or "").split())
    return _THANKS.search(said) is not None and _BETTER.search(said) is not None and _ASKED.search(said) is None \
        and "是不是" not in said and not says_unfinished(said) and not disputes_done(said)


def note_better(session: Session, clock: Clock, ticket: Ticket, text: str, address: str) -> str:
    """The reporter's word that it is better, on `ticket` and to its holder; the reply."""
    said = " ".join(text.split())
    event(session, ticket, "reporter_update", clock.now(), registry.person_by_address(session, address),
          note=said[:500])
    if ticket.assignee is not None:
        head, tail = f"工单{ticket.number}反映人说：", f"。如已办好请回复“{ticket.number} 办结”"
        room = SMS - len(head) - len(tail)
        notify(session, ticket.assignee, head + (said if len(said) <= room else said[:room - 1] + "…") + tail,
               ticket_id=ticket.id)
    return BETTER_NOTED.format(number=ticket.number)


# Blind test 36, VS3b: 谢谢 那些人还在河边, after the worker's 进度, got a bare 不客气: thanks with the trouble said
# still going on (还在, 还是, 又来了) is news for the ticket's holder, not a goodbye.
NEWS_NOTED = "不客气！您说的已转告工单{number}的承办人。"


def thanks_with_news(text: str) -> bool:
    """Thanks with the trouble said to go on (谢谢 那些人还在河边, 谢谢哈 火还在烧), asking nothing."""
    said = " ".join(unicodedata.normalize("NFKC", text or "").split())
    return _THANKS.search(said) is not None and _ASKED.search(said) is None and says_unfinished(said)


def note_news(session: Session, clock: Clock, ticket: Ticket, text: str, address: str) -> str:
    """The reporter's news on `ticket` and to its holder; the reply."""
    said = " ".join(text.split())
    event(session, ticket, "reporter_update", clock.now(), registry.person_by_address(session, address),
          note=said[:500])
    if ticket.assignee is not None:
        head = f"工单{ticket.number}反映人说："
        room = SMS - len(head)
        notify(session, ticket.assignee, head + (said if len(said) <= room else said[:room - 1] + "…"),
               ticket_id=ticket.id)
    return NEWS_NOTED.format(number=ticket.number)
