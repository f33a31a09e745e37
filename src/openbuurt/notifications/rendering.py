"""Rendering messages from their templates: subject and plain text from the template, HTML made from the text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.template import Context, Template
from django.template.loader import render_to_string
from django.utils import timezone, translation

import structlog

from openbuurt.notifications.constants import DEFAULT_LANGUAGE, MessageKind, MessageLanguage
from openbuurt.notifications.defaults import DEFAULT_TEMPLATES
from openbuurt.notifications.models import MessageTemplate

log = structlog.get_logger(__name__)

_MANY_BLANK_LINES = re.compile(r"\n{3,}")
_TRAILING_SPACE = re.compile(r"[ \t]+\n")


@dataclass(frozen=True)
class RenderedMessage:
    subject: str
    body_text: str
    body_html: str


def message_language(value: str | None) -> MessageLanguage:
    """Return the message language for a report's ``language`` (e.g. ``en-GB`` → en); Dutch when unsupported."""
    code = (value or "")[:2].lower()
    return MessageLanguage(code) if code in MessageLanguage.values else DEFAULT_LANGUAGE


def validate_template_source(source: str) -> None:
    """Compile ``source`` as a Django template; raise ``TemplateSyntaxError`` with the reason when it is broken."""
    Template(source)


def _sources(kind: MessageKind, language: MessageLanguage) -> tuple[str, str]:
    """Return (subject, body) of the active template in ``language``, else the active Dutch one, else the default."""
    stored = {
        row.language: row
        for row in MessageTemplate.objects.filter(key=kind, language__in={language, DEFAULT_LANGUAGE}, is_active=True)
    }
    chosen = stored.get(language) or stored.get(DEFAULT_LANGUAGE)
    if chosen is not None:
        return chosen.subject, chosen.body_text
    return DEFAULT_TEMPLATES.get((str(kind), str(language))) or DEFAULT_TEMPLATES[(str(kind), str(DEFAULT_LANGUAGE))]


def _render(source: str, context: dict[str, Any]) -> str:
    # Plain text: no HTML escaping here; the HTML part escapes the rendered text as a whole.
    return Template(source).render(Context(context, autoescape=False))


def _tidy(text: str) -> str:
    text = _TRAILING_SPACE.sub("\n", text.replace("\r\n", "\n"))
    return _MANY_BLANK_LINES.sub("\n\n", text).strip() + "\n"


def render_source(*, subject: str, body: str, context: dict[str, Any], language: MessageLanguage) -> RenderedMessage:
    """Render the template strings ``subject`` and ``body`` with ``context`` in ``language``.

    Raises ``TemplateSyntaxError`` when a template is broken. The HTML part is the escaped text with clickable links.
    """
    with translation.override(str(language)):
        rendered_subject = " ".join(_render(subject, context).split())[:300]
        text = _tidy(_render(body, context))
        html = render_to_string(
            "notifications/email/message.html",
            {"subject": rendered_subject, "body": text, "language": str(language)},
        )
    return RenderedMessage(subject=rendered_subject, body_text=text, body_html=html)


def render_message(*, kind: MessageKind, language: MessageLanguage, context: dict[str, Any]) -> RenderedMessage:
    """Render the message ``kind`` in ``language`` from its editable template (the default when that is broken)."""
    subject, body = _sources(kind, language)
    try:
        return render_source(subject=subject, body=body, context=context, language=language)
    except Exception as exc:
        # An edited template that breaks (a syntax error slipped past the admin, a filter failing on a value) must
        # not stop the message: the built-in text goes out instead.
        log.warning("message_template_broken", kind=str(kind), language=str(language), error=str(exc))
        subject, body = (
            DEFAULT_TEMPLATES.get((str(kind), str(language))) or DEFAULT_TEMPLATES[(str(kind), str(DEFAULT_LANGUAGE))]
        )
        return render_source(subject=subject, body=body, context=context, language=language)


def sample_context(kind: str, language: str) -> dict[str, Any]:
    """Return example values for previewing ``kind`` (written by us; no real report or person)."""
    now = timezone.now()
    english = language == MessageLanguage.EN
    base_url = "https://meldingen.example.invalid"
    report = {
        "report_number": "GRO-2026-000123",
        "category": "Street lighting" if english else "Straatverlichting",
        "address": "Grote Markt 1, Groningen",
        "organisation": "Gemeente Groningen (example)" if english else "Gemeente Groningen (voorbeeld)",
        "first_name": "Sam",
        "tracking_url": f"{base_url}/volg/example/",
    }
    if kind == MessageKind.REPORT_RECEIVED:
        return report | {
            "description": "The lamp post in front of no. 12 has been out for a week (example text)."
            if english
            else "De lantaarnpaal voor nummer 12 doet het al een week niet (voorbeeldtekst).",
            "received_at": now,
            "promise": "We will repair the lamp within 5 working days."
            if english
            else "We repareren de lamp binnen 5 werkdagen.",
            "is_emergency": False,
        }
    if kind == MessageKind.STATUS_UPDATE:
        return report | {
            "status": "scheduled" if english else "ingepland",
            "public_text": "A mechanic will come by on Thursday."
            if english
            else "Donderdag komt er een monteur langs.",
        }
    if kind == MessageKind.REPORT_DONE:
        return report | {
            "public_text": "The lamp has been replaced." if english else "De lamp is vervangen.",
            "yes_url": f"{base_url}/feedback/example/yes",
            "no_url": f"{base_url}/feedback/example/no",
            "feedback_until": now + timedelta(days=30),
        }
    if kind == MessageKind.FOLLOW_CONFIRM:
        return {
            "report_number": report["report_number"],
            "category": report["category"],
            "organisation": report["organisation"],
            "confirm_url": f"{base_url}/volgen/example/",
            "valid_days": 7,
        }
    staff = {
        "report_number": report["report_number"],
        "category": report["category"],
        "team": "Team Openbare Verlichting",
        "person": "Sam de Vries",
        "address": report["address"],
        "deadline": now + timedelta(days=5),
        "priority": "normal" if english else "normaal",
        "reason": "",
        "backoffice_url": f"{base_url}/backoffice/meldingen/GRO-2026-000123/",
    }
    if kind in (MessageKind.ASSIGNED_TO_TEAM, MessageKind.ASSIGNED_TO_PERSON):
        return staff
    item = {
        "number": "GRO-2026-000123",
        "category": report["category"],
        "team": staff["team"],
        "deadline": now - timedelta(days=4),
        "days_overdue": 4,
        "far_overdue": False,
        "url": staff["backoffice_url"],
    }
    far = item | {
        "number": "GRO-2026-000098",
        "days_overdue": 16,
        "far_overdue": True,
        "url": f"{base_url}/backoffice/meldingen/GRO-2026-000098/",
    }
    return {
        "person": staff["person"],
        "teams": staff["team"],
        "today": now,
        "overdue_count": 2,
        "far_overdue_count": 1,
        "reports": [item, far],
    }
