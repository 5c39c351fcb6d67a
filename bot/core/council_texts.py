"""The texts of a vote conversation (council_dialogue), next to no decision: each fits one SMS part
(70 characters), options numbered."""

from __future__ import annotations

from sqlalchemy.orm import Session

from bot.common.clock import BEIJING
from bot.core.council import (
    counts_text,
    describe_electorate,
    fit,
    options_line,
    outcome_text,
    published_tally,
    tally,
)
from bot.core.council_ballots import CastResult
from bot.store.council_models import Topic
from bot.store.models import Person

SMS = 70


def which_topic_text(topics: list[Topic]) -> str:
    head = "请回复序号选议题："
    room = max((SMS - len(head)) // max(len(topics[:5]), 1) - 3, 4)
    return fit(head + " ".join(f"{n} {fit(t.title, room)}" for n, t in enumerate(topics[:5], 1)), SMS)


def which_member_text(members: list[Person]) -> str:
    return fit("替家里哪位投？回复序号：" + " ".join(f"{n} {m.name}" for n, m in enumerate(members[:5], 1)), SMS)


def members_voted_text(members: list[Person], topic: Topic, mine: dict[int, int]) -> str:
    """A relation word again (我老汉也投赞成) when every member it could mean has a ballot already (blind test 9,
    #17): said plainly, never offered again; `mine` (member id → option) are the sender's proxy ballots, the one
    to change named ("帮李明改成反对"). A member's own ballot stands."""
    names = "、".join(m.name for m in members[:3])
    both = "都" if len(members) > 1 else ""
    changeable = next((m for m in members if m.id in mine), None)
    if changeable is None:
        return fit(f"家里登记的{names}{both}已自己投了，以本人的票为准。别的家人请先找网格员登记。", SMS)
    other = next((label for n, label in enumerate(topic.options, 1) if n != mine[changeable.id]), "")
    return fit(f"家里登记的{names}{both}已经投过了。要改就说“帮{changeable.name}改成{other}”。"
               "别的家人请先找网格员登记。", SMS)


def own_ballot_only_member_text(member: Person, topic: Topic) -> str:
    """A relation word (我老汉) whose only candidate voted on the topic themselves."""
    return fit(f"家里登记的只有{member.name}，已自己投了“{fit(topic.title, 10)}”，以本人的票为准。"
               "别的家人请先找网格员登记。", SMS)


def which_option_text(topic: Topic, member: Person | None = None) -> str:
    head = f"替{member.name}投“{fit(topic.title, 12)}”，请" if member else f"“{fit(topic.title, 16)}”请"
    return fit(head + options_line(topic.options), SMS)


def closed_text(topic: Topic) -> str:
    tally = published_tally(topic)
    if tally is None:
        return fit(f"“{fit(topic.title, 16)}”投票已截止，这次没有计票。结果公布后回复“公告”看。", SMS)
    return fit(f"“{fit(topic.title, 12)}”已截止，没有计票。结果：{counts_text(topic, tally)}，"
               f"{outcome_text(topic, tally)}。", SMS)


def result_answer_text(topic: Topic) -> str:
    """How a closed topic ended, asked about (垃圾费最后咋个定的): its published counts and outcome."""
    tally = published_tally(topic)
    if tally is None:
        return fit(f"“{fit(topic.title, 16)}”已截止，结果还没公布。公布后回复“公告”看。", SMS)
    counts = counts_text(topic, tally)
    return fit(f"“{fit(topic.title, 12)}”已截止。结果：{counts}，投票{tally.cast}/{tally.eligible}，"
               f"{outcome_text(topic, tally)}。", SMS)


def progress_text(session: Session, open_topics: list[Topic], closed: list[Topic]) -> str:
    """好多人投了 / 投票结果咋样: each open topic with its counts so far when its ballots are not secret, else
    its turnout; then the latest closed ones with their published result; as many as fit one SMS part."""
    lines = []
    for topic in open_topics[:3]:
        t = tally(session, topic)
        unit = "户" if topic.per_household else "人"
        so_far = f"{counts_text(topic, t)}，" if not topic.secret else ""
        lines.append(f"{fit(topic.title, 10)}：{so_far}已投{t.cast}/{t.eligible}{unit}")
    for topic in closed[:2]:
        done = published_tally(topic)
        lines.append(f"{fit(topic.title, 10)}已截止：{counts_text(topic, done)}，{outcome_text(topic, done)}" if done
                     else f"{fit(topic.title, 10)}已截止，结果待公布")
    if not lines:
        return "现在没有投票中的议题。回复“公告”看村口黑板。"
    tail = _results_when(open_topics[:3])
    shown = [lines[0]]
    for line in lines[1:]:
        if len("\n".join([*shown, line, tail])) <= SMS:
            shown.append(line)
    return fit("\n".join([*shown, tail]) if tail and len("\n".join([*shown, tail])) <= SMS else "\n".join(shown), SMS)


def _results_when(open_topics: list[Topic]) -> str:
    """When and where the open topics' results come (投票结果出来了没有, blind test 35, N5: the turnout alone):
    the close (the first, when they differ); the results go up on the 村口黑板."""
    closes = sorted({t.closes_at.astimezone(BEIJING).replace(second=0, microsecond=0)
                     for t in open_topics if t.closes_at is not None})
    if not closes:
        return "截止后在村口黑板公布结果。" if open_topics else ""
    when = f"{closes[0].month}月{closes[0].day}日{closes[0]:%H:%M}"
    return f"{when}截止后在村口黑板公布结果。" if len(closes) == 1 else f"最早{when}截止，截止后在村口黑板公布结果。"


def no_proxy_text(topic: Topic) -> str:
    if topic.per_household:
        return fit(f"“{fit(topic.title, 16)}”每户一票，您投的就算全家的，不用代投。", SMS)
    return fit(f"“{fit(topic.title, 16)}”不能代投，请家人自己发短信投或找网格员。您的票没有变。", SMS)


def cast_text(session: Session, result: CastResult, member: Person | None = None) -> str:
    topic, label = result.topic, result.label
    previous = topic.options[result.previous - 1] if result.previous else ""
    if result.status in ("recorded", "unchanged"):
        if member:
            return fit(f"已替{member.name}投：“{fit(topic.title, 14)}”{label}。您自己的票不变。", SMS)
        return fit(f"已记下：“{fit(topic.title, 16)}”您投{label}。截止前想改，再回复一次就行。", SMS)
    if result.status == "changed":
        if member:
            return fit(f"已替{member.name}改投{label}（原来是{previous}）：“{fit(topic.title, 12)}”。"
                       "您自己的票不变。", SMS)
        return fit(f"已改好：“{fit(topic.title, 16)}”您改投{label}（原来是{previous}），以最后一次为准。", SMS)
    if result.status == "locked":
        return fit(f"“{fit(topic.title, 16)}”已投{previous}，这个议题投了就不能改。", SMS)
    if result.status == "not_open":
        return closed_text(topic)
    if result.status == "no_proxy":
        return no_proxy_text(topic)
    if result.status == "own_ballot":
        who = member.name if member else "家人"
        return fit(f"{who}已自己投了“{fit(topic.title, 12)}”，以本人的票为准，没有改。", SMS)
    if result.status == "not_eligible":
        if member:
            return fit(f"抱歉，{member.name}不在“{fit(topic.title, 12)}”的投票范围，没有计票。", SMS)
        electorate = fit(describe_electorate(session, topic.electorate), 16)
        return fit(f"抱歉，“{fit(topic.title, 16)}”只由{electorate}投票，您不在其中，这次没有计票。", SMS)
    return which_option_text(topic, member)
