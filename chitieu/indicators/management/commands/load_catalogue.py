from typing import Any

from django.core.management.base import BaseCommand

from chitieu.indicators.services import load_default_catalogue


class Command(BaseCommand):
    help = "Create the indicators of the default catalogue that are missing. Safe to run again."

    def handle(self, *args: object, **options: Any) -> None:
        created = load_default_catalogue()
        self.stdout.write(f"Indicators: {created} created.")
