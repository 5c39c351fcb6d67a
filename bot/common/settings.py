"""gridbot's configuration: one object, built once at start-up and passed in.

Every field is read from the environment (or a `.env` file) under the same name in upper
case, and documented in `.env.example`; a test fails when one is not.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

ROOT = Path(__file__).resolve().parents[2]


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=ROOT / ".env", env_file_encoding="utf-8", extra="ignore")

    # Where runtime files (SQLite databases, photos, logs, the trained model link) live.
    var_dir: Path = ROOT / "var"
    # Shared cache for the virtual environments and trained models (bin/venv reads it too).
    gridbot_cache_dir: Path = Path.home() / ".cache" / "gridbot"
    # The app's database; SQLite under var/ by default, e.g. postgresql+psycopg://user@host/db.
    database_url: str = ""
    # Rasa's tracker store (conversations). Empty: a SQLite file beside the app's database,
    # or the same PostgreSQL database when DATABASE_URL points at one.
    tracker_store_url: str = ""

    # The three processes and where they listen; the gateway too on loopback unless told (e.g. 0.0.0.0).
    gateway_host: str = "127.0.0.1"
    gateway_port: int = 8000
    engine_port: int = 5005
    actions_port: int = 5055
    # Empty: the engine and the action server on this machine, at ENGINE_PORT and ACTIONS_PORT (blind test 30: with
    # only the ports set, the gateway and the worker called 5005 and 5055, another stack or none).
    engine_url: str = ""
    actions_url: str = ""
    # The interfaces the engine and the action server listen on: loopback unless the workers (or, for the action
    # server, the workers' health checks) run on other hosts; then a private address, never a public one.
    engine_host: str = "127.0.0.1"
    actions_host: str = "127.0.0.1"
    # Engines on other hosts: their URLs, comma-separated (http://10.0.0.5:5005,http://10.0.0.6:5005). A worker
    # keeps each sender on one of them and moves it when that one fails, as with ENGINE_REPLICAS (which then only
    # says how many engines `bin/bot run` starts here). ACTIONS_URLS: the action server beside each engine, for the
    # workers' readiness check (engine i's is the (i mod n)-th); empty: the workers check the engines only.
    engine_urls: str = ""
    actions_urls: str = ""
    # The engine's HTTP API (status, parse, trackers) answers only with this token (`rasa run --auth-token`).
    # Empty: `bin/bot run` makes one for its run; a separately started engine then has its API open.
    engine_auth_token: SecretStr = SecretStr("")
    # Replicas for `bin/bot run`: ENGINE_REPLICAS engines on ENGINE_PORT, ENGINE_PORT+1, …, ACTIONS_REPLICAS
    # action servers likewise (engine i calls action server i mod ACTIONS_REPLICAS), GATEWAY_REPLICAS gateways
    # on GATEWAY_PORT, GATEWAY_PORT+1, … and WORKER_REPLICAS workers. Each worker keeps every sender on one
    # engine (bot/engine/replicas.py). More than one engine needs PostgreSQL (DATABASE_URL) and LOCK_STORE_URL.
    engine_replicas: int = Field(1, ge=1, le=16)
    actions_replicas: int = Field(1, ge=1, le=16)
    gateway_replicas: int = Field(1, ge=1, le=16)
    worker_replicas: int = Field(1, ge=1, le=16)
    # Rasa's event broker (optional): every conversation event also goes to RabbitMQ for analytics, out of the
    # turn's path. amqp://user:password@host:5672/vhost (empty: none); the queue the engines publish to.
    event_broker_url: SecretStr = SecretStr("")
    event_broker_queue: str = "gridbot_events"
    # Rasa's lock store, shared by the engines: empty = in memory (one engine only), or a Redis URL such as
    # redis://127.0.0.1:6379/1 (engine_ext/lock_store.py: Rasa's own Redis lock store races across replicas).
    lock_store_url: str = ""
    # The action server answers only the engine, which sends this as `Authorization: Bearer TOKEN`
    # (endpoints.yml). Empty: `bin/bot run` makes one for its run; an action server without one answers
    # any local process (development only: production refuses to start without it).
    actions_auth_token: SecretStr = SecretStr("")

    # Load the fictional demo subdistrict on first start when the registry is empty.
    demo_data: bool = True
    # The inbound worker: engine call timeout, retries and backoff.
    engine_timeout_seconds: float = 30.0
    inbox_max_attempts: int = 8
    inbox_backoff_seconds: float = 2.0
    inbox_lease_seconds: float = 120.0
    # The most characters of a message's text handed to the engine (the inbox keeps all of it).
    inbound_max_chars: int = 1000
    # The gateway's spool: inbound messages it could not store while the database was unreachable,
    # on its own disk until they are (bot/messaging/spool.py). Empty: VAR_DIR/spool. Past
    # spool_max_bytes it refuses, and the request fails as it would without a spool.
    spool_dir: str = ""
    spool_max_bytes: int = 64 * 1024 * 1024
    # How long POST /channels/simulator waits for the replies before answering 202.
    simulator_wait_seconds: float = 10.0
    # The outbound sender: retries before a message is dead-lettered.
    outbox_max_attempts: int = 6
    outbox_backoff_seconds: float = 5.0
    # How long a claimed outbound message is held before another dispatcher may take it over.
    outbox_lease_seconds: float = 120.0

    # Public URL of the gateway as Twilio and Telegram see it (for signatures and webhooks).
    public_base_url: str = ""
    twilio_account_sid: str = ""
    twilio_auth_token: SecretStr = SecretStr("")
    twilio_from_number: str = ""
    telegram_bot_token: SecretStr = SecretStr("")
    telegram_webhook_secret: SecretStr = SecretStr("")
    # Provider API addresses (tests point them at fake servers on loopback).
    twilio_api_base_url: str = "https://api.twilio.com"
    telegram_api_base_url: str = "https://api.telegram.org/bot"
    telegram_file_base_url: str = "https://api.telegram.org/file/bot"
    # WeChat Official Account (服务号, bot/channels/wechat/): the account's AppID and AppSecret, and the server
    # URL's Token and EncodingAESKey from 设置与开发 → 基本配置 (the key turns on safe mode; production needs it).
    # The channel exists when the AppID, the AppSecret and the Token are set.
    wechat_app_id: str = ""
    wechat_app_secret: SecretStr = SecretStr("")
    wechat_token: SecretStr = SecretStr("")
    wechat_encoding_aes_key: SecretStr = SecretStr("")
    wechat_api_base_url: str = "https://api.weixin.qq.com/cgi-bin/"
    # The shared access token is refreshed this long before it runs out.
    wechat_token_refresh_seconds: float = 300.0
    # Subscription notices outside the 48 h window: kind → {"template_id": …, variable: field, …}.
    wechat_subscribe_templates: dict[str, dict[str, str]] = {}
    wechat_rate_per_second: float = 20.0
    # Template SMS in mainland China through Aliyun (bot/channels/aliyun_sms/): an AccessKey of a RAM user
    # allowed dysmsapi, the approved signature (签名, without 【】) and the approved template codes by kind
    # (JSON, e.g. {"ticket_received": "SMS_123456789"}; kinds in bot/channels/sms_template/templates.py).
    # The channel exists when the key, its secret and the signature are set. Receipts and replies are pushed
    # to PUBLIC_BASE_URL/channels/aliyun_sms/report?token=… and …/reply?token=… with this callback token.
    aliyun_sms_access_key_id: str = ""
    aliyun_sms_access_key_secret: SecretStr = SecretStr("")
    aliyun_sms_sign_name: str = ""
    aliyun_sms_templates: dict[str, str] = {}
    aliyun_sms_callback_token: SecretStr = SecretStr("")
    aliyun_sms_endpoint: str = "dysmsapi.aliyuncs.com"
    # Per number, stricter than Aliyun's own limits; messages/s overall.
    aliyun_sms_per_hour: int = 5
    aliyun_sms_per_day: int = 10
    aliyun_sms_rate_per_second: float = 10.0
    # WeCom (企业微信) for staff (bot/channels/wecom/): the CorpID, the self-built app's AgentId and Secret, and
    # its callback's Token and EncodingAESKey (接收消息 → 设置API接收). WECOM_TICKET_URL, e.g.
    # https://grid.example.org/workbench/tickets/{number}, turns ticket notices into text cards that open it.
    # The channel exists when the CorpID, AgentId, Secret, Token and key are set.
    wecom_corp_id: str = ""
    wecom_agent_id: int = 0
    wecom_secret: SecretStr = SecretStr("")
    wecom_token: SecretStr = SecretStr("")
    wecom_encoding_aes_key: SecretStr = SecretStr("")
    wecom_api_base_url: str = "https://qyapi.weixin.qq.com/cgi-bin/"
    wecom_ticket_url: str = ""
    # Per member, under WeCom's 30 a minute and 1000 an hour (it drops the rest silently); messages/s overall.
    wecom_member_per_minute: int = 20
    wecom_member_per_hour: int = 600
    wecom_rate_per_second: float = 20.0
    # Template SMS through Tencent Cloud instead (bot/channels/tencent_sms/, the same templates): a CAM key
    # (SecretId/SecretKey), the SMS SdkAppId, the approved signature and template ids by kind (JSON). The
    # channel exists when the key, app id and signature are set (and Aliyun's are not: one template SMS
    # channel at a time). Replies and receipts are pushed to PUBLIC_BASE_URL/channels/tencent_sms/reply?token=…
    # and …/report?token=… with this callback token. Per-number limits: ALIYUN_SMS_PER_HOUR/PER_DAY.
    tencent_sms_secret_id: str = ""
    tencent_sms_secret_key: SecretStr = SecretStr("")
    tencent_sms_app_id: str = ""
    tencent_sms_sign_name: str = ""
    tencent_sms_templates: dict[str, str] = {}
    tencent_sms_callback_token: SecretStr = SecretStr("")
    tencent_sms_region: str = "ap-guangzhou"
    tencent_sms_endpoint: str = "sms.tencentcloudapi.com"
    # SMS budget: parts per reply, parts per number in 24 h, largest MMS photo accepted.
    sms_max_parts: int = 2
    sms_daily_parts: int = 20
    media_max_bytes: int = 5 * 1024 * 1024
    # Send rates per channel (messages/s overall; Telegram also ~1/s per chat).
    sms_rate_per_second: float = 10.0
    telegram_rate_per_second: float = 30.0
    telegram_chat_interval_seconds: float = 1.0
    # Broadcasts (宣传知识送到家, bot/core/broadcasts.py): SMS parts all broadcasts may use in 24 hours, and
    # how many of a broadcast's messages fall due per second (the rest of the send rate is left to replies).
    broadcast_daily_sms_parts: int = 2000
    broadcast_rate_per_second: float = 2.0

    # Open311 API keys: `KEY` may file requests, `KEY:file+read_private` names its scopes
    # (bot/channels/open311_keys.py); without read_private, reads get the public view.
    open311_api_keys: list[SecretStr] = []

    # Phone numbers without a country code are read in this region.
    default_region: str = "CN"
    # Secret for keyed hashes of phone numbers: the pseudonyms of erased people and of the audit log.
    phone_hmac_key: SecretStr = SecretStr("change-me-in-production")
    # Secret the keys that seal phone numbers (and tg:<id> addresses) at rest and the engine's conversation
    # ids are derived from (bot/common/address_cipher.py). Changing it makes every sealed value unreadable:
    # keep it with the database's backups. The default is for development only; production refuses it.
    phone_encryption_key: SecretStr = SecretStr("development-only-phone-encryption-key")
    log_level: str = "INFO"
    # How often the gateway closes and publishes 议事小院 topics whose closing time has passed.
    council_close_interval_seconds: float = 30.0
    # How long a vote question the bot asked (which topic? which family member? which option?) waits for
    # its answer; after that a bare number answers nothing and the bot asks again (bot/core/council_dialogue.py).
    council_question_minutes: float = 30.0

    # Tickets: the routing table and time limits, and how often the timer loop looks for due work.
    routing_config: Path = ROOT / "config" / "routing.yml"
    ticket_timer_interval_seconds: float = 30.0
    # The monthly 四万 visit lists: who is due each month, and when overdue visits remind and escalate.
    visits_config: Path = ROOT / "config" / "visits.yml"
    # The knowledge base answering policy questions (ask_policy): every *.yml in this folder.
    knowledge_dir: Path = ROOT / "config" / "knowledge"

    # The conversation before the classifier (bot/app/dialogue.py): a message this soon after a report
    # joins it as a detail (补充), and photos or a location sent alone wait this long for the next report;
    # a bare number (1, 一, ①) answers the bot's numbered question this long after it was asked.
    followup_window_minutes: float = Field(30, gt=0)
    numbered_answer_minutes: float = Field(10, gt=0)
    # A photo sent alone while a report is open waits this long: the next message may be the new problem it
    # was taken for; if nothing else comes, it joins the open report.
    photo_hold_minutes: float = Field(2, gt=0)

    # Points (积分) earned per valid report, ballot, verified rider report and answered rating.
    points_report: int = 5
    points_ballot: int = 2
    points_rider_report: int = 10
    points_rating: int = 1

    # Modes: development (simulator and demo data on) or production (both off unless set; the processes
    # refuse to start with unsafe settings: bot/common/modes.py). The simulator's page and API, on by
    # default in development only; its token, sent as `Authorization: Bearer TOKEN`, is required in
    # production and lets other machines than this one use it in development.
    gridbot_env: Literal["development", "production"] = "development"
    simulator_enabled: bool = True
    simulator_token: SecretStr = SecretStr("")

    # The staff workbench (/staff/): the key signing its session cookies (production refuses the default),
    # how long a sign-in lasts, and how many wrong passwords in a row lock an account, for how long.
    staff_session_secret: SecretStr = SecretStr("change-me-in-production")
    staff_session_hours: float = Field(12.0, gt=0)
    staff_lockout_attempts: int = Field(5, ge=1)
    staff_lockout_minutes: float = Field(15.0, gt=0)
    # The worker board (亮灯, /staff/board, bot/core/worker_board.py): each grid worker's light is the worst
    # of their figures' lights. A rate at or above its GREEN share is green, below its RED share red, else
    # yellow; a rate over fewer than MIN_TICKETS tickets (ratings, for satisfaction) is at worst yellow.
    # Visits and overdue tickets are judged by the 亮灯图's own GRID_LIGHT_* rules. A worker red this many
    # closed months in a row is flagged once to the community secretary.
    worker_light_on_time_green: float = Field(0.9, ge=0, le=1)
    worker_light_on_time_red: float = Field(0.7, ge=0, le=1)
    worker_light_satisfaction_green: float = Field(0.9, ge=0, le=1)
    worker_light_satisfaction_red: float = Field(0.7, ge=0, le=1)
    worker_light_min_tickets: int = Field(5, ge=1)
    worker_red_months: int = Field(3, ge=1)

    # 亮灯图 (/staff/map, bot/core/grid_lights.py): a grid is red with this many open emergencies (1: any),
    # this many overdue tickets, or less than GRID_LIGHT_RED_VISIT_RATE of the month's visits done from day
    # GRID_LIGHT_RED_VISIT_DAY of the month (China time); yellow with this many overdue tickets or its visits
    # behind the month's pace by more than GRID_LIGHT_PACE_SLACK; else green. The page refreshes itself.
    grid_light_red_emergencies: int = Field(1, ge=1)
    grid_light_red_overdue: int = Field(3, ge=1)
    grid_light_red_visit_rate: float = Field(0.5, ge=0, le=1)
    grid_light_red_visit_day: int = Field(20, ge=1, le=31)
    grid_light_yellow_overdue: int = Field(1, ge=1)
    grid_light_pace_slack: float = Field(0.1, ge=0, le=1)
    lightmap_refresh_seconds: int = Field(60, ge=10)

    @model_validator(mode="before")
    @classmethod
    def _production_defaults(cls, data: Any) -> Any:
        """In production the simulator and the demo data are off unless set explicitly."""
        if isinstance(data, dict) and data.get("gridbot_env") == "production":
            data = {"simulator_enabled": False, "demo_data": False, **data}
        return data
    # Personal data (PIPL): message texts and conversations are kept this many days (`bin/bot purge`);
    # the audit log at least six months, whatever is set.
    retention_days: int = Field(180, ge=1)
    # The privacy notice after the first replies to a new address; off only where people are told
    # another way (a signed notice at registration).
    privacy_notice: bool = True
    audit_retention_days: int = Field(365, ge=183)

    @model_validator(mode="after")
    def _worker_lights_in_order(self) -> Settings:
        """A red line above its green line would light nobody yellow."""
        for name in ("on_time", "satisfaction"):
            green, red = getattr(self, f"worker_light_{name}_green"), getattr(self, f"worker_light_{name}_red")
            if red > green:
                raise ValueError(f"WORKER_LIGHT_{name.upper()}_RED ({red}) is above WORKER_LIGHT_{name.upper()}"
                                 f"_GREEN ({green})")
        return self

    @model_validator(mode="after")
    def _replicas_share_state(self) -> Settings:
        if self.engine_replicas > 1:
            missing = [name for name, ok in (("DATABASE_URL (PostgreSQL)", not self.is_sqlite),
                                             ("LOCK_STORE_URL (Redis)", self.lock_store_url.startswith("redis")))
                       if not ok]
            if missing:
                raise ValueError(f"ENGINE_REPLICAS={self.engine_replicas} needs shared state: set "
                                 + " and ".join(missing))
        return self

    @model_validator(mode="after")
    def _engine_urls_are_urls(self) -> Settings:
        for name, urls in (("ENGINE_URLS", _url_list(self.engine_urls)),
                           ("ACTIONS_URLS", _url_list(self.actions_urls))):
            wrong = [url for url in urls if not url.startswith(("http://", "https://"))]
            if wrong:
                raise ValueError(f"{name} takes http(s) URLs separated by commas, not {wrong[0]!r}")
        if len(_url_list(self.engine_urls)) > 1 and self.is_sqlite:
            raise ValueError("ENGINE_URLS with several engines needs shared state: set DATABASE_URL (PostgreSQL)")
        return self

    @model_validator(mode="after")
    def _actions_url_is_the_servers_base(self) -> Settings:
        """ACTIONS_URL is the action server's base URL; one given as its endpoint (…/webhook, as Rasa's
        endpoints.yml writes it) would make the engine call …/webhook/webhook and the health check …/webhook/health.
        ENGINE_URL and ACTIONS_URL left empty are this machine's, at their ports."""
        self.engine_url = self.engine_url.strip() or f"http://127.0.0.1:{self.engine_port}"
        self.actions_url = self.actions_url.strip() or f"http://127.0.0.1:{self.actions_port}"
        base = self.actions_url.rstrip("/")
        if base.endswith("/webhook"):
            self.actions_url = base.removesuffix("/webhook")
        return self

    @model_validator(mode="after")
    def _event_broker_is_amqp(self) -> Settings:
        url = self.event_broker_url.get_secret_value()
        if url and (not url.startswith(("amqp://", "amqps://")) or not urlsplit(url).hostname):
            raise ValueError("EVENT_BROKER_URL must look like amqp://user:password@host:5672/vhost")
        return self

    @property
    def engine_replica_urls(self) -> list[str]:
        """The engines the workers use: ENGINE_URLS when set, else ENGINE_URL alone or one loopback port per
        replica from ENGINE_PORT."""
        if self.engine_urls.strip():
            return _url_list(self.engine_urls)
        if self.engine_replicas == 1:
            return [self.engine_url]
        return [f"http://127.0.0.1:{self.engine_port + i}" for i in range(self.engine_replicas)]

    def actions_url_checked_for(self, replica: int) -> str:
        """The action server a worker checks beside engine `replica` of `engine_replica_urls`: with ENGINE_URLS, the
        matching ACTIONS_URLS entry or none ("": not checked from here); else the one that engine calls."""
        if not self.engine_urls.strip():
            return self.actions_url_for_engine(replica)
        actions = _url_list(self.actions_urls)
        return actions[replica % len(actions)] if actions else ""

    def actions_url_for_engine(self, replica: int) -> str:
        """The action server engine `replica` calls."""
        if self.actions_replicas == 1:
            return self.actions_url
        return f"http://127.0.0.1:{self.actions_port + replica % self.actions_replicas}"

    @property
    def resolved_database_url(self) -> str:
        if self.database_url:
            return _sqlalchemy_url(self.database_url)
        return f"sqlite:///{self.var_dir / 'gridbot.db'}"

    @property
    def resolved_spool_dir(self) -> Path:
        return Path(self.spool_dir) if self.spool_dir else self.var_dir / "spool"

    @property
    def resolved_tracker_store_url(self) -> str:
        """A URL for Rasa's SQLTrackerStore (SQLAlchemy 1.4 with psycopg2 in the engine)."""
        if self.tracker_store_url:
            return self.tracker_store_url
        url = self.resolved_database_url
        if url.startswith("postgresql"):
            return "postgresql://" + url.split("://", 1)[1]
        return f"sqlite:///{self.var_dir / 'rasa_tracker.db'}"

    @property
    def action_endpoint(self) -> str:
        return self.actions_url.rstrip("/") + "/webhook"

    @property
    def is_sqlite(self) -> bool:
        return self.resolved_database_url.startswith("sqlite")


def _url_list(urls: str) -> list[str]:
    return [url.strip().rstrip("/") for url in urls.split(",") if url.strip()]


def _sqlalchemy_url(url: str) -> str:
    """Accept the common postgres:// spellings and pick the psycopg 3 driver."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def load_settings(**overrides: object) -> Settings:
    """Build the settings from the environment, `.env` and explicit overrides."""
    return Settings(**overrides)  # type: ignore[arg-type]
