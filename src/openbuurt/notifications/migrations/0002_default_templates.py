"""Install the default Dutch and English message templates (written by us); existing ones are left alone."""

from django.db import migrations

# One copy of the texts: a fresh database gets the current defaults; administrators edit them in the admin.
from openbuurt.notifications.defaults import DEFAULT_TEMPLATES


def install(apps, schema_editor):
    MessageTemplate = apps.get_model("notifications", "MessageTemplate")
    for (key, language), (subject, body) in DEFAULT_TEMPLATES.items():
        MessageTemplate.objects.get_or_create(
            key=key, language=language, defaults={"subject": subject, "body_text": body, "is_active": True}
        )


def remove(apps, schema_editor):
    MessageTemplate = apps.get_model("notifications", "MessageTemplate")
    for (key, language), (subject, body) in DEFAULT_TEMPLATES.items():
        MessageTemplate.objects.filter(key=key, language=language, subject=subject, body_text=body).delete()


class Migration(migrations.Migration):
    dependencies = [("notifications", "0001_initial")]

    operations = [migrations.RunPython(install, remove)]
