"""A real SMTP server on loopback for the tests (aiosmtpd in a thread), and sockets that behave like a broken one.

aiosmtpd's own ``Controller`` cannot listen on port 0, so the server gets a socket we bound to port 0 ourselves.
"""

from __future__ import annotations

import asyncio
import email
import email.policy
import socket
import threading
from dataclasses import dataclass, field
from email.message import EmailMessage
from typing import Any

from aiosmtpd.smtp import SMTP, Envelope, Session


@dataclass
class ReceivedMail:
    """One message as the server received it: the envelope and the parsed MIME message."""

    mail_from: str
    rcpt_tos: list[str]
    message: EmailMessage

    @property
    def subject(self) -> str:
        return str(self.message["Subject"])

    def part(self, content_type: str) -> str:
        """Return the decoded body part of ``content_type`` (text/plain or text/html)."""
        for part in self.message.walk():
            if part.get_content_type() == content_type:
                assert isinstance(part, EmailMessage)
                content = part.get_content()
                assert isinstance(content, str)
                return content
        raise AssertionError(f"no {content_type} part in the message")

    @property
    def text(self) -> str:
        return self.part("text/plain")

    @property
    def html(self) -> str:
        return self.part("text/html")


@dataclass
class _Handler:
    received: list[ReceivedMail] = field(default_factory=list)
    refuse_recipients: dict[str, str] = field(default_factory=dict)

    async def handle_RCPT(  # noqa: N802  (aiosmtpd's hook name)
        self, server: SMTP, session: Session, envelope: Envelope, address: str, rcpt_options: list[str]
    ) -> str:
        if address in self.refuse_recipients:
            return self.refuse_recipients[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(  # noqa: N802  (aiosmtpd's hook name)
        self, server: SMTP, session: Session, envelope: Envelope
    ) -> str:
        raw = envelope.original_content or b""
        parsed = email.message_from_bytes(raw, policy=email.policy.default)
        assert isinstance(parsed, EmailMessage)
        self.received.append(
            ReceivedMail(mail_from=str(envelope.mail_from), rcpt_tos=list(envelope.rcpt_tos), message=parsed)
        )
        return "250 Message accepted for delivery"


class LoopbackSMTPServer:
    """An SMTP server on 127.0.0.1 at a free port; ``received`` lists what it accepted."""

    def __init__(self) -> None:
        self._handler = _Handler()
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="loopback-smtp", daemon=True)
        self._server: asyncio.base_events.Server | None = None
        self.port = 0

    @property
    def received(self) -> list[ReceivedMail]:
        return self._handler.received

    def refuse(self, address: str, reply: str = "550 5.1.1 No such user here") -> None:
        """Answer RCPT TO for ``address`` with ``reply``."""
        self._handler.refuse_recipients[address] = reply

    def start(self) -> None:
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", 0))
        listener.listen(16)
        self.port = listener.getsockname()[1]
        self._thread.start()

        async def serve() -> asyncio.base_events.Server:
            return await self._loop.create_server(
                lambda: SMTP(self._handler, hostname="smtp.test", loop=self._loop), sock=listener
            )

        self._server = asyncio.run_coroutine_threadsafe(serve(), self._loop).result(timeout=5)

    def stop(self) -> None:
        async def close() -> None:
            if self._server is not None:
                self._server.close()
                await self._server.wait_closed()

        asyncio.run_coroutine_threadsafe(close(), self._loop).result(timeout=5)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=5)
        self._loop.close()


def closed_port() -> tuple[socket.socket, int]:
    """Return a bound socket that does not listen and its port: connecting there is refused, as to a server down.

    Keep the socket open while using the port, so that nothing else can take it.
    """
    holder = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    holder.bind(("127.0.0.1", 0))
    return holder, holder.getsockname()[1]


def silent_port() -> tuple[socket.socket, int]:
    """Return a listening socket that never answers and its port: a hung mail server (the client must time out)."""
    holder = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    holder.bind(("127.0.0.1", 0))
    holder.listen(4)
    return holder, holder.getsockname()[1]


def smtp_settings(port: int, **extra: Any) -> dict[str, Any]:
    """Return the Django settings that send real SMTP to ``port`` on loopback."""
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": port,
        "EMAIL_USE_TLS": False,
        "EMAIL_USE_SSL": False,
        "EMAIL_HOST_USER": "",
        "EMAIL_HOST_PASSWORD": "",
        "EMAIL_TIMEOUT": 5,
        **extra,
    }
