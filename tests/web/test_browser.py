"""The workbench in Debian's chromium: sign-in and lockout, the queue and a filter, acting on a ticket
(the reporter gets the message on the simulator), scope (another grid's ticket is a 404), CSRF refusal,
export, statistics, a broadcast, a 常用回复 and 并单 with its split."""

import asyncio
import csv
import io
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
from openpyxl import load_workbook
from sqlalchemy import func, select

from bot.core.tickets import CATEGORY_NAMES
from bot.store.message_models import OutboxMessage
from bot.store.models import Ticket, TicketEvent
from bot.store.privacy_models import AuditEntry
from tests.conftest import DUTY_OFFICER, RESIDENT, WORKER
from tests.core.workbench_factories import (
    HB_GRID_2_WORKER,
    NEIGHBOUR_OUTSIDE_BUILDING,
    in_grid_1,
    in_hb_grid_2,
    unplaced,
)
from tests.waiting import eventually_sync
from tests.web.conftest import PNG, screenshot, sign_in


def national(phone: str) -> str:
    return phone.removeprefix("+86")


def status_and_events(gateway, number):
    with gateway.services.db.session() as s:
        ticket = s.scalar(select(Ticket).where(Ticket.number == number))
        return ticket.status, list(s.scalars(select(TicketEvent.kind).where(TicketEvent.ticket_id == ticket.id)
                                             .order_by(TicketEvent.id)))


def test_a_grid_worker_signs_in_sees_his_queue_and_signs_out(gateway, page):
    number = in_grid_1(gateway.services.db, gateway.clock)
    page.goto(f"{gateway.url}/staff/")
    assert "/staff/login" in page.url  # not signed in: sent to the form
    screenshot(page, "login")
    sign_in(page, gateway, national(WORKER))
    assert page.url == f"{gateway.url}/staff/"
    assert page.locator(".ticket .number").all_inner_texts() == [number]
    assert page.locator("[data-count=pending]").inner_text() == "1"
    screenshot(page, "queue")
    in_grid_1(gateway.services.db, gateway.clock, "井盖松了")  # a new report while the page is open
    page.evaluate("window.gridbotRefreshCounts()")  # what the page does every 30 s
    page.wait_for_function("document.querySelector('[data-count=pending]').textContent === '2'")
    cookie = next(c for c in page.context.cookies() if c["name"] == "gridbot_staff")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Lax" and not cookie["secure"]  # plain http here
    page.click("text=退出")
    assert "/staff/login" in page.url
    page.goto(f"{gateway.url}/staff/")
    assert "/staff/login" in page.url  # the session is gone


def test_five_wrong_passwords_lock_the_account_even_against_the_right_one(gateway, page):
    for n in range(4):
        sign_in(page, gateway, national(WORKER), f"wrong-{n}")
        assert "手机号或密码不对" in page.inner_text(".alert")
    sign_in(page, gateway, national(WORKER), "wrong-again")
    assert "已锁定" in page.inner_text(".alert")
    sign_in(page, gateway, national(WORKER))
    assert "已锁定" in page.inner_text(".alert") and "/staff/login" in page.url
    screenshot(page, "locked")


def test_the_queue_is_filtered_by_category_in_the_url(gateway, page):
    lamp = in_grid_1(gateway.services.db, gateway.clock, "阳光小区路灯坏了")
    rubbish = in_grid_1(gateway.services.db, gateway.clock, "楼道里垃圾好几天没人收", category="sanitation")
    sign_in(page, gateway, national(WORKER))
    assert set(page.locator(".ticket .number").all_inner_texts()) == {lamp, rubbish}
    page.click("summary:text('筛选')")
    page.select_option("select[name=category]", label=CATEGORY_NAMES["sanitation"])
    page.click("text=应用筛选")
    assert "category=sanitation" in page.url
    assert page.locator(".ticket .number").all_inner_texts() == [rubbish]
    screenshot(page, "queue-filtered")
    page.goto(f"{gateway.url}/staff/?q=路灯")
    assert page.locator(".ticket .number").all_inner_texts() == [lamp]


def test_acting_on_a_ticket_writes_the_sms_commands_events_and_the_reporter_hears_it(gateway, page):
    number = in_grid_1(gateway.services.db, gateway.clock)
    sign_in(page, gateway, national(WORKER))
    page.click(f"text={number}")
    assert national(RESIDENT) in page.inner_text(".reporter")  # staff with scope see the whole number
    screenshot(page, "ticket")
    page.click("button:text('接单')")
    assert "已接单" in page.inner_text(".ok")
    page.click("summary:text('回复反映人')")
    page.fill("form[action$='/reply'] textarea", "明天上午师傅来换灯")
    page.click("form[action$='/reply'] button")
    assert "已回复反映人" in page.inner_text(".ok")
    page.click("summary:text('办结')")
    page.fill("form[action$='/resolve'] textarea", "路灯已换好")
    page.set_input_files("form[action$='/resolve'] input[type=file]",
                         {"name": "灯.png", "mimeType": "image/png", "buffer": PNG})
    page.click("form[action$='/resolve'] button")
    assert "已办结" in page.inner_text(".ok")
    photo = page.locator("img[alt=整改照片]")
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=photo.element_handle())
    screenshot(page, "ticket-resolved")
    status, events = status_and_events(gateway, number)
    assert status == "resolved" and events[-3:] == ["acknowledged", "replied", "resolved"]
    heard = httpx.get(f"{gateway.url}/channels/simulator/outbox", params={"to": RESIDENT}).json()
    texts = [m["text"] for m in heard]
    assert any(number in t and "已接单" in t for t in texts)
    assert f"工单{number}：明天上午师傅来换灯" in texts
    assert any(number in t and "请评价" in t for t in texts)
    with gateway.services.db.session() as s:
        actions = set(s.scalars(select(AuditEntry.action).where(AuditEntry.subject == number)))
    assert {"ticket.viewed", "ticket.acknowledged", "ticket.replied", "ticket.resolved"} <= actions


def test_another_grids_ticket_is_not_found(gateway, page):
    theirs = in_hb_grid_2(gateway.services.db, gateway.clock)
    sign_in(page, gateway, national(WORKER))
    response = page.goto(f"{gateway.url}/staff/tickets/{theirs}")
    assert response is not None and response.status == 404
    assert "找不到" in page.inner_text("h1")
    screenshot(page, "not-found")
    assert page.locator(".ticket").count() == 0 or theirs not in page.content()


def test_a_form_without_its_csrf_token_is_refused_and_changes_nothing(gateway, page):
    number = in_grid_1(gateway.services.db, gateway.clock)
    sign_in(page, gateway, national(WORKER))
    page.goto(f"{gateway.url}/staff/tickets/{number}")
    page.eval_on_selector("form[action$='/ack'] input[name=csrf]", "input => input.value = 'forged'")
    page.click("button:text('接单')")
    assert "表单已过期" in page.inner_text("h1")
    screenshot(page, "refused")
    assert status_and_events(gateway, number)[0] == "assigned"


def test_the_duty_officer_dispatches_an_unplaced_report_to_a_grid(gateway, page):
    number = unplaced(gateway.services.db, gateway.clock)
    sign_in(page, gateway, national(DUTY_OFFICER))
    page.goto(f"{gateway.url}/staff/tickets/{number}")
    page.click("summary:text('分派')")
    page.select_option("select[name=target]", label="河滨社区第2网格")
    page.click("form[action$='/dispatch'] button")
    assert "已分派" in page.inner_text(".ok")
    screenshot(page, "ticket-dispatched")
    heard = httpx.get(f"{gateway.url}/channels/simulator/outbox", params={"to": HB_GRID_2_WORKER}).json()
    assert any(number in m["text"] for m in heard)


def test_the_duty_officer_reads_the_audit_trail_of_what_was_done(gateway, page):
    number = in_grid_1(gateway.services.db, gateway.clock)
    sign_in(page, gateway, national(WORKER))
    page.goto(f"{gateway.url}/staff/tickets/{number}")
    page.click("button:text('接单')")
    assert page.locator("text=审计记录").count() == 0  # a grid worker oversees nobody
    assert page.goto(f"{gateway.url}/staff/audit").status == 404
    page.context.clear_cookies()
    sign_in(page, gateway, national(DUTY_OFFICER))
    page.click("text=审计记录")
    trail = page.inner_text(".audit")
    assert "接单" in trail and number in trail and "查看工单" in trail and national(WORKER) not in trail
    screenshot(page, "audit")


def test_the_duty_officer_dispatches_the_selected_rows_to_one_grid(gateway, page):
    db, clock = gateway.services.db, gateway.clock
    first, second, kept = unplaced(db, clock), unplaced(db, clock, "垃圾没人清"), unplaced(db, clock, "井盖丢了")
    sign_in(page, gateway, national(DUTY_OFFICER))
    for number in (first, second):
        page.check(f"input[name=numbers][value={number}]")
    page.select_option(".bulkbar select", label="河滨社区第2网格")
    page.click("text=批量分派")
    assert "已分派2件" in page.inner_text("[role=status]")
    screenshot(page, "queue-bulk")
    assert [status_and_events(gateway, n)[0] for n in (first, second, kept)] == ["assigned", "assigned", "new"]
    heard = httpx.get(f"{gateway.url}/channels/simulator/outbox", params={"to": HB_GRID_2_WORKER}).json()
    assert {first, second} <= {n for m in heard for n in (first, second) if n in m["text"]}


def test_the_queue_exports_exactly_what_its_filters_show(gateway, page):
    db, clock = gateway.services.db, gateway.clock
    in_grid_1(db, clock, "阳光小区路灯坏了")
    rubbish = in_grid_1(db, clock, "楼道里垃圾好几天没人收", category="sanitation")
    in_hb_grid_2(db, clock, "河滨路垃圾没人收", category="sanitation")  # another grid's: never in his file
    sign_in(page, gateway, national(WORKER))
    page.goto(f"{gateway.url}/staff/?category=sanitation")
    screenshot(page, "queue-export")
    with page.expect_download() as csv_download:
        page.click("button:text('导出 CSV')")
    rows = list(csv.reader(io.StringIO(Path(csv_download.value.path()).read_text(encoding="utf-8-sig"))))
    assert [row[0] for row in rows[1:]] == [rubbish] and "反映人电话" not in rows[0]
    assert csv_download.value.suggested_filename.endswith(".csv")
    with page.expect_download() as xlsx_download:
        page.click("button:text('导出 Excel')")
    assert xlsx_download.value.suggested_filename.endswith(".xlsx")
    sheet = load_workbook(io.BytesIO(Path(xlsx_download.value.path()).read_bytes())).active
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == [rubbish]


def test_the_duty_officer_previews_and_sends_a_notice_and_sees_its_deliveries(gateway, page):
    sign_in(page, gateway, national(DUTY_OFFICER))
    page.click("nav >> text=宣传通知")
    page.select_option("select[name=unit]", label="幸福社区第1网格")
    page.select_option("select[name=topic]", label="防诈骗")
    page.fill("textarea[name=text]", "近期有冒充公检法的诈骗电话，要求转账的一律挂断，拨打96110咨询。")
    page.click("button:text('预览人数和条数')")
    reached = int(page.inner_text("[data-preview=count]"))
    assert reached > 0 and page.inner_text("[data-preview=parts]") == "1"
    screenshot(page, "broadcast-preview")
    page.click(f"button:text('确认发送给{reached}人')")
    assert f"已排队发送给{reached}人" in page.inner_text("[role=status]")
    assert page.inner_text("[data-delivery=pending]") == str(reached)
    with gateway.services.db.session() as s:
        queued = s.scalar(select(func.count()).select_from(OutboxMessage).where(OutboxMessage.kind == "broadcast"))
    assert queued == reached
    def resident_heard() -> bool:  # the outbox dispatcher's round, as the running gateway does it
        with ThreadPoolExecutor(1) as pool:  # Playwright's own event loop runs on this thread
            pool.submit(lambda: asyncio.run(gateway.services.dispatcher.run_once())).result()
        heard = httpx.get(f"{gateway.url}/channels/simulator/outbox", params={"to": RESIDENT}).json()
        return any("96110" in m["text"] for m in heard)

    eventually_sync(resident_heard)  # the first of the paced rows is due at once: the grid's first resident's
    page.reload()
    assert int(page.inner_text("[data-delivery=sent]")) >= 1
    screenshot(page, "broadcast")
    page.goto(f"{gateway.url}/staff/broadcasts")
    assert "幸福社区第1网格" in page.inner_text(".timeline")


def test_a_grid_worker_has_no_broadcasts_and_sees_his_own_statistics(gateway, page):
    in_grid_1(gateway.services.db, gateway.clock)
    in_hb_grid_2(gateway.services.db, gateway.clock)
    sign_in(page, gateway, national(WORKER))
    assert page.locator("nav >> text=宣传通知").count() == 0
    assert page.goto(f"{gateway.url}/staff/broadcasts").status == 404
    page.goto(f"{gateway.url}/staff/")
    page.click("nav >> text=统计")
    assert page.locator("svg.chart").count() == 2
    assert page.locator(".figures th[scope=row]").all_inner_texts() == ["幸福社区第1网格"]
    screenshot(page, "stats")


def test_a_reply_template_fills_the_reply_and_the_reporter_hears_it(gateway, page):
    number = in_grid_1(gateway.services.db, gateway.clock)
    sign_in(page, gateway, national(DUTY_OFFICER))
    page.click("nav >> text=常用回复")
    screenshot(page, "templates")
    page.context.clear_cookies()
    sign_in(page, gateway, national(WORKER))
    page.goto(f"{gateway.url}/staff/tickets/{number}")
    page.click("summary:text('回复反映人')")
    page.select_option("select[name=template]", label="转物业")
    filled = page.input_value("#reply-text")
    assert filled.startswith("已联系物业")
    page.click("form[action$='/reply'] button")
    assert "已回复反映人" in page.inner_text(".ok")
    heard = httpx.get(f"{gateway.url}/channels/simulator/outbox", params={"to": RESIDENT}).json()
    assert f"工单{number}：{filled}" in [m["text"] for m in heard]


def test_a_grid_worker_merges_a_duplicate_into_his_ticket_and_splits_it_back(gateway, page):
    db, clock = gateway.services.db, gateway.clock
    photo = gateway.services.photos.save(PNG)
    kept = in_grid_1(db, clock, "阳光小区3栋门口路灯坏了")
    other = in_grid_1(db, clock, "3栋那个路灯晚上不亮", sender=NEIGHBOUR_OUTSIDE_BUILDING, photos=(photo,))
    sign_in(page, gateway, national(WORKER))
    page.goto(f"{gateway.url}/staff/tickets/{kept}")
    page.click("summary:text('并单')")
    page.select_option("form[action$='/merge'] select", value=other)
    page.click("button:text('并入本单')")
    assert "已并单" in page.inner_text("[role=status]")
    assert "3栋那个路灯晚上不亮" in page.inner_text(".merged") and page.locator(".merged img").count() == 1
    screenshot(page, "ticket-merged")
    assert status_and_events(gateway, other)[0] == "merged"
    page.click(f"button:text('拆分 {other}')")
    assert "已拆分" in page.inner_text("[role=status]") and page.locator(".merged").count() == 0
    status, events = status_and_events(gateway, other)
    assert status == "assigned" and events[-2:] == ["merged", "split"]
