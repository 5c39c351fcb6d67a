"""Channels: one module per channel behind the small base in `base.py`."""
