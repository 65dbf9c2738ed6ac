"""A national data version from the start: stored results and cached pages of a new database
can never be taken for those of another one (a shared Redis kept across a reload)."""

import uuid

from django.db import migrations


def set_national(apps, schema_editor):
    DataVersion = apps.get_model("core", "DataVersion")
    DataVersion.objects.update_or_create(scope="", defaults={"stamp": uuid.uuid4().hex})


class Migration(migrations.Migration):
    dependencies = [("core", "0006_dataversion")]
    operations = [migrations.RunPython(set_national, migrations.RunPython.noop)]
