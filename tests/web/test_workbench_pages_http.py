"""The workbench's export, statistics, broadcasts and 常用回复 over HTTP: what each shows within the
signed-in staff member's scope, who gets a 404, and that a form without its CSRF token changes nothing."""

import csv
import io
import re

from openpyxl import load_workbook
from sqlalchemy import func, select

from bot.core.staff_accounts import set_password
from bot.store.message_models import OutboxMessage
from bot.store.outreach_models import Broadcast, ReplyTemplate
from bot.store.privacy_models import AuditEntry
from tests.conftest import DUTY_OFFICER, RESIDENT, WORKER
from tests.core.helpers import COMMUNITY_SECRETARY as XF_SECRETARY
from tests.core.workbench_factories import in_grid_1, in_hb_grid_2
from tests.web.conftest import signed_in

ROW = '<th scope="row">{}</th>'  # a group's row in the statistics' table


def csrf_of(page: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', page).group(1)


async def as_(http, phone: str, clock) -> str:
    """Signed in as this staff member (a password set first if needed); the session's CSRF token."""
    if phone not in (WORKER, DUTY_OFFICER):
        with http.services.db.session() as s:
            set_password(s, clock, phone, "gridbot-demo", actor="test")
    http.cookies.clear()
    assert (await signed_in(http, phone=phone)).status_code == 303
    return csrf_of((await http.get("/staff/")).text)


def read_csv(content: bytes) -> list[list[str]]:
    assert content.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def count(http, model, *where) -> int:
    with http.services.db.session() as s:
        return s.scalar(select(func.count()).select_from(model).where(*where))


# 导出

async def test_the_export_lists_exactly_what_the_queues_filters_show_and_nothing_outside_scope(http, clock):
    db = http.services.db
    in_grid_1(db, clock, "阳光小区路灯坏了")
    rubbish = in_grid_1(db, clock, "楼道里垃圾好几天没人收", category="sanitation")
    in_hb_grid_2(db, clock, "河滨路垃圾没人收", category="sanitation")
    csrf = await as_(http, WORKER, clock)
    queue = (await http.get("/staff/?folder=pending&category=sanitation")).text
    assert 'action="/staff/export?folder=pending&amp;category=sanitation"' in queue  # the queue's own filters
    answer = await http.post("/staff/export?folder=pending&category=sanitation",
                             data={"csrf": csrf, "fmt": "csv", "personal": "1"})
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/csv")
    assert "attachment" in answer.headers["content-disposition"]
    rows = read_csv(answer.content)
    assert [row[0] for row in rows[1:]] == [rubbish]
    assert "反映人电话" not in rows[0] and RESIDENT not in answer.text  # a grid worker's export holds nobody's number


async def test_a_secretary_may_take_the_reporters_numbers_in_an_xlsx_and_that_is_audited(http, clock):
    number = in_grid_1(http.services.db, clock)
    csrf = await as_(http, XF_SECRETARY, clock)
    assert "含反映人姓名" in (await http.get("/staff/")).text
    answer = await http.post("/staff/export", data={"csrf": csrf, "fmt": "xlsx", "personal": "1"})
    sheet = load_workbook(io.BytesIO(answer.content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert "反映人电话" in rows[0] and [number, RESIDENT] == [rows[1][0], rows[1][rows[0].index("反映人电话")]]
    assert count(http, AuditEntry, AuditEntry.action == "tickets.export") == 1


async def test_an_export_without_the_sessions_csrf_token_is_refused(http, clock):
    in_grid_1(http.services.db, clock)
    await as_(http, WORKER, clock)
    refused = await http.post("/staff/export", data={"fmt": "csv"})
    assert refused.status_code == 403 and "text/html" in refused.headers["content-type"]


# 统计

async def test_a_secretary_sees_her_communitys_figures_and_not_anothers(http, clock):
    db = http.services.db
    in_grid_1(db, clock)
    in_hb_grid_2(db, clock)
    await as_(http, XF_SECRETARY, clock)
    page = (await http.get("/staff/stats?by=community")).text
    assert ROW.format("幸福社区") in page and "河滨社区" not in page
    assert page.count("<svg") == 2  # the bar chart and the months' line, drawn on the server
    await as_(http, DUTY_OFFICER, clock)
    page = (await http.get("/staff/stats?by=community")).text
    assert ROW.format("幸福社区") in page and ROW.format("河滨社区") in page


async def test_the_statistics_count_only_the_days_asked_for(http, clock):
    in_grid_1(http.services.db, clock)
    await as_(http, WORKER, clock)
    today = clock.now().date()
    shown = (await http.get(f"/staff/stats?by=grid&since={today.isoformat()}")).text
    assert ROW.format("幸福社区第1网格") in shown
    later = (await http.get(f"/staff/stats?by=grid&since={today.replace(year=today.year + 1).isoformat()}")).text
    assert ROW.format("幸福社区第1网格") not in later and "这段时间没有工单" in later


# 宣传通知

async def test_a_grid_worker_cannot_broadcast(http, clock):
    csrf = await as_(http, WORKER, clock)
    assert "宣传通知" not in (await http.get("/staff/")).text
    assert (await http.get("/staff/broadcasts")).status_code == 404
    sent = await http.post("/staff/broadcasts", data={"csrf": csrf, "text": "注意防诈骗", "go": "send"})
    assert sent.status_code == 404 and count(http, Broadcast) == 0


async def test_the_duty_officer_previews_sends_and_sees_the_deliveries(http, clock):
    csrf = await as_(http, DUTY_OFFICER, clock)
    compose = (await http.get("/staff/broadcasts")).text
    grid = re.search(r'<option value="(\d+)"[^>]*>幸福社区第1网格</option>', compose).group(1)
    form = {"csrf": csrf, "unit": grid, "colour": "", "tag": "", "topic": "anti_fraud",
            "text": "近期有冒充公检法的诈骗电话，要求转账的一律挂断，拨打96110咨询。"}
    preview = (await http.post("/staff/broadcasts", data={**form, "go": "preview"})).text
    reached = int(re.search(r'data-preview="count">(\d+)<', preview).group(1))
    assert reached > 0 and 'data-preview="parts">1<' in preview and count(http, Broadcast) == 0
    sent = await http.post("/staff/broadcasts", data={**form, "go": "send"})
    assert sent.status_code == 303
    detail = (await http.get(sent.headers["location"])).text
    assert f"已排队发送给{reached}人" in detail and f'data-delivery="pending">{reached}<' in detail
    assert count(http, OutboxMessage, OutboxMessage.kind == "broadcast") == reached


async def test_a_secretary_cannot_broadcast_to_another_community_nor_see_its_notices(http, clock):
    csrf = await as_(http, DUTY_OFFICER, clock)
    compose = (await http.get("/staff/broadcasts")).text
    hb = re.search(r'<option value="(\d+)"[^>]*>河滨社区</option>', compose).group(1)
    sent = await http.post("/staff/broadcasts", data={"csrf": csrf, "unit": hb, "text": "河滨路今晚停水", "go": "send"})
    theirs = sent.headers["location"].split("?")[0]
    csrf = await as_(http, XF_SECRETARY, clock)
    assert ">河滨社区<" not in (await http.get("/staff/broadcasts")).text
    refused = await http.post("/staff/broadcasts", data={"csrf": csrf, "unit": hb, "text": "停水", "go": "send"})
    assert refused.status_code == 404 and count(http, Broadcast) == 1
    assert (await http.get(theirs)).status_code == 404


async def test_a_broadcast_without_the_sessions_csrf_token_sends_nothing(http, clock):
    await as_(http, DUTY_OFFICER, clock)
    refused = await http.post("/staff/broadcasts", data={"csrf": "forged", "text": "注意防诈骗", "go": "send"})
    assert refused.status_code == 403 and count(http, Broadcast) == 0


# 常用回复

async def test_a_secretary_edits_her_communitys_templates_and_a_grid_worker_has_no_such_page(http, clock):
    await as_(http, WORKER, clock)
    assert (await http.get("/staff/templates")).status_code == 404
    csrf = await as_(http, XF_SECRETARY, clock)
    page = (await http.get("/staff/templates")).text
    assert "已收到" in page and "防诈提醒" not in page  # her community's, not the subdistrict's
    first = re.search(r'name="template_id" value="(\d+)"', page).group(1)
    saved = await http.post("/staff/templates/update", data={"csrf": csrf, "template_id": first, "title": "已受理",
                                                             "text": "您反映的问题已受理，我们会尽快处理。"})
    assert saved.headers["location"].endswith("done=updated")
    assert "已受理" in (await http.get("/staff/templates")).text
    with http.services.db.session() as s:
        hb_template = s.scalar(select(ReplyTemplate.id).where(ReplyTemplate.unit_id != s.get(ReplyTemplate, int(first))
                                                              .unit_id, ReplyTemplate.title == "已收到").limit(1))
    refused = await http.post("/staff/templates/archive", data={"csrf": csrf, "template_id": str(hb_template)})
    assert refused.status_code == 404
    forged = await http.post("/staff/templates/create", data={"csrf": "forged", "unit": "1", "title": "x", "text": "y"})
    assert forged.status_code == 403


async def test_the_reply_form_offers_the_communitys_templates_and_sends_the_chosen_one(http, clock):
    number = in_grid_1(http.services.db, clock)
    csrf = await as_(http, WORKER, clock)
    page = (await http.get(f"/staff/tickets/{number}")).text
    chosen = re.search(r'<option value="(\d+)" data-text="([^"]+)">转物业</option>', page)
    assert chosen is not None
    answer = await http.post(f"/staff/tickets/{number}/reply", data={"csrf": csrf, "text": "",
                                                                    "template": chosen.group(1)})
    assert answer.headers["location"].endswith("done=reply")
    with http.services.db.session() as s:
        texts = list(s.scalars(select(OutboxMessage.text).where(OutboxMessage.kind != "broadcast")))
    assert f"工单{number}：{chosen.group(2)}" in texts


async def test_a_notice_past_one_sms_part_is_previewed_as_two_and_one_past_the_limit_is_not_sent(http, clock):
    csrf = await as_(http, DUTY_OFFICER, clock)
    two = "请注意防范电信诈骗。" * 8  # 80 characters: two parts of 67
    preview = (await http.post("/staff/broadcasts", data={"csrf": csrf, "text": two, "go": "preview"})).text
    assert 'data-preview="parts">2<' in preview and "确认发送" in preview
    too_long = "请注意防范电信诈骗。" * 14  # 140 characters: three parts, past SMS_MAX_PARTS (2)
    refused = await http.post("/staff/broadcasts", data={"csrf": csrf, "text": too_long, "go": "send"})
    assert refused.status_code == 409 and "内容太长" in refused.text and "确认发送" not in refused.text
    assert count(http, Broadcast) == 0
