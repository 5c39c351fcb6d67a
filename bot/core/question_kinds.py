"""Questions that name a problem of the asker's own and still only ask (blind test 25): a question about a subsidy or
reimbursement for an illness or hardship (我老汉儿糖尿病 每个月药钱好贵 有没得补助) and how to do a small repair in
one's own home (厨房灯泡坏了 咋个换嘛). Their problem words (病, 坏了) describe the asker's circumstances, not a
problem for a grid worker: they go to the knowledge base, never filed and never asked where. Danger words still make
an emergency (the caller checks them first)."""

from __future__ import annotations

import re

# The schemes a question asks about: money towards an illness or hardship.
_BENEFIT = r"补助|补贴|救助|报销|报账|医保|低保|津贴|减免|慢特病|慢性病"
_ASKS_BENEFIT = re.compile(
    rf"(?:有没得|有没有|有莫得|有得|能不能|可不可以|可以|能|咋个|怎么|如何|哪点|哪里|啥子|什么|申请)"
    rf"[^，,。！!\s]{{0,6}}(?:{_BENEFIT}|报(?:销|账|得到|得了))|"
    rf"(?:{_BENEFIT})[^，,。！!\s]{{0,6}}(?:吗|嘛|呢|没得|没有|咋个|怎么|好多|多少|[?？]|报不报|能报|报得到|(?:能|可以|得行)不)")
# Small fixtures of a home, and how to change or fix one oneself.
_FIXTURE = re.compile(r"灯泡|灯管|台灯|吸顶灯|保险丝|水龙头|马桶|花洒|插座|门锁|锁芯|纱窗|热水器|油烟机|抽油烟机")
_HOW = re.compile(r"(?:咋个|咋|怎么|怎样|如何)(?:样)?(?:自己)?(?:换|装|修|弄|搞|拆|接|整)")
# A public place in the message: the fixture is the estate's, a report (楼道灯泡坏了 咋个还没人换).
_PUBLIC = re.compile(r"楼道|路灯|小区|门口|单元|电梯|公共|楼梯|走廊|过道|院坝|院子|街|路上|广场|公园|车库")


def asks_about_benefit(plain: str) -> bool:
    """有没得补助, 医保能报不, 药费咋个报销: a question about a subsidy or reimbursement."""
    return _ASKS_BENEFIT.search(plain) is not None


def private_how_to(plain: str) -> bool:
    """厨房灯泡坏了 咋个换嘛: how to change or fix a fixture of one's own home, no public place named."""
    return _FIXTURE.search(plain) is not None and _HOW.search(plain) is not None and _PUBLIC.search(plain) is None


def despite_problem(plain: str) -> bool:
    """A question whose problem words are the asker's own circumstances: asked, never reported."""
    return asks_about_benefit(plain) or private_how_to(plain)


# A question put plainly (我想问一下 停车费好多钱一个月, blind test 27, B105): what it costs, how to go about something.
# With no problem in it and nothing in the knowledge base, it is owed the honest "答不上" and a call back, not 没太看懂.
_PLAIN_QUESTION = re.compile(r"(?:想|我)问一?(?:下|哈)|请问|(?:好多|多少|几多|几)(?:钱|块)|收费|费用|"
                             r"(?:咋个|怎么|怎样|如何)(?:办|申请|收|交|缴|领|弄|整|处理)|(?:在|到|去)(?:哪里|哪点|哪儿|哪)(?:办|交|缴|领|申请)")


def plainly_asks(plain: str) -> bool:
    """我想问一下…好多钱一个月, 这个咋个办: a question asked in so many words."""
    return _PLAIN_QUESTION.search(plain) is not None
