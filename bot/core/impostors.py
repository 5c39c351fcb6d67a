"""Someone at the door saying they are one of us (blind test 31, A6-3: 有人上门说是网格员 要我把存折拿出来给他登记
became a number-registration ticket; 来了个人自称网格员 咋个分辨真假 was not understood; 要进屋看看 我该不该开门 got
the e-bike battery answer; 冒充网格员的骗子上门了咋个办 got the phone-scam text). The sender is told not to open the
door nor show savings books, bank cards, papers or codes (a real grid worker asks for none of them), to check by
calling the community or the estate's grid worker, and 110 if pressed. Asked afterwards whether he was real (那个人走了
他到底是不是网格员嘛), we cannot tell from here: check with the community. Told he was not (社区说没派人来 那个是骗子)
or calling him an impostor at the door now: 110 at once, and the duty officer is told. Never a ticket."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.common.clock import Clock
from bot.common.phones import national
from bot.common.plain_text import plain as _plain
from bot.core import followups, fraud_calls, registry, triage, visitor_checks
from bot.core.notify import notify
from bot.core.places import match_place
from bot.core.questions import grid_worker_of
from bot.core.residence import worker_of
from bot.core.tickets import OPEN_STATUSES, holder_word
from bot.store.message_models import InboxMessage
from bot.store.models import Ticket

# Who he says he is: one of us (a grid worker, the community, the street, a census taker).
# An office or a utility too (门口有两个人说是民政局的 来核实低保 要看我的存折, blind test 36, F2b: the 居家养老 text).
_OFFICE = (r"民政局?|社保局?|人社局?|医保局?|派出所|公安局?|卫健委?|"
           r"自来水公司|水务|燃气公司|煤气公司|天然气公司|供电所|电力公司")
_US = rf"(?:社区)?网格员|网格长|网格管理员|社区|居委会?|街道|村委会?|村上|政府|工作人员|普查|人口登记|{_OFFICE}"
# Saying so, before the word for us (网格员说是明天来 is a grid worker's word, not a claim).
_CLAIMED = re.compile(r"(?:自称|冒充|假冒|假扮|装成|装作|说是|说他是|说她是|说自己是|说他们是|说是从|讲是|说来自)"
                      rf"[^，,。！!？?\s]{{0,3}}(?:{_US})|"
                      # 说社区叫他来查燃气的 (blind test 36, A2): sent by us, he says
                      rf"说[^，,。！!？?\s]{{0,1}}(?:{_US})[^，,。！!？?\s]{{0,2}}(?:喊|叫|派|让)(?:他|她|我们|人)?(?:来|过来)")
# Come to the door or into the home.
# 一直敲我家门 (blind test 35, A2: asked where) is a knock too.
# 一直拍我屋门 (blind test 36, A2: asked where) too.
_AT_DOOR = re.compile(r"上门|敲门|敲[^，,。！!？?\s]{1,3}门|拍门|拍[^，,。！!？?\s]{1,3}门|砸门|"
                      r"门口|屋头来|家里来|家头来|来了个|来了一个|来了两个|来了几个|来个人|来家里|进屋|进门|"
                      r"开门|穿制服|穿起制服|穿着制服|制服")
# What he asks for: savings, bank cards, papers, codes, to come in.
_WANTS = re.compile(r"存款|存折|存单|银行卡|卡号|密码|验证码|户口本|复印件|身份证|房产证|"
                    r"进屋|进门|屋头看|家里看|进来看|登记|拍照|转账|交钱|收钱")
# On the phone or online, not at the door: the scam warning's (bot/core/fraud_calls.py).
_REMOTE = re.compile(r"打电话|打来电话|来电|电话里|电话头|短信|微信|QQ|qq|视频|网上|链接")
# The sender unsure of him, or asking what to do.
_UNSURE = re.compile(r"骗子|诈骗|是不是骗|靠得住不|真的假的|真假|可信不|能信不|靠谱不|是不是真|是真的不|真的不|"
                     r"咋个晓得|怎么知道|咋知道|咋个分辨|怎么分辨|咋分辨|咋个认|怎么认|咋个看|假的|"
                     r"该不该|要不要|能不能|可不可以|敢不敢|咋个办|怎么办|咋办|咋整|咋个搞|怎么搞")
# Someone the sender does not know (有个人敲门说是社区的): no word for us is a stranger's claim.
_SOMEONE = re.compile(r"有人|有个人|有个男的|有个女的|有两个人|有几个人|一个人|来了个|来了一个|来个人|"
                      r"陌生人|不认得的人")
# Over already (上个月有个人上门收了我两百块钱 说是社区让收的): what happened, not a knock now.
_PAST = re.compile(r"上个?月|上周|上个?礼拜|上个?星期|去年|前几天|前些天|前天|昨天|那天|(?:收|拿|骗)(?:了|走了?)")
# Known to be an impostor.
_FAKE = re.compile(r"冒充|假冒|假扮|(?<!是不是)(?<!是不)(?<!会不会)(?<!像不像)骗子|假的网格员|假网格员")
# The community or the worker said nobody was sent, or the sender now knows he was not one of us.
_NOT_SENT = re.compile(r"没(?:有|得)?派(?:过)?人|没(?:有|得)?派(?:他|她|过)|没(?:有|得)?(?:这个|这号|这种|这|那个)人|"
                       r"(?<!是)不是(?:我们|社区|网格员|他们|她们|街道|真的)|根本不是|(?<!是不)是假的|假的网格员|冒充的|"
                       r"是冒充|(?<!是不是)(?<!是不)(?<!会不会)(?<!像不像)骗子")
# Asking whether he was one of us.
_WAS_HE = re.compile(r"是不是(?:真的?)?(?:网格员|社区|街道|居委会?|工作人员|你们)|咋知道|咋晓得|怎么晓得|"
                     r"到底是不是|是不是真的|真的假的|真假|"
                     r"是真(?:的)?网格员不|是你们的人|是不是你们|你们派的|派来的|咋个晓得|怎么知道|认不认得|"
                     r"查一下他|查下他|帮我查")
_HIM = re.compile(r"那个人|那人|这个人|他|她|网格员|那个男的|那个女的|上门|敲门")
# Told of an impostor who came to the door (有人冒充网格员上门推销保健品, blind test 32, A5): filed, and the words
# after it are about him.
_SELLS = re.compile(r"推销|卖|兜售|收钱|骗钱")
_DOOR_TO_DOOR = re.compile(r"挨家挨户|挨家|一家一家|一户一户|挨个|上门|敲门|门口|屋头来|家里来|来家|小区头|楼道")
# He is still about, or the sender is afraid (卖保健品那个人还在楼下转 我不敢出去, A5-2).
_STILL = re.compile(r"还在|还没走|没走|不走|又来了|又来敲|又在|守在|守起|在楼下转|在门口转|转来转去")
_AFRAID = re.compile(r"不敢出去|不敢出门|不敢开门|不敢下楼|不敢回|好怕|害怕|吓人|吓死|怕得很|怕他")
# Whether he was a cheat (那个人走了 是不是骗子嘛, A5-3): the phone-scam text.
_CHEAT_ASKED = re.compile(r"是不是骗子|是骗子不|是不是骗人|骗人的不|是不是假的|是假的不|会不会是骗子|是不是冒充|"
                          r"是不是来骗|骗子不嘛|是不是骗钱")

# How to check him, asked after a knock told of (我又不认得他 咋个核实嘛, blind test 33, A2).
_HOW_CHECK = re.compile(r"(?:咋个|怎么|咋|如何|怎样|咋样)(?:核实|确认)|"
                        r"(?:咋个|怎么|咋|如何|怎样|咋样)(?:查|问|认|分辨|辨别)(?:一下|下)?(?:他|她|这个人|那个人|是不是)|"
                        r"(?:不认得|不认识|认不到|认不得)(?:他|她|这个人|那个人)")

# A threat he made, asked about after (他说不换就停气 是真的不, blind test 35, F2n: 没太看懂).
_THREAT = re.compile(r"不(?:换|交|给|装|买|弄|修|开门|检查|登记)[^，,。！!？?\s]{0,3}(?:就|要|会)[^，,。！!？?\s]{0,2}"
                     r"(?:停|断|关|罚|拆|封|报警|起诉)|(?:不然|否则|要不然)[^，,。！!？?\s]{0,3}(?:停|断|罚)")
THREAT = "不是真的！停气停水会提前贴通知，不会上门逼着换表收钱。先别开门、别交钱，打社区电话{phone}核实，纠缠就打110。"

# His excuse, told after (他说杨艳今天请假了喊他来的, 他拿不出工作证, blind test 36, F4b, F6n: tickets): the door kept
# shut, checked by phone.
_EXCUSE = re.compile(r"请假|请了假|生病|病了|出差|不在家|(?:喊|叫|派|让)(?:他|她|他们)(?:来|过来)|"
                     r"拿不出|掏不出|没带|忘(?:记)?带|(?<!有)没得(?:工作证|证)|(?<!有)没有(?:工作证|证件)|不给(?:我)?看|不肯(?:拿|给)|"
                     r"(?:工作证|证件|工牌|胸牌)[^，,。！!？?\s]{0,3}(?:没|忘|丢|不)")
EXCUSE = "那更要当心，先别开门！打社区电话{phone}问有没有派他来，对不上或者他纠缠不走，马上打110。"
# An office or a utility at the door rather than one of us (说是民政局的 要看我的存折).
_AS_OFFICE = re.compile(rf"(?:自称|冒充|说是|说他是|说她是|说自己是|说他们是|讲是)"
                        rf"[^，,。！!？?\s]{{0,3}}(?:{_OFFICE})")
OFFICE_CHECK = ("先别开门！民政、社保、派出所等上门不会要存折、银行卡、验证码；问清姓名单位，"
                "打社区电话{phone}核实，纠缠就打110。")
HOW_TO_CHECK = "先别开门！隔着门叫他报姓名、给您看工作证，再打社区电话{phone}问有没有派这个人，对不上就打110。"
WORKER = "{place}网格员是{name}，电话{phone}，可以直接打过去问是不是派了人。"
CANNOT_TELL = ("我们这边认不出他是不是。请打社区电话{phone}问有没有派人上门；"
               "社区说没派人就是冒充的，马上打110。")
CANNOT_TELL_WORKER = "也可以打{place}网格员{name}电话{phone}问问。"
CALL_110 = "那就是冒充的！别开门，马上打110报警，存折、银行卡、身份证、验证码都别给他；已告诉街道值班员。"
STAY_IN = "莫怕，就待在屋头把门锁好，别开门也别搭话；他要是敲门纠缠或者守着不走，马上打110。"
NOTED = "已补充到工单{number}，已转告{whom}。"
LIKELY_CHEAT = "多半是骗子：真网格员不会上门推销、收钱。他再来别开门、别买他的东西，也别给证件；纠缠就打110。"
CALL_110_NOW = "别开门、别搭话，马上打110报警！存折、银行卡、身份证、验证码都别给他；已告诉街道值班员。"
TO_DUTY = "【防诈】{phone}报告有人冒充网格员上门{place}，已叫他打110，请留意。"
LOOKED_BACK = timedelta(minutes=60)
LOOKED_AT = 6  # messages


def at_door(text: str) -> bool:
    """Whether someone is at the door as one of us: said to be one of us (说是网格员, 自称社区的) with the door, what
    he wants or the sender's doubt beside it; or a grid worker at the door asking for papers, doubted (fraud_calls)."""
    plain = _plain(text)
    if not plain or triage.has_danger(plain):
        return False
    if fraud_calls.visit_doubted(plain) or visitor_checks.fee_at_door(plain):
        return True
    if _CLAIMED.search(plain) is None or (_REMOTE.search(plain) is not None and _AT_DOOR.search(plain) is None):
        return False
    if _AT_DOOR.search(plain) is not None and _SOMEONE.search(plain) is not None and _FAKE.search(plain) is None \
            and _SELLS.search(plain) is None and _PAST.search(plain) is None:
        return True  # 有个人敲门说是社区的: a stranger at the door as one of us now (blind test 33, A2)
    return (_AT_DOOR.search(plain) is not None or _WANTS.search(plain) is not None) \
        and (_WANTS.search(plain) is not None or _UNSURE.search(plain) is not None)


def impostor_now(text: str) -> bool:
    """Whether the words call someone at the door an impostor (冒充网格员的骗子上门了咋个办): 110 now."""
    plain = _plain(text)
    return at_door(plain) and _FAKE.search(plain) is not None and _AT_DOOR.search(plain) is not None


def told_of(text: str) -> bool:
    """Whether the words tell of an impostor who came (有人冒充网格员上门推销保健品): filed; what follows is about
    him."""
    plain = _plain(text)
    if not plain or _CLAIMED.search(plain) is None:
        return False
    if _FAKE.search(plain) is None:  # 有个人说他是网格员 挨家挨户卖保健品: one of us never sells (blind test 33, A3)
        return _SELLS.search(plain) is not None and _DOOR_TO_DOOR.search(plain) is not None
    return _AT_DOOR.search(plain) is not None or _SELLS.search(plain) is not None


def still_there(text: str) -> bool:
    """卖保健品那个人还在楼下转 我不敢出去: he is still about, or the sender is afraid (read after a visitor told
    of)."""
    plain = _plain(text)
    if not plain or triage.has_danger(plain):
        return False
    return _AFRAID.search(plain) is not None or (_STILL.search(plain) is not None and _HIM.search(plain) is not None)


def asks_if_cheat(text: str) -> bool:
    """那个人走了 是不是骗子嘛: whether he was a cheat (read after a visitor told of)."""
    plain = _plain(text)
    return bool(plain) and _CHEAT_ASKED.search(plain) is not None and not triage.has_danger(plain)


def about_him(text: str) -> bool:
    """Whether the words may be about a visitor told of before: worth looking back for him."""
    return says_not_sent(text) or asks_whether_real(text) or still_there(text) or asks_if_cheat(text) \
        or asks_how_to_check(text) or threatened(text) or excused(text)


def excused(text: str) -> bool:
    """他说杨艳今天请假了喊他来的, 他拿不出工作证: his excuse (read after a visitor told of)."""
    plain = _plain(text)
    return bool(plain) and _EXCUSE.search(plain) is not None and not triage.has_danger(plain)


def door_told(text: str) -> bool:
    """Whether the words told of someone at the door as one of us, an impostor come, or someone named coming."""
    return at_door(text) or told_of(text) or visitor_checks.coming_as_named(text)


def threatened(text: str) -> bool:
    """他说不换就停气 是真的不: a threat he made (read after a visitor told of)."""
    plain = _plain(text)
    return bool(plain) and _THREAT.search(plain) is not None and not triage.has_danger(plain)


def asks_how_to_check(text: str) -> bool:
    """我又不认得他 咋个核实嘛: how to check the one who knocked (read after a visitor told of)."""
    plain = _plain(text)
    return bool(plain) and _HOW_CHECK.search(plain) is not None and not triage.has_danger(plain)


def says_not_sent(text: str) -> bool:
    """After a visitor doubted: the community sent nobody, or he was an impostor (社区说没派人来 那个是骗子)."""
    plain = _plain(text)
    return bool(plain) and _NOT_SENT.search(plain) is not None and not triage.has_danger(plain)


def asks_whether_real(text: str) -> bool:
    """After a visitor doubted: whether he was one of us (他到底是不是网格员嘛, 那个人是不是真的)."""
    plain = _plain(text)
    return bool(plain) and _WAS_HE.search(plain) is not None and _HIM.search(plain) is not None


def advice(session: Session, community_phone: str, address: str, text: str) -> list[str]:
    """Don't open, show nothing, check by the community's number; the grid worker's too when the place is known."""
    check = visitor_checks.fee_advice(community_phone, text) if visitor_checks.fee_at_door(text) \
        else OFFICE_CHECK.format(phone=community_phone) if _AS_OFFICE.search(_plain(text)) \
        else fraud_calls.visit_check(community_phone)
    replies = [check]
    worker = _worker(session, address, text)
    if worker is not None:
        replies.append(WORKER.format(place=worker[0], name=worker[1], phone=worker[2]))
    return replies


def follow_up(session: Session, clock: Clock, community_phone: str, channel: str, address: str, before_id: int,
              text: str) -> list[str] | None:
    """The answer to a word after a doubted visitor of the last hour: 110 and the duty officer told when he was not
    one of us; stay in and lock the door when he is still about (his ticket told); a likely cheat when he was told an
    impostor and the sender asks; we cannot tell, check with the community, when asked whether he was; his name and
    work card through the door and the community's number when asked how to check; None without such a visitor."""
    if not about_him(text):
        return None
    earlier = _door_said_before(session, clock, channel, address, before_id)
    if earlier is None:
        return None
    if says_not_sent(text):
        return [called_110(session, address, earlier)]
    if still_there(text):
        return [STAY_IN, *_noted(session, clock, address, text, before_id)]
    if asks_if_cheat(text) and told_of(earlier):
        return [LIKELY_CHEAT]
    if threatened(text):
        return [THREAT.format(phone=community_phone)]
    if excused(text):
        replies = [EXCUSE.format(phone=community_phone)]
    elif asks_whether_real(text) or asks_if_cheat(text):
        replies = [CANNOT_TELL.format(phone=community_phone)]
    elif asks_how_to_check(text):
        replies = [HOW_TO_CHECK.format(phone=community_phone)]
    else:
        return None
    worker = _worker(session, address, earlier)
    if worker is not None:
        replies.append(CANNOT_TELL_WORKER.format(place=worker[0], name=worker[1], phone=worker[2]))
    return replies


def called_110(session: Session, address: str, text: str, *, found_out: bool = True) -> str:
    """110 now for an impostor at the door (found out after a doubt, or called one from the start); every duty
    officer told who reported it and where."""
    match = match_place(session, text)
    place = f"（{match.name}）" if match.name and match.grid is not None else ""
    for officer in registry.duty_officers(session):
        notify(session, officer, TO_DUTY.format(phone=national(address) if address.startswith("+") else address,
                                                place=place))
    return CALL_110 if found_out else CALL_110_NOW


def _door_said_before(session: Session, clock: Clock, channel: str, address: str, before_id: int) -> str | None:
    """The sender's latest message of the last hour that told of someone at the door as one of us, else None."""
    rows = session.scalars(select(InboxMessage.text).where(
        InboxMessage.channel == channel, InboxMessage.sender == address, InboxMessage.id < before_id,
        InboxMessage.received_at >= clock.now() - LOOKED_BACK).order_by(InboxMessage.id.desc()).limit(LOOKED_AT))
    return next((said for said in rows if said and door_told(said)), None)


def _noted(session: Session, clock: Clock, address: str, text: str, message_id: int) -> list[str]:
    """The words added to the sender's open ticket of the last hour about an impostor, its holder told; [] for none."""
    tickets = session.scalars(select(Ticket).where(
        Ticket.reporter_address == address, Ticket.status.in_(OPEN_STATUSES),
        Ticket.created_at >= clock.now() - LOOKED_BACK).order_by(Ticket.id.desc()).limit(LOOKED_AT))
    ticket = next((t for t in tickets if told_of(t.text) or at_door(t.text)), None)
    if ticket is None or not followups.add_detail(session, clock, ticket, text, address, message_id):
        return []
    return [NOTED.format(number=ticket.number, whom=holder_word(ticket))]


def _worker(session: Session, address: str, text: str) -> tuple[str, str, str] | None:
    """(place, name, number) of the grid worker of the place named, else of the sender's own grid; None for neither."""
    match = match_place(session, text)
    if match.grid is not None:
        worker = worker_of(session, match.grid)
        if worker is not None:
            return match.name, worker.name, national(worker.phone)
    person = registry.person_by_address(session, address)
    own = grid_worker_of(session, person) if person is not None else None
    return ("您那里的", own.name, national(own.phone)) if own is not None and own.phone else None
