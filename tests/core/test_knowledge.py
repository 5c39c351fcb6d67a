"""The knowledge base: the files staff edit are well-formed and every answer fits one SMS with who to
ask; questions written the way residents write find the right entry, and what it does not cover is
not answered at all."""

from __future__ import annotations

import pytest
import yaml

from bot.common.settings import ROOT
from bot.core.knowledge import ANSWER_MAX, THEME_MAX, load_knowledge, parse_knowledge, tokens
from bot.messaging.sms_budget import segments

KNOWLEDGE_DIR = ROOT / "config" / "knowledge"
BASE = load_knowledge(KNOWLEDGE_DIR)
# The longest "who to ask" the demo gives: a three-character grid worker's name and a mobile number.
LONGEST_WORKER = ("网格员王秀英", "13700000001")

# Written as residents, riders and villagers write: dialect, typos, none copied from the entries.
ASKED = [
    ("我妈想吃低保要哪些东西", "dibao_apply"),
    ("低保咋个申情", "dibao_apply"),
    ("低保钱好久到账", "dibao_payment"),
    ("医保卡看病咋个报账", "medical_insurance_claim"),
    ("医宝咋个报销", "medical_insurance_claim"),
    ("今年医保交好多钱", "medical_insurance_pay"),
    ("在外省看病的医药费能报销不", "medical_insurance_offsite"),
    ("社保卡搞掉了", "social_security_card"),
    ("养老保险还要交几年", "pension_insurance"),
    ("我老汉儿的养老钱这个月没到", "pension_reduced"),  # a payment missing: why, and a call back (blind test 30)
    ("养老金认正咋个弄", "pension_collect"),
    ("屋头老人85了能领补贴不", "elderly_allowance"),
    ("残疾人补助咋个办", "disability"),
    ("临时救助要啥材料", "temporary_assistance"),
    ("老人家吃饭的食堂", "elderly_meals"),
    ("有人叫我刷单返钱", "fraud"),
    ("搬迁补贴好久打钱", "resettlement_subsidy"),
    ("安置房可以卖了不", "resettlement_house"),
    ("搬迁户有啥子扶持", "resettlement_support"),
    ("户口咋个迁到安置点来", "hukou_move"),
    ("刚生的娃娃报户口", "hukou_move"),
    ("身份证过期了", "id_card"),
    ("居住正要带啥", "residence_permit"),
    ("娃娃转学要带啥子", "school_transfer"),
    ("一年级好久报名", "school_enrolment"),
    ("想找个活路干", "employment"),
    ("粮食补贴发了没", "farm_subsidy"),
    ("服务站周六开门不", "service_station"),
    ("有没得志愿者上门帮老人", "service_teams"),
    ("电瓶车没电了哪点可以充", "charging_where"),  # where to charge, asked: answered first (blind test 37, Q9c)
    ("换电池的柜子在哪点", "rider_battery_swap"),
    ("跑外卖的有没得休息的地方", "rider_station"),
    # blind test 17, #97 and #110: riders at an estate's gate, a battery taken home to charge
    ("骑手进不去小区 饭咋个送上去", "rider_estate_access"),
    ("电瓶拿回家头充电可以不", "rider_battery_indoor"),
    ("电池提上楼充要不要得", "rider_battery_indoor"),
    # blind test 26, B11: 公积金 got the 搬迁补助 answer
    ("住房公积金咋个取出来", "housing_fund"), ("公积金余额在哪查", "housing_fund"),
    # blind test 32, B126: the gas bill was out of scope; it has its entry now
    ("燃气费咋个交", "gas_bill"),
    ("电费咋个交", "water_bill"),  # answered since blind test 34 (Q43): water and power are paid alike
    ("结婚证在哪办", "divorce"),  # answered since blind test 33 (B116)
]
# Out of scope, or near a topic without being one: no answer beats a wrong one.
NOT_COVERED = [
    "今天天气咋样", "帮我订张火车票", "股票明天会涨吗", "我家猫不吃饭咋整", "驾照扣分咋个处理", "车子年检去哪点",
    "签证咋个办", "护照在哪办", "彩票咋个买", "路灯坏了", "楼上漏水", "隔壁天天吵架", "垃圾好几天没人收",
    "房租好多钱", "外卖送错了", "社区书记是哪个",
    "网格员电话好多", "给我讲个笑话", "谢谢你", "1", "",
    # blind test 8, #95, #108: a generic bigram (小区 of 进小区, 屋头 of 屋头充) alone never anchors an entry
    "我屋头三个人 在哪点交", "我天天在这几个小区跑 累得很",
]


def files() -> list[tuple[str, dict]]:
    return [(p.name, yaml.safe_load(p.read_text(encoding="utf-8"))) for p in sorted(KNOWLEDGE_DIR.glob("*.yml"))]


def test_the_knowledge_files_cover_the_topics_of_the_issue():
    ids = {e.id for e in BASE.entries}
    assert len(ids) >= 20
    for topic in ["dibao_apply", "medical_insurance_claim", "pension_collect", "resettlement_subsidy", "hukou_move",
                  "school_transfer", "service_teams", "rider_charging", "rider_battery_swap", "rider_station"]:
        assert topic in ids


def test_every_entry_sits_in_exactly_one_theme_small_enough_to_keep_in_view():
    # The set passed a hundred entries (115 after blind test 35's round: 开锁, 犬证, 宽带, 托育, 空腹体检 … each a
    # question users asked that no entry held) and was regrouped: a staff editor looks through one theme at a time.
    placed = [entry_id for ids in BASE.themes.values() for entry_id in ids]
    assert sorted(placed) == sorted(e.id for e in BASE.entries)
    assert all(0 < len(ids) <= THEME_MAX for ids in BASE.themes.values()), BASE.themes
    assert 5 <= len(BASE.themes) <= 15
    assert "低保和救助" in BASE.themes and "dibao_apply" in BASE.themes["低保和救助"]


def _entry(n: int) -> dict:
    return {"id": f"x{n}", "title": "t", "keywords": ["低保"], "questions": ["a", "b"], "answer": "好。"}


def test_a_file_of_entries_without_a_theme_is_refused_with_the_file_named():
    text = yaml.safe_dump({"contact": {"name": "站", "phone": "123"}, "entries": [_entry(1)]})
    with pytest.raises(ValueError, match=r"(?s)a.yml.*theme"):
        parse_knowledge({"a.yml": text})


def test_a_theme_past_the_limit_is_refused_and_says_to_merge_or_split():
    text = yaml.safe_dump({"contact": {"name": "站", "phone": "123"}, "theme": "低保",
                           "entries": [_entry(n) for n in range(THEME_MAX + 1)]}, allow_unicode=True)
    with pytest.raises(ValueError, match="merge entries or split the theme"):
        parse_knowledge({"a.yml": text})
    text = yaml.safe_dump({"contact": {"name": "站", "phone": "123"}, "theme": "低保",
                           "entries": [_entry(n) for n in range(THEME_MAX)]}, allow_unicode=True)
    assert len(parse_knowledge({"a.yml": text}).themes["低保"]) == THEME_MAX


def test_two_files_of_one_theme_are_refused():
    texts = {"a.yml": yaml.safe_dump({"contact": {"name": "站", "phone": "123"}, "theme": "低保",
                                      "entries": [_entry(1)]}, allow_unicode=True),
             "b.yml": yaml.safe_dump({"theme": "低保", "entries": [_entry(2)]}, allow_unicode=True)}
    with pytest.raises(ValueError, match=r"b.yml.*theme"):
        parse_knowledge(texts)


@pytest.mark.parametrize("entry", BASE.entries, ids=lambda e: e.id)
def test_every_answer_with_the_longest_who_to_ask_fits_one_sms_part(entry):
    for who, phone in [LONGEST_WORKER, (BASE.contact.name, BASE.contact.phone)]:
        reply = f"{entry.answer}有疑问找{who}{phone}。"  # domain.yml's utter_policy_answer
        assert segments(reply) == 1, reply


@pytest.mark.parametrize("entry", BASE.entries, ids=lambda e: e.id)
def test_every_entry_is_well_formed(entry):
    assert entry.title and entry.answer.strip() == entry.answer
    assert len(entry.questions) >= 3 and len(set(entry.questions)) == len(entry.questions)
    assert all(tokens(k) for k in entry.keywords)
    assert entry.answer[-1] in "。！"


@pytest.mark.parametrize(("question", "entry_id"), ASKED)
def test_a_question_written_as_people_write_finds_its_entry(question, entry_id):
    found = BASE.find(question)
    assert found is not None and found.entry.id == entry_id, [(f.entry.id, f.score) for f in BASE.ranked(question)]


@pytest.mark.parametrize("question", NOT_COVERED)
def test_a_question_the_knowledge_base_does_not_cover_gets_no_answer(question):
    assert BASE.find(question) is None, BASE.ranked(question)


def test_every_entry_finds_itself_by_each_of_its_own_questions():
    assert BASE.strays() == []


def test_tokens_are_bigrams_without_question_words_and_with_numbers_whole():
    assert tokens("低保咋个申请") == ["低保", "保咋", "个申", "申请"]
    assert tokens("８０岁老人ＡＢ") == ["80", "岁老", "老人", "ab"]


def test_a_question_in_traditional_characters_is_read_as_simplified():
    assert tokens("醫保咋個報銷") == tokens("医保咋个报销")
    assert BASE.find("低保咋個申請").entry.id == "dibao_apply"


def test_a_too_long_answer_is_refused_with_the_file_named():
    long_answer = "低" * (ANSWER_MAX + 1)
    text = yaml.safe_dump({"contact": {"name": "便民服务中心", "phone": "0874-3112345"}, "theme": "t",
                           "entries": [{"id": "x", "title": "t", "keywords": ["低保"], "questions": ["a", "b"],
                                        "answer": long_answer}]}, allow_unicode=True)
    with pytest.raises(ValueError, match=r"(?s)bad.yml.*at most 46"):
        parse_knowledge({"bad.yml": text})


def test_the_same_id_twice_is_refused():
    entry = {"id": "x", "title": "t", "keywords": ["低保"], "questions": ["a", "b"], "answer": "好。"}
    texts = {"a.yml": yaml.safe_dump({"contact": {"name": "站", "phone": "123"}, "theme": "a", "entries": [entry]}),
             "b.yml": yaml.safe_dump({"theme": "b", "entries": [entry]})}
    with pytest.raises(ValueError, match="same id"):
        parse_knowledge(texts)


def test_a_keyword_that_is_only_filler_is_refused():
    entry = {"id": "x", "title": "t", "keywords": ["咋个"], "questions": ["a", "b"], "answer": "好。"}
    with pytest.raises(ValueError, match="keywords"):
        parse_knowledge({"a.yml": yaml.safe_dump({"contact": {"name": "站", "phone": "123"}, "theme": "a",
                                                  "entries": [entry]})})


def test_the_files_name_exactly_one_contact():
    assert sum(1 for _, data in files() if data.get("contact")) == 1
    with pytest.raises(ValueError, match="contact"):
        parse_knowledge({"a.yml": "entries: []"})
