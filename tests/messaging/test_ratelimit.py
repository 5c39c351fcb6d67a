from bot.messaging.ratelimit import RateLimit, RateLimiter


class Ticker:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_telegram_sends_at_most_thirty_a_second_overall():
    ticker = Ticker()
    limiter = RateLimiter({"telegram": RateLimit(30, 1.0)}, monotonic=ticker)
    delays = [limiter.delay_for("telegram", f"tg:{n}") for n in range(60)]
    assert delays[0] == 0.0
    assert abs(delays[30] - 1.0) < 1e-9 and abs(delays[59] - 59 / 30) < 1e-9


def test_one_chat_gets_at_most_one_message_a_second():
    ticker = Ticker()
    limiter = RateLimiter({"telegram": RateLimit(30, 1.0)}, monotonic=ticker)
    assert limiter.delay_for("telegram", "tg:1") == 0.0
    assert abs(limiter.delay_for("telegram", "tg:2") - 1 / 30) < 1e-9  # another chat: only the overall gap
    assert abs(limiter.delay_for("telegram", "tg:1") - 1.0) < 1e-9
    ticker.now += 5
    assert limiter.delay_for("telegram", "tg:1") == 0.0


def test_a_channel_without_a_limit_is_never_held():
    limiter = RateLimiter({"telegram": RateLimit(30, 1.0)}, monotonic=Ticker())
    assert [limiter.delay_for("simulator", "+8613900000001") for _ in range(100)] == [0.0] * 100


async def test_acquire_sleeps_for_the_reserved_gap():
    ticker = Ticker()
    slept: list[float] = []

    async def sleep(seconds: float) -> None:
        slept.append(seconds)
        ticker.now += seconds

    limiter = RateLimiter({"sms": RateLimit(10)}, monotonic=ticker, sleep=sleep)
    for _ in range(3):
        await limiter.acquire("sms", "+8613900000001")
    assert [round(s, 6) for s in slept] == [0.1, 0.1]
