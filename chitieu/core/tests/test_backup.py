"""`chitieu backup` and `chitieu restore`: a backup restored into a fresh database (a new SQLite
file, or a scratch PostgreSQL database when the suite runs on PostgreSQL) gives back every row
and every uploaded file, equal to the last microsecond and the last byte."""

from __future__ import annotations

import datetime as dt
import io
import os
import sqlite3
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from chitieu.accounts.models import ApiToken
from chitieu.accounts.services import token_create
from chitieu.core.models import ObjectChange

ROOT = Path(__file__).resolve().parents[3]
FILES = {
    "jobs/Biểu nhập số liệu 2021.xlsx": b"PK\x03\x04 workbook " * 100,
    "evidence/2022/minh-chung.pdf": b"%PDF-1.7\n" + bytes(range(256)) * 4,
    "proposals/to-trinh.docx": b"PK\x03\x04 docx",
}
AN_INSTANT = dt.datetime(2026, 1, 2, 3, 4, 5, 123456, tzinfo=dt.UTC)


def all_rows_sqlite(conn) -> dict[str, list[tuple]]:
    tables = [
        name
        for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    rows = {}
    for table in sorted(tables):
        width = len(conn.execute(f'SELECT * FROM "{table}" LIMIT 0').description)
        order = ", ".join(str(i + 1) for i in range(width))
        rows[table] = conn.execute(f'SELECT * FROM "{table}" ORDER BY {order}').fetchall()
    return rows


def all_rows_postgres(dsn: str) -> dict[str, list[tuple]]:
    import psycopg

    rows = {}
    with psycopg.connect(dsn) as conn:
        tables = conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
        ).fetchall()
        for (table,) in tables:
            cursor = conn.execute(f'SELECT * FROM "{table}" LIMIT 0')
            order = ", ".join(str(i + 1) for i in range(len(cursor.description)))
            rows[table] = conn.execute(f'SELECT * FROM "{table}" ORDER BY {order}').fetchall()
    return rows


def postgres_dsn(config: dict, name: str) -> str:
    user = config.get("USER") or "postgres"
    password = f":{config['PASSWORD']}" if config.get("PASSWORD") else ""
    host = config.get("HOST") or "127.0.0.1"
    port = config.get("PORT") or 5432
    return f"postgresql://{user}{password}@{host}:{port}/{name}"


def files_under(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def chitieu(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "chitieu.cli", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture
def installation(transactional_db, tree, town_resolution, awards, make_user, settings, tmp_path):
    """Committed rows of every kind (units, targets with decimals, the award catalogue, users,
    tokens, audit rows with microseconds) and uploads with Vietnamese names."""
    settings.MEDIA_ROOT = tmp_path / "source" / "media"
    for name, content in FILES.items():
        path = Path(settings.MEDIA_ROOT) / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    user = make_user("kyanh")
    token, _key = token_create(actor=user, name="Kết nối")
    ApiToken.objects.filter(pk=token.pk).update(last_used=AN_INSTANT)
    return tmp_path


def test_a_backup_restored_into_a_fresh_database_gives_back_every_row_and_file(installation):
    tmp_path = installation
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", output=str(archive))

    with tarfile.open(archive) as opened:
        names = set(opened.getnames())
    engine = connection.vendor
    dump = "database.sqlite3" if engine == "sqlite" else "database.pgdump"
    assert names == {"manifest.json", dump} | {f"media/{name}" for name in FILES}

    target = tmp_path / "target"
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env |= {"DJANGO_SETTINGS_MODULE": "config.settings.test", "CHITIEU_VAR_DIR": str(target)}
    scratch = None
    if engine == "postgresql":
        import psycopg

        config = connection.settings_dict
        scratch = f"{config['NAME']}_restore"[:63]
        with psycopg.connect(postgres_dsn(config, "postgres"), autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{scratch}"')
            admin.execute(f'CREATE DATABASE "{scratch}"')
        env["DATABASE_URL"] = postgres_dsn(config, scratch)
    try:
        done = chitieu("restore", str(archive), "--noinput", env=env)
        assert done.returncode == 0, done.stderr
        assert "3 uploaded files" in done.stdout

        if engine == "sqlite":
            source = all_rows_sqlite(connection.connection)
            restored_db = sqlite3.connect(
                target / "chitieu.sqlite3",
                detect_types=sqlite3.PARSE_DECLTYPES | sqlite3.PARSE_COLNAMES,
            )
            restored = all_rows_sqlite(restored_db)
            restored_db.close()
        else:
            source = all_rows_postgres(postgres_dsn(connection.settings_dict, config["NAME"]))
            restored = all_rows_postgres(env["DATABASE_URL"])
    finally:
        if scratch:
            with psycopg.connect(postgres_dsn(config, "postgres"), autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)')

    # Every row back, but the national data version, set anew by the restore: what was
    # stored or cached under the backup's versions is not taken for the backup's data.
    restored_versions, source_versions = (
        rows.pop("core_dataversion") for rows in (restored, source)
    )
    assert [r for r in restored_versions if r[1]] == [r for r in source_versions if r[1]]
    [(_id, _national, stamp)] = [r for r in restored_versions if not r[1]]
    assert stamp not in {r[2] for r in source_versions}
    assert restored == source
    assert len(source["units_unit"]) == 7
    assert len(source["core_objectchange"]) == ObjectChange.objects.count() > 20
    assert len(source["targets_resolution"]) == 1
    # The instant set above and the audit's own times come back to the microsecond.
    [last_used] = ApiToken.objects.values_list("last_used", flat=True)
    assert last_used == AN_INSTANT
    assert any(change.time.microsecond for change in ObjectChange.objects.all())
    assert files_under(target / "media") == FILES


def test_a_restore_refuses_a_file_that_is_not_a_backup(db, tmp_path):
    bogus = tmp_path / "not-a-backup.tar.gz"
    with tarfile.open(bogus, "w:gz"):
        pass
    with pytest.raises(CommandError, match="not a Chỉ Tiêu backup"):
        call_command("restore", str(bogus), interactive=False)


def test_a_restore_refuses_a_damaged_file_and_changes_nothing(
    transactional_db, superuser, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path / "media"
    (tmp_path / "media" / "jobs").mkdir(parents=True)
    (tmp_path / "media" / "jobs" / "a.xlsx").write_bytes(b"original")
    archive = tmp_path / "b.tar.gz"
    call_command("backup", output=str(archive))
    # Rewrite the archive with one file's bytes changed, the manifest left as it was.
    damaged = tmp_path / "damaged.tar.gz"
    with tarfile.open(archive) as source, tarfile.open(damaged, "w:gz") as copy:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            if member.name == "media/jobs/a.xlsx":
                data = b"tampered"
            member.size = len(data)
            copy.addfile(member, io.BytesIO(data))
    count = ObjectChange.objects.count()
    with pytest.raises(CommandError, match="damaged"):
        call_command("restore", str(damaged), interactive=False)
    assert (tmp_path / "media" / "jobs" / "a.xlsx").read_bytes() == b"original"
    assert ObjectChange.objects.count() == count
