"""Every write of the notifications app: the outbox (``outbox``) and the messages events cause (``notify``)."""

from openbuurt.notifications.services.notify import (
    notify_assigned,
    notify_follow_requested,
    notify_report_received,
    notify_status_changed,
    send_overdue_warnings,
)
from openbuurt.notifications.services.outbox import (
    cancel_messages,
    deliver_message,
    purge_finished_messages,
    queue_message,
    retry_due_messages,
    retry_now,
)

__all__ = [
    "cancel_messages",
    "deliver_message",
    "notify_assigned",
    "notify_follow_requested",
    "notify_report_received",
    "notify_status_changed",
    "purge_finished_messages",
    "queue_message",
    "retry_due_messages",
    "retry_now",
    "send_overdue_warnings",
]
