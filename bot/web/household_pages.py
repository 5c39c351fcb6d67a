"""住户 (households): the list with its filters, one household's page with the form that changes its 三色
and tags (a reason required), the counts by tag and colour per grid, community or village, the export
as a registry file, and the custom tags a secretary keeps for her community.

Every query goes through the signed-in staff member's scope: a household outside it is a 404, as one
that does not exist. Every form carries the session's CSRF token; every change goes through the core
(`households.change` → `change_household`, via "page") and into the audit log."""
# No `from __future__ import annotations`: FastAPI reads the routes' Annotated dependencies at definition.
from dataclasses import dataclass, replace
from typing import Annotated
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from bot.core import household_counts, households
from bot.core.exports import FORMATS
from bot.core.household_changes import COLOUR_NAMES, COLOURS
from bot.core.households import HouseholdError, HouseholdFilter
from bot.core.scopes import grids_in
from bot.web.cookies import csrf_matches
from bot.web.render import SECURITY_HEADERS, page
from bot.web.workbench import Staff, Workbench

NOTICES = {"changed": "已保存，变更已记入住户档案。", "tag_added": "已添加自定义标签。",
           "tag_removed": "已删除自定义标签。"}
ERRORS = {
    "no_reason": "请填写变更原因。", "nothing": "颜色和标签都没有变化。", "unknown_tag": "有标签不在标签库中：{detail}",
    "bad_colour": "请选择红、黄、绿之一。", "not_allowed": "您只能查看这户，不能修改。", "empty": "请填写标签名称。",
    "too_long": f"标签最多{households.TAG_MAX}个字。", "bad_char": "标签里不能有、，；/ 等分隔符号。",
    "duplicate": "已有同名标签（基础标签或本社区的自定义标签）。",
    "in_use": "还有住户带着这个标签：请先在住户页面去掉，再删除。",
}
VIA_NAMES = {"page": "工作台", "sms": "短信", "visit": "走访", "import": "导入"}
FIELD_NAMES = {"colour": "三色", "tag_added": "加标签", "tag_removed": "去标签"}
BY = {"grid": "网格", "community": "社区/村"}
DONE = {"add": "tag_added", "remove": "tag_removed"}


def attachment(filename: str, fallback: str) -> str:
    """Content-Disposition for a Chinese file name (RFC 6266/5987), with an ASCII one for old clients."""
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename)}"


@dataclass(frozen=True)
class ListQuery:
    """The list's URL: ?grid=XF-G1&colour=red&tag=大病&q=阳光小区&page=2."""

    grid: str = ""
    colour: str = ""
    tag: str = ""
    q: str = ""
    page: int = 1

    @classmethod
    def of(cls, request: Request) -> "ListQuery":
        q = request.query_params
        try:
            number = max(1, int(q.get("page", "1")))
        except ValueError:
            number = 1
        colour = q.get("colour", "")
        return cls(grid=q.get("grid", "")[:64], colour=colour if colour in COLOURS else "",
                   tag=" ".join(q.get("tag", "").split())[:32], q=q.get("q", "")[:100], page=number)

    def household_filter(self) -> HouseholdFilter:
        return HouseholdFilter(grid_code=self.grid or None, colour=self.colour or None, tag=self.tag or None,
                               text=self.q or None)

    def query_string(self, **changes: object) -> str:
        wanted = replace(self, **changes)  # type: ignore[arg-type]
        return urlencode({k: v for k, v in vars(wanted).items() if v and not (k == "page" and v == 1)})


def router(bench: Workbench) -> APIRouter:
    routes = APIRouter(prefix="/staff/households", include_in_schema=False)
    SignedIn = Annotated[Staff, Depends(bench.staff)]

    def missing(request: Request, staff: Staff) -> Response:
        return page(bench.pages, request, "not_found.html", {"staff": staff, "what": "这户住户"}, 404)

    def refused(request: Request, staff: Staff) -> Response:
        return page(bench.pages, request, "refused.html", {"staff": staff}, 403)

    @routes.get("", response_class=HTMLResponse)
    def listing(request: Request, staff: SignedIn) -> Response:
        wanted = ListQuery.of(request)
        with bench.db.session() as s:
            found = households.search(s, staff.scope, wanted.household_filter(), page=wanted.page)
            return page(bench.pages, request, "households.html", {
                "staff": staff, "q": wanted, "found": found, "grids": grids_in(s, staff.scope),
                "tags": households.tags_in_use(s, staff.scope), "COLOUR_NAMES": COLOUR_NAMES,
                "may_keep_tags": bool(households.tag_owners(s, staff.template_units))})

    @routes.get("/counts", response_class=HTMLResponse)
    def counted(request: Request, staff: SignedIn, by: str = "", unit: str = "") -> Response:
        # a grid worker's households are his grids', not the community's: grouped by grid unless he asks
        by = by if by in BY else "community" if staff.scope.everything or staff.scope.oversees else "grid"
        with bench.db.session() as s:
            found = household_counts.counts(s, staff.scope)
        chosen = found.row(int(unit)) if unit.isdigit() else None
        return page(bench.pages, request, "household_counts.html", {
            "staff": staff, "counts": found, "by": by, "BY": BY, "rows": found.rows(by), "chosen": chosen,
            "matrix": chosen.tally if chosen else found.total, "COLOUR_NAMES": COLOUR_NAMES})

    @routes.post("/export")
    def export(request: Request, staff: SignedIn, csrf: Annotated[str, Form()] = "",
               fmt: Annotated[str, Form()] = "csv") -> Response:
        """The households the list shows under the filters in this URL's query (every page of them)."""
        if not csrf_matches(staff.csrf, csrf):
            return refused(request, staff)
        if fmt not in FORMATS:
            return missing(request, staff)
        with bench.db.session() as s:
            made = household_counts.export(s, bench.clock, staff.scope, ListQuery.of(request).household_filter(),
                                           fmt, actor=f"person:{staff.person_id}")
        fallback = "households." + fmt
        return Response(made.content, media_type=made.content_type,
                        headers={**SECURITY_HEADERS, "Content-Disposition": attachment(made.filename, fallback),
                                 "X-Household-Count": str(made.count)})

    @routes.get("/tags", response_class=HTMLResponse)
    def tags(request: Request, staff: SignedIn, done: str = "", error: str = "") -> Response:
        with bench.db.session() as s:
            owners = households.tag_owners(s, staff.template_units)
            if not owners:
                return missing(request, staff)
            return page(bench.pages, request, "household_tags.html", {
                "staff": staff, "owners": owners, "kept": households.custom_tags(s, [u.id for u in owners]),
                "BASIC_TAGS": households.BASIC_TAGS, "TAG_MAX": households.TAG_MAX,
                "notice": NOTICES.get(done, ""), "error": ERRORS.get(error, "")})

    @routes.post("/tags/{action}")
    def keep_tag(request: Request, action: str, staff: SignedIn, csrf: Annotated[str, Form()] = "",
                 unit: Annotated[str, Form()] = "", name: Annotated[str, Form()] = "",
                 tag_id: Annotated[str, Form()] = "") -> Response:
        if action not in DONE or not staff.template_units:
            return missing(request, staff)
        if not csrf_matches(staff.csrf, csrf):
            return refused(request, staff)
        try:
            with bench.db.session() as s:
                if action == "add":
                    households.add_custom_tag(s, bench.clock, staff.template_units, int(unit or 0), name,
                                              staff.person_id)
                else:
                    households.remove_custom_tag(s, bench.clock, staff.template_units, int(tag_id or 0),
                                                 staff.person_id)
        except (HouseholdError, ValueError) as problem:
            reason = problem.reason if isinstance(problem, HouseholdError) else "not_found"
            if reason == "not_found":
                return missing(request, staff)
            return RedirectResponse(f"/staff/households/tags?error={reason}", status_code=303)
        return RedirectResponse(f"/staff/households/tags?done={DONE[action]}", status_code=303)

    @routes.get("/{code}", response_class=HTMLResponse)
    def household(request: Request, code: str, staff: SignedIn, done: str = "", error: str = "",
                  detail: str = "") -> Response:
        with bench.db.session() as s:
            found = households.visible(s, staff.scope, code)
            if found is None:
                return missing(request, staff)
            view = households.household_view(s, bench.clock, staff.scope, staff.person_id, found,
                                              full_numbers=staff.scope.oversees)
            return page(bench.pages, request, "household.html", {
                "staff": staff, "v": view, "h": found, "COLOUR_NAMES": COLOUR_NAMES, "VIA_NAMES": VIA_NAMES,
                "FIELD_NAMES": FIELD_NAMES, "shown_tags": list(dict.fromkeys([*view.known_tags, *(found.tags or [])])),
                "notice": NOTICES.get(done, ""), "error": ERRORS.get(error, "").format(detail=detail[:100])})

    @routes.post("/{code}/change")
    def change(request: Request, code: str, staff: SignedIn, csrf: Annotated[str, Form()] = "",
               colour: Annotated[str, Form()] = "", reason: Annotated[str, Form()] = "",
               tags: Annotated[list[str] | None, Form()] = None) -> Response:
        """Set the colour and exactly the ticked tags, with a reason (a history row per change)."""
        if not csrf_matches(staff.csrf, csrf):
            return refused(request, staff)
        with bench.db.session() as s:
            found = households.visible(s, staff.scope, code)
            if found is None:
                return missing(request, staff)
            back = f"/staff/households/{found.code}"
            try:
                households.change(s, bench.clock, staff.scope, staff.person_id, found,
                                  colour=colour, tags=tags or [], reason=reason[:256])
            except HouseholdError as problem:
                s.rollback()
                query = urlencode({"error": problem.reason, **({"detail": problem.detail} if problem.detail else {})})
                return RedirectResponse(f"{back}?{query}", status_code=303)
        return RedirectResponse(f"{back}?done=changed", status_code=303)

    return routes
