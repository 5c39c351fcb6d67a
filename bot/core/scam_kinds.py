"""Kinds of scam told about by the trick they use, each with its own advice (blind test 34, failure 4: the
words of a scam met a service's answer, 派出所's hours for 孙子在派出所 要交保释金, how to apply for 低保 for
办低保 要先交好处费, the 养老金 answer for 投资养老项目每个月返利, the 断缴补缴 policy for 上门收养老保险
要现金, 没太看懂 for 电话说是网格通的 要我报银行卡号). Read before the knowledge base; never filed. A
seller saying a health product cures gets a note for the report (保健品 说能治高血压: don't buy)."""

from __future__ import annotations

import re

from bot.common.plain_text import plain as _plain
from bot.core import triage

_MONEY_ASKED = re.compile(r"交|转|打|汇|给|拿|要|凑|出")
_MONEY = re.compile(r"钱|块|元|万|千|百|保释金|罚款|押金|手续费|好处费|医药费|赔偿|费")

# A relative said in trouble and money asked for him (孙子在派出所 要交五万保释金, 儿子出车祸了 要打医药费).
_RELATIVE = re.compile(r"幺儿|孙子|孙女|外孙|儿子|女儿|儿媳|女婿|侄儿|侄女|娃娃|娃儿|老伴|亲戚|小孙|孙儿")
_TROUBLE = re.compile(r"派出所|公安|警察|抓(?:了|起来|进去)?|关起|拘留|保释|出事|车祸|撞了人|打架|住院|手术|"
                      r"医院|出了事|闯祸|嫖|赌")
# Told by a caller or a stranger, not the sender's own news (儿子住院了 要交医药费 咋个报销 is none).
_CALLER = re.compile(r"有人|有个人|有个男的|有个女的|有一个人|"
                     r"打电话|打个电话|来电|电话(?:里|头|来|说)|短信|微信|陌生|自称|说是|冒充|喊我|叫我赶紧|让我")
FAMILY_IN_TROUBLE = "多半是骗子！千万别转钱，先直接打给家里人本人问清楚；拿不准就打110或96110反诈专线。"

# A fee asked to get a benefit (办低保 要先交两千块好处费, 帮我办补贴 要先给红包).
_BENEFIT = re.compile(r"低保|补贴|救助|特困|廉租房|公租房|保障房|残疾证|高龄|养老金|五保|困难补助|医疗救助")
_FEE = re.compile(r"好处费|手续费|辛苦费|茶水费|跑路费|红包|打点|先交|先给|先拿|先转|交钱|给钱|塞钱|要钱|"
                  r"(?:交|给|拿)[^，,。\s]{0,4}(?:块|元|万|千|百)")
# Someone else offering to get it done (帮我办, 能办, 说可以批): not the sender asking what a benefit costs
# (我有残疾证 坐车要不要钱).
_OFFER = re.compile(r"(?:帮|给|替)(?:我|你|您)?(?:办|弄|搞|申请|跑)|能办|包办|可以办|办得下来|能批|保证批|说能|说可以|"
                    r"有人|有个|那个人|他说|她说")
BENEFIT_FEE = "低保这些救助申请都是免费的，要好处费的都是骗子，一分钱别给！请打社区电话{phone}举报。"
# Asked after (他说他是社区的 姓王): the community never takes a fee, whoever he says he is.
NAMED_AFTER = "社区办事从不收好处费，不管他说是哪个，都别给钱！请打社区电话{phone}核实、举报。"

# A code to scan or a WeChat added by someone as one of us or for a gift (加我微信 要我扫码领鸡蛋).
_SCAN = re.compile(r"扫码|扫(?:个|一下|下)?二维码|扫一扫|扫个码|扫下码")
_LURE = re.compile(r"冒充|说是|说他是|自称|加(?:我)?微信|领|送|免费|红包|奖|要我|叫我|喊我|让我")
SCAN_CODE = "别扫！网格员不会加微信叫您扫码领东西，扫了可能被盗钱。拿不准就打社区电话{phone}问。"

# An investment with a monthly return (投资养老项目每个月返利, 存钱进去每个月有利息 说是社区推荐的).
_INVEST = re.compile(r"投资|理财|集资|入股|入会|养老项目|养老公寓|项目|存钱进去|放钱|借钱给")
_RETURN = re.compile(r"返利|返钱|回报|利息|高息|分红|收益|保本|稳赚|翻倍|每个?月(?:都)?(?:返|给|拿|有)")
INVESTMENT = "这是非法集资的套路，千万别投！社区从不推荐任何投资理财项目。拿不准打社区电话{phone}，已经交了钱打110。"

# A caller or message as us asking for the card number or a code (电话说是网格通的 要我报银行卡号).
_CARD = re.compile(r"银行卡号|卡号|银行卡|存折|密码|验证码|身份证号")
_TELL = re.compile(r"报|说|告诉|发给|发过去|念|填|问我|要我|叫我|喊我|让我")
_AS_US = re.compile(r"网格通|网格员|社区|居委|街道|政府|民政|社保|我们")
_CALL = re.compile(r"电话|打来|来电|短信|消息|微信|链接")
CARD_ASKED = "网格通和社区从不问银行卡号、密码、验证码！马上挂断，一个数字都别报。拿不准打96110反诈专线。"

# Someone come to the home for a pension or insurance in cash (上门收养老保险 说补交能多领 要现金).
_AT_HOME = re.compile(r"上门|到屋头|到家里|来我屋|来我家|敲门|门口|来收|挨家挨户")
_INSURANCE = re.compile(r"养老保险|社保|医保|保险|合作医疗|养老金")
_CASH = re.compile(r"现金|交钱|收钱|给钱|补交|补缴|交费|收费|多领")
CASH_AT_DOOR = "社保从不上门收现金，这多半是骗子，一分钱别给！补缴去社保窗口办，或打12333问清楚。"

# A health product said to cure (保健品 说能治高血压, 包治百病): a note for the report.
# 卖啥子量子水杯 说喝了治糖尿病 (blind test 37, F7c: "请问在哪点？" with no warning): a cup, a bracelet, an insole.
_PRODUCT = re.compile(r"保健品|保健药|保健食品|神药|神水|特效药|理疗仪|磁疗|床垫|净水器|药酒|偏方|量子|水杯|杯子|手环|"
                      r"鞋垫|枕头|能量|负离子")
_CURES = re.compile(r"治|根除|降血压|降血糖|降三高|包好|除根|百病")
PRODUCT_NOTE = "保健品治不了病，别买！高血压这些病按医生开的药吃。"


def advice(text: str, phone: str) -> str | None:
    """The advice for the scam the words tell of, the community's number `phone` in it; None when they tell none."""
    plain = _plain(text)
    if not plain or triage.has_danger(plain):
        return None
    if _RELATIVE.search(plain) and _TROUBLE.search(plain) and _MONEY.search(plain) and _MONEY_ASKED.search(plain) \
            and _CALLER.search(plain):
        return FAMILY_IN_TROUBLE
    if fee_told(plain) and not _cash_at_door(plain):
        return BENEFIT_FEE.format(phone=phone)
    if _SCAN.search(plain) and _LURE.search(plain):
        return SCAN_CODE.format(phone=phone)
    if _INVEST.search(plain) and _RETURN.search(plain):
        return INVESTMENT.format(phone=phone)
    if _cash_at_door(plain):
        return CASH_AT_DOOR
    if _CARD.search(plain) and _TELL.search(plain) and _AS_US.search(plain) and _CALL.search(plain):
        return CARD_ASKED
    return None


def _cash_at_door(plain: str) -> bool:
    """上门收养老保险 要现金: a pension or insurance asked for in cash at the home."""
    return bool(_AT_HOME.search(plain) and _INSURANCE.search(plain) and _CASH.search(plain))


def fee_told(text: str) -> bool:
    """Whether the words were a fee asked for a benefit (the reply `advice` gave BENEFIT_FEE for)."""
    plain = _plain(text)
    return bool(_BENEFIT.search(plain) and _FEE.search(plain) and _OFFER.search(plain))


_NAMED = re.compile(r"(?:他|她|那个人|那人)[^，,。\s]{0,3}(?:说|自称)[^，,。\s]{0,3}(?:是|姓|叫)|姓[\u4e00-\u9fff]")


def may_name(text: str) -> bool:
    """Whether the words may say who someone claimed to be (他说他是社区的 姓王)."""
    plain = _plain(text)
    return bool(plain) and len(plain) <= 30 and _NAMED.search(plain) is not None


def named_after(text: str, earlier: list[str], phone: str) -> str | None:
    """Who the asker said he was, told after a fee for a benefit (`earlier`, the sender's recent messages): the
    community never takes one; None otherwise."""
    if not may_name(text):
        return None
    if not any(fee_told(said) for said in earlier):
        return None
    return NAMED_AFTER.format(phone=phone)


def product_cures(text: str) -> bool:
    """Whether the words tell of a health product said to cure (卖保健品 说能治高血压)."""
    plain = _plain(text)
    return bool(_PRODUCT.search(plain) and _CURES.search(plain))


# Who lives at a home asked by message (我是网格员 帮我查一下1栋101住的是哪个, blind test 34, F12: a
# number-registration ticket): no resident's data by message, whoever the sender says he is.
_LOOKUP = re.compile(r"查|告诉我|问一下|想晓得|想知道|晓得不|知道不")
_WHO_LIVES = re.compile(r"住的是?(?:哪个|谁|啥子人|什么人|哪家)(?!网格|片区|社区|小区|街道)|"
                        r"(?:哪个|谁|哪家)住(?:在|的|到)?|住户(?:是谁|信息|电话|名字|叫啥)|户主(?:是谁|叫啥|电话)")
RESIDENT_DATA = "住户的信息不能通过短信查询，请理解。网格员请在工作台查看；有事打社区电话{phone}。"


def residents_asked(text: str) -> bool:
    """Whether the words ask who lives at a home or a household's details (帮我查一下1栋101住的是哪个)."""
    plain = _plain(text)
    return bool(_LOOKUP.search(plain) and _WHO_LIVES.search(plain))
