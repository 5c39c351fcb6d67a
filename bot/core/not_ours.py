"""Questions about things the grid service does not do or know, answered kindly with who or where can (blind test
36): a taxi to be called (你们能不能帮我叫个出租车 got the 房子出租 entry, Q16b), the weather (今天会下雨不 got "这个
我帮不上忙", Q18b) and a small trade asked for (社区有没有修伞修鞋的 was asked where, Q1b: 修 read as a repair).
Each is no report and no entry of the knowledge base: what to do instead, in one short reply."""

from __future__ import annotations

import re

# A car to be called for the asker (帮我叫个出租车, 喊个的士, 能不能帮我打个车), never 打车费 nor 车被刮了.
_TAXI = re.compile(r"(?:叫|喊|打|约|招|拦)(?:个|一个|辆|一辆|部|台)?(?:出租车?|的士|的|车|网约车|滴滴)(?![费钱位棚库])")
_FOR_ME = re.compile(r"帮|给我|替我|能不能|可不可以|可以|你们")
TAXI = "我们这里叫不了车。可以打当地出租车电话，或请家人、邻居在手机上帮您叫；急病请直接打120。"

# The weather asked about (今天会下雨不, 明天天气咋样, 这两天会不会降温), never 下雨天路上好滑 (a rider's shelter) nor a
# leak when it rains (a report: the caller checks for a problem first).
_WEATHER = re.compile(r"(?:会|要)(?:不会|不要)?(?:下雨|下雪|降温|升温|刮风|变天|出太阳|晴)|"
                      r"(?:下雨|下雪|降温|刮风|变天)(?:不|没|吗|嘛|哦|没得|没有)|"
                      r"天气(?:咋样|怎么样|如何|好不好|冷不冷|热不热|预报)|(?:好多|多少|几)度")
_WHEN = re.compile(r"今天|明天|后天|今晚|晚上|等会|一会|这两天|这几天|周末|下午|上午|天气")
WEATHER = "天气我这里查不到，看电视天气预报、手机自带的“天气”，或拨12121听播报都行。出门记得带伞添衣哦。"

# A small trade asked for (社区有没有修伞修鞋的, 附近有没得补鞋的师傅, 哪点有配钥匙的): where such stalls are.
_WHERE_IS = r"有没有|有没得|有莫得|有得|哪点有|哪里有|哪儿有|哪个地方有|附近有|在哪"
_TRADE = r"(?:修|补|配|磨|改|换)(?:个|一下)?(?:鞋|伞|钥匙|拉链|衣服|裤子|裤脚|刀|剪刀|手表|表|自行车|单车|锁)"
_ASKS_TRADE = re.compile(rf"(?:{_WHERE_IS})[^，,。！!？?]{{0,6}}?{_TRADE}|{_TRADE}[^，,。！!？?]{{0,4}}(?:{_WHERE_IS})")
TRADE = "修鞋、修伞、配钥匙这类小摊社区没登记，菜市场和街口常有；想知道附近哪家，问{whom}（{phone}）。"


def asks_taxi(plain: str) -> bool:
    """你们能不能帮我叫个出租车, 帮我喊个的士嘛: a car to be called for the asker."""
    return _TAXI.search(plain) is not None and _FOR_ME.search(plain) is not None


def asks_weather(plain: str) -> bool:
    """今天会下雨不, 明天天气咋样, 这两天会不会降温: the weather asked about."""
    return _WEATHER.search(plain) is not None and _WHEN.search(plain) is not None


def asks_trade(plain: str) -> bool:
    """社区有没有修伞修鞋的, 哪点有配钥匙的: a small trade asked for, no repair for the grid worker."""
    return _ASKS_TRADE.search(plain) is not None


def trade_reply(name: str, phone: str, grid_worker: bool) -> str:
    return TRADE.format(whom=f"网格员{name}" if grid_worker else name, phone=phone)
