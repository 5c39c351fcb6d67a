"""A scam told about (blind test 28, B84: "医保卡被冻结了 要我转钱" got the 社保卡 answer; B84-2:
"自称公安…转到安全账户" got "好的，记下了"; B83: "网格员上门要我身份证号 是不是骗子" became a number-registration
ticket): the knowledge base's anti-fraud answer (its entry `fraud`: never transfer, never a code, 96110), and 110 if
money went. Never filed. Someone saying they are a grid worker or from the community at the door
(网格员上门登记要我身份证号 是不是骗子, 自称网格员的来敲门 要登记我家存款 是不是真的) is told how to check: ask the
name, call the community; savings, bank numbers, passwords and copies of papers never."""

from __future__ import annotations

import re

from bot.common.plain_text import plain as _plain
from bot.core import triage
from bot.core.knowledge import KnowledgeBase

ENTRY = "fraud"  # config/knowledge/safety.yml
# Money or codes asked for by a caller, or a frozen card, a "safe account", an official on the phone.
_ASKED_FOR = re.compile(r"转钱|转账|汇钱|打钱|转到|安全账户|验证码|交钱|先交|手续费|保证金|解冻|"
                        r"(?:卡|账户|医保|社保)[^，,。！!？?\s]{0,4}(?:冻结|异常|停用|注销)|冻结了")
_WHO_SAYS = re.compile(r"自称|冒充|说是|说他是|说自己是|打电话|来电话|电话来|短信|发消息|加我|上门")
# Someone at the door or on the phone asking for the ID number, and the sender doubting it.
_ID_DOUBT = re.compile(r"身份证号?|银行卡号?|密码|验证码")
_DOUBT = re.compile(r"骗子|诈骗|是不是骗|靠得住不|真的假的|可信不|能信不|靠谱不")
MONEY_GONE = "已经转了钱的，马上打110报警。"
# Someone at the door as one of us: a grid worker, the community, a census taker.
_AS_US = re.compile(r"网格员|网格长|社区|居委会|街道|村委会?|工作人员|普查|人口登记|登记")
# Someone come as one of us (blind test 30, A6-3: 有个自称网格员的来敲门, 门口来了个人说是社区的,
# 有人穿起制服说是社区的) asking for savings, papers or to come in, and the sender doubting it (是不是真的,
# 我咋个晓得他是不是真的网格员).
_CLAIMS = re.compile(r"自称|冒充|说是|说他是|说自己是|说他们是|上门|敲门|门口来|来了个人|来了两个人|制服")
_WANTS = re.compile(r"存款|存折|存单|户口本|复印件|身份证|银行卡|房产证|进屋|进门|屋头看|家里看|进来看")
_DOUBTED = re.compile(r"骗子|诈骗|是不是骗|靠得住不|真的假的|可信不|能信不|靠谱不|是不是真|是真的不|真的不|"
                      r"咋个晓得|怎么知道|咋知道|咋个分辨|怎么分辨|咋个认|假的")
# Blind test 31, A6-3: not to open the door, a real grid worker never asks for these, 110 if he presses.
VISIT_CHECK = ("先别开门！真网格员不会要存折、银行卡、身份证、验证码，存款和复印件也别给；"
               "问他姓名，打社区电话{phone}核实，纠缠就打110。")
# Should the entry go missing from the knowledge base, its words.
FALLBACK = "叫你转账、要验证码的都是骗子！马上挂断，拿不准就打96110问。"


def described(text: str) -> bool:
    """Whether the words tell of a likely scam: a caller asking for money, a transfer or a code (医保卡被冻结 要我转钱,
    转到安全账户), or someone asking for an ID number the sender doubts (是不是骗子)."""
    plain = _plain(text)
    if not plain or triage.has_danger(plain):
        return False
    if _ASKED_FOR.search(plain) is not None and _WHO_SAYS.search(plain) is not None:
        return True
    return _ID_DOUBT.search(plain) is not None and _DOUBT.search(plain) is not None


# Money just lost to a scam (blind test 30, B52: "遭骗了 … 我转了五千块过去" was asked where, then filed): 110 now.
# Someone posing as another (刚才有人冒充快递客服 我转了三千过去, blind test 31, B52b) cheated too.
# An official or a bank who asked money (转了两万给一个说是公安局的人, blind test 33, A22), or the receiver gone quiet
# after (现在电话打不通了): cheated too.
_CHEATED = re.compile(r"被骗|遭骗|受骗|上当|骗了|骗子|诈骗|骗走|冒充|假冒|假扮|自称|"
                      r"假(?:的)?(?:客服|警察|公安|民警|领导|老师)|"
                      r"说(?:他|她|自己)?是(?:公安|警察|民警|派出所|法院|检察院|银行|客服|领导)")
_GONE_QUIET = re.compile(r"打不通|联系不上|找不到人|拉黑|删了我|把我删了|不回(?:我)?(?:消息|信息|了)|关机了")
# Money paid to someone known (交了物业费 电话打不通): no scam for the receiver going quiet alone.
_KNOWN_PAYEE = re.compile(r"物业|社区|网格|居委|街道|水费|电费|燃气费|房租|师傅|商家|店")
_MONEY_WENT = re.compile(r"(?:转|汇|打|给|交)(?:了|过去|出去)[^，,。！!？?\s]{0,6}(?:块|元|万|千|百|钱)|"
                         r"(?:块|元|万|千|百|钱)[^，,。！!？?\s]{0,3}(?:转|汇|打)(?:过去|出去)了?|"
                         r"钱[^，,。\s]{0,3}(?:没了|骗走|转走|划走|扣走|取走)")
# Whether the money can be got back, asked after: the same, 110 at once.
_GET_BACK = re.compile(r"钱[^，,。！!？?\s]{0,4}(?:追|要|拿|找)(?:得|不)?(?:回|转)|追回|追赃|挽回损失")
# A caller, a message or a link that the money went after (刚才接到个电话说我医保卡出问题 我转了五千过去, blind test 32,
# A59: an ordinary ticket): cheated too, unless the money went to family.
_CALLED = re.compile(r"接到(?:个|一个|了)?(?:陌生)?电话|打(?:来|来了)?(?:个|一个)?电话(?:来|给我|说)|电话里|电话头|"
                     r"陌生来电|来电说|短信(?:里)?说|发(?:个)?(?:短信|消息)说|微信上有人|微信上说|加我|链接|"
                     r"(?:有个|一个|陌生)客服|客服打|视频电话")
_FAMILY = re.compile(r"给(?:我)?(?:妈|爸|儿|女|孙|外孙|老伴|老婆|老公|媳妇|家里|亲戚|娃|哥|姐|弟|妹)|"
                     r"孝敬|生活费|学费|房租")
MONEY_LOST = "钱被骗走了请马上打110报警，也可打96110反诈专线；转账记录、对方电话和聊天记录都留好，别删。"


def money_lost(text: str) -> bool:
    """Whether the sender just lost money to a scam (我转了五千块过去 遭骗了) or asks it back (钱还追得回来不)."""
    plain = _plain(text)
    if not plain or triage.has_danger(plain):
        return False
    cheated = _CHEATED.search(plain) is not None or described(plain) \
        or (_CALLED.search(plain) is not None and _FAMILY.search(plain) is None) \
        or (_GONE_QUIET.search(plain) is not None and _FAMILY.search(plain) is None
            and _KNOWN_PAYEE.search(plain) is None)
    return (cheated and _MONEY_WENT.search(plain) is not None) or _GET_BACK.search(plain) is not None


# After money lost (blind test 33): the police said to wait (A21: 报警了 警察说要等), or whether to freeze the bank
# card (A77: 银行卡要不要去冻结): the next step, never 没太看懂 nor 帮不上忙.
_POLICE_SAID = re.compile(r"报(?:了|过)警|报警了|报(?:了|过)案|报案了|"
                          r"(?:警察|民警|派出所|公安|110)[^，,。！!？?\s]{0,2}(?:说|喊|叫|让)|"
                          r"立案|回执|做(?:了)?笔录")
# 把卡冻起来 (blind test 35, A77 got how to open an account) is freezing it too.
_FREEZE = re.compile(r"冻结|挂失|止付|(?:卡|账户)[^，,。！!？?\s]{0,3}(?:停|锁|冻)")
# A card frozen by a caller is the scam told (卡被冻结了 要我转钱), not the sender asking to freeze it.
_FREEZE_ASKED = re.compile(r"要不要|要冻结|该不该|需不需要|能不能|可不可以|咋个|怎么|咋|如何|去哪|哪点|哪里|得不得|"
                           r"不[?？]?$|吗|嘛|哇|[?？]")
_NOT_BANK = re.compile(r"社保卡|医保卡|身份证|公交卡|燃气卡|水卡|电卡|微信|支付宝")  # their own ways to freeze
FREEZE_CARD = "要！马上打银行卡背面的客服电话，说被骗了请他们冻结、挂失；再带身份证去网点办。也可打96110问。"
POLICE_WAIT = "报了警就好，莫慌，等警察联系。转账和聊天记录都留好别删；马上打银行卡背面的电话说被骗了，也可打96110。"


def may_follow_loss(text: str) -> bool:
    """Whether the words may be the next step after money lost: the police said to wait, a card to freeze."""
    plain = _plain(text)
    if not plain or triage.has_danger(plain):
        return False
    return _POLICE_SAID.search(plain) is not None or freeze_asked(plain)


def freeze_asked(text: str) -> bool:
    """银行卡要不要去冻结, 卡咋个挂失: whether or how to freeze one's card."""
    plain = _plain(text)
    return _FREEZE.search(plain) is not None and _FREEZE_ASKED.search(plain) is not None \
        and _NOT_BANK.search(plain) is None \
        and _ASKED_FOR.search(plain.replace("冻结", "")) is None


def after_loss(text: str, earlier: list[str]) -> str | None:
    """The next step for the words after money lost (one of `earlier`, the sender's messages of the last hour, told
    the loss; or these words tell it): freeze the card by the bank's number, or keep the records and call the bank
    while the police work; None when no loss was told."""
    if not may_follow_loss(text):
        return None
    if not (money_lost(text) or _CHEATED.search(_plain(text)) or any(money_lost(said) for said in earlier)):
        return None
    return FREEZE_CARD if freeze_asked(text) else POLICE_WAIT


def visit_doubted(text: str) -> bool:
    """Whether the words doubt someone at the door or on the phone as one of us asking for an ID number (网格员上门登记
    要我身份证号 是不是骗子), with no money or code asked for: how to check them, not the scam warning."""
    plain = _plain(text)
    if not plain or _AS_US.search(plain) is None or _ASKED_FOR.search(plain) is not None or triage.has_danger(plain):
        return False
    return described(plain) or (_CLAIMS.search(plain) is not None and _WANTS.search(plain) is not None
                                and _DOUBTED.search(plain) is not None)


def visit_check(phone: str) -> str:
    """How to check a visitor who says they are a grid worker: ask the name, call the community at `phone`."""
    return VISIT_CHECK.format(phone=phone)


def warning(base: KnowledgeBase) -> str:
    """The knowledge base's anti-fraud answer and what to do if money already went."""
    answer = next((entry.answer for entry in base.entries if entry.id == ENTRY), FALLBACK)
    return f"{answer}{MONEY_GONE}"
