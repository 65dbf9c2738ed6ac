"""A bad value in the environment stops the start with a message that names it."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from config import env


def test_debug_must_be_a_yes_no_value(monkeypatch):
    monkeypatch.setenv("DEBUG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="DEBUG='maybe' is not a yes/no value"):
        env.env_bool("DEBUG", default=False)


def test_yes_no_words(monkeypatch):
    monkeypatch.setenv("DEBUG", "True")
    assert env.env_bool("DEBUG", default=False) is True
    monkeypatch.setenv("DEBUG", "off")
    assert env.env_bool("DEBUG", default=True) is False


def test_unknown_time_zone_is_refused(monkeypatch):
    monkeypatch.setenv("TIME_ZONE", "Asia/Hanoi_City")
    with pytest.raises(ImproperlyConfigured, match="not a known time zone"):
        env.env_time_zone("TIME_ZONE", "Asia/Ho_Chi_Minh")


def test_time_zone_defaults_to_ho_chi_minh(monkeypatch):
    monkeypatch.delenv("TIME_ZONE", raising=False)
    assert env.env_time_zone("TIME_ZONE", "Asia/Ho_Chi_Minh") == "Asia/Ho_Chi_Minh"


def test_database_url_of_another_engine_is_refused(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "mysql://root@127.0.0.1/test")
    with pytest.raises(ImproperlyConfigured, match="only PostgreSQL and SQLite"):
        env.env_database("DATABASE_URL", sqlite_path=None)


def test_garbage_database_url_is_refused(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "not a url")
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL"):
        env.env_database("DATABASE_URL", sqlite_path=None)


def test_postgres_url_is_read(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/chitieu")
    config = env.env_database("DATABASE_URL", sqlite_path=None)
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert config["NAME"] == "chitieu"


def test_sqlite_is_the_default_with_wal(monkeypatch, tmp_path):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    config = env.env_database("DATABASE_URL", sqlite_path=tmp_path / "db.sqlite3")
    assert config["ENGINE"] == "chitieu.core.db.sqlite3"
    assert "journal_mode=WAL" in config["OPTIONS"]["init_command"]


def test_production_needs_a_secret_key(monkeypatch, tmp_path):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY is not set"):
        env.env_secret_key("SECRET_KEY", debug=False, fallback_file=tmp_path / "k")
    monkeypatch.setenv("SECRET_KEY", "short")
    with pytest.raises(ImproperlyConfigured, match="too short"):
        env.env_secret_key("SECRET_KEY", debug=False, fallback_file=tmp_path / "k")


def test_development_generates_and_keeps_a_secret_key(monkeypatch, tmp_path):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    first = env.env_secret_key("SECRET_KEY", debug=True, fallback_file=tmp_path / "k")
    second = env.env_secret_key("SECRET_KEY", debug=True, fallback_file=tmp_path / "k")
    assert first == second
    assert len(first) >= 50


def test_bad_value_stops_the_start_of_the_real_command(tmp_path):
    import os
    import subprocess
    import sys

    environment = {**os.environ, "DEBUG": "perhaps", "CHITIEU_VAR_DIR": str(tmp_path)}
    environment.pop("DJANGO_SETTINGS_MODULE", None)
    completed = subprocess.run(
        [sys.executable, "-m", "chitieu.cli", "check"],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode != 0
    assert "DEBUG='perhaps' is not a yes/no value" in completed.stderr


@pytest.mark.parametrize(
    ("key", "reason"),
    [
        (
            "django-insecure-" + "k3!x9@q" * 8,
            "starts with 'django-insecure-' (a generated development key)",
        ),
        ("a1b2c3d4e5" * 4, "is too short (40 characters)"),
        ("abcd" * 20, "has too few different characters (4)"),
    ],
)
def test_production_refuses_a_key_that_check_deploy_would_warn_about(
    monkeypatch, tmp_path, key, reason
):
    from django.core.checks.security.base import _check_secret_key

    assert not _check_secret_key(key)  # check --deploy warns about each of them
    monkeypatch.setenv("SECRET_KEY", key)
    with pytest.raises(ImproperlyConfigured) as error:
        env.env_secret_key("SECRET_KEY", debug=False, fallback_file=tmp_path / "k")
    assert str(error.value).startswith(f"SECRET_KEY {reason}. Production needs a random key")


def test_production_accepts_a_key_that_check_deploy_accepts(monkeypatch, tmp_path):
    from django.core.checks.security.base import _check_secret_key

    key = "prod-" + "0123456789abcdef" * 3
    assert _check_secret_key(key)
    monkeypatch.setenv("SECRET_KEY", key)
    assert env.env_secret_key("SECRET_KEY", debug=False, fallback_file=tmp_path / "k") == key
