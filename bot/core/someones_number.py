"""A message asking for someone else's number (李婆婆家的电话号码): never given out, and the problem said beside it is
still filed, with whose it is kept."""

from __future__ import annotations

import re

from bot.core.triage import asks_someones_number

# The asking in a clause asking for someone's number, around whose it is (帮我找下|楼上李婆婆家|的电话).
_ASKING = re.compile(r"^(?:请|麻烦)?(?:你|您)?(?:帮我|帮忙|给我|帮)?(?:找|查|打听|问)(?:一下|一哈|下)?|"
                     r"的?(?:电话号码|电话|号码|手机号码?|手机)(?:是|号码|号)?(?:好多|多少)?(?:给我|告诉我)?$")
# 她家, 他们家 opening the clause after it: the one whose number was asked for.
_THEIR = re.compile(r"^(?:她们|他们|她|他)(家|屋头|屋里)?")


def without_number_request(text: str) -> str:
    """The message less the asking for someone's number, whom it was about kept (帮我找下楼上李婆婆家的电话 她家水管爆了
    → 楼上李婆婆家水管爆了: the worker needs whose pipe), when a problem is left; else the message."""
    clauses = [c for c in re.split(r"[\s，,。！!？?；;]+", text or "") if c]
    kept: list[str] = []
    whose = ""
    for clause in clauses:
        if asks_someones_number(clause):
            whose = _ASKING.sub("", _ASKING.sub("", clause))
            continue
        if whose:
            their = _THEIR.match(clause)
            if their is not None:
                home = their.group(1) or ""
                clause = (whose if whose.endswith(home) else whose + home) + clause[their.end():]
            else:
                clause = f"{whose} {clause}"
            whose = ""
        kept.append(clause)
    return " ".join(kept) if kept else text


REFUSED = "别人家的电话号码不能给您，请谅解；您说的问题照常办理。"
