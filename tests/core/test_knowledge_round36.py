"""Questions the knowledge base gave an entry on a word that says nothing of their topic (round 36: 在屋 of
在屋头充电, 进屋 of 进屋充, 礼拜 of 礼拜天, 老年 of 老年人体检/老年证) and blind test 34's (docs/usertests/
2026-12-07-blind22.md, failure 1) still wrong on e7e091e: each finds its own entry or none, its neighbours keeping
theirs."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.knowledge import load_knowledge

BASE = load_knowledge(Path(__file__).resolve().parents[2] / "config" / "knowledge")


@pytest.mark.parametrize(("question", "entry_id", "said"), [
    ("我屋头老汉80几了 一个人在屋头", "home_care", "上门看望"),  # the riders' battery rule
    ("隔壁王老汉一个人在屋头 两天没得人送饭了", "home_care", "上门看望"),
    ("我妈七十几了 一个人在屋头住 没人照顾", "home_care", "上门看望"),
    ("屋头就老汉一个人 儿女都在外地", "home_care", "上门看望"),
    ("老人一个人在家 没得人照顾 咋个办", "home_care", "居家养老"),
    ("河畔花园门口的公共厕所锁起了 老年人要上厕所咋个办", "public_toilet", "环卫"),  # E10: the riders' station
    ("公厕锁起了 好几天都没开", "public_toilet", "网格员"),
    ("附近的公共厕所脏得很 没得人打扫", "public_toilet", "环卫"),
])
def test_a_question_met_on_a_word_of_no_topic_finds_its_own_entry(question: str, entry_id: str, said: str):
    found = BASE.find(question)
    assert found is not None and found.entry.id == entry_id, [(f.entry.id, f.score) for f in BASE.ranked(question)]
    assert said in found.entry.answer


@pytest.mark.parametrize(("question", "not_this"), [
    ("我屋头老汉80几了 一个人在屋头", "rider_battery_indoor"),
    ("门口来了个人说是社区的要进屋看", "rider_battery_indoor"),  # a door-step stranger: impostors' advice
    ("门口来了个人说是社区的要进屋看 我咋个晓得他是不是真的网格员", "rider_battery_indoor"),
    ("有个人说是网格员 要进屋看看 我该不该开门", "home_care"),  # 看看 of 看看我
    ("有个人说是网格员 要进屋看看 我该不该开门", "service_station"),  # 开门: one's own door, not the hours
    ("现在里头关了个人", "service_station"),
    ("上礼拜修过的电梯又停了 现在里头关了个人", "service_station"),  # 礼拜 of 礼拜天
    ("电梯门关不上 里头关到个人了", "service_station"),
    ("是教老年人用手机 不是娃娃", "free_checkup"),  # B3: 老年 年人 of 老年人体检
    ("是教老年人用手机 不是娃娃", "elderly_card"),  # 老年 of 老年证
    ("我问的是残疾人 不是老年人", "elderly_card"),
    ("河畔花园门口的公共厕所锁起了 老年人要上厕所咋个办", "rider_station"),
    ("屋头厕所堵了", "public_toilet"),  # a home's toilet, a report
    ("我家狗一个人在屋头 没人照顾", "home_care"),
    ("娃娃放学一个人在家 没人照顾", "home_care"),
    ("快点嘛 咋个还莫得人来", "home_care"),  # an urge: 莫得人 is no one looking after an elder
    ("咋个还没得人来修", "home_care"),
])
def test_a_word_of_no_topic_does_not_take_the_question(question: str, not_this: str):
    found = BASE.find(question)
    assert found is None or found.entry.id != not_this, found


@pytest.mark.parametrize(("question", "entry_id"), [
    ("电池能不能拿进屋充", "rider_battery_indoor"),  # 拿进屋 names it now that 进屋 alone does not
    ("电瓶推进屋头充电行不行", "rider_battery_indoor"),
    ("能不能在屋头给电池充电", "rider_battery_indoor"),
    ("礼拜六开不开门", "service_station"),
    ("礼拜天上不上班", "service_station"),
    ("老年人体检在哪点做", "free_checkup"),
    ("老年证咋个办", "elderly_card"),
    ("我爸老年痴呆 有没有地方可以白天托管", "home_care"),
    ("独居老人社区会不会上门看望", "home_care"),
    ("有没得人能经常来看看我", "home_care"),
    ("火灭了 可以回家了不", "return_home_after_danger"),
    ("骑手驿站有厕所没得", "rider_station"),
    ("跑单的时候想上厕所 去哪点", "rider_station"),
])
def test_the_neighbours_keep_their_own_questions(question: str, entry_id: str):
    found = BASE.find(question)
    assert found is not None and found.entry.id == entry_id, [(f.entry.id, f.score) for f in BASE.ranked(question)]
