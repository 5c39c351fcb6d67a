"""Reading ticket numbers and worker commands out of free text (after the NLU normaliser).

Accepted forms: T1023, t1023, Ｔ１０２３, 工单1023, 单号1023, 工单号码: 1023, 1023号, and a bare 1023.

A report mentions other numbers, and one read as a ticket number turns the report into a look-up
of that ticket (and the report is lost). So 1023号 and a bare number are not ticket numbers when
they look like a phone number: seven digits or more (mobiles have 11, landlines 7–8 and more with
the area code), a leading 0, a group of a longer number written with spaces or dashes
(138 1234 5678, 028-8765 4321), a service hotline (12345, 95xxx, 96xxx, 10086…) or right after
电话/手机/号码/联系/拨打/微信…; nor is a bare number followed by a unit (2023年, 1203室, 1500元).
T1023 and 工单1023 say what they are and are always read. A number over 999999 (more tickets than
a subdistrict opens) or a hotline's needs the T.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from bot.core import answers
from bot.core.tickets import TICKET_NUMBER_OFFSET

# Explicit forms first; the last two are checked by _not_a_ticket. T after a Latin letter is
# part of a word (WeChat13900000003, chat 1023).
_FORMS = [
    re.compile(r"(?<![A-Za-z])[Tt]\s*(\d{3,})"),
    re.compile(r"(?:工单号码|工单号|工单|单号)\s*:?\s*(\d{3,})"),
    re.compile(r"(\d{3,})\s*号"),
    re.compile(r"(?<!\d)(\d{4,})(?!\d)"),
]
_EXPLICIT = 2
_PHONE_SHAPED = re.compile(r"\d{7,}|0\d*|12\d{3}|9[56]\d{3}|100\d{2}")
_PHONE_WORD_BEFORE = re.compile(r"(?:电话|手机|(?<!单)号码|联系|拨打|致电|热线|分机|微信|tel|qq)\D{0,4}$",
                                re.IGNORECASE)
_GROUP_OF_LONGER = re.compile(r"\d[ -]$")
_GROUP_OF_LONGER_AFTER = re.compile(r"[ -]\d")
_UNIT_AFTER = re.compile(r"(?:年|元|块|室|米|平|户|人|栋|楼|层|次|天|小时|分钟|点|岁|斤|公里|公斤|辆|个|件|万)")
RETURN_WORDS = ("退单", "退回", "不是我们网格", "不归我们")
# Blind test 33, B141: "T1086 这个单子不是我们管的 是城管的事" reached the reporter as progress. Words that the job is
# another body's (不是我们管的, 不归我们管, 不属于我们, 该城管管, 是城管的事) hand the ticket back: a 退单 with them as
# the reason.
_NOT_OURS = re.compile(r"不是我们[^，,。\s]{0,3}(?:管|负责|的事|处理)|不归我们|不属于我们|不该我们|"
                       r"(?<!应)该(?:城管|物业|交警|派出所|供电|电力|供水|自来水|燃气|环保|住建|房管|市场监管|水务|"
                       r"园林|绿化|街道|公安|消防)[^，,。\s]{0,3}(?:管|负责|处理)|"
                       r"(?:是|归|属于)(?:城管|交警|派出所|供电局?|电力局?|供水|自来水公司|燃气公司|环保局?|住建局?|"
                       r"房管局?|市场监管|水务局?|园林局?|公安|消防|物业(?:公司)?|电信|移动|联通|燃气|开发商|业委会)"
                       r"[^，,。\s]{0,3}(?:的事|管|负责|的活|的职责)|"
                       # blind test 34: 这个事归物业管 不是我们的, 这个要找供电局 我们管不了
                       r"(?<![^\s，,。！!个事这])不是我们(?:这边|这里|网格|社区)?的(?:事|活|单子|单)?(?=$|[\s，,。！!])|"
                       r"(?:我们|网格|社区)(?:这边|这里)?(?:管不了|管不到|管不着|没法管|没权管|没得权力管)")
RESOLVE_WORDS = ("办结", "已处理", "已经处理", "处理过了", "已解决", "已经解决", "解决了", "处理完", "处理好",
                 "完成", "完工", "搞定", "搞好了", "弄好", "整好", "结单", "结案", "修好", "修完", "弄完", "搞完",
                 "已修复", "办好", "办完", "清运", "已清理", "已调解",
                 # Plain words of a job done (blind test 7, #11, #45, #59): 灯泡换好了, 井盖补好了, 家属接回去了.
                 "换好", "补好", "装好", "清好", "清理好", "疏通好", "疏通了", "接回去了", "接回家了",
                 # Blind test 8, #67, #126: 井盖已经盖好了 焊死了, 火灭了 没得事了, 软管老化 已经换了.
                 "盖好", "焊死", "焊好", "火灭了", "火已经灭了", "扑灭了", "没得事了", "没事了",
                 "已经换了", "已换了", "换过了", "已更换",
                 # Blind test 10, #92: 垃圾拉走了 stayed 处理中; the plain words of a job carried off or cleaned.
                 "拉走了", "运走了", "清走了", "收走了", "拖走了", "搬走了", "清理了", "清掉了", "清运了",
                 "扫干净了", "清干净了", "打扫干净了",
                 # Blind test 23, R92v: 新井盖安起了 没得问题了, 阴沟掏干净了 stayed 处理中 (还没安, 正在掏 do not).
                 "安起了", "安好了", "装起了", "掏干净了", "掏通了", "没得问题了", "没问题了", "弄好了",
                 # Blind test 24: 灯泡换了新的 亮堂了, 阀门换了 水来了, 猫儿找到了 已经抱回去了, 两家已经调解好了.
                 "换了新的", "换成新的", "换了个新的", "换新了", "亮堂了", "亮了", "水来了", "来水了", "有水了",
                 "找到了", "找回来了", "抱回去了", "送回去了", "送回家了", "调解好了", "调解了", "和好了", "握手言和",
                 # Blind test 25, A37: 化粪池抽干净了 不臭了 stayed 处理中; the plain words of a job that leaves
                 # things clean, emptied, or no longer smelling, leaking or blocked.
                 "干净了", "抽干了", "抽完了", "抽走了", "不臭了", "没臭味了", "没得臭味了", "不堵了", "不漏了",
                 "不漏水了", "不渗水了", "能用了", "可以用了",
                 # Blind test 30, S17, B63: 来电了, 冰化了 stayed 处理中; the problem gone by itself or by the work.
                 "来电了", "有电了", "通电了", "电来了", "通水了", "恢复供水了", "恢复供电了", "冰化了", "冰化完了",
                 "雪化了", "化冰了", "不结冰了", "不滑了", "灯亮了", "不吵了", "不响了", "不冒烟了",
                 # Blind test 31, S17c: 水压正常了 stayed 处理中; things back to normal.
                 "正常了", "恢复正常", "已恢复", "恢复了", "复原了")
# 水压好了, 电梯好了 (blind test 31): a thing fine again, not an arrangement made (约好了, 说好了, 联系好了, 准备好了).
_GOOD_NOW = re.compile(r"(?<![约说系排备订讲量谈定问打商好])好了(?!\s*(?:吗|么|没|莫|呢|[?？]))")
# Blind test 27, A-B57e, B103b: 坑已经填平了, 路灯杆已经扶起来固定好了 stayed 处理中. Beyond the words above, a
# fixing verb with a result and 了 (填平了, 扶起来了, 固定好了, 补上了, 拆掉了) or 已经 + a fixing verb + 了
# (已经把坑填了) is a job done; a stopgap (先堵上了, 临时固定了) or a plan or a fault still there after
# (明天再来, 还没亮) is not.
# Not 拉/封/围 (拉好了警戒线, 路封上了: the danger kept off, not mended), nor 安排好了 (排 is no verb here), nor
# 堵/搞/弄/整 (路堵完了 is a jam, 搞掉了 a loss; their 搞好/弄好/整好 are words of their own above).
_FIX_VERB = ("填|扶|立|竖|固定|加固|换|更换|修|维修|修复|补|清|清理|铺|砌|焊|装|安|挪|移|搬|拆|砍|剪|锯|"
             "绑|捆|盖|刷|擦|扫|抽|掏|疏通|恢复|回填|捡|理|处理|拧|粘|扎")
_RESULT = "起来|平|好|完|走|掉|上|正|通|稳|牢|实|紧|住|干净|齐|妥|回去|回原位"
_FIXED = re.compile(rf"(?:{_FIX_VERB})(?:{_RESULT})(?:了|啦|咯|喽)|已经(?:把[^，,。\s]{{1,8}})?(?:{_FIX_VERB})了")
# Blind test 33, S4, S5, B142, B146, B181, B190: 树枝剪了, 垃圾收了, 灯换了, 盖子换新的了, 把人接走了, 管子也换了
# stayed 处理中. A thing named, then the verb of its fix with 了 ending the clause, is a job done: not 剪了一半 nor
# 收了钱 (the clause goes on), not 没剪了 or 明天换了 (_finished_at), not 先换了 or 换了 还是不亮 (_fixed_at).
_DONE_VERB = re.compile(r"(?<=[\u4e00-\u9fff])(?:也|都|已|全)?(?:剪|砍|锯|收|换|换新的|换成新的|修|补|填|清|扫|装|"
                        r"疏通|接走|拉走|拖走|运走|收走|铲|除|拔|捞|刷|粉刷|擦|洗|冲|盖|封|堵|焊|挪|搬|关|"
                        r"拆)(?:了|啦|咯|喽)(?=$|[\s，,。.!！;；])")
# 沟通了 is talking (通了 of a drain is _FLOWING's); 灯换了 but not 电话打了, 水阀关了 alone (the water shut off,
# the leak not mended): a stopgap unless more was done.
# 电话打了 is no fix, 正在修了, 该换了 and 派人去修了 not done yet, 单子我收了 a ticket taken on.
_NOT_DONE_BEFORE = re.compile(r"[打讲说问叫喊在该快得我你他她单去来派找请]$")
_STOPGAP_ONLY = re.compile(r"(?:关|封|堵|盖)(?:了|啦|咯|喽)$")
# Blind test 32, S1 and S2: 摊子劝走了, 鞋柜搬进屋了 stayed 处理中. A thing or a person moved off or in with 了 is a
# job done: persuaded or driven away (劝走了, 劝离了, 赶走了, 撵跑了), carried in or off (搬进屋了, 挪回家了, 拉到
# 垃圾站了, 收进去了). Not while it is being done (正在搬进屋), nor 请到 or 送到 (请到师傅了, 送到医院了: help found,
# someone taken to care, the job not yet over).
_MOVED = re.compile(r"(?<!在)(?:劝|赶|撵|轰|搬|挪|移|拉|拖|运|抬|收|扛|背|领|带|牵|抱|推)"
                    r"(?:走|离|散|跑|退|回去|回来|回家|回屋|进屋头?|进家|进门|进去|进来|进院子|出去|下去|"
                    r"到(?!了)[^，,。\s了]{1,6})(?:了|啦|咯|喽)")
# 已经叫他搬进屋了, 通知摊主挪走了: someone told to move it, not yet seen moved.
_TOLD_TO = re.compile(r"(?:叫|让|喊|要求|通知|催|督促|提醒|劝说)[^，,。\s]{0,4}$")
_STOPGAP = re.compile(r"先|暂时|临时|应急")
_STILL_TO_DO = re.compile(r"明天|后天|再来|再去|再弄|再修|还要|还得|还没|还不|还是|等")
# 下水道通了, 水通了: a job done, but not 电话打通了, 沟通了, 联系通了 (talking is no repair).
# 水沟通了, 阴沟通了 are a drain flowing again (blind test 26), 沟通了 alone is talking.
_FLOWING = re.compile(r"(?<![接联交变讲说])(?<!^沟)(?<![^水阴臭排]沟)通了")
_TALKING = re.compile(r"电话|联系|沟通|说通|讲通|思想")
# 没问题了 is a job done only with no plan after it (物业说没问题了 明天来安 is not).
_FINE = ("没得问题了", "没问题了")
_FINE_BUT = re.compile(r"明天|后天|再|要|准备|还")
# Part of the job still to do after the words: 拉走了一车 还剩两车, 换好了一半.
_PARTLY = re.compile(r"^[^，,。;；]{0,4}(?:一半|一部分|部分|一车)|还剩|还差|剩下|还有.{0,6}(?:没|未|要)")
# Blind test 29, B81 and B123: a job for later today (师傅已经在填坑了 下午弄完: 下午 before 弄完, no 了 after) or
# one only promised after the words (已经处理了 养鸡那家答应这周搬走) is not done yet.
_LATER = re.compile(r"下午|晚上|晚点|晚些|待会|等会|一会|回头|过两天|这周|下周|周末|月底|今晚")
_PAST = ("了", "啦", "咯", "喽")
# Blind test 30, W-B2: 师傅已经把阀门换了 下午通水 closed the ticket with the water still off. A later
# clause with work still to come (下午通水, 明天来刷漆, 等配件到货, 还要换表, 待通水) keeps it open, unless it is
# past (下午全部清运了) or needs nobody (明天不用来了). An explicit 办结 is the worker's decision and stands.
_TO_COME = re.compile(r"下午|晚上|今晚|晚点|晚些|待会|等会|一会|明天|明早|后天|过两天|改天|下周|回头|还要|还得|还需|"
                      r"再来|再去|再换|再修|等[^，,。;；\s]{0,8}(?:到货|到了|来|送|换|修|装|通)|待")
_NOBODY_NEEDED = re.compile(r"不用|不必|无需|不需要|没必要")
_EXPLICIT_DONE = ("办结", "结单", "结案")
# Blind test 33, B147: 车主找到了 说这个礼拜开走 closed the ticket: what someone said he will do (说 + when or 会/要).
_PROMISED = re.compile(r"(?:答应|承诺|保证|说好|同意|表示|说)[^，,。;；\s]{0,3}(?:今天|下午|晚上|明天|后天|过两天|这周|"
                       r"本周|这个?礼拜|这个?星期|下个?礼拜|下个?星期|下周|周末|月底|马上|尽快|等下|等会|会|要|就)")
# A note the worker calls progress (进度, 处理中, 正在处理) is progress whatever finished job's words it tells of
# (已经把针头清理了 and the police still awaited): only an explicit 办结 beside it closes the ticket.
_PROGRESS_SAID = re.compile(r"进度|处理中|正在处理")
START_WORDS = ("处理中", "在处理", "正在", "已到现场", "到现场了", "进度", "已联系", "跟进", "在路上", "马上到",
               "已安排")
DETAIL_WORDS = ("详情", "全文", "内容", "看看", "什么事", "啥事", "电话", "号码", "在哪")
ACK_WORDS = ("收到", "接单", "好的", "知道了", "马上去", "马上过去", "这就去", "我来", "我接", "接手", "ok")
# A finished job's words after these are not one yet: 还没修好, 明天修好, 争取搞定.
_NOT_YET = re.compile(r"(?:没有?|未|不|别|明天|后天|马上|尽快|争取|准备|要|会|能|再)$")
# Nor anywhere earlier in their clause: an order or a plan ("今天下班前要把水管修好", blind test 7, #46).
_NOT_YET_IN_CLAUSE = re.compile(r"没有?|未|别|明天|后天|马上|尽快|抓紧|务必|争取|准备|要|请|之前|以前|再")
_QUESTION = re.compile(r"[?？吗呢么]$|怎么|咋个|咋办|哪个|哪里|什么|啥|谁|为什么|几时")
_DONE_QUESTION = re.compile(r"[?？吗呢么没]\s*$|没有?[?？]?\s*$")
# Blind test 33, B144: "T1091 我晚上去看看" got the 详情; going to look (去看看, 过来看下, 明天来瞧瞧) is a plan.
_GOING_TO_LOOK = re.compile(r"(?:去|来|过去|过来|上门|到现场)(?:看看|看下|看一下|瞧瞧|看一看)")
# Blind test 33, B152: "T1022 无效工单 是问咋个核实上门的人 已经回复了 关掉" got the 详情: a note that ends by
# closing the ticket is not a question, whatever it tells of one.
_CLOSING_END = re.compile(r"(?:关掉|关了|关闭|关单|销单|作废|撤销|结单|结案|办结)[了吧啦\s。.!！]*$")
DETAIL_NOTE_CHARS = 8  # "反映人电话多少": asking; a longer note naming 电话 ("已打电话给物业…") is progress
# The command word starting or ending a note is not part of it ("T1004 办结了 家属接回去了" → "家属接回去了").
_MARKERS = ("已办结", "办结", "结单", "结案", "退单", "退回", "收到", "接单", "进度", "处理中", "正在处理")
_DONE = ("已经处理", "已处理", "处理好", "处理完", "处理过", "已解决", "已经解决", "解决好", "搞定", "搞好", "办好",
         "办完", "弄好", "整好", "修好", "完成", "完工")
_PARTICLE = "(?:了|啦|咯|喽|完毕|毕)?"
_BREAK = r"[\s，,。.:：;；!！]"
_WORD = "(?:已经|已)?(?:{})"
_LEAD = re.compile(rf"^{_BREAK}*(?:{_WORD.format('|'.join(_MARKERS))}{_PARTICLE}|"
                   rf"{_WORD.format('|'.join(_DONE))}{_PARTICLE}(?={_BREAK}|$))")
_TRAIL = re.compile(rf"(?:^|(?<={_BREAK})){_WORD.format('|'.join(_MARKERS + _DONE))}{_PARTICLE}{_BREAK}*$")


def ticket_number_in(text: str) -> str | None:
    """'收到 t1023' → 'T1023'."""
    plain = unicodedata.normalize("NFKC", text or "")
    for index, form in enumerate(_FORMS):
        for match in form.finditer(plain):
            if int(match.group(1)) <= TICKET_NUMBER_OFFSET:
                continue
            if index >= _EXPLICIT and _not_a_ticket(plain, match, bare=index == len(_FORMS) - 1):
                continue
            return f"T{int(match.group(1))}"
    return None


def _not_a_ticket(plain: str, match: re.Match[str], *, bare: bool) -> bool:
    """Whether the digits of 1023号 or a bare number are a phone number (or, bare, a quantity)."""
    digits, (start, end) = match.group(1), match.span(1)
    return bool(_PHONE_SHAPED.fullmatch(digits) or _PHONE_WORD_BEFORE.search(plain, 0, start)
                or _GROUP_OF_LONGER.search(plain, 0, start) or _GROUP_OF_LONGER_AFTER.match(plain, end)
                or (bare and _UNIT_AFTER.match(plain, end)))


def ticket_numbers_in(text: str) -> list[str]:
    """Every ticket number written out (T1035, 工单1036), in order, once each: '收到 T1035 T1036 T1037'."""
    plain = unicodedata.normalize("NFKC", text or "")
    found = [(m.start(), f"T{int(m.group(1))}") for form in _FORMS[:_EXPLICIT] for m in form.finditer(plain)
             if int(m.group(1)) > TICKET_NUMBER_OFFSET]
    return list(dict.fromkeys(number for _, number in sorted(found)))


def without_number(text: str) -> str:
    """The note a worker wrote after the number and the command words: 'T1023 已办结 路灯换好了' → '路灯换好了',
    'T1004 办结了，家属接回去了' → '家属接回去了'; a finished job's words inside the note stay (全部清运了), and so
    does another ticket's number (blind test 8, #136: 'T1050 跟T1049重复了' reached the reporter as '跟 重复了')."""
    plain = unicodedata.normalize("NFKC", text or "")
    for form in _FORMS[:3]:
        first = form.search(plain)
        if first is not None:
            plain = plain[:first.start()] + " " + plain[first.end():]
            break
    plain = " ".join(plain.split())
    while (cut := _LEAD.sub("", plain, count=1)) != plain:
        plain = cut.strip()
    plain = _TRAIL.sub("", plain)
    return plain.strip(" ，,。:：")


def says(text: str, words: tuple[str, ...]) -> bool:
    """Whether the text says one of the words of a finished job, not after 没/未/明天/要… (还没修好), nor with part of
    it still to do after (拉走了一车 还剩两车)."""
    return any(_finished_at(text, found) for word in words for found in re.finditer(re.escape(word), text))


def says_done(text: str) -> bool:
    """Whether a worker's words say the job is finished: RESOLVE_WORDS, or 通了 of a drain or a road (下水道通了,
    never 电话打通了 or 沟通了) (blind test 10, #92)."""
    return says(text, RESOLVE_WORDS) or any(
        _finished_at(text, found) and not _TALKING.search(re.split(_BREAK, text[:found.start()])[-1])
        for found in _FLOWING.finditer(text)) or any(_fixed_at(text, found) for found in _FIXED.finditer(text)) \
        or any(_fixed_at(text, found) for found in _GOOD_NOW.finditer(text)) \
        or any(_fixed_at(text, found) and not _TOLD_TO.search(re.split(_BREAK, text[:found.start()])[-1])
               for found in _MOVED.finditer(text)) or _done_verb(text) \
        or any(_fixed_at(text, found) and not _NOT_DONE_BEFORE.search(text[:found.start()])
               for found in _FITTED.finditer(text)) \
        or (_CHECKED.search(text) is not None and _NOTHING_WRONG.search(text) is not None)


# Blind test 34, W21: 跟馆子老板说了 装了油烟净化器 stayed 处理中: a device fitted (装了油烟净化器, 安了个新锁, 换了
# 新灯泡) ending its clause is the job done.
_FITTED = re.compile(r"(?<![要该去来在正准])(?:装|安|换|加)(?:了|上了|起了|好了)(?:个|一个|台|一台|新的|新)?"
                     r"[\u4e00-\u9fff]{0,6}(?:器|机|网|栏|杆|盖|锁|灯|灯泡|门|罩|牌|管|桶|头|阀)(?=$|[\s，,。!！])")
# Blind test 34, W9: 去看了 是楼上烧纸 没得事: a worker who went and found nothing wrong (no 吗, no plan after).
_CHECKED = re.compile(r"(?:看|查|核实|问|检查|瞧)(?:过|了|过了)")
_NOTHING_WRONG = re.compile(r"(?:没得?事|没有事|莫得事|没啥事|没得啥子事|虚惊一场|是误会|误报|没得?问题|莫得问题)"
                            r"(?:了|的|哈)?[\s，,。!！]*$")


def _done_verb(text: str) -> bool:
    """A fix's verb with 了 ending its clause (树枝剪了, 灯换了 现在一拍手就亮), not a question, nor a stopgap alone
    (水阀关了), nor told to someone (叫他换了)."""
    if _QUESTION.search(text) or _DONE_QUESTION.search(text):
        return False
    found = [m for m in _DONE_VERB.finditer(text)
             if _fixed_at(text, m) and not _TOLD_TO.search(re.split(_BREAK, text[:m.start()])[-1])
             and not _NOT_DONE_BEFORE.search(text[:m.start()])]
    return any(not _STOPGAP_ONLY.search(m.group()) for m in found)


def _fixed_at(text: str, found: re.Match[str]) -> bool:
    """A fixing verb's result (填平了) that is the finished job, not a stopgap nor with more still to do."""
    return _finished_at(text, found) and not _STOPGAP.search(re.split(_BREAK, text[:found.start()])[-1]) \
        and not _STILL_TO_DO.search(text[found.end():])


def _finished_at(text: str, found: re.Match[str]) -> bool:
    before, after = text[:found.start()], text[found.end():]
    clause = re.split(_BREAK, before)[-1]
    return not _NOT_YET.search(before) and not _NOT_YET_IN_CLAUSE.search(clause) \
        and not _PARTLY.search(after) and not _PROMISED.search(after) \
        and not (_LATER.search(clause) and not found.group().endswith(_PAST) and not after.startswith(_PAST)) \
        and not (found.group() in _FINE and _FINE_BUT.search(after)) \
        and (found.group() in _EXPLICIT_DONE or not _still_to_come(after))


def _still_to_come(after: str) -> bool:
    """Whether a clause after a finished job's words says work still to come (下午通水, 等配件到货再换表)."""
    return any(_TO_COME.search(clause) and not clause.endswith(_PAST) and not _NOBODY_NEEDED.search(clause)
               for clause in re.split(_BREAK, after) if clause)


def _mentions_done(text: str) -> bool:
    """Whether a finished job's words are there at all (says_done found them not finished yet)."""
    return any(word in text for word in RESOLVE_WORDS) or _FIXED.search(text) is not None \
        or _GOOD_NOW.search(text) is not None or _MOVED.search(text) is not None


@dataclass(frozen=True)
class WorkerCommand:
    verb: str  # ack / start / resolve / return / details / words (free words, no command)
    number: str | None
    note: str


# Words only staff use on a ticket: taking it on, finishing it, handing it back (a resident's 好的 or 修好了 is not).
STAFF_WORDS = ("收到", "接单", "接手", "这就去", "马上过去", "马上去", "办结", "处理完毕", "退单", "退回")


def says_staff_command(text: str) -> bool:
    """A ticket named with a staff member's own words for it (收到 T1042, T1042 已办结, 退单 T1042), not asked
    about: what staff would send, whoever sent it."""
    if ticket_number_in(text) is None or _QUESTION.search(without_number(text)):
        return False
    return any(word in text for word in STAFF_WORDS)


def worker_command(text: str, intent: str) -> WorkerCommand:
    """What a worker's message asks for. Words win over the intent: 退单, 处理中 and 详情 have no intent
    of their own, and a progress note ("T1007 进度 已联系医生上门") must never close a ticket however
    the classifier read it; only the words of a finished job (not 还没修好) or the resolve intent resolve.
    Free words with the number and no command ("T1015 师傅已经把总阀关了 明天换管子") are a progress
    note (blind test 6, #50); a question about the ticket asks for its 详情."""
    number = ticket_number_in(text)
    note = without_number(text)
    lower = unicodedata.normalize("NFKC", text or "").lower()
    closing = _CLOSING_END.search(note) is not None
    if any(w in text for w in RETURN_WORDS) or _NOT_OURS.search(text):
        verb = "return"
    elif _PROGRESS_SAID.search(text) and not any(w in text for w in _EXPLICIT_DONE):
        verb = "start"  # blind test 36, DO4b: "T1076 进度 已经把针头清理了" closed the ticket
    elif says_done(text):
        verb = "resolve"
    elif any(w in text for w in START_WORDS):
        verb = "start"
    elif any(w in text for w in DETAIL_WORDS) and not _GOING_TO_LOOK.search(note) and not closing \
            and (len(note) <= DETAIL_NOTE_CHARS or _QUESTION.search(note)):
        verb = "details"
    elif intent == "worker_resolve" and not _mentions_done(text):  # 下午弄完: a finished job's words, not yet
        verb = "resolve"
    elif any(w in lower for w in ACK_WORDS) or len(re.sub(r"\W", "", note)) < 2:
        verb = "ack"
    elif _QUESTION.search(note) and not closing:
        verb = "details"
    else:
        verb = "words"  # the holder's progress note; from above him, words for him (`staff_desk`)
    return WorkerCommand(verb, number, note)


_ACK_LEAD = re.compile("^(?:" + "|".join(map(re.escape, sorted((*ACK_WORDS, "收到了"), key=len, reverse=True)))
                       + r")[\s，,。.:：!！]*", re.IGNORECASE)


def said_with_ack(note: str) -> str:
    """What a 收到 says besides (“我马上过去 已经打了119”), whole but for the 收到/好的 it starts with, when it says
    more than a word or two (马上过去 is not)."""
    rest = note
    for word in (*ACK_WORDS, "马上去", "马上过去", "收到了"):
        rest = rest.replace(word, " ")
    if len(re.sub(r"\W", "", rest)) < 6:
        return ""
    note = " ".join(note.split()).strip(" ，,。:：!！")
    while (cut := _ACK_LEAD.sub("", note, count=1)) != note:
        note = cut
    return note


def rating_in(text: str) -> int | None:
    """1 满意, 2 基本满意, 3 不满意: a digit (一二三, ①②③ too), the words or emoji (`answers.rating_in`)."""
    found = answers.rating_in(text)
    return found.score if found is not None else None
