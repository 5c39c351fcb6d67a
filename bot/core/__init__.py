"""The core: registry, routing, tickets, notifications. Knows nothing of Rasa or of channels."""
