"""The default message templates in Dutch and English, installed by a data migration and used as fallback.

Residents are addressed formally in Dutch ("u") in plain language (B1); colleagues informally ("je", "jullie").
The texts are Django template strings; the variables each kind receives are listed in :data:`PLACEHOLDERS`.
"""

# ruff: noqa: E501  (a line of the message is a line of the template; breaking it would change the e-mail)

from __future__ import annotations

from typing import Final

_SIGNATURE_NL = """
Met vriendelijke groet,

{{ organisation }}

Dit is een automatisch bericht. Een antwoord op deze e-mail lezen wij niet; reageren kan via de link hierboven."""

_SIGNATURE_EN = """
Kind regards,

{{ organisation }}

This is an automatic message. Replies to this e-mail are not read; please respond through the link above."""

_STAFF_FOOTER_NL = """
Deze e-mail is automatisch verstuurd door OpenBuurt."""

_STAFF_FOOTER_EN = """
This e-mail was sent automatically by OpenBuurt."""

# (subject, body) per (kind, language).
DEFAULT_TEMPLATES: Final[dict[tuple[str, str], tuple[str, str]]] = {
    ("report_received", "nl"): (
        "Uw melding {{ report_number }} is ontvangen",
        """Beste {{ first_name|default:"melder" }},

Bedankt voor uw melding. We hebben hem goed ontvangen en sturen hem door naar het team dat het probleem oplost.

Meldnummer: {{ report_number }}
Onderwerp: {{ category }}
{% if address %}Plaats: {{ address }}
{% endif %}Ontvangen op: {{ received_at|date:"j F Y, H:i" }} uur
{% if description %}
Uw omschrijving:
{{ description }}
{% endif %}
{% if promise %}Wat kunt u van ons verwachten?
{{ promise }}
{% endif %}
Hoe het met uw melding gaat, ziet u hier:
{{ tracking_url }}

Als er iets verandert, krijgt u van ons een e-mail.
{% if is_emergency %}
Is er nu direct gevaar voor mensen? Bel dan meteen 112.
{% endif %}"""
        + _SIGNATURE_NL,
    ),
    ("report_received", "en"): (
        "Your report {{ report_number }} has been received",
        """Dear {{ first_name|default:"resident" }},

Thank you for your report. We have received it and are passing it on to the team that will deal with the problem.

Report number: {{ report_number }}
Subject: {{ category }}
{% if address %}Location: {{ address }}
{% endif %}Received: {{ received_at|date:"j F Y, H:i" }}
{% if description %}
Your description:
{{ description }}
{% endif %}
{% if promise %}What you can expect from us:
{{ promise }}
{% endif %}
You can follow your report here:
{{ tracking_url }}

We will e-mail you when anything changes.
{% if is_emergency %}
Is anyone in immediate danger? Call 112 straight away.
{% endif %}"""
        + _SIGNATURE_EN,
    ),
    ("status_update", "nl"): (
        "Nieuws over uw melding {{ report_number }}",
        """Beste {{ first_name|default:"melder" }},

Er is nieuws over uw melding {{ report_number }} ({{ category }}).

De status is nu: {{ status }}.

{{ public_text }}

Hoe het met uw melding gaat, ziet u hier:
{{ tracking_url }}
"""
        + _SIGNATURE_NL,
    ),
    ("status_update", "en"): (
        "News about your report {{ report_number }}",
        """Dear {{ first_name|default:"resident" }},

There is news about your report {{ report_number }} ({{ category }}).

Its status is now: {{ status }}.

{{ public_text }}

You can follow your report here:
{{ tracking_url }}
"""
        + _SIGNATURE_EN,
    ),
    ("report_done", "nl"): (
        "Uw melding {{ report_number }} is afgehandeld",
        """Beste {{ first_name|default:"melder" }},

Uw melding {{ report_number }} ({{ category }}) is afgehandeld.
{% if public_text %}
{{ public_text }}
{% endif %}
Is het probleem echt opgelost? Laat het ons weten met één klik:

Ja, het is opgelost:
{{ yes_url }}

Nee, het is niet opgelost:
{{ no_url }}

Kiest u "nee", dan kijken we opnieuw naar uw melding. U kunt dit laten weten tot {{ feedback_until|date:"j F Y" }}.

Uw melding bekijken:
{{ tracking_url }}
"""
        + _SIGNATURE_NL,
    ),
    ("report_done", "en"): (
        "Your report {{ report_number }} has been dealt with",
        """Dear {{ first_name|default:"resident" }},

Your report {{ report_number }} ({{ category }}) has been dealt with.
{% if public_text %}
{{ public_text }}
{% endif %}
Has the problem really been solved? Let us know with one click:

Yes, it has been solved:
{{ yes_url }}

No, it has not been solved:
{{ no_url }}

If you choose "no", we will look at your report again. You can let us know until {{ feedback_until|date:"j F Y" }}.

View your report:
{{ tracking_url }}
"""
        + _SIGNATURE_EN,
    ),
    ("assigned_to_team", "nl"): (
        "Nieuwe melding voor {{ team }}: {{ report_number }}",
        """Hallo {{ team }},

Melding {{ report_number }} ({{ category }}) is aan jullie team toegewezen.
{% if address %}Plaats: {{ address }}
{% endif %}{% if deadline %}Afhandelen vóór: {{ deadline|date:"j F Y" }}
{% endif %}Prioriteit: {{ priority }}
{% if reason %}Toelichting: {{ reason }}
{% endif %}
Bekijk en behandel de melding in de backoffice:
{{ backoffice_url }}
"""
        + _STAFF_FOOTER_NL,
    ),
    ("assigned_to_team", "en"): (
        "New report for {{ team }}: {{ report_number }}",
        """Hello {{ team }},

Report {{ report_number }} ({{ category }}) has been assigned to your team.
{% if address %}Location: {{ address }}
{% endif %}{% if deadline %}Deal with it before: {{ deadline|date:"j F Y" }}
{% endif %}Priority: {{ priority }}
{% if reason %}Note: {{ reason }}
{% endif %}
View and handle the report in the back office:
{{ backoffice_url }}
"""
        + _STAFF_FOOTER_EN,
    ),
    ("assigned_to_person", "nl"): (
        "Melding {{ report_number }} is aan jou toegewezen",
        """Hallo {{ person }},

Melding {{ report_number }} ({{ category }}) is aan jou toegewezen{% if team %} binnen {{ team }}{% endif %}.
{% if address %}Plaats: {{ address }}
{% endif %}{% if deadline %}Afhandelen vóór: {{ deadline|date:"j F Y" }}
{% endif %}Prioriteit: {{ priority }}
{% if reason %}Toelichting: {{ reason }}
{% endif %}
Bekijk en behandel de melding in de backoffice:
{{ backoffice_url }}
"""
        + _STAFF_FOOTER_NL,
    ),
    ("assigned_to_person", "en"): (
        "Report {{ report_number }} has been assigned to you",
        """Hello {{ person }},

Report {{ report_number }} ({{ category }}) has been assigned to you{% if team %} in {{ team }}{% endif %}.
{% if address %}Location: {{ address }}
{% endif %}{% if deadline %}Deal with it before: {{ deadline|date:"j F Y" }}
{% endif %}Priority: {{ priority }}
{% if reason %}Note: {{ reason }}
{% endif %}
View and handle the report in the back office:
{{ backoffice_url }}
"""
        + _STAFF_FOOTER_EN,
    ),
    ("overdue_warning", "nl"): (
        "{{ overdue_count }} melding{{ overdue_count|pluralize:'en' }} over de termijn bij {{ teams }}",
        """Hallo {{ person }},

Op {{ today|date:"j F Y" }} {{ overdue_count|pluralize:"is,zijn" }} er bij {{ teams }} {{ overdue_count }} open melding{{ overdue_count|pluralize:"en" }} over de afhandeltermijn.
{% if far_overdue_count %}Daarvan {{ far_overdue_count|pluralize:"staat,staan" }} er {{ far_overdue_count }} al meer dan drie keer zo lang open als de termijn (gemarkeerd met !!).
{% endif %}
{% for item in reports %}{% if item.far_overdue %}!! {% endif %}{{ item.number }} – {{ item.category }} – {{ item.team }} – termijn {{ item.deadline|date:"j-n-Y" }}, {{ item.days_overdue }} dag{{ item.days_overdue|pluralize:"en" }} te laat
   {{ item.url }}
{% endfor %}
Wil je ervoor zorgen dat deze meldingen worden opgepakt of opnieuw worden verdeeld?
"""
        + _STAFF_FOOTER_NL,
    ),
    ("overdue_warning", "en"): (
        "{{ overdue_count }} overdue report{{ overdue_count|pluralize }} at {{ teams }}",
        """Hello {{ person }},

On {{ today|date:"j F Y" }}, there {{ overdue_count|pluralize:"is,are" }} {{ overdue_count }} open report{{ overdue_count|pluralize }} at {{ teams }} past the handling deadline.
{% if far_overdue_count %}Of these, {{ far_overdue_count }} {{ far_overdue_count|pluralize:"has,have" }} been open for more than three times the handling time (marked with !!).
{% endif %}
{% for item in reports %}{% if item.far_overdue %}!! {% endif %}{{ item.number }} – {{ item.category }} – {{ item.team }} – deadline {{ item.deadline|date:"j-n-Y" }}, {{ item.days_overdue }} day{{ item.days_overdue|pluralize }} late
   {{ item.url }}
{% endfor %}
Please make sure these reports are picked up or reassigned.
"""
        + _STAFF_FOOTER_EN,
    ),
    ("follow_confirm", "nl"): (
        "Bevestig dat u melding {{ report_number }} wilt volgen",
        """Beste bewoner,

U wilt op de hoogte blijven van melding {{ report_number }} ({{ category }}). Bevestig eerst dat dit uw e-mailadres is. Pas daarna sturen we u berichten over deze melding.

Bevestigen kan via deze link:
{{ confirm_url }}

De link werkt {{ valid_days }} dag{{ valid_days|pluralize:"en" }}. Daarna kunt u het opnieuw vragen op het meldformulier.

Heeft u dit niet zelf gevraagd? Dan hoeft u niets te doen. U krijgt dan geen berichten over deze melding.
"""
        + _SIGNATURE_NL,
    ),
    ("follow_confirm", "en"): (
        "Confirm that you want to follow report {{ report_number }}",
        """Dear resident,

You want to stay informed about report {{ report_number }} ({{ category }}). Please first confirm that this is your e-mail address. Only then will we send you messages about this report.

You can confirm with this link:
{{ confirm_url }}

The link works for {{ valid_days }} day{{ valid_days|pluralize }}. After that, you can ask again on the report form.

Did you not ask for this? Then you do not need to do anything. You will not get any messages about this report.
"""
        + _SIGNATURE_EN,
    ),
}

# The variables each kind of message can use, shown to administrators next to the template.
PLACEHOLDERS: Final[dict[str, tuple[str, ...]]] = {
    "report_received": (
        "report_number",
        "category",
        "address",
        "description",
        "received_at",
        "promise",
        "tracking_url",
        "is_emergency",
        "first_name",
        "organisation",
    ),
    "status_update": (
        "report_number",
        "category",
        "status",
        "public_text",
        "tracking_url",
        "first_name",
        "organisation",
    ),
    "report_done": (
        "report_number",
        "category",
        "public_text",
        "yes_url",
        "no_url",
        "feedback_until",
        "tracking_url",
        "first_name",
        "organisation",
    ),
    "assigned_to_team": (
        "report_number",
        "category",
        "team",
        "address",
        "deadline",
        "priority",
        "reason",
        "backoffice_url",
    ),
    "assigned_to_person": (
        "report_number",
        "category",
        "person",
        "team",
        "address",
        "deadline",
        "priority",
        "reason",
        "backoffice_url",
    ),
    "overdue_warning": (
        "person",
        "teams",
        "today",
        "overdue_count",
        "far_overdue_count",
        "reports (each: number, category, team, deadline, days_overdue, far_overdue, url)",
    ),
    "follow_confirm": (
        "report_number",
        "category",
        "confirm_url",
        "valid_days",
        "organisation",
    ),
}
