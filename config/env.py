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


def env_secret_key(name: str, *, debug: bool, fallback_file: Path) -> str:
    value = os.environ.get(name, "").strip()
    if value:
        if len(value) < 32 and not debug:
            raise ImproperlyConfigured(f"{name} is too short: use at least 32 random characters.")
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
