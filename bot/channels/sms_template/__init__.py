"""Template SMS, whatever the provider: the registry of approved templates gridbot sends with."""
