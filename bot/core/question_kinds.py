"""Questions that name a problem of the asker's own and still only ask (blind test 25): a question about a subsidy or
reimbursement for an illness or hardship (我老汉儿糖尿病 每个月药钱好贵 有没得补助), how to do a small repair in
one's own home (厨房灯泡坏了 咋个换嘛) and a lawyer asked for beside a dispute (邻居占我家地 想找个律师问问, blind
test 31). Their problem words (病, 坏了, 占) describe the asker's circumstances, not a problem for a grid worker: they
go to the knowledge base, never filed and never asked where. Danger words still make an emergency (the caller
checks them first)."""

from __future__ import annotations

import re

# The schemes a question asks about: money towards an illness or hardship.
_BENEFIT = r"补助|补贴|救助|报销|报账|医保|低保|津贴|减免|慢特病|慢性病"
_ASKS_BENEFIT = re.compile(
    rf"(?:有没得|有没有|有莫得|有得|能不能|可不可以|可以|能|咋个|怎么|如何|哪点|哪里|啥子|什么|申请)"
    rf"[^，,。！!\s]{{0,6}}(?:{_BENEFIT}|报(?:销|账|得到|得了))|"
    rf"(?:{_BENEFIT})[^，,。！!\s]{{0,6}}(?:吗|嘛|呢|没得|没有|咋个|怎么|好多|多少|[?？]|报不报|能报|报得到|(?:能|可以|得行)不)")
# Small fixtures of a home, and how to change or fix one oneself.
_FIXTURE = re.compile(r"灯泡|灯管|台灯|吸顶灯|保险丝|水龙头|马桶|花洒|插座|门锁|锁芯|纱窗|热水器|油烟机|抽油烟机")
_HOW = re.compile(r"(?:咋个|咋|怎么|怎样|如何)(?:样)?(?:自己)?(?:换|装|修|弄|搞|拆|接|整)")
# A public place in the message: the fixture is the estate's, a report (楼道灯泡坏了 咋个还没人换).
_PUBLIC = re.compile(r"楼道|路灯|小区|门口|单元|电梯|公共|楼梯|走廊|过道|院坝|院子|街|路上|广场|公园|车库")


def names_public_place(plain: str) -> bool:
    """楼道, 路灯, 小区门口: a place or thing everyone shares is named."""
    return _PUBLIC.search(plain) is not None


def asks_about_benefit(plain: str) -> bool:
    """有没得补助, 医保能报不, 药费咋个报销: a question about a subsidy or reimbursement."""
    return _ASKS_BENEFIT.search(plain) is not None


def private_how_to(plain: str) -> bool:
    """厨房灯泡坏了 咋个换嘛: how to change or fix a fixture of one's own home, no public place named."""
    return _FIXTURE.search(plain) is not None and _HOW.search(plain) is not None and _PUBLIC.search(plain) is None


# A thing for everyone asked to be put up (安居苑快递总是被人拿走 能不能装个监控, blind test 28, B81-2): a request
# for the grid worker, filed as a report, never a question for the knowledge base.
# A market stall wished for (买菜的地方太远了 社区能不能设个卖菜的点, blind test 34, Q20 got 答不上): a suggestion for
# the community, filed as a request.
_PUT_UP = r"装|安装|安|加装|增设|设置|开设|设|摆|加|多装|多安|修|搭|建|划"
_FOR_EVERYONE = (r"监控|摄像头|探头|路灯|灯|垃圾桶|果皮箱|护栏|栏杆|围栏|减速带|减速坎|坐的|椅子|座椅|凳子|"
                 r"充电桩|充电棚|健身器材|扶手|坡道|红绿灯|信号灯|斑马线|停车位|车位|车棚|雨棚|快递柜|门禁|反光镜|"
                 r"凸面镜|指示牌|路牌|宣传栏|晾衣杆|晒衣架|消防栓|灭火器|"
                 r"卖菜的?(?:点|地方|摊子?|市场)|菜市场?|菜场|菜摊|菜店|便民市场|早市|集市|买菜的?(?:点|地方)")
_ASKS_FOR_A_FIX = re.compile(
    rf"(?:能不能|可不可以|能否|可以|麻烦|请|希望|建议|求|帮忙|帮我们|给我们)[^，,。！!？?]{{0,6}}?(?:{_PUT_UP})"
    rf"(?:个|一个|几个|一下|一些|些|点|上|两个|一排)?[^，,。！!？?]{{0,4}}?(?:{_FOR_EVERYONE})")


def asks_for_a_fix(plain: str) -> bool:
    """能不能装个监控, 希望多装几盏路灯, 可以加个减速带不: something for everyone asked to be put up, a request."""
    return _ASKS_FOR_A_FIX.search(plain) is not None and not private_how_to(plain)


# A lawyer or legal advice asked for (邻居占我家地 想找个律师问问 社区有没得, blind test 31, B113b: asked where, then
# filed): the dispute is why they ask, the question is where to get advice.
_LAWYER = r"律师|法律顾问|法律咨询|法律援助|法律热线|懂法的"
_ASKS_LAWYER = re.compile(
    rf"(?:找|问|请|咨询|约|有没得|有没有|有莫得|有得)(?:个|一?下|一哈|下)?[^，,。！!？?\s]{{0,4}}(?:{_LAWYER})|"
    rf"(?:{_LAWYER})[^，,。！!？?]{{0,8}}(?:吗|嘛|没得|没有|莫得|不|在哪|哪点|哪里|咋个|怎么|[?？])")


def asks_for_a_lawyer(plain: str) -> bool:
    """想找个律师问问, 社区有没得法律顾问, 律师在哪点找: legal advice asked for, a question."""
    return _ASKS_LAWYER.search(plain) is not None and not re.search(r"(?:不要|不用|不找|不请)(?:找|请)?律师", plain)


# A health service asked about beside an illness (屋头老人糖尿病 有没得免费体检, blind test 32, B74: asked where, then
# filed): the illness is why they ask, the question is the check-up or the family doctor.
_HEALTH_SERVICE = r"体检|查体|健康检查|身体检查|家庭医生|签约医生|健康档案"
_ASKS_HEALTH = re.compile(
    rf"(?:有没得|有没有|有莫得|有得|能不能|可不可以|可以|能|咋个|怎么|如何|哪点|哪里|在哪|去哪|啥子|什么|好久|几时|"
    rf"要不要|免费|想)[^，,。！!\s]{{0,6}}(?:{_HEALTH_SERVICE})|"
    rf"(?:{_HEALTH_SERVICE})[^，,。！!]{{0,8}}(?:吗|嘛|呢|没得|没有|莫得|咋个|怎么|在哪|哪点|哪里|[?？]|"
    rf"(?:免费|要钱|收费|收钱|能|可以|得行|要得)不)")


def asks_about_health_service(plain: str) -> bool:
    """有没得免费体检, 家庭医生咋个签, 体检要钱不: a question about a health service, whatever illness is named."""
    return _ASKS_HEALTH.search(plain) is not None


def despite_problem(plain: str) -> bool:
    """A question whose problem words are the asker's own circumstances: asked, never reported."""
    return asks_about_benefit(plain) or private_how_to(plain) or asks_for_a_lawyer(plain) \
        or asks_about_health_service(plain) or asks_for_paperwork(plain) or carriers_line(plain) \
        or asks_where_to_warm(plain)


# A paper, card or check asked about beside the loss or trouble that makes it needed (blind test 35, Q24: 门禁卡掉了咋个
# 补办 was filed; Q11: 养条狗要去办证不 and E16n: 能不能请人上门帮我办养老金认证 were asked where): how to get it.
_PAPERWORK = re.compile(
    r"(?:咋个|咋|怎么|怎样|如何|在哪|哪点|哪里|去哪|要不要|能不能|可不可以|帮我)[^，,。！!？?\s]{0,8}"
    r"(?:补办|补卡|办证|办卡|认证|挂失)|"
    r"(?:补办|办证|办卡|认证|挂失)[^，,。！!？?\s]{0,3}(?:不|吗|嘛|没得|没有|莫得|[?？])$")


def asks_for_paperwork(plain: str) -> bool:
    """门禁卡掉了咋个补办, 养狗要去办证不, 帮我办养老金认证: a card, licence or check asked how to get."""
    return _PAPERWORK.search(plain) is not None and _PUBLIC.search(plain.replace("门禁", "")) is None


# A home's broadband or TV line down (blind test 35, Q30: 家里宽带断了 上不了网 was asked where): the carrier's to
# mend, answered with its number; a line cut in a public place is still a report (小区宽带线被挖断了).
_LINE = re.compile(r"宽带|网络|网线|光猫|路由器|上不了网|没得网|没有网|莫得网|断网|网断|有线电视|机顶盒")


def carriers_line(plain: str) -> bool:
    """家里宽带断了 上不了网: a home's line for its carrier, no public place named."""
    return _LINE.search(plain) is not None and _PUBLIC.search(plain) is None


# A warm place asked for (blind test 35, B34: 天冷了 社区有没得地方烤火取暖 got the coal stove's carbon-monoxide
# warning and 请问在哪点): a question, never a stove in use.
_WARM = re.compile(r"(?:有没得|有没有|有莫得|有得|哪点|哪里|哪儿|去哪|能不能|可不可以|可以)[^，,。！!？?\s]{0,6}"
                   r"(?:烤火|取暖|暖和|避寒)")


def asks_where_to_warm(plain: str) -> bool:
    """社区有没得地方烤火取暖, 哪里可以去烤火: a warm place asked for."""
    return _WARM.search(plain) is not None


# Wanting to help, not asking for it (我刚退休 想给社区出点力, blind test 32, A50: asked where, then a junk ticket):
# for the knowledge base's volunteer answer, never a report. 帮忙 alone is asking for help (能不能帮忙修一下), so it
# counts only given to the community (想去社区帮忙).
_OFFERS_HELP = re.compile(
    r"(?:想|愿意|打算|准备|要|来|去)(?:给|为|帮|到|去|来|替|跟)?(?:社区|村里|村上|小区|大家|街道|居委会|街坊|邻居)"
    r"(?:里|头|上)?(?:出点力|出份力|出一份力|出把力|做点事|做点事情|做些事|做事|帮忙|帮帮忙|帮点忙|帮把手|"
    r"做贡献|做点贡献|做点好事|服务)|出点力|出份力|出一份力|出把力|发挥余热|发挥点余热|(?:当|做|报名)志愿者|"
    r"志愿服务|(?:想|愿意)(?:做|当)义工|"
    r"(?:当|做|应聘)网格员|网格员[^，,。！!？?\s]{0,2}招|招网格员")  # 网格员招人不 我也想去当 (blind test 35, Q9)


def offers_help(plain: str) -> bool:
    """我刚退休 想给社区出点力, 想去社区帮忙做点事, 想当志愿者: help offered, a question for the knowledge base."""
    return _OFFERS_HELP.search(plain) is not None


# A question put plainly (我想问一下 停车费好多钱一个月, blind test 27, B105): what it costs, how to go about something.
# With no problem in it and nothing in the knowledge base, it is owed the honest "答不上" and a call back, not 没太看懂.
_PLAIN_QUESTION = re.compile(r"(?:想|我)问一?(?:下|哈)|请问|(?:好多|多少|几多|几)(?:钱|块)|收费|费用|"
                             r"(?:咋个|怎么|怎样|如何)(?:办|申请|收|交|缴|领|弄|整|处理)|(?:在|到|去)(?:哪里|哪点|哪儿|哪)(?:办|交|缴|领|申请)")


def plainly_asks(plain: str) -> bool:
    """我想问一下…好多钱一个月, 这个咋个办: a question asked in so many words."""
    return _PLAIN_QUESTION.search(plain) is not None


# Asked to be passed on, with what (安居苑581栋 物业费从一块二涨到一块八 帮我反映一下, after the fee's answer, blind
# test 32, B44): the matter for the grid worker, never the same answer again.
_PASS_ON = re.compile(r"(?:帮|替)(?:我|我们|忙)?(?:反映|反应|转告|转达|投诉)|"
                      r"(?:反映|转告|转达)(?:给|到)(?:上面|社区|网格员|街道|物业)")


def asks_to_pass_on(plain: str) -> bool:
    """帮我反映一下, 替我们转告社区: the words ask for the matter to be passed on."""
    return _PASS_ON.search(plain) is not None


# A lost card or certificate and how to get another (河畔花园门禁卡丢了 咋个补, blind test 36, Q24: filed for 周明, as
# in test 35): 丢了 is the asker's loss, the question is where it is replaced. Never 门禁坏了 (a report).
_LOST = re.compile(r"(?:卡|证|钥匙|门卡|本本|本子)[^，,。！!？?\s]{0,2}"
                   r"(?:丢了|掉了|搞丢了|弄丢了|整丢了|遗失|丢失|不见了|找不到了)")
_REPLACED = re.compile(r"补|重办|再办|咋个办|咋办|怎么办|找哪个|找谁|哪里办|哪点办|在哪办")


def asks_replacing_lost(plain: str) -> bool:
    """门禁卡丢了 咋个补, 门卡搞丢了 找哪个补办: how to replace a lost card, a question."""
    return _LOST.search(plain) is not None and _REPLACED.search(plain) is not None


# Whether something is allowed, or where there is a place for it (我想养只狗 小区让不让养, 河畔花园有没得电瓶车充电的
# 地方; blind test 37, Q10c asked where, Q9c filed: 狗 and 电 are problem words): asked, for an early entry to answer.
# Someone doing it (楼上有人养狗, 天天在楼道充电) is a report.
_PERMITTED = re.compile(r"(?:让不让|准不准|能不能|可不可以|允不允许|许不许)[^，,。！!？?\s]{0,2}(?:养|充|停|放|种|装)")
_PLACE_FOR = re.compile(r"(?:有没得|有没有|有莫得|哪点|哪里|哪儿|在哪)[^，,。！!？?\s]{0,8}(?:的地方|的点)")
_SOMEONE_DOING = re.compile(r"有人|隔壁|楼上|楼下|对面|天天|每天|乱|在楼道|在过道")


def asks_allowed_or_where(plain: str) -> bool:
    """让不让养狗, 有没得充电的地方: whether it is allowed or where it is done, asked, nobody said to be doing it."""
    return (_PERMITTED.search(plain) is not None or _PLACE_FOR.search(plain) is not None) \
        and _SOMEONE_DOING.search(plain) is None


# When the water or power comes back, at a named estate (河畔花园好久来水, 安居苑啥时候来电; blind test 36, B114 got
# 答不上): the outage itself, said as a report for that place's grid worker.
_SUPPLY_BACK = re.compile(r"(?:好久|啥时候|什么时候|几时|几点|哪天)(?:才|能|会|可以)?(?:来|通|恢复|有)(水|电|气)")


def outage_asked(plain: str) -> str | None:
    """水, 电 or 气 for 河畔花园好久来水, 啥时候才来电; None for anything else."""
    found = _SUPPLY_BACK.search(plain)
    return found.group(1) if found else None


def as_outage_report(text: str, supply: str) -> str:
    """The question said as the outage it is about (停水了), the question kept beside it."""
    return f"{text}，停{supply}了"
