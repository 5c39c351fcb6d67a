"""gridbot's configuration: one object, built once at start-up and passed in.

Every field is read from the environment (or a `.env` file) under the same name in upper
case, and documented in `.env.example`; a test fails when one is not.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import SecretStr
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

    # The three processes and where they listen.
    gateway_host: str = "0.0.0.0"
    gateway_port: int = 8000
    engine_port: int = 5005
    actions_port: int = 5055
    engine_url: str = "http://127.0.0.1:5005"
    actions_url: str = "http://127.0.0.1:5055"
    # The engine's HTTP API (status, parse, trackers) answers only with this token (`rasa run --auth-token`).
    # Empty: `bin/bot run` makes one for its run; a separately started engine then has its API open.
    engine_auth_token: SecretStr = SecretStr("")

    # Load the fictional demo subdistrict on first start when the registry is empty.
    demo_data: bool = True
    # The inbound worker: engine call timeout, retries and backoff.
    engine_timeout_seconds: float = 30.0
    inbox_max_attempts: int = 8
    inbox_backoff_seconds: float = 2.0
    inbox_lease_seconds: float = 120.0
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
    # SMS budget: parts per reply, parts per number in 24 h, largest MMS photo accepted.
    sms_max_parts: int = 2
    sms_daily_parts: int = 20
    media_max_bytes: int = 5 * 1024 * 1024
    # Send rates per channel (messages/s overall; Telegram also ~1/s per chat).
    sms_rate_per_second: float = 10.0
    telegram_rate_per_second: float = 30.0
    telegram_chat_interval_seconds: float = 1.0

    # API keys that may file service requests through Open311 (POST /open311/v2/requests.json).
    open311_api_keys: list[SecretStr] = []

    # Phone numbers without a country code are read in this region.
    default_region: str = "CN"
    # Secret for keyed hashes of phone numbers (lookups without storing them in clear text).
    phone_hmac_key: SecretStr = SecretStr("change-me-in-production")
    log_level: str = "INFO"
    # How often the gateway closes and publishes 议事小院 topics whose closing time has passed.
    council_close_interval_seconds: float = 30.0

    # Tickets: the routing table and time limits, and how often the timer loop looks for due work.
    routing_config: Path = ROOT / "config" / "routing.yml"
    ticket_timer_interval_seconds: float = 30.0
    # The knowledge base answering policy questions (ask_policy): every *.yml in this folder.
    knowledge_dir: Path = ROOT / "config" / "knowledge"

    # Points (积分) earned per valid report, ballot, verified rider report and answered rating.
    points_report: int = 5
    points_ballot: int = 2
    points_rider_report: int = 10
    points_rating: int = 1

    @property
    def resolved_database_url(self) -> str:
        if self.database_url:
            return _sqlalchemy_url(self.database_url)
        return f"sqlite:///{self.var_dir / 'gridbot.db'}"

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


def _sqlalchemy_url(url: str) -> str:
    """Accept the common postgres:// spellings and pick the psycopg 3 driver."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def load_settings(**overrides: object) -> Settings:
    """Build the settings from the environment, `.env` and explicit overrides."""
    return Settings(**overrides)  # type: ignore[arg-type]
