"""The durable inbox and outbox, and the loops that work through them."""
