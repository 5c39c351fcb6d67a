"""The first group of `InformationRequests` (bot/app/information_requests.py): what to do or whom to call, said
plainly before the classifier can file it or miss it: a service's number, advice and first aid, a fever, gas money,
money lost to a fraud and the next step after it, a lure for ID numbers (filed, with a note), someone at the door
as one of us, how to tell a real grid worker, wages owed."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from bot.app.steps import from_staff
from bot.common.clock import Clock
from bot.core import (
    advice_asked,
    after_advice,
    care_words,
    chatter,
    closing_asked,
    followups,
    fraud_calls,
    held_words,
    home_advice,
    id_lures,
    impostors,
    scam_kinds,
    scam_tricks,
    service_numbers,
    sick_child,
    triage,
    visitor_checks,
    wage_claims,
    water_questions,
)
from bot.core.knowledge import Contact
from bot.messaging.ports import Claimed, Replies, with_note
from bot.store.db import Database

MISSENT_WINDOW = timedelta(minutes=30)  # 发错了 (and a fever said again) reads back this far
LOSS_WINDOW = timedelta(hours=1)  # money lost to a scam: the police or the bank card asked about after


class Advice:
    """The step's advice group: a reply (a list) or the message, perhaps with a note for the reply (110 named)."""

    def __init__(self, db: Database, contact: Contact, *, clock: Clock | None = None,
                 fraud_warning: str | None = None) -> None:
        self.db = db
        self.contact = contact
        self.clock = clock
        self.fraud_warning = fraud_warning

    async def __call__(self, message: Claimed) -> Claimed | Replies:
        """What to do or whom to call, said plainly: a service's number, advice, first aid, a fraud warning."""
        number = service_numbers.reply(message.text)
        if number is not None:  # 火警电话多少来着, 我要报警: answered, never an emergency (blind test 28, B94, B93)
            return [{"text": number}]
        if after_advice.hurt_detail(message.text):  # 猫抓的 手背上抓了一道 after the scratch's advice: never the
            detail = await asyncio.to_thread(self._after_advice, message)  # same advice again (blind test 35, A73)
            if detail is not None:
                return [{"text": detail}]
        advised = advice_asked.advice(message.text)
        if advised is not None:  # 地震了 楼在晃 咋个办, 被猫抓了 要打针不: what to do, never filed (blind test 29)
            return [{"text": advised}]
        home = home_advice.advice(message.text)
        if home is not None:  # 电费咋个突然那么多, 老人摔了 手肿了 要紧不, 娃娃遭欺负了 (blind test 33, B180, B86, B40)
            return [{"text": home}]
        if (advice_asked.theft_told(message.text) or (advice_asked.wants_police(message.text)
                                                      and triage.has_problem(message.text))) \
                and not triage.has_danger(message.text):  # 电瓶车遭偷了: filed, 110 named (bt 29, 30)
            message = with_note(message, advice_asked.CALL_POLICE)
        water = await asyncio.to_thread(self._drink, message)
        if water is not None:  # 水现在清了 能喝了不, after a report of muddy water (blind test 30, A14-11a)
            return [{"text": water}]
        sick = sick_child.advice(message.text) or await asyncio.to_thread(self._still_sick, message) \
            or sick_child.fever_advice(message.text)  # 我外孙女发烧38度5: any fever (blind test 32, A30, A97)
        if sick is not None:  # 娃娃发烧抽筋了: 120 now, never 答不上 (blind test 28, B65)
            return [{"text": sick}]
        gas = advice_asked.gas_money(message.text)
        if gas:  # 燃气卡没钱了 打不燃火 咋个充: how to top up, never asked where (blind test 32, A26, A109)
            return [{"text": text} for text in gas]
        aid = care_words.first_aid(message.text)
        if aid is not None:  # 膝盖擦破点皮 没得事: first aid, never filed nor asked where (blind test 28, B105)
            return [{"text": aid}]
        if fraud_calls.money_lost(message.text):  # 遭骗了 我转了五千块过去: 110 now, never asked where (bt 30, B52)
            return [{"text": fraud_calls.MONEY_LOST}]
        after = await asyncio.to_thread(self._after_loss, message)
        if after is not None:  # 报警了 警察说要等, 银行卡要不要去冻结 after money lost (blind test 33, A21, A77)
            return [{"text": after}]
        paid = await asyncio.to_thread(self._paid_after, message)
        if paid is not None:  # 我已经给了他两百了 after a trick or someone at the door: 110 (blind test 36, F8b)
            return [{"text": paid}]
        if id_lures.told(message.text):  # 免费领鸡蛋 要登记身份证号: a fraud reported, filed (blind test 33, B31)
            more = await asyncio.to_thread(self._lure_more, message)
            if more is not None:  # 我不是要登记 是举报他们骗身份证: more of that report
                return [{"text": text} for text in more]
            message = with_note(message, id_lures.NOTE)
        # 好 我们马上去医院 after the fever advice: a warm word (blind test 33, A12, B40, A73); read after the more
        # exact words above (还是38度8 after the fever's advice is its own)
        remark = await asyncio.to_thread(self._after_advice, message)
        if remark is not None:
            return [{"text": remark}]
        wechat = await asyncio.to_thread(self._wechat, message)
        if wechat is not None:  # 说他是网格员李磊 叫我加他微信: his real number (blind test 36, F10b)
            return [{"text": wechat}]
        door = await asyncio.to_thread(self._door, message)
        if door is not None:  # 有人上门说是网格员 要看我家银行卡: don't open, check, 110 (B83; blind test 31, A6-3)
            return [{"text": text} for text in door]
        scam = None if id_lures.told(message.text) else \
            scam_kinds.advice(message.text, self.contact.phone) or scam_tricks.advice(message.text) \
            or await asyncio.to_thread(self._scam_named, message)
        if scam is not None:  # 孙子在派出所 要交保释金, 办低保 要先交好处费 (blind test 34, failure 4)
            return [{"text": scam}]
        if scam_kinds.residents_asked(message.text) and not await asyncio.to_thread(self._from_staff, message):
            return [{"text": scam_kinds.RESIDENT_DATA.format(phone=self.contact.phone)}]  # blind test 34, F12
        if scam_kinds.product_cures(message.text):  # 卖保健品 说能治高血压: filed, with don't buy (blind test 34, F8)
            message = with_note(message, scam_kinds.PRODUCT_NOTE)
        if self.fraud_warning is not None and fraud_calls.described(message.text):
            return [{"text": self.fraud_warning}]  # 医保卡被冻结 要我转钱: anti-fraud (blind test 28, B84)
        checked = await asyncio.to_thread(self._visitor_checked, message)
        if checked is not None:  # 咋个辨别网格员是真是假, 网格员上门要收身份证原件 正常不 (blind test 32, A4, A6)
            return [{"text": text} for text in checked]
        wages = await asyncio.to_thread(self._wages, message)
        if wages is not None:  # 凭啥子关了嘛 我的工资咋个办, 网格员能帮我找包工头不 (blind test 31, B93, B93b)
            return [{"text": text} for text in wages]
        if wage_claims.owed(message.text):  # 包工头不给工钱 拖了半年了: filed, and 12333 (blind test 31, B93b)
            message = with_note(message, wage_claims.NOTE)
        return message

    def _door(self, message: Claimed) -> list[str] | None:
        """Someone at the door as one of us (bot/core/impostors.py), or a word about him soon after; else None."""
        text = message.text
        at_door = impostors.at_door(text)
        if not at_door and (not impostors.about_him(text) or (visitor_checks.asks_about_named(text)
                                                              and not impostors.says_not_sent(text))):
            return None  # the words first: no query for a message about no visitor; a name given is checked after
        with self.db.session() as s:
            if impostors.impostor_now(text):  # 冒充网格员的骗子上门了咋个办: 110 now
                return [impostors.called_110(s, message.sender, text, found_out=False)]
            if at_door:
                return impostors.advice(s, self.contact.phone, message.sender, text)
            if self.clock is None:
                return None
            return impostors.follow_up(s, self.clock, self.contact.phone, message.channel, message.sender,
                                       message.id, text)

    def _wechat(self, message: Claimed) -> str | None:
        """Someone as a named grid worker wanting the sender on WeChat (bot/core/visitor_checks.py); else None."""
        if not visitor_checks.wechat_as_named(message.text):
            return None  # the words first: no query for a message about no such stranger
        with self.db.session() as s:
            return visitor_checks.wechat_check(s, message.text)

    def _paid_after(self, message: Claimed) -> str | None:
        """110 for money paid after a trick or someone at the door told in the last hour (bot/core/scam_tricks.py)."""
        if self.clock is None or not scam_tricks.says_paid(message.text):
            return None  # the words first: no query for a message that pays nobody
        with self.db.session() as s:
            earlier = chatter.said_since(s, message.channel, message.sender, message.id,
                                         self.clock.now() - LOSS_WINDOW)
        return scam_tricks.paid_after(message.text, earlier, impostors.door_told)

    def _after_loss(self, message: Claimed) -> str | None:
        """The next step after money lost to a scam in the last hour (bot/core/fraud_calls.py); else None."""
        if self.clock is None or not fraud_calls.may_follow_loss(message.text):
            return None  # the words first: no query for a message that names no police nor card
        with self.db.session() as s:
            earlier = chatter.said_since(s, message.channel, message.sender, message.id,
                                         self.clock.now() - LOSS_WINDOW)
        return fraud_calls.after_loss(message.text, earlier)

    def _from_staff(self, message: Claimed) -> bool:
        with self.db.session() as s:
            return from_staff(s, message)

    def _scam_named(self, message: Claimed) -> str | None:
        """Who the asker said he was (他说他是社区的 姓王), told within the hour after a fee asked for a benefit."""
        if self.clock is None or not scam_kinds.may_name(message.text):
            return None  # the words first: no query for a message that names nobody
        with self.db.session() as s:
            earlier = chatter.said_since(s, message.channel, message.sender, message.id,
                                         self.clock.now() - LOSS_WINDOW)
        return scam_kinds.named_after(message.text, earlier, self.contact.phone)

    def _lure_more(self, message: Claimed) -> list[str] | None:
        """A lure for ID numbers told again: added to the sender's report of it in the last hour; else None."""
        if self.clock is None:
            return None
        with self.db.session() as s:
            return id_lures.more_of(s, self.clock, message.sender, message.text, message.id)

    def _visitor_checked(self, message: Claimed) -> list[str] | None:
        """How to tell a real grid worker, whether the one named is, whether what he asks for is usual; else None."""
        text = message.text
        if visitor_checks.coming_as_named(text) and not visitor_checks.asks_about_named(text):
            with self.db.session() as s:  # 有个人说他是周明 要来检查燃气: his number first (blind test 34, F5)
                coming = visitor_checks.coming_check(s, text)
            if coming is not None:
                return [coming]
        if not (visitor_checks.asks_about_named(text) or visitor_checks.asks_if_usual(text)
                or visitor_checks.asks_how_to_tell(text)):
            return None  # the words first: no query for a message that asks none of it
        with self.db.session() as s:
            return visitor_checks.answer(s, self.contact.phone, message.sender, text)

    def _wages(self, message: Claimed) -> list[str] | None:
        """Why a ticket was closed (the closer asked to call back), or whether the grid worker helps with wages."""
        text = message.text
        if self.clock is not None and closing_asked.may_be_about_closing(text):
            with self.db.session() as s:
                answered = closing_asked.reply(s, self.clock, message.channel, message.sender, text)
            if answered is not None:
                return answered
        if not wage_claims.asks_for_help(text):
            return None
        with self.db.session() as s:
            return [wage_claims.help_reply(s, message.sender)]

    def _drink(self, message: Claimed) -> str | None:
        asks_to_use = water_questions.asks_to_use(message.text)
        if not asks_to_use and not water_questions.asks_to_drink(message.text):
            return None
        with self.db.session() as s:  # 洗澡要得不 / 喝得了不: answered, 还有漂白粉味 noted on the ticket (bt 31, 33)
            water, still = water_questions.water_ticket(s, message.sender), water_questions.says_still(message.text)
            noted = self.clock is not None and water is not None and bool(still) and \
                followups.add_detail(s, self.clock, water, still, message.sender, message.id)
            if asks_to_use:
                used = water_questions.use_answer(s, message.sender, message.text, noted=noted)
                if used is not None:
                    return used
            return water_questions.answer(s, message.sender, message.text, noted=noted)

    def _after_advice(self, message: Claimed) -> str | None:
        """Words bringing nothing new right after advice (好 我们马上去医院, 在屋头 安居苑, 手指头抓破了); else None."""
        jab = after_advice.asks_where_jab(message.text)
        if self.clock is None or (not after_advice.may_follow(message.text) and not jab
                                   and not after_advice.hurt_detail(message.text)):
            return None  # the words first: no query for a message with a problem or a question in it
        with self.db.session() as s:
            before = chatter.said_before(s, message.channel, message.sender, message.id,
                                         self.clock.now() - MISSENT_WINDOW)
            if jab:  # 要去哪点打针嘛 after a bite's advice: the rabies clinic (blind test 34, A9b)
                return after_advice.jab_place(message.text, before)
            if after_advice.kind(before) is None:
                return None
            if followups.place_only(s, message.text) and not after_advice.going(message.text):
                return held_words.place_reply(message.text, before)  # held for a report all the same
        return after_advice.reply(message.text, before)

    def _still_sick(self, message: Claimed) -> str | None:
        """吃了退烧药 还是38度5, minutes after a sick child's fever asked about: the advice again (bt 30, A10-2b)."""
        if self.clock is None or not sick_child.says_more_fever(message.text):
            return None  # the words first: no query for a message that says no fever
        with self.db.session() as s:
            before = chatter.said_before(s, message.channel, message.sender, message.id,
                                         self.clock.now() - MISSENT_WINDOW)
        return sick_child.more_of(message.text, before) if before else None
