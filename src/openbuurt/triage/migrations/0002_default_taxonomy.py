"""Install the default category taxonomy (Katwijk main categories, police categories and "overig")."""

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

from openbuurt.triage.default_taxonomy import install_default_taxonomy


def install(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    install_default_taxonomy(apps.get_model("triage", "Category"))


class Migration(migrations.Migration):
    dependencies = [
        ("triage", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(install, migrations.RunPython.noop),
    ]
