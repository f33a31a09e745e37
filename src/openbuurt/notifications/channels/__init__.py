"""Notification channels: ways to deliver a message (e-mail now; SMS or push can be added as plugins)."""
