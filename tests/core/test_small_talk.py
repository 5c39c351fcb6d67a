"""Small talk about the weather and good wishes is answered in kind by its meaning-words, not only exact phrases
(blind test 23, R9v, N12: 今天出太阳了哦 巴适, 祝你们新年快乐 got 这个我帮不上忙)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.core import small_talk
from bot.core.knowledge import load_knowledge


@pytest.mark.parametrize(("text", "kind"), [
    ("今天出太阳了哦 巴适", "天好心情也好"), ("今天天晴了 巴适得板", "天好心情也好"), ("巴适得很", "天好心情也好"),
    ("祝你们新年快乐", "祝福"), ("过年好哦", "祝福"), ("中秋快乐哈", "祝福"), ("祝大家身体健康", "祝福"),
])
def test_the_weather_and_good_wishes_get_a_warm_word_and_the_menu_line(text: str, kind: str):
    said = small_talk.reply(text)
    assert said is not None and kind in said and said.endswith(small_talk.load().menu_line), said
    assert len(said) <= 70


@pytest.mark.parametrize("text", ["出太阳了 楼道灯还是坏的", "祝你们新年快乐 我家门口的垃圾好久来收嘛"])
def test_a_problem_beside_them_is_no_small_talk(text: str):
    assert small_talk.reply(text) is None


def test_a_phone_number_in_a_small_talk_reply_is_the_service_centres_of_the_knowledge_base():
    # The wind-fear reply tells a lone elder whom to call; the number is written in config/small_talk.yml, so it
    # must follow the service centre's in config/knowledge (services.yml) when staff change that one.
    centre = load_knowledge(Path(__file__).resolve().parents[2] / "config" / "knowledge").contact.phone
    numbers = {n for kind in small_talk.load().kinds for n in re.findall(r"\d{3,4}-\d{7,8}", kind.reply)}
    assert numbers, "no reply names a landline: the test would check nothing"
    assert numbers == {centre}, numbers


@pytest.mark.parametrize("text", ["今天天气好冷哦", "天气好冷", "这两天天气真冷", "今天天气好冷 冷得很"])
def test_the_cold_weather_gets_a_warm_word_not_the_robots_line(text: str):
    said = small_talk.reply(text)  # blind test 33, B95: "不用吃饭"
    assert said is not None and "保暖" in said and "吃饭" not in said, said


@pytest.mark.parametrize("text", ["今天天气好", "天气好安逸哦"])
def test_a_fine_day_is_still_a_fine_day(text: str):
    said = small_talk.reply(text)
    assert said is not None and "保暖" not in said, said
