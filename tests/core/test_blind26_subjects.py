"""Blind test 26: what a report is about decides a merge, not a vehicle hurt or nearly hurt by it."""

from bot.core.problem_match import same_problem


def test_a_drain_cover_an_ebike_nearly_fell_into_is_not_a_row_of_fallen_ebikes():
    assert not same_problem("安居苑后门的下水道盖子烂了 电瓶车差点栽进去", "安居苑门口电瓶车倒了一排", ["安居苑"])
    assert not same_problem("门口那个井盖翻了 车子差点掉进去", "门口乱停的车堵到了", ["门口"])
    assert not same_problem("那棵树倒了 压到一辆小车", "好多车乱停 过不去")


def test_two_reports_about_the_vehicles_themselves_are_still_one():
    assert same_problem("安居苑门口电瓶车倒了一排", "安居苑门口好多电瓶车倒起", ["安居苑"])
    assert same_problem("下水道盖子烂了 电瓶车差点栽进去", "下水道盖子烂了好几天了")


def test_a_question_whether_my_number_is_passed_on_is_about_privacy_not_a_new_number():
    from bot.core.privacy import REPLY, asks_about_privacy
    assert asks_about_privacy("你们会不会把我电话号码给别人哦")
    assert asks_about_privacy("我的手机号会不会泄露出去")
    assert asks_about_privacy("你们莫把我名字告诉别人哈")
    assert not asks_about_privacy("我换了个新号码")
    assert not asks_about_privacy("李婆婆家的电话号码好多")
    assert len(REPLY) <= 70


def test_a_worker_called_names_beside_a_failing_is_a_complaint_whatever_the_name():
    from bot.core.complaints import complains_about_worker
    assert complains_about_worker("你们那个网格员是个哈包 叫了几天都不来")
    assert complains_about_worker("你们那个网格员就是个甩手掌柜 啥子都不管 河畔花园的")
    assert complains_about_worker("我们那个网格员真是个懒汉 电话打了好几次都不回")
    assert not complains_about_worker("网格员咋个还不来")
    assert not complains_about_worker("网格员是个好人 来得快")


def test_a_ditch_flowing_again_is_done_but_talking_is_not():
    from bot.core.commands import says_done
    assert says_done("T1057 水沟通了")
    assert says_done("阴沟通了 水下去了")
    assert not says_done("跟物业沟通了")
    assert not says_done("沟通了 明天来")


def test_when_will_you_come_and_collect_it_is_a_when_question():
    from bot.core.ticket_questions import kind_of
    for words in ("好久来收嘛", "到底好久来清嘛", "垃圾啥时候来拉走哦", "好久来掏嘛"):
        assert kind_of(words) == "when", words


def test_saying_one_proposes_again_is_a_fresh_proposal_and_giving_it_up_is_not():
    from bot.core.council_words import proposes_anew
    assert proposes_anew("我要提个建议")
    assert proposes_anew("我想提个议题 村口垃圾池搬远点")
    assert not proposes_anew("刚才那个议题不提了")
    assert not proposes_anew("村口那个垃圾池太臭了 想搬远点")


def test_a_photo_held_is_never_announced_as_going_to_the_old_report():
    from bot.core.followups import held_reply
    for with_point in (False, True):
        reply = held_reply("T1007", with_point)
        assert "稍后补充到工单" not in reply
        assert "新问题" in reply or "什么问题" in reply
        assert len(reply) <= 70
