"""The template registry: every kind of message gridbot sends a resident by SMS has an approved template,
read out of the very text the core and the dialogue produce; variables are typed and capped, and a
message with its 【signature】 is one SMS or an error."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from sqlalchemy import select

from bot.channels.sms_template.templates import SINGLE_SMS, TEMPLATES, TemplateError, for_message, match, render
from bot.core import council, lifecycle
from bot.store.message_models import OutboxMessage
from tests.conftest import RESIDENT, WORKER
from tests.core.council_factories import GROUP1, group_id, open_topic
from tests.core.helpers import RULES, make_report, submit_opened

SIGN = "网格通"
DOMAIN = yaml.safe_load((Path(__file__).resolve().parents[2] / "domain.yml").read_text(encoding="utf-8"))
# The dialogue's answers a resident gets by SMS after writing (the others answer staff, or come by WeChat).
RESIDENT_RESPONSES = ["utter_report_opened", "utter_report_opened_unassigned", "utter_report_merged",
                      "utter_urged", "utter_vote_recorded", "utter_vote_changed"]
SAMPLES = {"number": "T1023", "assignee": "李明", "title": "是否收缴垃圾清运费", "option": "赞成",
           "previous": "反对", "phone": "110", "name": "李明"}


def texts_to(db, address: str) -> list[str]:
    with db.session() as s:
        return list(s.scalars(select(OutboxMessage.text).where(OutboxMessage.recipient == address)
                              .order_by(OutboxMessage.id)))


def test_what_the_core_tells_a_reporter_has_a_template_for_every_step_of_a_ticket(demo_db, clock):
    with demo_db.session() as s:
        number = submit_opened(s, clock, make_report()).ticket.number
    with demo_db.session() as s:
        lifecycle.acknowledge(s, clock, RULES, number, WORKER)
    with demo_db.session() as s:
        lifecycle.start_work(s, clock, RULES, number, WORKER, note="已联系物业，明天来修")
    with demo_db.session() as s:
        lifecycle.resolve(s, clock, RULES, number, WORKER, "路灯换好了")
    told = texts_to(demo_db, RESIDENT)
    assert len(told) >= 3
    for text in told:
        found = match(text)
        assert found is not None, f"no template carries: {text}"
        assert number in render(*found, sign_name=SIGN)


def test_an_acknowledgement_with_the_workers_words_goes_by_the_progress_template(demo_db, clock):
    # Blind test 10, #69: the acknowledgement and the words are one notice now; template SMS carries it whole.
    with demo_db.session() as s:
        number = submit_opened(s, clock, make_report()).ticket.number
    with demo_db.session() as s:
        lifecycle.acknowledge(s, clock, RULES, number, WORKER, said="我马上过去 已经打了电力公司的电话")
    found = match(texts_to(demo_db, RESIDENT)[-1])
    assert found is not None and found[0] == "ticket_progress"
    assert render(*found, sign_name=SIGN).endswith(f"{number}正在处理：我马上过去 已经打了电力公司的电话")


def test_a_vote_notice_and_its_result_have_templates(demo_db, clock):
    with demo_db.session() as s:
        topic_id = open_topic(s, clock)
    with demo_db.session() as s:
        council.close_topic(s, clock, topic_id)
    with demo_db.session() as s:
        council.post_notice(s, clock, "本周六上午村委会发放防汛物资", council.electorate_of(groups=[group_id(s, 1)]))
    told = texts_to(demo_db, GROUP1[0])
    assert len(told) == 3
    kinds = [match(text)[0] if match(text) else None for text in told]
    assert kinds == ["vote_open", "vote_result", "notice"], told
    opening = render(*match(told[0]), sign_name=SIGN)
    assert re.search(r"回复 1 \S+ 2 \S+", opening)  # the numbered options survive: "1" is a ballot


@pytest.mark.parametrize("name", RESIDENT_RESPONSES)
def test_the_dialogues_answers_to_a_resident_have_templates(name):
    for variant in DOMAIN["responses"][name]:
        text = variant["text"].format(**{k: SAMPLES.get(k, "x") for k in re.findall(r"\{(\w+)\}", variant["text"])})
        assert match(text) is not None, f"{name}: no template carries {text}"


@pytest.mark.parametrize("kind", sorted(TEMPLATES))
def test_every_template_fits_one_sms_with_the_signature_and_typical_values(kind):
    params = {"number": "T102345", "name": "王小明", "phone": "13700000001", "code": "123456",
              "text": "路灯换好了，谢谢您的耐心", "title": "是否收缴垃圾清运费", "option": "赞成",
              "options": "回复 1 赞成 2 反对 3 弃权"}
    assert len("【网格通】" + render(kind, params, SIGN)) <= SINGLE_SMS


def test_a_long_free_text_variable_is_cut_to_fit_and_a_bad_typed_one_refused():
    text = render("notice", {"text": "通知" * 60}, SIGN)
    assert len("【网格通】" + text) <= SINGLE_SMS and text.endswith("…")
    with pytest.raises(TemplateError):
        render("one_time_code", {"code": "12ab"}, SIGN)
    with pytest.raises(TemplateError):
        render("contact_grid_worker", {"name": "李明", "phone": "call me"}, SIGN)
    with pytest.raises(TemplateError):
        render("notice", {"text": "详见 http://evil.example"}, SIGN)
    with pytest.raises(TemplateError):
        render("ticket_received", {"number": "T1023", "name": "李明"}, "很长" * 20)  # nothing to cut


def test_the_answers_to_the_sms_keywords_have_templates_word_for_word():
    from bot.messaging import optout

    for text in (optout.STOP_CONFIRMATION, optout.START_CONFIRMATION, optout.HELP_TEXT):
        found = match(text)
        assert found is not None and render(*found) == text


def test_free_text_no_template_carries_is_refused():
    with pytest.raises(TemplateError):
        for_message("您好！今天天气不错，随便聊聊。", {})


def test_a_resolve_without_a_note_goes_by_the_resolved_template_without_saying_it_twice(demo_db, clock):
    # Blind test 5, #58: "工单T1014已办结：已办结。请评价".
    with demo_db.session() as s:
        number = submit_opened(s, clock, make_report()).ticket.number
    with demo_db.session() as s:
        lifecycle.resolve(s, clock, RULES, number, WORKER, "")
    asked = texts_to(demo_db, RESIDENT)[-1]
    assert asked == f"工单{number}已办结，请评价：1 满意 2 基本满意 3 不满意"
    _, _, shown = for_message(asked, {}, SIGN)
    assert number in shown and shown.count("已办结") == 1 and "问题已处理" in shown
