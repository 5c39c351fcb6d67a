"""More scams told about by their trick, each with its own advice (blind test 35, failure 4: 有人打电话说是我儿子
换了号码 急到要借钱 became a number-registration ticket; 有人说能帮我孙子走关系上好学校 要五万块 was asked where;
有人说免费体检 查完就推销药 got the 65岁免费体检 answer; 养老金资格要取消 叫我点链接认证 got the 认证 answer). Read
with bot/core/scam_kinds.py, before the knowledge base and the classifier; never filed."""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.common.plain_text import plain as _plain
from bot.core import triage

# A relative on a new number asking money (说是我儿子 换了号码 急到要借钱, F5n): the 冒充亲人 trick.
_RELATIVE = re.compile(r"儿子|女儿|幺儿|幺女|孙子|孙女|外孙|儿媳|女婿|侄儿|侄女|外甥|老伴|亲戚|老同学|老战友|领导|"
                       r"娃儿|娃娃")
_POSING = re.compile(r"说是|说他是|说她是|自称|冒充|装成|假装|喊我|叫我")
_NEW_NUMBER = re.compile(r"换了?(?:个|新)?(?:号|手机|电话|微信)|新号码?|号码?换了|手机(?:掉|丢|坏|摔)了|"
                         r"(?:号|手机|微信)[^，,。\s]{0,2}(?:不用了|停了|被盗)")
_MONEY = re.compile(r"借钱|借点|借[0-9一二两三四五六七八九十百千万]+|用钱|要钱|打钱|转钱|转账|汇钱|"
                    r"(?:转|打|汇)[^，,。\s]{0,4}过去|[0-9一二两三四五六七八九十百千万]+块|[0-9一二两三四五六七八九十百千]+万")
RELATIVE_NEW_NUMBER = ("多半是冒充亲人借钱的骗子！先打原来的号码找本人核实，一分钱别转；"
                       "拿不准打96110，已转了钱马上打110。")

# Money to pull strings for a school or a job (走关系上好学校 要五万块, F4n).
_STRINGS = re.compile(r"走关系|找关系|托关系|有关系|关系硬|路子|门路|打招呼|走后门|内部名额|指标|安排进|弄进|搞进|送进|"
                      r"进重点|上好学校|上重点|择校|包录取|保录取|包过|包分配|安排工作|安排进单位|进编制|入编")
_PAID = re.compile(r"[0-9一二两三四五六七八九十百千]+万|[0-9一二两三四五六七八九十百千]+块|"
                   r"要钱|给钱|拿钱|交钱|先拿|先交|先给|好处费|活动费|打点|红包")
_OFFERED = re.compile(r"有人|有个|那个人|他说|她说|说能|说可以|能帮|可以帮|帮我")
PULL_STRINGS = "花钱走关系上学、安排工作的都是骗子，一分钱别给！入学、招工都按公开政策办。已经给了钱就打110。"

# A free checkup or talk that ends in selling medicine (免费体检 查完就推销药, F7n).
_FREE_SHOW = re.compile(r"免费(?:体检|检查|量血压|测血糖|测血压|看病|义诊|讲座|理疗|按摩|旅游|领)|义诊|健康讲座")
_SELLS = re.compile(r"推销|卖|兜售|推荐买|喊买|叫买|让买|要买|买(?:药|保健品|仪器)")
FREE_SHOW = "免费体检、讲座后推销药和保健品的多半是骗局，别买、别交定金！有病去正规医院看。可以说个地点向社区反映。"

# A pension or benefit to be stopped unless a link is tapped (养老金资格要取消 叫我点链接认证, F10n).
_LINK = re.compile(r"链接|网址|点开|点进去|二维码|扫码")
# A tap, never 点 of 哪点, 几点, 一点, 有点 (哪点可以交电费, 在哪点认证养老金: issue 17).
_TAP = re.compile(r"(?<![哪几一有差])点(?!钟)|扫|打开|登录|填")
# Pushed by someone (有人打电话说, 短信说, 叫我点): a link the sender asks about herself (社区发的链接点一下就行了吗) is
# no trick told.
_PUSHED = re.compile(r"说|叫我|喊我|让我|要我|逼我|短信|电话|来电|陌生|有人|有个人")
_STOPPED = re.compile(r"取消|停发|停了|暂停|冻结|作废|认证|核实|过期|失效|补发|退钱|退费|领取")
_BENEFIT = re.compile(r"养老金|退休金|社保|医保|补贴|低保|高龄|养老保险|资格")
# A parcel lost and refunded by a caller who has an app installed or the screen shared (有人打电话说我快递丢了要赔我钱
# 叫我下载个软件, blind test 36, F1b: "这个我帮不上忙"): the 快递理赔 trick; a parcel lost with no caller is none.
_PARCEL = re.compile(r"快递|包裹|邮件|网购的东西")
_REFUND = re.compile(r"丢|赔|理赔|退款|退钱|补偿|返钱")
_APP = re.compile(r"下载|下个|装个|安装|APP|App|app|软件|屏幕共享|共享屏幕|开共享|视频会议|会议号|链接|扫码")
PARCEL = "多半是冒充快递客服理赔的骗子！别下载软件、别共享屏幕、别给验证码和卡号；拿不准打96110，转了钱马上打110。"

# A free check at home that ends in a part to change or a sum to pay (有人上门说免费给老人检查燃气灶 查完说要换 收八百,
# blind test 36, F8b: "请问在哪点？").
_AT_HOME = re.compile(r"上门|来屋头|屋头来|来家|家里来|到家|来我家|进屋|敲门|门口")
# 免费帮老年人检查燃气灶 (blind test 37, F8b reworded: "请问在哪点？"): for someone, by 给, 帮 or 替.
_FREE_CHECK = re.compile(r"免费(?:[给帮替][^，,。\s]{0,4})?(?:检查|检测|检修|维修|清洗|安检|测|查)")
_UPSELL = re.compile(r"换|卖|推销|收费|要钱|交钱|收钱|(?:收|要)[^，,。\s]{0,2}[0-9一二两三四五六七八九十百千万]+|"
                     r"[0-9一二两三四五六七八九十百千万]+(?:块|元)")
FREE_CHECK = "上门免费检查、查完要换要收钱的多半是骗局！别交钱、别让他换，水电气找正规公司。已给了钱就打110。"

# Money paid after such a trick or an impostor was told (我已经给了他两百了 咋办, blind test 36, F8b: "没找到这个地方").
_PAID_NOW = re.compile(r"(?:给|交|付|转)(?:了|过去了?)(?:他|她|他们)?[^，,。！!？?\s]{0,3}"
                       r"(?:[0-9一二两三四五六七八九十百千万]+(?:块|元|了|$|[，,。！!？?\s])|钱)|钱[^，,。！!？?\s]{0,3}(?:给|交|付|转)(?:了|过去|出去)")
PAID = "钱给了就马上打110报警，记下他的样子、往哪走了，收据留好；也可打96110反诈专线。别再给他钱。"
# Money sent away rather than handed over (我已经转了三千了 咋个办嘛 after a cadre's loan, blind test 37, F6c: 答不上).
_SENT = re.compile(r"转|汇|打过去|微信|支付宝|银行卡")
PAID_SENT = "马上打110报警，再打银行客服电话请求冻结对方账户；转账记录、聊天记录都留好。别再转钱。"

# Someone posing as a cadre on WeChat or the phone asking money to be sent (有个人加我微信说是社区书记
# 要我帮她转两千块钱 说明天还, blind test 37, F4c: "没太看懂"): the 冒充领导、熟人借钱 trick. Money to be sent or
# lent, never a fee asked.
_CADRE = re.compile(r"书记|主任|网格员|村长|村干部|社区干部|组长|站长|所长|局长|领导|老师|校长|医生")
_SEND_MONEY = re.compile(r"借钱|借点|借[0-9一二两三四五六七八九十百千万]+|打钱|转钱|转账|汇钱|垫[^，,。\s]{0,2}钱|"
                         r"(?:转|打|汇|借)[^，,。\s]{0,4}(?:[0-9一二两三四五六七八九十百千万]+(?:块|元)?|钱)")
CADRE_LOAN = "多半是冒充干部借钱的骗子！社区的人不会找您借钱转账，一分钱别转；拿不准打96110，已转了马上打110。"

LINK = "别点链接！养老金认证不会发链接叫您点，点了可能被盗钱。认证可在社区或掌上12333办，拿不准打12333问。"


def advice(text: str) -> str | None:
    """The advice for the trick the words tell of; None when they tell none of these."""
    plain = _plain(text)
    if not plain or triage.has_danger(plain):
        return None
    if _RELATIVE.search(plain) and _POSING.search(plain) and _NEW_NUMBER.search(plain) and _MONEY.search(plain):
        return RELATIVE_NEW_NUMBER
    if _STRINGS.search(plain) and _PAID.search(plain) and _OFFERED.search(plain):
        return PULL_STRINGS
    if _PARCEL.search(plain) and _REFUND.search(plain) and _APP.search(plain) and _PUSHED.search(plain):
        return PARCEL
    if _AT_HOME.search(plain) and _FREE_CHECK.search(plain) and _UPSELL.search(plain):
        return FREE_CHECK
    if _FREE_SHOW.search(plain) and _SELLS.search(plain):
        return FREE_SHOW
    if _CADRE.search(plain) and _POSING.search(plain) and _SEND_MONEY.search(plain):
        return CADRE_LOAN
    if _LINK.search(plain) and _TAP.search(plain) and _BENEFIT.search(plain) and _STOPPED.search(plain) \
            and _PUSHED.search(plain):
        return LINK
    return None


def says_paid(text: str) -> bool:
    """我已经给了他两百了, 钱已经给了三百了: money just paid to someone (read after a trick or an impostor told)."""
    plain = _plain(text)
    return bool(plain) and _PAID_NOW.search(plain) is not None and not triage.has_danger(plain)


def paid_after(text: str, earlier: list[str], door: Callable[[str], bool]) -> str | None:
    """110 for money just paid when one of `earlier` (the sender's messages of the last hour) told a trick or someone
    at the door (`door`); None otherwise."""
    if not says_paid(text):
        return None
    if not any(advice(said) or door(said) for said in earlier):
        return None
    return PAID_SENT if _SENT.search(_plain(text)) else PAID
