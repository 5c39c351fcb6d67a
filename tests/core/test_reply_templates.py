"""Response templates (常用回复): kept per community by its secretaries, offered on its grids'
tickets, checked to fit one SMS part, audited."""

import pytest
from sqlalchemy import func, select

from bot.common.clock import FakeClock
from bot.common.sms_parts import segments
from bot.core import registry, reply_templates
from bot.core.reply_templates import TemplateError
from bot.store.db import Database
from bot.store.models import OrgUnit
from bot.store.privacy_models import AuditEntry
from tests.conftest import DUTY_OFFICER, WORKER
from tests.core.helpers import COMMUNITY_SECRETARY

HB_SECRETARY = "+8613800003001"


def unit(db: Database, code: str) -> int:
    with db.session() as s:
        return s.scalar(select(OrgUnit.id).where(OrgUnit.code == code))


def editable(db: Database, phone: str) -> frozenset[int]:
    with db.session() as s:
        return reply_templates.editable_units(s, registry.person_by_address(s, phone).id)


def test_who_keeps_which_templates(demo_db: Database):
    assert editable(demo_db, COMMUNITY_SECRETARY) == {unit(demo_db, "XF")}
    assert editable(demo_db, HB_SECRETARY) == {unit(demo_db, "HB")}
    assert editable(demo_db, "+8613800000401") == {unit(demo_db, "SQ")}
    assert editable(demo_db, WORKER) == frozenset()
    assert len(editable(demo_db, DUTY_OFFICER)) == 5  # the subdistrict, three communities, the village


def test_a_ticket_is_offered_its_communitys_templates_then_the_subdistricts(demo_db: Database):
    with demo_db.session() as s:
        offered = reply_templates.for_grid(s, unit(demo_db, "XF-G1"))
        unplaced = reply_templates.for_grid(s, None)
        text = reply_templates.reply_text(offered[0], "T1023")
    assert [t.title for t in offered][-1] == "防诈提醒" and len(offered) == 5
    assert {t.unit_id for t in offered[:4]} == {unit(demo_db, "XF")}
    assert [t.title for t in unplaced] == ["防诈提醒"]
    assert text.startswith("工单T1023：") and segments(text) == 1
    for template in offered:  # every seeded template fits one part with the longest ticket prefix
        assert segments(reply_templates.reply_text(template, "T99999")) == 1


def test_a_secretary_adds_changes_and_removes_her_communitys_templates(demo_db: Database, clock: FakeClock):
    mine = editable(demo_db, COMMUNITY_SECRETARY)
    xf = unit(demo_db, "XF")
    with demo_db.session() as s:
        before = s.scalar(select(func.count()).select_from(AuditEntry))
        made = reply_templates.create(s, clock, mine, xf, "约时间", "网格员明天上午上门，请留人在家。",
                                      actor="person:5")
    with demo_db.session() as s:
        reply_templates.update(s, clock, mine, made.id, "约时间", "网格员明天下午上门，请留人在家。", actor="person:5")
    with demo_db.session() as s:
        kept = {t.title: t.text for t in reply_templates.kept_by(s, mine)}
        assert kept["约时间"] == "网格员明天下午上门，请留人在家。" and len(kept) == 5
        reply_templates.archive(s, clock, mine, made.id, actor="person:5")
    with demo_db.session() as s:
        assert "约时间" not in {t.title for t in reply_templates.for_grid(s, unit(demo_db, "XF-G2"))}
        actions = list(s.scalars(select(AuditEntry.action).where(AuditEntry.id > before).order_by(AuditEntry.id)))
    assert actions == ["reply_template.created", "reply_template.updated", "reply_template.archived"]


def test_another_communitys_template_is_not_found_for_her(demo_db: Database, clock: FakeClock):
    mine = editable(demo_db, COMMUNITY_SECRETARY)
    with demo_db.session() as s:
        theirs = reply_templates.for_grid(s, unit(demo_db, "HB-G1"))[0]
        for attempt in (lambda: reply_templates.update(s, clock, mine, theirs.id, "改", "改掉", actor="person:5"),
                        lambda: reply_templates.archive(s, clock, mine, theirs.id, actor="person:5"),
                        lambda: reply_templates.create(s, clock, mine, unit(demo_db, "HB"), "新", "新的",
                                                       actor="person:5")):
            with pytest.raises(TemplateError) as refused:
                attempt()
            assert refused.value.reason == "not_found"
    with demo_db.session() as s:
        assert s.get(type(theirs), theirs.id).text == theirs.text


@pytest.mark.parametrize(("title", "text", "reason"), [
    ("", "有内容", "empty"),
    ("标题", "   ", "empty"),
    ("这是一个超过十六个字的很长很长的回复标题", "有内容", "title_too_long"),
    ("太长", "请" * 61, "too_long"),
    ("已收到", "换一种说法也不行，同名的已经有了。", "duplicate"),
])
def test_a_template_that_would_not_fit_or_repeats_a_title_is_refused(demo_db: Database, clock: FakeClock,
                                                                   title: str, text: str, reason: str):
    mine = editable(demo_db, COMMUNITY_SECRETARY)
    with demo_db.session() as s, pytest.raises(TemplateError) as refused:
        reply_templates.create(s, clock, mine, unit(demo_db, "XF"), title, text, actor="person:5")
    assert refused.value.reason == reason


def test_a_template_belongs_to_a_community_village_or_subdistrict_not_a_grid(demo_db: Database, clock: FakeClock):
    grid = unit(demo_db, "XF-G1")
    with demo_db.session() as s, pytest.raises(TemplateError) as refused:
        reply_templates.create(s, clock, {grid}, grid, "标题", "内容", actor="person:1")
    assert refused.value.reason == "wrong_unit"


def test_an_editor_is_shown_the_units_she_keeps_and_nobody_else_any(demo_db):
    with demo_db.session() as s:
        secretary = registry.person_by_address(s, COMMUNITY_SECRETARY)
        kept = reply_templates.editable_units(s, secretary.id)
        assert [u.name for u in reply_templates.owner_units(s, kept)] == ["幸福社区"]
        assert reply_templates.owner_units(s, frozenset()) == []
