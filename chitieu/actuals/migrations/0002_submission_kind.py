"""Each kind of figures (estimate, official) has its own report: existing reports are kept for
every kind they hold figures of (a report with figures of both kinds becomes two reports in the
same state; one without any figure stays the estimate's)."""

from django.db import migrations, models


def split_by_kind(apps, schema_editor):  # type: ignore[no-untyped-def]
    Submission = apps.get_model("actuals", "Submission")
    Actual = apps.get_model("actuals", "Actual")
    kinds: dict[tuple[int, str], set[str]] = {}
    for unit_id, period, kind in Actual.objects.values_list("unit_id", "period", "kind").distinct():
        kinds.setdefault((unit_id, period), set()).add(kind)
    for submission in Submission.objects.all():
        present = kinds.get((submission.unit_id, submission.period), set())
        if present == {"official"}:
            submission.kind = "official"
            submission.save(update_fields=["kind"])
        elif "official" in present:
            submission.pk = None
            submission.kind = "official"
            submission.save()


class Migration(migrations.Migration):
    dependencies = [("actuals", "0001_initial")]

    operations = [
        migrations.RemoveConstraint(model_name="submission", name="submission_unique"),
        migrations.AddField(
            model_name="submission",
            name="kind",
            field=models.CharField(
                choices=[("estimate", "Estimate"), ("official", "Official")],
                default="estimate",
                max_length=10,
                verbose_name="kind",
            ),
        ),
        migrations.RunPython(split_by_kind, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="submission",
            constraint=models.UniqueConstraint(
                fields=("unit", "period", "kind"), name="submission_unique"
            ),
        ),
    ]
