"""The e-mail channel: SMTP (or whichever Django e-mail backend is configured), multipart text and HTML."""

from __future__ import annotations

import smtplib

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection

from openbuurt.notifications.channels.base import (
    ChannelMessage,
    NotificationChannel,
    PermanentDeliveryError,
    RetryableDeliveryError,
    channels,
)
from openbuurt.notifications.constants import DEFAULT_SMTP_TIMEOUT


def _is_permanent(code: int) -> bool:
    return 500 <= code < 600


def _message_id(reference: str) -> str:
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2] or "openbuurt.invalid"
    return f"<{reference}@{domain.strip('<> ')}>"


@channels.register("email")
class EmailChannel(NotificationChannel):
    """Send through Django's e-mail backend with a time-out; a 5xx refusal of the recipient is permanent.

    Trouble with the server itself (down, time-out, 4xx, a refused sender or login) is retryable: it is fixed on
    our side, and the message must still go out afterwards.
    """

    def send(self, message: ChannelMessage) -> None:
        """Deliver ``message`` as one multipart e-mail (plain text with an HTML alternative)."""
        headers = {"Auto-Submitted": "auto-generated", **message.headers}
        if message.reference:
            # The same Message-ID on every attempt lets mail clients drop a copy a retry might produce.
            headers["Message-ID"] = _message_id(message.reference)
        timeout = getattr(settings, "EMAIL_TIMEOUT", None) or DEFAULT_SMTP_TIMEOUT
        try:
            connection = get_connection(fail_silently=False, timeout=timeout)
            email = EmailMultiAlternatives(
                subject=message.subject,
                body=message.body_text,
                from_email=settings.DEFAULT_FROM_EMAIL,
                to=[message.recipient],
                headers=headers,
                connection=connection,
            )
            if message.body_html:
                email.attach_alternative(message.body_html, "text/html")
            sent = email.send(fail_silently=False)
        except smtplib.SMTPRecipientsRefused as exc:
            codes = [code for code, _reply in exc.recipients.values()]
            error = f"recipient refused: {_describe(exc)}"
            if codes and all(_is_permanent(code) for code in codes):
                raise PermanentDeliveryError(error) from exc
            raise RetryableDeliveryError(error) from exc
        except smtplib.SMTPDataError as exc:
            if _is_permanent(exc.smtp_code):
                raise PermanentDeliveryError(f"message refused: {_describe(exc)}") from exc
            raise RetryableDeliveryError(f"message deferred: {_describe(exc)}") from exc
        except (smtplib.SMTPException, OSError) as exc:
            raise RetryableDeliveryError(f"mail server trouble: {_describe(exc)}") from exc
        except ValueError as exc:
            # Django refuses addresses and headers it cannot encode; they will never become valid.
            raise PermanentDeliveryError(f"invalid message: {exc}") from exc
        if sent != 1:
            raise PermanentDeliveryError("the e-mail backend accepted no recipient")


def _describe(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    return f"{type(exc).__name__}: {text}"[:1000]
