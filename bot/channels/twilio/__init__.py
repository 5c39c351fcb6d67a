"""SMS over Twilio: the sending channel, the MMS download step and the webhook routes."""

from bot.channels.twilio.channel import TwilioChannel, TwilioMedia
from bot.channels.twilio.routes import router

__all__ = ["TwilioChannel", "TwilioMedia", "router"]
