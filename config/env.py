"""Reading settings from the environment: every bad value stops the start with a clear message."""

from __future__ import annotations

import os
import secrets
import zoneinfo
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    word = raw.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(
        f"{name}={raw!r} is not a yes/no value; use one of: 1, true, yes, on, 0, false, no, off."
    )


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_time_zone(name: str, default: str) -> str:
    value = os.environ.get(name, default)
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as error:
        raise ImproperlyConfigured(
            f"{name}={value!r} is not a known time zone (for example Asia/Ho_Chi_Minh)."
        ) from error
    return value


# Django's SQLite backend whose reading of a decimal never raises (see its docstring).
SQLITE_ENGINE = "chitieu.core.db.sqlite3"


def env_database(name: str, sqlite_path: Path) -> dict:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return {
            "ENGINE": SQLITE_ENGINE,
            "NAME": str(sqlite_path),
            # WAL lets readers work while a writer commits; IMMEDIATE takes the write lock at
            # the start of a transaction so that two writers queue instead of failing midway.
            "OPTIONS": {
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
        }
    try:
        config = dj_database_url.parse(raw, conn_max_age=60, conn_health_checks=True)
    except Exception as error:
        raise ImproperlyConfigured(
            f"{name} could not be read ({error}). Expected for example "
            "postgres://user@127.0.0.1:5432/chitieu"
        ) from error
    if config.get("ENGINE") not in {
        "django.db.backends.postgresql",
        "django.db.backends.sqlite3",
    }:
        raise ImproperlyConfigured(f"{name}: only PostgreSQL and SQLite are supported.")
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["ENGINE"] = SQLITE_ENGINE
    return dict(config)


# The rule of Django's `check --deploy` (security.W009), so that a key it would warn about never
# reaches production.
SECRET_KEY_MIN_LENGTH = 50
SECRET_KEY_MIN_UNIQUE_CHARACTERS = 5
SECRET_KEY_INSECURE_PREFIX = "django-insecure-"


def weak_secret_key(value: str) -> str:
    """Why `check --deploy` would warn about this key, or "" when it would not."""
    if value.startswith(SECRET_KEY_INSECURE_PREFIX):
        return f"starts with {SECRET_KEY_INSECURE_PREFIX!r} (a generated development key)"
    if len(value) < SECRET_KEY_MIN_LENGTH:
        return f"is too short ({len(value)} characters)"
    if len(set(value)) < SECRET_KEY_MIN_UNIQUE_CHARACTERS:
        return f"has too few different characters ({len(set(value))})"
    return ""


def env_secret_key(name: str, *, debug: bool, fallback_file: Path) -> str:
    value = os.environ.get(name, "").strip()
    if value:
        if not debug:
            problem = weak_secret_key(value)
            if problem:
                raise ImproperlyConfigured(
                    f"{name} {problem}. Production needs a random key of at least "
                    f"{SECRET_KEY_MIN_LENGTH} characters, e.g. from: "
                    "python3 -c 'import secrets; print(secrets.token_urlsafe(50))'"
                )
        return value
    if not debug:
        raise ImproperlyConfigured(
            f"{name} is not set. Production needs its own secret key (DEBUG is off)."
        )
    # A development machine keeps one generated key so that sessions survive restarts.
    fallback_file.parent.mkdir(parents=True, exist_ok=True)
    if not fallback_file.exists():
        fallback_file.write_text(secrets.token_urlsafe(50))
    return fallback_file.read_text().strip()
