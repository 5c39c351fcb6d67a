"""What a reply to a report's "where?" is when it is no place (blind test 10): whatever came next was swallowed as
the place (饭桶… 爬开 filed with the place "算了 懒得跟你说"; the greeting filed with the problem as its place).

- abuse or venting (关你啥子事, 哪点都不是 就是骂你): never a place, answered calmly, the place asked again;
- giving up (算了 懒得跟你说, 不说了): the pending report dropped, nothing filed;
- "it was a question" (我就是想问下律师 不是反映问题): the pending report dropped, the question answered;
- "I reported it before" (安居苑3栋 我前头报过的嘛): the sender's open ticket about it answered, never a duplicate;
- a question about another open ticket of theirs (消防栓那个搞得咋样了, 杂物清干净了没得哦): answered with its state,
  the place asked again, never the pending report's place (`ticket_asked`, blind test 29, B97, B138); one taken back
  by its thing (灯那个不报了 物业来换了, while 垃圾 waits for its place) is that ticket, never the pending report
  (`other_withdrawn`, blind test 29, B139);
- a problem (我们那栋楼的电梯坏了半个月了, 天天半夜剁排骨 吵得睡不着): the report's words, never a try at a place;
  the place words beside it, if any, are the place (`problem_place`); so is what the problem stops (洗不成澡) and
  a room of the home alone (厕所, 我家厨房: blind test 25, #8)."""

from __future__ import annotations

import re

from sqlalchemy.orm import Session

from bot.core import chatter, openers, ticket_questions, triage
from bot.core.cancelling import CANCELLABLE, cancel_meant
from bot.core.corrections import not_a_report
from bot.core.emergencies import landmark_in
from bot.core.followup_words import asks_progress
from bot.core.lifecycle import reported_by, ticket_meant_among
from bot.core.other_problem import things_in
from bot.core.tickets import OPEN_STATUSES
from bot.store.models import Ticket

# Giving up on telling (算了 懒得跟你说, 不说了, 不想说了), or taking the report back (不报了).
_GIVES_UP = re.compile(r"算了|不说了|不想说了?|懒得(?:跟你|给你|和你|同你)?(?:说|讲|报|理)|不报了|不用报|不报|拉倒|"
                       r"不弄了|不搞了|不要了")
# Said before (我前头报过的嘛, 之前反映过了, 早就报了): about the ticket they have, not a new one.
_REPORTED_BEFORE = re.compile(r"(?:前头|之前|以前|上次|早就|已经|前面|前几天|昨天|前天|刚才|早都)(?:都|就|也)?"
                              r"(?:报|反映|反应|说|讲)(?:过|了)|报过(?:的|了)|反映过|反应过")
# The remark itself, taken off to leave the place words (安居苑3栋 of "安居苑3栋 我前头报过的嘛").
_REMARK = re.compile(r"我?(?:前头|之前|以前|上次|早就|已经|前面|前几天|昨天|前天|刚才|早都)?(?:都|就|也)?"
                     r"(?:报|反映|反应|说|讲)(?:过|了)(?:的|了)?(?:嘛|噻|哦|啊|呀|哈|撒)*|"
                     r"(?:嘛|噻|哦|啊|呀|哈|撒)+$")

# What the problem stops at home (洗不成澡, 做不成饭, 睡不着, 用不了), or a room or corner of the home alone
# (厕所, 厨房, 我家卫生间): more of the problem, never a failed place (blind test 25, #8: "洗不成澡" met
# "没找到这个地方").
_CONSEQUENCE = re.compile(r"(?:洗|做|煮|烧|睡|用|开|关|冲|住|吃|喝|上|出|进|晒|看|烤)"
                          r"不(?:成|了|着|好|起|动|进|出|去|来)|"
                          r"没(?:法|办法|得法)(?:洗|做|煮|烧|睡|用|住|吃|喝|上)|不能(?:洗|做|煮|烧|睡|用|住|吃|喝|上)")
# A thing that stopped working, said after it was named (屋头热水器 → "不出热水了 三天了", blind test 26, A18 met
# "没找到这个地方" and the ticket lost the fault): more of the problem.
_STOPPED = re.compile(r"不出(?:热水|冷水|水|气|火|电|声)|(?:打|点)不燃|"
                      r"(?:没|莫)(?:得|有)?(?:热水|冷水|水|电|气|信号)了|不(?:亮|热|制冷|制热|转|响|动|通|出水)了")
_ROOM = re.compile(r"^(?:我|我们|我家|我们家|屋头|屋里|家里|家头|就是|是|在)*的?"
                   r"(?:厕所|卫生间|洗手间|厨房|灶房|灶屋|阳台|客厅|堂屋|卧室|睡房|房间|浴室|洗澡间|楼顶|天台|地下室|储藏室)"
                   r"(?:里|头|里头|里面|那|那里|那边|这边)?(?:嘛|哈|哦|啊|噻|呢)?$")

# A thing of the home or the estate alone, maybe with the room it is in (厨房水管, 我家天然气, 屋头热水器): the
# subject of the problem, its fault to follow, never a failed place (blind test 27, A26 and A29 met "没找到这个地方").
_THING = re.compile(r"^(?:我|我们|我家|我们家|屋头|屋里|家里|家头|就是|是|那个|这个)*的?"
                    r"(?:厕所|卫生间|厨房|灶房|阳台|客厅|卧室|房间|浴室|楼道|楼顶)?(?:里|头|里头|的)?"
                    r"(?:水管|管子|水龙头|龙头|水表|天然气|煤气|燃气|气表|燃气灶|灶|热水器|电表|电闸|插座|电线|电灯|灯|"
                    r"电视|空调|冰箱|洗衣机|马桶|地漏|下水道|抽油烟机|油烟机|窗子|窗户|门锁|防盗门|屋顶|房顶|墙|暖气)"
                    r"(?:嘛|哈|哦|啊|噻|呢)?$")
OTHER_WITHDRAWN = "好的，工单{number}已撤销。"
ASKED_AGAIN = "请问在哪点？刚才说的问题还没登记，请回小区和楼栋，也可以发个位置。"  # a "place" question (answers.py)
GAVE_UP = "好的，这次先不登记了。以后有事随时发消息，我们都在。"
NOT_FILED = "好的，不算反映问题，没有登记。"
ASK_IT = "您想问什么，直接说就行。"
ABUSE_ASKED_AGAIN = "您别急，我们在听。请说说在哪个小区、街道或村组，也可以发个位置。"


def reading(text: str) -> str | None:
    """"abuse", "gives_up", "not_a_report", "reported_before" or "problem" for a reply to "where?" that is not only a
    place; None for what may be one. A danger is none of these (the form and the emergency flows have it)."""
    if not text.strip() or triage.has_danger(text):
        return None
    if triage.abuse_only(text):
        return "abuse"
    if not_a_report(text):  # 我就是想问下律师 不是反映问题: a question, nothing to file (blind test 31, B113b)
        return "not_a_report"
    if _GIVES_UP.search(text) is not None and not triage.has_problem(_GIVES_UP.sub(" ", text)):
        return "gives_up"
    if _REPORTED_BEFORE.search(text) is not None:
        return "reported_before"
    if triage.has_problem(text) or more_of_problem(text):
        return "problem"
    return None


def more_of_problem(text: str) -> bool:
    """洗不成澡, 睡不着 (what the problem stops), 不出热水了 (a thing stopped), 厕所, 我家厨房 (where in the home), or
    厨房水管, 我家天然气 (the thing alone): more of the problem."""
    bare = re.sub(r"[\s，,。.!！~～、…]+", "", text)
    return _CONSEQUENCE.search(bare) is not None or _ROOM.match(bare) is not None or _STOPPED.search(bare) is not None \
        or _THING.match(bare) is not None


def place_beside(text: str) -> str:
    """The place words left beside a remark that it was reported before ("安居苑3栋"), else ""."""
    return " ".join(_REMARK.sub(" ", text).split())


def problem_place(text: str) -> str:
    """The place a problem told in answer to "where?" names ("安居苑二期7栋后面"), else ""."""
    return landmark_in(" ".join(text.split()))


def report_with(report_text: str, answer: str) -> str:
    """The report's words once the answer to "where?" told the problem: an introduction or an opener with no
    problem (你好 我是安居社区的 搬过来两年了, 我要反映个事) is dropped; what was said before (我跟你说 我们楼上那家,
    那个化粪池, or a problem already told) begins it."""
    said, answer = openers.without_calling(report_text), " ".join(answer.split())
    if not said or chatter.introduces_only(said) or openers.says_no_problem_yet(said):
        return answer
    return f"{said} {answer}"


def reported_before(session: Session, sender: str, report_text: str) -> Ticket | None:
    """The sender's open ticket the pending report is about (its words shared), else their newest open one."""
    mine = reported_by(session, sender, OPEN_STATUSES)
    if not mine:
        return None
    meant = ticket_meant_among(mine, report_text)
    return next((t for t in mine if t.number == meant), mine[0])


# Laughter or words at us before a place ("哈哈哈 你们都是憨包 阳光小区", blind test 26, B49 was held whole as the
# place).
_ASIDE = re.compile(r"^(?:哈|呵|嘿|嘻)+$|你们|憨包|哈包|傻|瓜娃|笨蛋|神经")


def without_asides(text: str) -> str:
    """A place sent alone without the laughter or words at us before it: "阳光小区" of "哈哈哈 你们都是憨包
    阳光小区"."""
    clauses = text.split()
    while len(clauses) > 1 and _ASIDE.search(clauses[0]) is not None:
        clauses.pop(0)
    return " ".join(clauses)


# Whether a thing is done yet (杂物清干净了没得哦, 垃圾拉走没得): a question about a report.
_DONE_YET = re.compile(r"(?:了|好|完|走|掉|干净|修|换|弄|搞)(?:没得|没有|没|莫得)[\s哦噢嘛呢啊哈呀?？!！。~～]*$")


def asks_about_ticket(text: str) -> bool:
    """Whether the words ask how a report is going or whether it is done (消防栓那个搞得咋样了, 杂物清干净了没得哦)."""
    return asks_progress(text) == "status" or ticket_questions.kind_of(text) in ("when", "status") \
        or _DONE_YET.search(text) is not None


def ticket_asked(session: Session, sender: str, text: str) -> Ticket | None:
    """The sender's open ticket a reply to "where?" asks about instead (the one its words name, else their newest),
    or None when it asks nothing of one or they have none."""
    if not asks_about_ticket(text) or landmark_in(text):
        return None
    mine = reported_by(session, sender, OPEN_STATUSES)
    if not mine:
        return None
    meant = ticket_meant_among(mine, text)
    return next((t for t in mine if t.number == meant), mine[0])


def other_withdrawn(session: Session, sender: str, report_text: str, text: str) -> str | None:
    """The number of the sender's open ticket a giving-up reply to "where?" takes back by naming its thing
    ("灯那个不报了 物业来换了" with a lamp ticket open, while a 垃圾 report waits for its place); None when the words
    name no thing, name the pending report's own, or no one ticket of theirs."""
    if _GIVES_UP.search(text) is None:
        return None
    named = things_in(text)
    head = _THAT_ONE.match(text.strip())
    if not named and head is None:
        return None
    if named & things_in(report_text) or (head is not None and head.group(1) in report_text):
        return None
    tickets = [t for t in reported_by(session, sender, CANCELLABLE)
               if (things_in(t.text) & named) or (head is not None and head.group(1) in t.text)]
    return tickets[0].number if len(tickets) == 1 else (cancel_meant(tickets, text) if tickets else None)


# The thing a withdrawal names before 那个 (灯那个不报了): what the ticket it means says.
_THAT_ONE = re.compile(r"^([\u4e00-\u9fff]{1,4}?)(?:的)?(?:那个|那件|那儿|那里)")
