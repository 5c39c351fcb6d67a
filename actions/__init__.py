"""The rasa-sdk action server: thin adapters from Rasa's tracker to gridbot's core."""
