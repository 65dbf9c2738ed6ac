"""The state-level forms of reward Biểu 0602.N/BNV-TĐKT counts (orders, medals, the two prizes,
the state honorary titles), added to an installation whose catalogue is already loaded. A fresh
database gets them from `load_award_catalogue` with the rest of the catalogue."""

from django.db import migrations

from chitieu.awards.rules.catalogue import STATE_AWARDS


def add_state_awards(apps, schema_editor):  # type: ignore[no-untyped-def]
    award_kind = apps.get_model("awards", "AwardKind")
    if not award_kind.objects.exists():
        return  # no catalogue yet: the loader brings these with the rest
    for code, name, subject, is_title, level in STATE_AWARDS:
        award_kind.objects.get_or_create(
            code=code,
            defaults={"name": name, "subject": subject, "is_title": is_title, "level": level},
        )


class Migration(migrations.Migration):
    dependencies = [("awards", "0011_decision_signer_legal_basis")]

    operations = [migrations.RunPython(add_state_awards, migrations.RunPython.noop)]
