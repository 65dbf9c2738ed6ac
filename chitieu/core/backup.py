"""Backup and restore of an installation: the database and the uploaded files in one archive.

The archive is a gzipped tar holding
  manifest.json      what it is: format, database engine, time, migrations, every file's digest
  database.sqlite3   SQLite: a copy made with sqlite3's online backup API, or
  database.pgdump    PostgreSQL: `pg_dump --format=custom`, restored by `pg_restore`
  media/...          the files under MEDIA_ROOT, as they were

Both database copies are the engines' own, so every value comes back exactly (timestamps to the
microsecond, decimals to the last digit), unlike `dumpdata`, which cuts times to milliseconds.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connections

FORMAT = 1
MANIFEST = "manifest.json"
MEDIA_PREFIX = "media/"
DUMPS = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why."""


@dataclass(frozen=True)
class Manifest:
    engine: str
    created: str
    database: str
    migrations: list[list[str]]
    files: dict[str, dict[str, Any]]

    def to_json(self) -> str:
        return json.dumps(
            {
                "format": FORMAT,
                "engine": self.engine,
                "created": self.created,
                "database": self.database,
                "migrations": self.migrations,
                "files": self.files,
            },
            ensure_ascii=False,
            indent=1,
        )


def _engine(alias: str) -> str:
    vendor = connections[alias].vendor
    if vendor not in DUMPS:
        raise BackupError(f"Database engine {vendor!r} is not supported (SQLite, PostgreSQL).")
    return vendor


def _digest(path: Path) -> str:
    sha = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            sha.update(block)
    return sha.hexdigest()


def _media_files(root: Path) -> dict[str, dict[str, Any]]:
    if not root.is_dir():
        return {}
    files = {}
    for path in sorted(root.rglob("*")):
        if path.is_symlink():
            raise BackupError(f"{path} is a symbolic link; the backup keeps only plain files.")
        if path.is_file():
            name = path.relative_to(root).as_posix()
            files[name] = {"size": path.stat().st_size, "sha256": _digest(path)}
    return files


def _pg_environment(alias: str) -> tuple[list[str], dict[str, str]]:
    """Connection options for pg_dump/pg_restore, the password through the environment."""
    config = connections[alias].settings_dict
    options = []
    if config.get("HOST"):
        options += ["--host", str(config["HOST"])]
    if config.get("PORT"):
        options += ["--port", str(config["PORT"])]
    if config.get("USER"):
        options += ["--username", str(config["USER"])]
    env = dict(os.environ)
    if config.get("PASSWORD"):
        env["PGPASSWORD"] = str(config["PASSWORD"])
    return options, env


def _run(command: list[str], env: dict[str, str]) -> None:
    try:
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    except FileNotFoundError as error:
        raise BackupError(
            f"{command[0]} is missing: install PostgreSQL's client tools "
            "(Debian: apt-get install postgresql-client)."
        ) from error
    if done.returncode != 0:
        raise BackupError(f"{command[0]} failed: {done.stderr.strip()}")


def _dump_database(alias: str, engine: str, target: Path) -> None:
    connection = connections[alias]
    if engine == "sqlite":
        if connection.in_atomic_block:
            # SQLite's backup would wait forever for the write lock this transaction holds.
            raise BackupError("A backup cannot run inside a database transaction.")
        connection.ensure_connection()
        destination = sqlite3.connect(target)
        try:
            # The online backup API copies a consistent state while the app keeps running.
            connection.connection.backup(destination)
        finally:
            destination.close()
        return
    options, env = _pg_environment(alias)
    name = str(connection.settings_dict["NAME"])
    _run(["pg_dump", "--format=custom", "--no-owner", "--file", str(target), *options, name], env)


def _migrations(alias: str) -> list[list[str]]:
    with connections[alias].cursor() as cursor:
        cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
        return [[app, name] for app, name in cursor.fetchall()]


def backup(output: Path, *, alias: str = "default") -> Manifest:
    """Write the archive of the database `alias` and MEDIA_ROOT to `output`."""
    engine = _engine(alias)
    media_root = Path(settings.MEDIA_ROOT)
    output.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=output.parent, prefix=".backup-") as work:
        dump = Path(work) / DUMPS[engine]
        _dump_database(alias, engine, dump)
        files = _media_files(media_root)
        manifest = Manifest(
            engine=engine,
            created=dt.datetime.now(dt.UTC).isoformat(),
            database=DUMPS[engine],
            migrations=_migrations(alias),
            files=files,
        )
        (Path(work) / MANIFEST).write_text(manifest.to_json(), encoding="utf-8")
        partial = Path(work) / "archive.tar.gz"
        with tarfile.open(partial, "w:gz") as archive:
            archive.add(Path(work) / MANIFEST, arcname=MANIFEST)
            archive.add(dump, arcname=DUMPS[engine])
            for name in files:
                archive.add(media_root / name, arcname=MEDIA_PREFIX + name)
        # Only a complete archive takes the output's name.
        os.replace(partial, output)
    return manifest


def read_manifest(archive: tarfile.TarFile) -> Manifest:
    try:
        member = archive.getmember(MANIFEST)
    except KeyError as error:
        raise BackupError("This file is not a Chỉ Tiêu backup (no manifest.json).") from error
    handle = archive.extractfile(member)
    if handle is None:
        raise BackupError("manifest.json in the backup is not a file.")
    data = json.loads(handle.read().decode("utf-8"))
    if data.get("format") != FORMAT:
        raise BackupError(f"Backup format {data.get('format')!r} is not known here ({FORMAT}).")
    return Manifest(
        engine=data["engine"],
        created=data["created"],
        database=data["database"],
        migrations=data["migrations"],
        files=data["files"],
    )


def _restore_database(alias: str, engine: str, dump: Path) -> None:
    connection = connections[alias]
    if engine == "sqlite":
        connection.ensure_connection()
        source = sqlite3.connect(dump)
        try:
            # Replaces every page of the target database with the backup's.
            source.backup(connection.connection)
        finally:
            source.close()
        connection.close()
        return
    connection.close()
    options, env = _pg_environment(alias)
    name = str(connection.settings_dict["NAME"])
    _run(
        [
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--exit-on-error",
            "--single-transaction",
            "--dbname",
            name,
            *options,
            str(dump),
        ],
        env,
    )


def _extract_media(archive: tarfile.TarFile, manifest: Manifest, target: Path) -> None:
    for member in archive.getmembers():
        if not member.name.startswith(MEDIA_PREFIX):
            continue
        name = member.name[len(MEDIA_PREFIX) :]
        if name not in manifest.files or not member.isfile():
            raise BackupError(f"{member.name} in the backup is not in its manifest.")
        # The "data" filter refuses absolute paths, "..", links out of the target and devices.
        member.name = name
        archive.extract(member, target, filter="data")
    for name, expected in manifest.files.items():
        path = target / name
        if not path.is_file() or _digest(path) != expected["sha256"]:
            raise BackupError(f"The file {name} in the backup is damaged (its digest differs).")


def restore(source: Path, *, alias: str = "default") -> Manifest:
    """Replace the database `alias` and MEDIA_ROOT with the archive's. The previous uploads are
    kept beside MEDIA_ROOT as `<media>.before-restore-<time>`."""
    engine = _engine(alias)
    media_root = Path(settings.MEDIA_ROOT)
    try:
        archive = tarfile.open(source, "r:gz")  # noqa: SIM115 (closed by the with below)
    except (OSError, tarfile.TarError) as error:
        raise BackupError(f"{source} cannot be read as a backup: {error}") from error
    with archive, tempfile.TemporaryDirectory(prefix=".restore-") as work:
        manifest = read_manifest(archive)
        if manifest.engine != engine:
            raise BackupError(
                f"The backup is of a {manifest.engine} database; this installation uses {engine}."
            )
        try:
            archive.extract(manifest.database, work, filter="data")
        except KeyError as error:
            raise BackupError(f"The backup has no {manifest.database}.") from error
        media_root.parent.mkdir(parents=True, exist_ok=True)
        incoming = Path(tempfile.mkdtemp(dir=media_root.parent, prefix=".media-restore-"))
        try:
            _extract_media(archive, manifest, incoming)
            _restore_database(alias, engine, Path(work) / manifest.database)
        except BaseException:
            shutil.rmtree(incoming, ignore_errors=True)
            raise
        if media_root.exists():
            stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
            media_root.rename(media_root.with_name(f"{media_root.name}.before-restore-{stamp}"))
        incoming.chmod(0o755)
        incoming.rename(media_root)
    return manifest
