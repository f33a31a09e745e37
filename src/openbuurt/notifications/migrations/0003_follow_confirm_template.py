"""Add the "confirm following a report" message and install its default Dutch and English templates (written by us).

Databases made before this kind existed get its templates here; existing ones are left alone.
"""

from django.db import migrations, models

from openbuurt.notifications.defaults import DEFAULT_TEMPLATES

KIND = "follow_confirm"


def install(apps, schema_editor):
    MessageTemplate = apps.get_model("notifications", "MessageTemplate")
    for (key, language), (subject, body) in DEFAULT_TEMPLATES.items():
        if key == KIND:
            MessageTemplate.objects.get_or_create(
                key=key, language=language, defaults={"subject": subject, "body_text": body, "is_active": True}
            )


def remove(apps, schema_editor):
    MessageTemplate = apps.get_model("notifications", "MessageTemplate")
    for (key, language), (subject, body) in DEFAULT_TEMPLATES.items():
        if key == KIND:
            MessageTemplate.objects.filter(key=key, language=language, subject=subject, body_text=body).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0002_default_templates"),
    ]

    operations = [
        migrations.AlterField(
            model_name="messagetemplate",
            name="key",
            field=models.CharField(
                choices=[
                    ("report_received", "report received (to the reporter)"),
                    ("status_update", "status update (to the reporter)"),
                    ("report_done", "report done, with “is it solved?” (to the reporter)"),
                    ("assigned_to_team", "assigned to a team (to the team)"),
                    ("assigned_to_person", "assigned to a person (to the staff member)"),
                    ("overdue_warning", "overdue reports (to team leads)"),
                    ("follow_confirm", "confirm following a report (to a resident)"),
                ],
                max_length=40,
                verbose_name="message",
            ),
        ),
        migrations.AlterField(
            model_name="outboxmessage",
            name="kind",
            field=models.CharField(
                choices=[
                    ("report_received", "report received (to the reporter)"),
                    ("status_update", "status update (to the reporter)"),
                    ("report_done", "report done, with “is it solved?” (to the reporter)"),
                    ("assigned_to_team", "assigned to a team (to the team)"),
                    ("assigned_to_person", "assigned to a person (to the staff member)"),
                    ("overdue_warning", "overdue reports (to team leads)"),
                    ("follow_confirm", "confirm following a report (to a resident)"),
                ],
                max_length=40,
                verbose_name="kind",
            ),
        ),
        migrations.RunPython(install, remove),
    ]
