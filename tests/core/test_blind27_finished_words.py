"""Blind test 27 (docs/usertests/2026-12-06-blind15.md, A-B57e, B103b): a worker's words of a finished job in his own
wording resolve the ticket; work under way, a plan, a stopgap or part of the job still to do stay progress."""

from __future__ import annotations

import pytest

from bot.core.commands import says_done, worker_command


@pytest.mark.parametrize("words", [
    "坑已经填平了", "路灯杆已经扶起来固定好了", "路灯杆扶起来了", "电线杆扶正了", "栏杆固定好了", "牌子已经固定住了",
    "井盖换上了", "破洞补上了", "坑填上了", "水管接头拧紧了", "树枝已经砍掉了", "违建拆掉了", "广告牌拆完了",
    "地砖铺好了", "围墙砌好了", "垃圾清完了", "楼道扫干净了", "小广告刷掉了", "已经把坑填了", "已经把路灯修了",
    "路面已经修复好了", "座椅挪回原位了", "车子移走了", "电线理好了",
])
def test_a_fixing_verb_with_its_result_is_a_finished_job(words: str) -> None:
    assert says_done(words), words
    assert worker_command(f"T1027 {words}", "").verb == "resolve", words


@pytest.mark.parametrize("words", [
    "在修了", "正在修", "明天去修", "还没好", "还没填平", "明天填平", "已经在弄了", "已经派人去修了", "已经安排好了",
    "先用沙袋堵上了", "临时固定了一下", "暂时用绳子绑住了", "警戒线拉好了 等施工队", "已经填平了一半",
    "坑填上了 明天再来压实", "管子接上了", "已经联系好了 下午来", "路封上了", "收到了", "门口电瓶车乱停 堵完了",
    "钥匙搞掉了", "路又堵住了",
])
def test_work_under_way_a_plan_or_a_stopgap_stays_progress(words: str) -> None:
    assert not says_done(words), words
    assert worker_command(f"T1027 {words}", "").verb != "resolve", words
