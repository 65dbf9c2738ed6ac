"""The indicator's short name (for tables and charts), filled in from the default catalogue for
the indicators already loaded."""

import json
from pathlib import Path

from django.db import migrations, models

CATALOGUE = Path(__file__).resolve().parent.parent / "catalogue.json"


def fill_short_names(apps, schema_editor):
    Indicator = apps.get_model("indicators", "Indicator")
    entries = json.loads(CATALOGUE.read_text(encoding="utf-8"))
    short = {entry["code"]: entry.get("short_name", "") for entry in entries}
    changed = []
    for indicator in Indicator.objects.filter(short_name="", code__in=list(short)):
        indicator.short_name = short[indicator.code]
        changed.append(indicator)
    Indicator.objects.bulk_update(changed, ["short_name"])


class Migration(migrations.Migration):
    dependencies = [
        ("indicators", "0003_indicator_ranking"),
    ]

    operations = [
        migrations.AddField(
            model_name="indicator",
            name="short_name",
            field=models.CharField(
                blank=True,
                help_text="As tables and charts name it: “Thu ngân sách”, “Hộ nghèo”.",
                max_length=40,
                verbose_name="short name",
            ),
        ),
        migrations.RunPython(fill_short_names, migrations.RunPython.noop),
    ]
