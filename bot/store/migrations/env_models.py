"""Every model module, imported so that `Base.metadata` holds every table gridbot's migrations make."""

from bot.store import (  # noqa: F401
    channel_models,
    council_models,
    household_models,
    message_models,
    models,
    outreach_models,
    privacy_models,
    staff_models,
    voice_models,
)
