"""Questions about telling a real grid worker from a false one, asked with nobody pressing at the door (blind test 32,
A4: 咋个晓得上门的网格员是不是假的 got the volunteer-team answer; A102: 咋个辨别网格员是真是假 was not understood;
A4-2: 他说他叫周明 是河畔花园的网格员 是真的不; A6, A103: 网格员上门要收身份证原件 / 要看身份证 正常不 got the ID-card
replacement answer and "请问在哪点？"), and a fee asked at the door by someone saying they are from the gas company or
the community (A87: 说是燃气公司的 又说是社区的 要收检测费 was asked where). Real grid workers carry a work card, ask
for no savings book, bank card, code, original papers or money; a doubt is checked by calling the community or the
estate's grid worker, named when the place or the name is said. Never a ticket."""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.common.phones import national
from bot.common.plain_text import plain as _plain
from bot.core import registry, triage
from bot.core.places import match_place
from bot.core.questions import grid_worker_of
from bot.core.residence import worker_of
from bot.store.models import Person, StaffRole

# One of us, as a visitor may claim to be.
_US = re.compile(r"网格员|网格长|网格管理员|社区(?:的人|工作人员|干部)?|居委会?|街道|村委会?|工作人员|普查员?")
# One of us as a person, or one of us come (社区来人): whose genuineness may be asked (not 社区门口卖的假冒伪劣).
_US_PERSON = re.compile(r"网格员|网格长|网格管理员|工作人员|普查员|上门的人|"
                        r"(?:社区|居委会?|街道|村委会?|村上)(?:的人|工作人员|干部|派来的|来的人|来人)|"
                        r"(?:社区|居委会?|街道)[^，,。！!？?\s]{0,2}(?:上门|来)")
# Whether he is real, asked (是不是假的, 是真是假) or how to tell (咋个辨别, 咋个晓得…假的).
_GENUINE = re.compile(r"是真是假|真假|真的假的|是不是假的?|是假的不|假的不|是不是冒充|冒充的|是不是骗子|骗子不|"
                      r"是不是真(?:的)?(?:网格员|社区|工作人员)|是真(?:的)?网格员不|是不是真网格员|假网格员|假冒(?:的)?(?:网格员|社区|工作人员)|"
                      r"(?:来|上门|敲门|登记)[^，,。！!？?]{0,6}(?:是真的不|真的不|是不是真的|是真的吗|是真的嘛)|"
                      r"(?:怕|防)[^，,。！!？?\s]{0,3}(?:冒充|假冒|骗子)|"
                      r"(?:冒充|假冒)[^，,。！!？?]{0,6}(?:咋个|怎么|咋|如何)(?:防|办|认|分辨|识别)")
_HOW = re.compile(r"(?:咋个|怎么|咋|如何|怎样|怎个|哪个)"
                  r"(?:晓得|知道|辨别|分辨|识别|区分|认|看出|看得出|核实|确认|判断|查)")
_TRUTH = re.compile(r"真|假|冒充|骗")
_WORK_CARD = re.compile(r"工作证|证件|胸牌|工牌")
_CARD_ASKED = re.compile(r"有没得|有没有|有不有|带不带|带没带|啥样|什么样|啥子样|看啥|看什么|看哪样")
# A question of whether one of us calling on the phone for money is real: the scam warning's (fraud_calls).
_MONEY_ASKED = re.compile(r"转钱|转账|汇钱|打钱|安全账户|验证码")
# A name the visitor gave (他说他叫周明, 她叫王芳是社区的).
_NAMED = re.compile(r"叫([\u4e00-\u9fff]{2,3}?)(?=[，,。！!？?\s是的说]|网格|$)")
# Only his surname given (他说他姓杨 是安居苑的网格员, blind test 33, A1): checked against the estate's worker.
_SURNAMED = re.compile(r"姓([\u4e00-\u9fff])(?=[，,。！!？?\s是的说]|网格|$)")
_NAME_DOUBT = re.compile(r"是真的不|真的不|是不是真的|是不是|对不对|是不|有这个人不|有没有这个人|有没得这个人|"
                         r"真有这个人|认得不|认不认得|靠得住不|可信不|真的吗|是真的吗")
# Whether what he asks for is usual: papers to look at, or to take; money, cards, codes never.
_PAPER = re.compile(r"身份证|户口本|户口簿|房产证|结婚证|残疾证|社保卡|医保卡|老年证")
_TAKES = re.compile(r"原件|收走|收了|收我|要收|拿走|带走|要走|收去|拿去|带回去|押|扣|拍|复印|留下")
_MONEY_OR_CARD = re.compile(r"存折|存单|存款|银行卡|卡号|密码|验证码|(?:收|交|要|给)[^，,。！!？?\s]{0,3}钱|收费")
_CARDS = re.compile(r"存折|存单|存款|银行卡|卡号|密码|验证码")
# A fee he collects (收垃圾费): may be one the community set, asked about before anything is paid.
_FEE_ASKED = re.compile(r"(?:收|交|缴|要)[^，,。！!？?\s]{0,4}费")
_NORMAL = re.compile(r"正常不|正不正常|正常吗|正常嘛|正常哇|合理不|合不合理|合规不|可以不|可不可以|要得不|该不该给|"
                     r"能给不|能不能给|要不要给|给不给|该给不|可以给(?:他|她)?(?:不|吗|嘛)|给得不|能给(?:他|她)不|应该给|应不应该|对不对|有这个规定|有这规定|有这个规矩|"
                     r"是规定|是不是真的|真的要|是不是要|需要不|需不需要")
_ACTS = re.compile(r"(?:上门|来家|来屋|到家|入户|登记|要|收|拿|看|查|拍|复印)")
# Not a visitor: the sender goes to the office (去社区办居住证要带身份证原件吗).
_AT_OFFICE = re.compile(r"去社区|到社区|在社区|去街道|到街道|去居委|到居委|去派出所|办|"
                        r"带[^，,。\s]{0,3}(?:身份证|户口)")
# Someone saying they are from a utility or from us, asking a fee (A87).
_CLAIM = re.compile(r"自称|冒充|假冒|假扮|说是|说他是|说她是|说自己是|说他们是|讲是|说来自|说从")
# Or a utility's man at the door doubted (煤气公司的人上门说要换管子 收两百 真的假的, blind test 33, A80).
_DOUBTED = re.compile(r"真的假的|真假|是不是真的|是真的不|真的不|是不是骗|骗子|骗人|靠得住不|可信不|靠谱不|能信不|"
                      r"正常不|要得不")
_UTILITY = {"燃气公司": re.compile(r"燃气|天然气|煤气"), "自来水公司": re.compile(r"自来水|水务|水厂"),
            "供电所": re.compile(r"供电|电力|电业|国家电网")}
_FEE = re.compile(r"(?:收|交|缴|要|给)[^，,。！!？?\s]{0,4}(?:费|钱)|检测费|检查费|服务费|上门费|材料费|工本费|安检费|"
                  r"(?:收|交|缴)[^，,。！!？?\s]{0,2}[0-9一二两三四五六七八九十百千]+|"
                  r"(?:换|买|装)[^，,。！!？?\s]{0,4}(?:管|阀|表|报警器)")
# Wanting in (要进来查水管, 要进屋看燃气表): a utility's claim at the door, checked before opening.
_IN = re.compile(r"进来|进屋|进门|进家|屋头看|家里看|"
                 r"(?:查|看|检查|检修)[^，,。！!？?\s]{0,2}(?:水管|管子|管道|表|线路|电路|阀门)")
# At the door, not on the phone.
_VISITOR = re.compile(r"门口|上门|敲门|来了|来家|屋头来|家里来|家头来|进屋|进门|有人|有个人|有个|"
                      r"一个人|两个人|几个人|穿制服")
_REMOTE = re.compile(r"打电话|打来电话|来电|电话里|电话头|短信|微信|QQ|qq|网上|链接")
# Over already (上个月有个人上门收了我两百块钱 说是社区让收的): what happened, for a report or the open complaint,
# not a caller at the door now.
_OVER = re.compile(r"(?:收|交|给|拿|骗)(?:了|走了?)[^，,。！!？?\s]{0,3}"
                   r"(?:钱|块|元|费|[0-9一二两三四五六七八九十百千]+)|"
                   r"已经(?:交|给|收)|上个?月|上周|上个?礼拜|上个?星期|去年|前几天|前些天|前天|昨天|那天")

HOW_TO_TELL = "真网格员有工作证，不会要存折、银行卡、验证码、身份证原件，也不收钱；拿不准就打社区电话{phone}核实。"
WORKER = "{place}的网格员是{name}，电话{phone}，可以打过去问问。"
NAMED_RIGHT = "对，{name}是{place}的网格员，电话{phone}；拿不准就打这个电话，问是不是本人上门。"
NAMED_WRONG = "{place}的网格员是{name}，电话{phone}{not_him}；先别开门，打这个电话或社区{centre}问问。"
NOT_HIM = "，不叫{name}"
NOT_SURNAMED = "，不姓{surname}"
SURNAME_RIGHT = "{place}的网格员是{name}，姓{surname}对得上，电话{phone}；拿不准就打这个电话，问是不是本人上门。"
WHICH_PLACE = "说个小区名，我告诉您那里的网格员是哪个、电话多少。"
PAPER_LOOK = "登记时看一眼{paper}是正常的，但别让他拿走原件或拍照复印，也不收钱。拿不准打社区电话{phone}核实。"
PAPER_TAKE = "不正常！网格员登记最多看一眼{paper}，不收原件，也不拍照复印、不收钱。先别给，打社区电话{phone}核实。"
FEE_ASKED = "网格员一般不上门收钱。要收啥子费先别给，打社区电话{phone}问清楚有没有这笔费、该交到哪里。"
MONEY_NEVER = "不正常！真网格员不会要存折、银行卡、密码、验证码，也不收钱。先别给，打社区电话{phone}核实，纠缠就打110。"
FEE = "先别开门、别交钱！{who}上门不当场收钱，要钱的多半是冒充的；打{bill}社区电话{phone}核实，纠缠就打110。"
BILL = "缴费单上的电话或"
LET_IN = "先别开门！{who}上门查修会先通知、有工作证；隔着门问清楚，打{bill}社区电话{phone}核实，纠缠就打110。"


def asks_how_to_tell(text: str) -> bool:
    """咋个辨别网格员是真是假, 咋个晓得上门的网格员是不是假的, 网格员有没有工作证: how to tell a real one."""
    plain = _plain(text)
    if not plain or _US_PERSON.search(plain) is None or triage.has_danger(plain) or _MONEY_ASKED.search(plain):
        return False
    if _WORK_CARD.search(plain) is not None and _CARD_ASKED.search(plain) is not None:
        return True  # 真的网格员有没得工作证
    return _GENUINE.search(plain) is not None or (_HOW.search(plain) is not None and (
        _TRUTH.search(plain) is not None or _WORK_CARD.search(plain) is not None))


def asks_about_named(text: str) -> bool:
    """他说他叫周明 是河畔花园的网格员 是真的不: whether the named visitor is the grid worker he says."""
    plain = _plain(text)
    return bool(plain) and (_NAMED.search(plain) or _SURNAMED.search(plain)) is not None and "网格" in plain \
        and _NAME_DOUBT.search(plain) is not None and not triage.has_danger(plain)


def asks_if_usual(text: str) -> bool:
    """网格员上门要收身份证原件 正常不, 社区的人要看户口本 可以不: whether what one of us asks for is usual."""
    plain = _plain(text)
    if not plain or _US.search(plain) is None or _NORMAL.search(plain) is None or triage.has_danger(plain):
        return False
    if _AT_OFFICE.search(plain) is not None or _ACTS.search(plain) is None:
        return False
    return _PAPER.search(plain) is not None or _MONEY_OR_CARD.search(plain) is not None \
        or _FEE_ASKED.search(plain) is not None


def fee_at_door(text: str) -> bool:
    """门口有个人说是燃气公司的 又说是社区的 要收检测费: someone saying they are from a utility or from us, asking a
    fee (or to sell a part) at the door; or saying they are from a utility and wanting in (有人敲门说是自来水公司的
    要进来查水管, blind test 35, F6n: a ticket with no word not to open)."""
    plain = _plain(text)
    if not plain or triage.has_danger(plain):
        return False
    utility = any(words.search(plain) for words in _UTILITY.values())
    if _FEE.search(plain) is None and not (utility and _CLAIM.search(plain) is not None and _IN.search(plain)):
        return False
    if _CLAIM.search(plain) is None and not (utility and _DOUBTED.search(plain) is not None):
        return False
    if _VISITOR.search(plain) is None or _REMOTE.search(plain) is not None or _OVER.search(plain) is not None:
        return False
    return _US.search(plain) is not None or utility


def answer(session: Session, centre: str, address: str, text: str) -> list[str] | None:
    """The replies to a question about a visitor's genuineness, a paper or money he asks for; None for none."""
    if asks_about_named(text):
        return named(session, centre, address, text)
    if asks_if_usual(text):
        return [usual(centre, text)]
    if not asks_how_to_tell(text):
        return None
    replies = [HOW_TO_TELL.format(phone=centre)]
    worker = _worker(session, address, text)
    if worker is not None:
        replies.append(WORKER.format(place=worker[0], name=worker[1], phone=worker[2]))
    return replies


def fee_advice(centre: str, text: str) -> str:
    """Don't open, don't pay: a utility or we take no money at the door; the utility's number on its bill (blind test
    33, A80) and the community's."""
    plain = _plain(text)
    utilities = [name for name, words in _UTILITY.items() if words.search(plain)]
    who = utilities[0] if utilities else "网格员和社区"
    bill = BILL if utilities else ""
    return (FEE if _FEE.search(plain) else LET_IN).format(who=who, phone=centre, bill=bill)


def usual(centre: str, text: str) -> str:
    """A paper looked at is usual, taken or copied is not; a fee is asked about before paying; money, cards and codes
    never."""
    plain = _plain(text)
    paper = _PAPER.search(plain)
    if _CARDS.search(plain) is None and _FEE_ASKED.search(plain) is not None:
        return FEE_ASKED.format(phone=centre)
    if paper is None or (_MONEY_OR_CARD.search(plain) is not None and "不收钱" not in plain):
        return MONEY_NEVER.format(phone=centre)
    name = "户口本" if paper.group(0) == "户口簿" else paper.group(0)
    return (PAPER_TAKE if _TAKES.search(plain) else PAPER_LOOK).format(paper=name, phone=centre)


def named(session: Session, centre: str, address: str, text: str) -> list[str]:
    """Whether the name he gave is the grid worker of the place he named (else of the sender's grid, else anywhere)."""
    plain = _plain(text)
    said = _NAMED.search(plain)
    name = said.group(1) if said is not None else ""
    surnamed = _SURNAMED.search(plain) if not name else None
    surname = surnamed.group(1) if surnamed is not None else ""
    not_him = NOT_HIM.format(name=name) if name else NOT_SURNAMED.format(surname=surname) if surname else ""
    worker = _worker(session, address, plain, own_grid=False)
    if worker is not None:
        place, who, phone = worker
        if who in plain:
            return [NAMED_RIGHT.format(name=who, place=place, phone=phone)]
        if surname and who.startswith(surname):  # 他说他姓杨 是安居苑的网格员: 杨艳 (blind test 33, A1)
            return [SURNAME_RIGHT.format(place=place, name=who, surname=surname, phone=phone)]
        return [NAMED_WRONG.format(place=place, name=who, phone=phone, centre=centre, not_him=not_him)]
    known = _grid_worker_named(session, plain)
    if known is not None:
        return [NAMED_RIGHT.format(name=known[1], place=known[0], phone=known[2])]
    worker = _worker(session, address, "")
    if worker is not None:
        if surname and worker[1].startswith(surname):
            return [SURNAME_RIGHT.format(place=worker[0], name=worker[1], surname=surname, phone=worker[2])]
        return [NAMED_WRONG.format(place=worker[0], name=worker[1], phone=worker[2], centre=centre, not_him=not_him)]
    return [HOW_TO_TELL.format(phone=centre), WHICH_PLACE]


def _worker(session: Session, address: str, text: str, *, own_grid: bool = True) -> tuple[str, str, str] | None:
    """(place, name, number) of the grid worker of the place named, else of the sender's own grid."""
    match = match_place(session, text) if text else None
    if match is not None and match.grid is not None:
        worker = worker_of(session, match.grid)
        if worker is not None:
            return match.name, worker.name, national(worker.phone)
    if not own_grid:
        return None
    person = registry.person_by_address(session, address)
    own = grid_worker_of(session, person) if person is not None else None
    return ("您那里", own.name, national(own.phone)) if own is not None and own.phone else None


def _grid_worker_named(session: Session, plain: str) -> tuple[str, str, str] | None:
    """(grid, name, number) of a grid worker whose name the words say, else None."""
    rows = session.execute(select(Person, StaffRole).join(StaffRole, StaffRole.person_id == Person.id)
                           .where(StaffRole.role == "grid_worker").order_by(StaffRole.id))
    for person, role in rows:
        if person.name and person.phone and person.name in plain:
            return role.unit.name, person.name, national(person.phone)
    return None


# Someone saying he is a worker by name and coming to the home (有个人说他是周明 要来我屋头检查燃气, blind test 34, F5:
# a ticket to 周明, no word not to open): the worker's own number to check before opening.
_SAYS_HE_IS = re.compile(r"(?:有人|有个|那个人|一个人|来了个|陌生)[^，,。\s]{0,4}(?:说|自称)(?:他|她|自己)?(?:是|叫)|"
                         r"自称")
_COMING = re.compile(r"要来|上门|来我|到我|进屋|进门|敲门|门口|检查|查燃气|查煤气|查水|查电|维修|登记")
COMING_CHECK = "先别开门！{name}是{place}的网格员，先打他电话{phone}问是不是本人要来，对上了再开。"


def coming_as_named(text: str) -> bool:
    """有个人说他是周明 要来检查燃气: someone saying who he is and coming to the home (a worker's name is looked up)."""
    plain = _plain(text)
    return bool(plain) and _SAYS_HE_IS.search(plain) is not None and _COMING.search(plain) is not None \
        and not triage.has_danger(plain)


def coming_check(session: Session, text: str) -> str | None:
    """Don't open before calling the grid worker he named on his own number; None when he named no grid worker."""
    known = _grid_worker_named(session, _plain(text))
    return None if known is None else COMING_CHECK.format(name=known[1], place=known[0], phone=known[2])


# A stranger saying he is a grid worker by name and wanting the sender on WeChat (有个陌生号码发短信说他是网格员李磊
# 叫我加他微信, blind test 36, F10b: a number-registration ticket): no worker asks that; his real number to check.
_AS_WORKER = re.compile(r"(?:说|自称|冒充|讲)(?:他|她|自己)?(?:是|叫)?[^，,。！!？?\s]{0,4}网格")
_WECHAT = re.compile(r"加[^，,。！!？?\s]{0,3}(?:微信|好友|QQ|qq)|进群|拉我进|微信[^，,。！!？?\s]{0,3}(?:加|群)|"
                     r"发[^，,。！!？?\s]{0,3}(?:身份证|证件)[^，,。！!？?\s]{0,2}(?:照|相)")
WECHAT_CHECK = ("网格员不会叫您加私人微信、发证件照！{place}网格员{name}的电话是{phone}，打过去问是不是他；"
                "别转钱、别给验证码。")
NEW_NUMBER_CHECK = ("网格员不会换号叫您带存折、转钱！{place}网格员{name}的电话是{phone}，打这个号问是不是他；"
                    "存折、验证码别给人。")


# Someone on a new number saying he is a worker by name and wanting a bankbook, money or papers (有人打电话说他是
# 杨艳 换了新号码 喊我明天把低保存折带过去, blind test 37, F8c: a number-registration ticket): the same check, his
# real number.
_AS_SOMEONE = re.compile(r"(?:说|自称|冒充|讲)(?:他|她|自己)?(?:是|叫)")
_NEW_NUMBER = re.compile(r"换了?(?:个|新)?(?:号|手机|电话)|新号码?|号码?换了")
_VALUABLES = re.compile(r"存折|银行卡|卡号|密码|验证码|身份证|户口本|转钱|转账|打钱|借钱|带钱|交钱")


def wechat_as_named(text: str) -> bool:
    """说他是网格员李磊 叫我加他微信, 说他是杨艳 换了新号码 喊我把存折带过去: someone saying he is a grid worker
    and wanting the sender on WeChat, or on a new number wanting her bankbook or money."""
    plain = _plain(text)
    if not plain or triage.has_danger(plain):
        return False
    return (_AS_WORKER.search(plain) is not None and _WECHAT.search(plain) is not None) \
        or (_AS_SOMEONE.search(plain) is not None and _NEW_NUMBER.search(plain) is not None
            and _VALUABLES.search(plain) is not None)


def wechat_check(session: Session, text: str) -> str | None:
    """No worker asks to be added on WeChat: the named worker's own number; None when he named no grid worker."""
    plain = _plain(text)
    known = _grid_worker_named(session, plain)
    if known is None:
        return None
    said = WECHAT_CHECK if _WECHAT.search(plain) else NEW_NUMBER_CHECK
    return said.format(name=known[1], place=known[0], phone=known[2])
