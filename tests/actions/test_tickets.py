"""Ticket actions with a real tracker, a dispatcher and the project's domain."""

from sqlalchemy import select

from actions.council import ActionVote
from actions.emergency import ActionReportEmergency
from actions.tickets import (
    ActionCancelTicket,
    ActionCheckStatus,
    ActionRateService,
    ActionUrge,
    ActionWorkerTicket,
)
from bot.core import lifecycle, registration, registry, reports
from bot.core.routing_rules import DEFAULT_PATH, load_rules
from bot.core.tickets import Report
from bot.store.models import Ticket
from tests.actions.conftest import make_tracker
from tests.conftest import DUTY_OFFICER, RESIDENT, STRANGER, WORKER

RULES = load_rules(DEFAULT_PATH)


def open_one(ctx, text="我家楼下路灯坏了好几天了", category="roads") -> str:
    with ctx.db.session() as s:
        return reports.submit(s, ctx.clock, Report(text, category, RESIDENT, "simulator"), RULES).ticket.number


def status(ctx, number):
    with ctx.db.session() as s:
        return s.scalar(select(Ticket).where(Ticket.number == number))


def said(dispatcher, domain):
    [message] = dispatcher.messages
    assert message["response"] in domain["responses"]
    return message


def answered(dispatcher) -> str:
    """The one reply, as the staff desk wrote it (bot/core/staff_desk.py), within one SMS part."""
    [message] = dispatcher.messages
    assert message["response"] is None and len(message["text"]) <= 70
    return message["text"]


async def test_a_worker_acknowledges_by_message(action_context, dispatcher, domain):
    number = open_one(action_context)
    tracker = make_tracker(WORKER, f"收到 {number}", intent="worker_ack",
                           entities=[{"entity": "ticket_id", "value": number}])
    await ActionWorkerTicket().run(dispatcher, tracker, domain)
    assert answered(dispatcher) == f"好的，工单{number}已接单。办结后回复“{number} 已办结 处理情况”。"
    assert status(action_context, number).status == "acknowledged"


async def test_a_ticket_number_in_the_digits_only_form_is_accepted(action_context, dispatcher, domain):
    number = open_one(action_context)
    tracker = make_tracker(WORKER, f"工单{number[1:]} 已办结 路灯换好了", intent="worker_resolve",
                           metadata={"photos": ["photos/2026/ab.jpg"]})
    await ActionWorkerTicket().run(dispatcher, tracker, domain)
    assert answered(dispatcher) == f"工单{number}已办结，已请反映人评价。辛苦了！"
    done = status(action_context, number)
    assert (done.status, done.resolution_note, done.resolution_photo) == ("resolved", "路灯换好了",
                                                                          "photos/2026/ab.jpg")


async def test_someone_else_gets_a_clear_refusal(action_context, dispatcher, domain):
    number = open_one(action_context)
    await ActionWorkerTicket().run(dispatcher, make_tracker(STRANGER, f"收到 {number}", intent="worker_ack"), domain)
    message = said(dispatcher, domain)
    assert (message["response"], message["number"]) == ("utter_ticket_not_allowed", number)
    assert status(action_context, number).status == "assigned"


async def test_a_worker_message_without_a_number_is_asked_for_one(action_context, dispatcher, domain):
    await ActionWorkerTicket().run(dispatcher, make_tracker(WORKER, "收到", intent="worker_ack"), domain)
    assert answered(dispatcher) == "请带上工单号，比如“收到 T1023”。"


async def test_a_return_read_as_cancel_goes_to_the_duty_officer(action_context, dispatcher, domain):
    number = open_one(action_context)
    tracker = make_tracker(WORKER, f"退单 {number} 不是我们网格的", intent="cancel")
    await ActionCancelTicket().run(dispatcher, tracker, domain)
    assert "街道值班员会重新派单" in answered(dispatcher)
    assert status(action_context, number).status == "returned"
    with action_context.db.session() as s:
        from bot.store.message_models import OutboxMessage

        assert s.scalar(select(OutboxMessage.id).where(OutboxMessage.recipient == DUTY_OFFICER)) is not None


async def test_status_lists_the_reporters_open_tickets(action_context, dispatcher, domain):
    number = open_one(action_context)
    await ActionCheckStatus().run(dispatcher, make_tracker(RESIDENT, "我的投诉处理得咋样了", intent="check_status"),
                                  domain)
    message = said(dispatcher, domain)
    assert message["response"] == "utter_status" and number in message["lines"]
    text = domain["responses"]["utter_status"][0]["text"].format(**message)
    assert len(text) <= 70


async def test_status_with_nothing_open_says_so(action_context, dispatcher, domain):
    await ActionCheckStatus().run(dispatcher, make_tracker(STRANGER, "进度", intent="check_status"), domain)
    assert said(dispatcher, domain)["response"] == "utter_status_none"


async def test_urging_is_recorded(action_context, dispatcher, domain):
    number = open_one(action_context)
    await ActionUrge().run(dispatcher, make_tracker(RESIDENT, "催一下", intent="urge"), domain)
    assert said(dispatcher, domain) ["number"] == number
    assert status(action_context, number).urge_count == 1


async def test_impatience_about_a_policy_is_answered_never_an_urge_on_an_unrelated_ticket(action_context, dispatcher,
                                                                                           domain):
    """Blind test 8, #8, #144: 搬迁补助到底好久发得下来 urged the street-light ticket, then escalated it."""
    light = open_one(action_context)
    await ActionUrge().run(dispatcher, make_tracker(RESIDENT, "搬迁补助到底好久发得下来哦 等了半年了", intent="urge"),
                           domain)
    assert said(dispatcher, domain)["response"] == "utter_policy_answer"
    assert status(action_context, light).urge_count == 0


async def test_urging_with_several_open_names_the_one_urged_and_the_others_open(action_context, dispatcher, domain):
    light = open_one(action_context, "我屋头楼下那个路灯坏了 晚上黑黢黢的")
    other = open_one(action_context, "门口下水道堵了", category="sanitation")
    gas = open_one(action_context, "救命 屋头好大一股煤气味", category="housing_utilities")
    await ActionUrge().run(dispatcher, make_tracker(RESIDENT, "催一下", intent="urge"), domain)
    [reply] = [m["text"] for m in dispatcher.messages]
    assert reply.startswith(f"已催办最新的工单{gas}") and light in reply and other in reply and len(reply) <= 70
    dispatcher.messages.clear()
    await ActionUrge().run(dispatcher, make_tracker(RESIDENT, "路灯那个也催一下嘛", intent="urge"), domain)
    assert said(dispatcher, domain)["number"] == light
    assert [status(action_context, n).urge_count for n in (light, other, gas)] == [1, 0, 1]


async def test_a_resident_urging_her_own_ticket_by_number_urges_it_even_read_as_a_worker_command(
        action_context, dispatcher, domain):
    mine = open_one(action_context)
    open_one(action_context, "门口下水道堵了", category="sanitation")
    await ActionWorkerTicket().run(dispatcher, make_tracker(RESIDENT, f"催{mine}", intent="worker_ack"), domain)
    reply = said(dispatcher, domain)
    assert (reply["response"], reply["number"]) == ("utter_urged", mine)
    assert status(action_context, mine).urge_count == 1 and status(action_context, mine).status == "assigned"
    dispatcher.messages.clear()
    await ActionWorkerTicket().run(dispatcher, make_tracker(STRANGER, f"催{mine}", intent="worker_ack"), domain)
    assert said(dispatcher, domain)["response"] == "utter_ticket_not_allowed"  # someone else's: refused
    assert status(action_context, mine).urge_count == 1


async def test_a_bare_digit_after_a_rating_request_is_the_rating(action_context, dispatcher, domain):
    number = open_one(action_context)
    with action_context.db.session() as s:
        lifecycle.resolve(s, action_context.clock, RULES, number, WORKER, "修好了")
    # The NLU reads a bare digit as a vote: the vote action hands it over.
    events = await ActionVote().run(dispatcher, make_tracker(RESIDENT, "1", intent="vote"), domain)
    assert events == [{"event": "followup", "timestamp": None, "name": "action_rate_service"}]
    await ActionRateService().run(dispatcher, make_tracker(RESIDENT, "1", intent="vote"), domain)
    assert said(dispatcher, domain)["response"] == "utter_rated_closed"
    assert (status(action_context, number).status, status(action_context, number).rating) == ("closed", 1)


async def test_not_satisfied_reopens(action_context, dispatcher, domain):
    number = open_one(action_context)
    with action_context.db.session() as s:
        lifecycle.resolve(s, action_context.clock, RULES, number, WORKER, "修好了")
    await ActionRateService().run(dispatcher, make_tracker(RESIDENT, "不满意", intent="rate_service"), domain)
    assert said(dispatcher, domain)["response"] == "utter_rated_reopened"
    assert status(action_context, number).status == "reopened"


async def test_a_bare_digit_the_worker_read_as_a_ballot_is_not_taken_for_a_rating(action_context, dispatcher,
                                                                                   domain):
    number = open_one(action_context)
    with action_context.db.session() as s:
        lifecycle.resolve(s, action_context.clock, RULES, number, WORKER, "修好了")
    tracker = make_tracker(RESIDENT, "1", intent="vote", metadata={"answers": "ballot"})
    events = await ActionVote().run(dispatcher, tracker, domain)
    assert {"event": "followup", "timestamp": None, "name": "action_rate_service"} not in events
    assert status(action_context, number).status == "resolved"


async def test_a_reason_given_with_the_rating_reaches_the_worker(action_context, dispatcher, domain):
    number = open_one(action_context)
    with action_context.db.session() as s:
        lifecycle.resolve(s, action_context.clock, RULES, number, WORKER, "修好了")
    await ActionRateService().run(dispatcher, make_tracker(RESIDENT, "不满意 根本没修好", intent="rate_service"),
                                  domain)
    with action_context.db.session() as s:
        from bot.store.message_models import OutboxMessage

        last = s.scalars(select(OutboxMessage.text).where(OutboxMessage.recipient == WORKER)
                         .order_by(OutboxMessage.id.desc())).first()
    assert "根本没修好" in last


async def test_a_rating_with_nothing_to_rate_says_so(action_context, dispatcher, domain):
    await ActionRateService().run(dispatcher, make_tracker(RESIDENT, "满意", intent="rate_service"), domain)
    assert said(dispatcher, domain)["response"] == "utter_nothing_to_rate"


async def test_the_reporter_cancels_before_work_starts(action_context, dispatcher, domain):
    number = open_one(action_context)
    await ActionCancelTicket().run(dispatcher, make_tracker(RESIDENT, "不报了", intent="cancel"), domain)
    assert said(dispatcher, domain)["response"] == "utter_ticket_cancelled"
    assert status(action_context, number).status == "cancelled"


async def test_a_word_read_as_cancel_that_says_no_cancel_asks_and_withdraws_nothing(action_context, dispatcher,
                                                                                    domain):
    number = open_one(action_context)  # blind test 3, #11: "那个" cancelled the report
    await ActionCancelTicket().run(dispatcher, make_tracker(RESIDENT, "那个", intent="cancel"), domain)
    assert "撤销" in answered(dispatcher)
    assert status(action_context, number).status != "cancelled"


async def test_a_bare_cancel_long_after_the_report_asks_which_and_a_named_one_is_cancelled(action_context,
                                                                                         dispatcher, domain):
    number = open_one(action_context)  # blind test 3, #19: 取消 after a policy answer withdrew an older report
    action_context.clock.advance(minutes=31)
    await ActionCancelTicket().run(dispatcher, make_tracker(RESIDENT, "取消", intent="cancel"), domain)
    assert answered(dispatcher) == f"要撤销工单{number}吗？请回复“撤销 {number}”。"
    assert status(action_context, number).status != "cancelled"
    await ActionCancelTicket().run(dispatcher, make_tracker(RESIDENT, f"撤销 {number}", intent="cancel"), domain)
    assert status(action_context, number).status == "cancelled"


async def test_a_cancel_with_nothing_to_cancel_never_says_it_cancelled_something(action_context, dispatcher,
                                                                                  domain):
    await ActionCancelTicket().run(dispatcher, make_tracker(RESIDENT, "取消", intent="cancel"), domain)
    assert "没有可以撤销" in answered(dispatcher)  # blind test 4, #29: "已取消" with nothing cancelled


async def test_an_emergency_says_which_number_to_call_first(action_context, dispatcher, domain):
    tracker = make_tracker(RESIDENT, "楼下电瓶车烧起来了", intent="emergency", category="fire_safety")
    await ActionReportEmergency().run(dispatcher, tracker, domain)
    message, home = dispatcher.messages  # sent to the registered home: it says so
    assert (message["response"], message["phone"]) == ("utter_emergency", "119")
    assert home["text"].startswith("按您登记的住址")
    assert status(action_context, message["number"]).priority == "immediate"
    text = domain["responses"]["utter_emergency"][0]["text"].format(**message)
    assert text.startswith("情况紧急请先拨打119") and len(text) <= 70


def open_verification(ctx) -> str:
    with ctx.db.session() as s:
        return registration.request_verification(s, ctx.clock, RULES, STRANGER, "sms", "我是阳光小区的，换了号码"
                                                 ).ticket.number


async def test_resolving_a_verification_naming_the_old_number_moves_the_resident_to_the_new_one(
        action_context, dispatcher, domain):
    number = open_verification(action_context)
    await ActionWorkerTicket().run(dispatcher, make_tracker(WORKER, f"{number} 已办结 原号13900000001",
                                                            intent="worker_resolve"), domain)
    text = answered(dispatcher)
    with action_context.db.session() as s:
        moved = registry.person_by_address(s, STRANGER)
        assert moved is not None and registry.person_by_address(s, RESIDENT) is None
    assert text == f"工单{number}已办结，{moved.name}的登记已改用新号码，已通知本人。"
    assert status(action_context, number).status == "closed"  # blind test 4, #58: nobody rates a verification


async def test_resolving_a_verification_without_naming_the_resident_is_refused_with_the_forms(
        action_context, dispatcher, domain):
    number = open_verification(action_context)
    await ActionWorkerTicket().run(dispatcher, make_tracker(WORKER, f"{number} 已办结 打过电话了",
                                                            intent="worker_resolve"), domain)
    assert answered(dispatcher).startswith("请写明是哪位居民")
    assert status(action_context, number).status == "assigned"


async def test_a_verification_that_failed_closes_with_nothing_moved(action_context, dispatcher, domain):
    number = open_verification(action_context)
    await ActionWorkerTicket().run(dispatcher, make_tracker(WORKER, f"{number} 已办结 未核实",
                                                            intent="worker_resolve"), domain)
    assert answered(dispatcher) == f"工单{number}已办结，号码没有登记，已告诉来电人。"
    assert status(action_context, number).status == "closed"
    with action_context.db.session() as s:
        assert registry.person_by_address(s, STRANGER) is None


async def test_a_worker_asking_for_a_tickets_details_gets_its_whole_text_and_the_reporters_number(
        action_context, dispatcher, domain):
    long_text = "我家楼下路灯坏了好几天了，晚上黑漆漆的，老人出门怕摔跤，上次就有人在那里崴了脚，麻烦尽快来修一下"
    number = open_one(action_context, text=long_text)
    await ActionWorkerTicket().run(dispatcher, make_tracker(WORKER, f"{number} 详情", intent="worker_ack"), domain)
    head, *words = [message["text"] for message in dispatcher.messages]  # one SMS part each (blind test 28, B-S1)
    assert all(len(text) <= 70 for text in (head, *words)) and RESIDENT in head
    assert "".join(text.split("：", 1)[1] for text in words) == long_text
    assert status(action_context, number).status == "assigned"  # looking is not acknowledging


async def test_nobody_outside_the_chain_sees_a_tickets_details(action_context, dispatcher, domain):
    number = open_one(action_context)
    await ActionWorkerTicket().run(dispatcher, make_tracker(STRANGER, f"{number} 详情", intent="worker_ack"), domain)
    assert said(dispatcher, domain)["response"] == "utter_ticket_not_allowed"


async def test_a_worker_asking_for_their_tickets_gets_the_ones_they_hold(action_context, dispatcher, domain):
    first, second = open_one(action_context), open_one(action_context, "小区垃圾好几天没人收", "sanitation")
    await ActionCheckStatus().run(dispatcher, make_tracker(WORKER, "我的工单", intent="check_status"), domain)
    [message] = dispatcher.messages
    assert first in message["text"] and second in message["text"] and len(message["text"]) <= 70


async def test_a_worker_naming_a_ticket_in_a_status_question_gets_it_in_full(action_context, dispatcher, domain):
    number = open_one(action_context)
    await ActionCheckStatus().run(dispatcher, make_tracker(WORKER, f"{number}怎么样了", intent="check_status"),
                                  domain)
    [message] = dispatcher.messages
    assert "我家楼下路灯坏了好几天了" in message["text"] and RESIDENT in message["text"]


async def test_an_emergency_naming_no_place_asks_where_after_the_number_to_call(action_context, dispatcher, domain):
    await ActionReportEmergency().run(dispatcher, make_tracker(RESIDENT, "着火了 快来人", intent="emergency",
                                                               category="fire_safety"), domain)
    assert [m["response"] for m in dispatcher.messages] == ["utter_emergency", "utter_emergency_where"]
    assert len(domain["responses"]["utter_emergency_where"][0]["text"]) <= 70


async def test_an_emergency_naming_its_place_is_not_asked_where(action_context, dispatcher, domain):
    await ActionReportEmergency().run(dispatcher, make_tracker(RESIDENT, "阳光小区着火了", intent="emergency",
                                                               category="fire_safety"), domain)
    assert [m["response"] for m in dispatcher.messages] == ["utter_emergency"]


async def test_an_emergency_sent_to_the_registered_home_says_so_and_that_another_place_is_taken(
        action_context, dispatcher, domain):
    await ActionReportEmergency().run(dispatcher, make_tracker(RESIDENT, "楼道里电线在冒火花", intent="emergency",
                                                               category="fire_safety"), domain)
    [first, home] = dispatcher.messages
    assert first["response"] == "utter_emergency"
    assert home["text"].startswith("按您登记的住址") and "回复地点" in home["text"] and len(home["text"]) <= 70


async def test_an_emergency_naming_a_landmark_the_gazetteer_does_not_know_is_not_asked_where(
        action_context, dispatcher, domain):
    await ActionReportEmergency().run(dispatcher, make_tracker(STRANGER, "菜市场门口有个老人晕倒了 叫不醒",
                                                               intent="emergency", category="health"), domain)
    assert [m.get("response") for m in dispatcher.messages] == ["utter_emergency"]
    with action_context.db.session() as s:
        assert s.scalar(select(Ticket).order_by(Ticket.id.desc())).place_text == "菜市场门口"


async def test_an_insult_read_as_an_emergency_alerts_nobody_and_files_nothing(action_context, dispatcher, domain):
    from bot.store.message_models import OutboxMessage

    for insult in ("傻逼", "滚", "你们这些废物"):
        await ActionReportEmergency().run(dispatcher, make_tracker(RESIDENT, insult, intent="emergency",
                                                                   category="public_security"), domain)
    assert all(m["text"].startswith("您别急") for m in dispatcher.messages) and len(dispatcher.messages) == 3
    with action_context.db.session() as s:
        assert s.scalar(select(Ticket.id).where(Ticket.reporter_address == RESIDENT)) is None
        assert s.scalar(select(OutboxMessage.id).where(OutboxMessage.recipient == DUTY_OFFICER)) is None


async def test_a_complaint_with_an_insult_read_as_an_emergency_is_an_ordinary_ticket(action_context, dispatcher,
                                                                                      domain):
    await ActionReportEmergency().run(dispatcher, make_tracker(RESIDENT, "你们这些废物 路灯坏了半个月都不修",
                                                               intent="emergency", category="roads"), domain)
    message = said(dispatcher, domain)
    assert message["response"] == "utter_report_opened"
    assert status(action_context, message["number"]).priority != "immediate"


async def test_a_cancel_naming_the_pipe_cancels_the_pipe_ticket_and_a_bare_one_asks_which(action_context,
                                                                                           dispatcher, domain):
    # Blind test 5, #81: with the pipe and a newer garbage ticket open, "水管那个" cancelled the garbage one.
    pipe = open_one(action_context, "单元里水管漏水了 地上全是水", category="housing_utilities")
    garbage = open_one(action_context, "小区门口垃圾堆起好几天了没人收", category="sanitation")
    road = open_one(action_context)
    await ActionCancelTicket().run(dispatcher, make_tracker(RESIDENT, "不报了", intent="cancel"), domain)
    question = answered(dispatcher)
    assert "撤销哪件" in question and road in question
    assert {status(action_context, n).status for n in (pipe, garbage, road)} == {"assigned"}
    dispatcher.messages.clear()
    await ActionCancelTicket().run(dispatcher, make_tracker(RESIDENT, "不报了 水管那个我自己找人修了",
                                                            intent="cancel"), domain)
    message = said(dispatcher, domain)
    assert (message["response"], message["number"]) == ("utter_ticket_cancelled", pipe)
    assert (status(action_context, pipe).status, status(action_context, garbage).status) == ("cancelled", "assigned")


async def test_an_emergency_said_in_answer_to_where_is_raised_with_the_report_it_answers(action_context, dispatcher,
                                                                                          domain):
    tracker = make_tracker(STRANGER, "里头有人 我孙孙在里头", intent="emergency", category="other",
                           slots={"report_text": "电梯卡主了", "requested_slot": "place_text"})
    tracker.active_loop = {"name": "report_form"}
    await ActionReportEmergency().run(dispatcher, tracker, domain)
    [said, *_] = dispatcher.messages
    assert said["response"] == "utter_emergency" and "119" in said["phone"], said
    with action_context.db.session() as s:
        ticket = s.scalar(select(Ticket).where(Ticket.reporter_address == STRANGER).order_by(Ticket.id.desc()))
        assert ticket.severity == "critical" and "电梯卡主了" in ticket.text and "孙孙" in ticket.text, ticket.text
