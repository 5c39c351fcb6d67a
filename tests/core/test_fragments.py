"""Fragments and misread questions of blind test 23 (items 5 and 6): what is held, what is answered."""

from bot.core import chatter, openers, place_answers, triage


def test_a_thing_alone_with_its_place_is_held_and_asked_about():
    assert openers.names_only_who("安居苑6栋的楼道灯")
    assert "安居苑6栋的楼道灯怎么了" in openers.who_asked("安居苑6栋的楼道灯")


def test_a_thing_alone_without_a_place_is_held_too():
    assert openers.names_only_who("我们院子头那个自来水")
    assert openers.who_asked("我们院子头那个自来水").startswith("好的，院子头那个自来水怎么了")


def test_a_thing_with_its_problem_is_no_fragment():
    assert not openers.names_only_who("安居苑6栋的楼道灯坏了")
    assert not openers.names_only_who("3栋门口")


def test_a_supply_cut_said_in_answer_to_where_is_the_problem():
    assert place_answers.reading("停了两天了 煮饭都没得水") == "problem"
    assert place_answers.reading("坏了") == "problem"


def test_a_pole_leaning_is_a_problem():
    assert triage.has_problem("这里有根电线杆歪起了 要倒不倒的 好吓人")


def test_asking_to_call_or_speak_is_answered_as_voice():
    for text in ("我眼睛看不清楚 字打不来 可以给你们打电话不", "我就是问一哈 能不能打电话", "可不可以说话"):
        assert triage.information_request(text) == "how_to_voice", text


def test_someones_phone_number_wanted_is_refused():
    assert triage.information_request("我想要3栋2单元张大爷儿子的手机号 有急事找他") == "someone_contact"
    assert not triage.asks_someones_number("我要改我的手机号")


def test_sending_a_photo_asked_in_other_words_is_the_photo_how_to():
    assert triage.information_request("我想拍个相片给你们看 咋个弄嘛") == "how_to_photo"
    assert triage.information_request("发个图片咋弄") == "how_to_photo"


def test_an_old_resident_introducing_themselves_is_an_introduction():
    assert chatter.introduces_only("您好 我是河滨社区的老住户")
    assert chatter.introduced_place("您好 我是河滨社区的老住户") == "河滨社区"
    assert chatter.introduces_only("我在河滨社区住了好多年")


def test_about_to_ask_is_listened_to():
    assert openers.no_problem_yet_reply("领导 麻烦问一哈") == openers.LISTENING
    assert chatter.about_to_ask("你好 我是阳光小区的老住户了 想问个事")
    assert not chatter.about_to_ask("您好 我是河滨社区的老住户")


def test_a_supply_cut_asked_about_is_no_problem_but_told_it_is():
    assert not triage.has_problem("电瓶快没电了 哪点能充")
    assert not triage.has_problem("电瓶快没电了 这附近哪里能充")
    assert triage.has_problem("水停了两天了")
    assert not triage.has_problem("雨停了")


def test_a_thing_beside_its_trouble_is_a_whole_report_never_a_thing_alone():
    assert not openers.names_only_who("门口有个坑 下雨全是水")
    assert not openers.names_only_who("我们小区那个化粪池漫出来了")
