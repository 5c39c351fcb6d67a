"""How to read a message sent soon after a report (bot/core/followups.py holds what is done with it): a detail
(是3栋2单元, 她80多岁了), a new, different problem, unclear (ask which), a status check or an urge of it, a question of
safety, a wait accepted, a withdrawal, a plea for the worker, what to do meanwhile, a remark with a question, or none
of these; from the text and the classifier's guess (intent, category, a named place)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from bot.core import (
    after_report,
    cancelling,
    complaints,
    person_danger,
    place_followups,
    plain_details,
    return_questions,
    safety_questions,
    still_going,
    ticket_questions,
    triage,
    trouble_effects,
)
from bot.core.emergencies import reads_as_place
from bot.core.followup_words import (
    ASKS,
    NEIGHBOUR,
    NEW_PROBLEM,
    OWN_INTENTS,
    REFERS_BACK,
    STATUS_WORDS,
    URGE_WORDS,
    URGED,
    VOTE_WORDS,
    YES_NO,
    asks_progress,
)
from bot.core.lifecycle import reported_by
from bot.core.other_problem import (
    announces_report,
    another_thing,
    cannot_reach,
    fresh_thing,
    new_fault,
    new_subject,
    own_problem,
    own_report,
    party_news,
    says_cause,
    things_in,
)
from bot.core.places import grid_named_in
from bot.store.models import Ticket


def read_follow_up(session: Session, ticket: Ticket, text: str, intent: str, category: str | None) -> str:
    """How to read a message sent soon after the report `ticket`: "detail" (it joins the ticket), "new"
    (a report of its own), "ask" (unclear: ask which), "status" or "urge" (how is it going, nobody has
    come: about this ticket), "safety" (is it safe to do this: bot/core/safety_questions.py answers it), "accepted"
    (the wait the worker said accepted: 好嘛 明天就明天), "withdraw", "worker" (come and see), "what_now" (what to do
    meanwhile: 满屋都是 咋个办) or "detail_asked" (a remark with a question:
    bot/core/after_report.py) or "pass" (something else: a question, a command, an urge, a rating, an
    emergency)."""
    text = text.strip()
    if not text:
        return "pass"
    if VOTE_WORDS.search(text):
        return "pass"  # 我可以帮隔壁王大爷投一票不: a question about voting, answered (bot/core/council_words.py)
    if after_report.asks_who_they_are(text) and not triage.has_danger(text):
        return "person_asked"  # 那个狗主人是哪家嘛: a question for the worker, never a 补充 (blind test 33, B19)
    if return_questions.asks_who_fixes(text) and not triage.has_danger(text):
        return "status"  # 护栏那个哪个来修: answered with who holds it, never filed as a detail (blind test 35, DO4)
    if after_report.says_same_matter(text):
        return "detail"  # 就是刚才说的那个事: the report's own matter, never "您是要撤销…吗？" (blind test 35, L14)
    if place_followups.names_its_place(session, ticket.text, text):
        return "detail"  # 我说的是971栋背后那个垃圾站: where it is, never asked about nor "where?" (bt 35, E2)
    if plain_details.kept_out(ticket.text, text) and not triage.has_danger(text):
        return "pass"  # 小区保安不让外卖车进去 after a traffic light: a matter of its own (blind test 36, RD6n)
    if plain_details.asks_fix_there(text) and not triage.has_danger(text):
        return "detail_asked"  # 能不能在那里修个扶手嘛: about the report's place, never "在哪点？" (bt 36, E2b)
    if plain_details.of_the_report(ticket, text):
        return "detail"  # 三楼到四楼那一截, 车上全是泥水, a bare 河畔花园: never "是补充…？" (bt 36, E7b, E29)
    if trouble_effects.another_din(ticket.text, text) and not triage.has_danger(text) and asks_progress(text) is None:
        return "new"  # 楼上天天半夜拖椅子 吵死人了 after a blocked drain: never "是补充…？" (blind test 35, E21n)
    if YES_NO.search(text) and not REFERS_BACK.search(text) and asks_progress(text) is None \
            and not triage.has_problem(text) and not triage.has_danger(text) and not safety_questions.asks(text):
        return "pass"  # 礼拜天开不开门 after a rubbish report: a question answered, never a 补充 (blind test 34, E25)
    if after_report.accepts_wait(text):
        return "accepted"  # 好嘛 明天就明天 after 明天才通得到水: acknowledged, never a 补充 (blind test 31, B2)
    if person_danger.says_nobody_inside(text) and person_danger.names_lift(ticket.text) \
            and not triage.has_danger(text):
        return "detail"  # 没得人关在里头 就是电梯坏了不动 after the lift's report: more of it (blind test 31, B26b)
    if still_going.goes_on(ticket.text, text) \
            and (not triage.has_danger(text) or still_going.leak_floods(ticket.text, text)) \
            and (ticket.status == "reopened" or intent == "emergency"):
        # 楼下还在吵 咋个办 after a quarrel reopened, or the classifier's emergency soon after the report: more of it,
        # for its holder, never a new emergency (blind test 31, B71)
        return "detail"
    if still_going.stove_smoke(ticket.text, text) and not triage.has_danger(f"{ticket.text} {text}"):
        return "detail"  # 烟子大得很 after 楼道烧蜂窝煤: the stove's smoke, more of it (blind test 33, A46)
    if (after_report.what_was_taken(ticket.text, text) or after_report.what_it_did(ticket.text, text)
            or after_report.driver_gone(ticket.text, text)) \
            and asks_progress(text) is None:
        # 丢了个电瓶车 after 家里遭偷了, 水都漫到电梯井了 after a leak, 司机跑了 after a crash: more of it, never new
        return "detail"
    if after_report.more_of_it(ticket.text, text) and not ASKS.search(text) and asks_progress(text) is None \
            and not NEW_PROBLEM.search(text):  # 还有 坑里头积了好多水: said as another problem (no_junk)
        return "detail"  # 又有车来倒了 after dumping, 刚才又丢了个花盆下来 (blind test 33, A83, B9)
    if cannot_reach(text) and not own_problem(ticket.text, text) and not triage.has_danger(text) \
            and asks_progress(text) is None:
        return "detail"  # 楼上没人在家 电话也打不通 after a leak from upstairs: more of it (blind test 32, B27)
    if party_news(ticket.text, text) and not triage.has_danger(text) and asks_progress(text) is None:
        return "detail"  # 楼上的人回来了 说是他家水管爆了 after the leak: news of it (blind test 33, A42)
    if says_cause(ticket.text, text) and not triage.has_danger(text):
        return "detail"  # 热水器是水压太小打不燃 不是燃气的问题: the report put right (blind test 33, A40)
    if announces_report(text) and (another_thing(ticket.text, text) or own_problem(ticket.text, text)):
        return "new"  # 我要反映 好久没得人来收垃圾了 after a fall: a report, never an urge of the fall (#N27)
    if intent == "emergency" and ticket.priority != "immediate" and not triage.has_danger(text) \
            and things_in(text) & things_in(ticket.text):
        return "detail"  # 坑又变大了 今天又有人摔了, after the pit's report: more of it (blind test 8, #115)
    if (after_report.withdraws(text) or cancelling.solved_elsewhere(text)) \
            and _withdraws_another(session, ticket, text):
        return "withdraw"  # 灯那个不用修了 after the lamp and then rubbish: the lamp (blind test 30, A-B139)
    if after_report.withdraws(text) and not another_thing(ticket.text, text):
        return "withdraw"  # 算了 不报了 都是老邻居 (blind test 8, #13): this report, whatever the classifier says
    if (after_report.withdraws(text) or cancelling.solved_elsewhere(text)) and new_subject(ticket.text, text):
        return "withdraw"  # 2栋门口垃圾那个不用来了 after a leak: the one it names, or asked (blind test 24)
    if complaints.awaits_what_happened(ticket) and not triage.has_danger(text):
        return "detail"  # 我要找你们领导 投诉, asked what happened: what follows is what happened (blind test 28)
    if ticket.priority != "immediate" and after_report.says_how_bad(text) \
            and not things_in(text) - things_in(ticket.text) and not triage.has_danger(text):
        # 有一米多长 怕要垮 after a cracked wall: how big, how bad, since when (blind test 27, A-B112b); never
        # 煤烧起来了 烟好大 after coal piled: a fire, that ticket raised (blind test 32, B43)
        return "detail"
    if own_report(ticket.text, ticket.place_text, text) and not triage.has_danger(text):
        return "new"  # 有个老人家坐在路边 说找不到屋了 安居苑门口 after a broken barrier (blind test 24)
    # Time alone is no evidence (blind test 28, B-K7): a thing the report never names, said as a problem and no
    # question, is a report of its own (2栋楼道的窗户关不上 after a 减速带), never asked about nor joined.
    # A fault of its own said of it counts as a problem (晚上没得灯 好黑 after a 井盖, blind test 32, B154).
    if fresh_thing(ticket.text, text) and (intent == "report_issue" or triage.has_problem(text)
                                           or own_problem(ticket.text, text)) \
            and not ASKS.search(text) and not triage.has_danger(text) and not asks_progress(text):
        return "new"
    if trouble_effects.another_source(ticket.text, text) and not triage.has_danger(text) \
            and asks_progress(text) is None:
        return "new"  # 隔壁工地晚上还在打钻 吵死了 after 广场舞: a source of its own, never a 补充 (issue 17)
    if after_report.obvious_detail(ticket.text, text) and not triage.has_danger(text) and not URGED.search(text):
        return "detail"  # 好几天了, 有个老人差点踩下去, 我们8楼 老人爬不动: never "补充还是新问题？" (B55, B60, B99)
    if after_report.pleads_for_worker(text) and asks_progress(text) is None and not URGE_WORDS.search(text):
        return "worker"  # 麻烦网格员去看一哈嘛 (blind test 8, #59)
    if asks_progress(text) == "status" and ticket_questions.asks_minded(text):
        return "status"  # 路灯那个有人管没有哦 (blind test 10, #36, #93): a question, whatever the classifier says
    if ticket.priority != "immediate" and after_report.asks_what_now(ticket.text, text) \
            and not safety_questions.asks(text):
        return "what_now"  # 满屋都是 咋个办 after 下水道返水: what to do now, never 答不上 (blind test 33, B100)
    if safety_questions.asks(text) and not triage.has_danger(text):
        return "safety"  # 用水泼得不, after a bin on fire: answered, never a 补充 (blind test 27, C8)
    # A short remark the classifier cannot place (没得人受伤 就是不好走, blind test 8, #70 and #85): more of the report.
    remark = after_report.remark_on(text, intent, ticket.text)
    if intent in OWN_INTENTS and not remark:
        return "pass"
    if triage.has_danger(text) and (ticket.priority != "immediate" or category != ticket.category
                                    or not triage.same_danger(text, ticket.text)):
        return "pass"  # a new danger (water pouring in after a gas report): the engine raises the emergency
    engine_agrees = (intent == "check_status" and STATUS_WORDS.search(text)) or \
        (intent == "urge" and URGE_WORDS.search(text))
    progress = asks_progress(text)
    if progress is not None and not engine_agrees:
        return progress  # the engine took it for something else (a detail, a report): about this ticket all the same
    if remark and triage.has_problem(text) and after_report.asks_too(text):
        return "detail_asked"  # 整栋楼都莫得 是不是在修管子哦: the question is about the report, for its worker
    if ASKS.search(text) and not REFERS_BACK.search(text) and not (intent == "report_issue"
                                                                     and category == ticket.category):
        return "pass"  # its own question: answered, not held behind "补充还是新问题"
    if triage.information_request(text) is not None and not REFERS_BACK.search(text):
        return "pass"  # a question with no problem in it (娃娃转学要啥子手续): answered, never a detail
    if intent == "check_status" and STATUS_WORDS.search(text):
        return "pass"
    if intent == "urge" and URGE_WORDS.search(text):
        return "pass"
    if ticket_questions.kind_of(text) in ("when", "status") and not NEW_PROBLEM.search(text):
        return "status"  # 那个灯到底哪天修得好嘛: when it is fixed, answered with its state (blind test 27, A-B4)
    if NEW_PROBLEM.search(text):
        return "new"
    if (intent == "report_issue" or triage.has_problem(text)) and another_thing(ticket.text, text):
        return "new"  # a missing manhole cover after a crash, a burst pipe after a gas leak: its own ticket
    named = grid_named_in(session, text)
    if named is not None and ticket.unit_id is not None and named.id != ticket.unit_id:
        return "new"
    if intent == "report_issue" and category not in (None, ticket.category) and after_report.elsewhere(text, ticket):
        return "new"  # 4栋化粪池满了 after 1栋101漏水: another problem at another building (blind test 8, #97)
    if ticket.priority != "immediate" and triage.has_problem(text) and new_fault(ticket.text, text) \
            and (NEIGHBOUR.match(text) or not REFERS_BACK.search(text)):
        return "new"  # 他家漏水漏到我家了 after a blocked drain: 他 is a neighbour, not the report's (#R42)
    if REFERS_BACK.search(text):
        return "detail"
    if intent != "report_issue" and len(text) <= 20 and reads_as_place(session, text) \
            and not fresh_thing(ticket.text, text):
        return "detail"  # a place (是3栋2单元, 就在菜市场门口), not a problem of its own (水压好小: blind test 32, B3)
    if intent == "report_issue":
        if category == ticket.category:
            return "detail"
        # Another category than an emergency's (garbage after a fire, blind test 17, #49), or another category naming
        # a fault of its own (漏水, 灯坏了 after rubbish, blind test 10, #42, #101): a report of its own; asked only
        # when it could be either.
        return "new" if category is not None and (ticket.priority == "immediate" or own_problem(ticket.text, text)) \
            else "ask"
    if remark:
        return "detail_asked" if after_report.asks_too(text) else "detail"
    return "detail" if intent in ("check_status", "urge") else "pass"


def _withdraws_another(session: Session, ticket: Ticket, text: str) -> bool:
    """Whether a withdrawal's words name another open report of the sender's than `ticket`."""
    mine = reported_by(session, ticket.reporter_address or "", cancelling.CANCELLABLE) \
        if ticket.reporter_address else []
    meant = cancelling.cancel_meant(mine, text) if len(mine) > 1 else None
    return meant is not None and meant != ticket.number
