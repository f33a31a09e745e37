"""The contract of a notification channel and the registry that holds the channels.

A channel delivers one :class:`ChannelMessage` to one recipient. It raises :class:`RetryableDeliveryError` when a
later attempt may succeed (server down, time-out, temporary refusal) and :class:`PermanentDeliveryError` when it
never will (address refused, invalid address), so the outbox knows whether to try again.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field

from openbuurt.core.registry import Registry


class DeliveryError(Exception):
    """Delivering a message failed."""


class RetryableDeliveryError(DeliveryError):
    """Delivery failed but may succeed later."""


class PermanentDeliveryError(DeliveryError):
    """Delivery failed and will fail again: do not retry."""


@dataclass(frozen=True)
class ChannelMessage:
    """What a channel sends: ``reference`` is stable across retries so a receiver can spot a repeat."""

    recipient: str
    subject: str
    body_text: str
    body_html: str = ""
    reference: str = ""
    headers: dict[str, str] = field(default_factory=dict)


class NotificationChannel(ABC):
    """A way to deliver messages; subclasses register with ``@channels.register("name")``."""

    @abstractmethod
    def send(self, message: ChannelMessage) -> None:
        """Deliver ``message`` or raise a :class:`RetryableDeliveryError` or :class:`PermanentDeliveryError`."""


channels: Registry[type[NotificationChannel]] = Registry("notification channel")


def get_channel(name: str) -> NotificationChannel:
    """Return a ready instance of the channel registered as ``name`` (``UnknownPluginError`` when unknown)."""
    # Importing the built-in channels registers them; late so that this module has no import cycle.
    from openbuurt.notifications.channels import email  # noqa: F401

    return channels[name]()
