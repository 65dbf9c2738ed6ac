"""The `chitieu` console script: Django's management commands under the project's name.

Reading figures from a file (`extract`, `extract-eval`) needs no settings, database or secret:
those run as plain functions, so they work in any shell."""

import os
import sys


def main() -> int:
    if len(sys.argv) > 1:
        from chitieu.extraction.commands import PLAIN_COMMANDS

        plain = PLAIN_COMMANDS.get(sys.argv[1])
        if plain is not None:
            return plain(sys.argv[2:])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
