"""Backup and restore of the whole office: the database and the attachments, in one
``.tar.gz`` with a manifest (row count and checksum of every table, checksum of every
file) that restore verifies.

- SQLite: SQLite's online backup API (``sqlite3.Connection.backup``), safe while the site
  serves; restore copies it back the same way.
- PostgreSQL: ``pg_dump --format=custom`` / ``pg_restore --clean --if-exists``.
- ``copy_database`` moves an office from one database to another (SQLite → PostgreSQL)
  row by row with the same ids, then compares the manifests of both.

Checksums do not depend on the engine: each row is written out canonically (dates in
UTC ISO form, decimals as text, JSON with sorted keys) in id order, so a SQLite office and
its PostgreSQL copy have the same manifest.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import decimal
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import uuid
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connections, transaction
from django.utils import timezone

FORMAT = 1


class BackupError(Exception):
    """The archive is damaged, does not match its manifest, or cannot be restored."""


# --- manifest ---------------------------------------------------------------------------


def _models():
    """Every concrete table Django manages (auto-created many-to-many tables too)."""
    seen = set()
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.proxy or not meta.managed or meta.db_table in seen:
            continue
        seen.add(meta.db_table)
        yield model


def _canonical(value) -> str:
    if value is None:
        return "\x00"
    if isinstance(value, dt.datetime):
        if timezone.is_naive(value):
            value = timezone.make_aware(value, dt.UTC)
        return value.astimezone(dt.UTC).isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, float):
        return repr(round(value, 9))
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, dict | list):
        return json.dumps(value, sort_keys=True, ensure_ascii=False)
    if isinstance(value, bytes | memoryview):
        return bytes(value).hex()
    if isinstance(value, uuid.UUID):
        return value.hex
    return str(value)


def table_checksum(model, using: str = "default") -> tuple[int, str]:
    """(row count, sha256 of the rows in id order) of one table."""
    fields = [f.attname for f in model._meta.concrete_fields]
    digest = hashlib.sha256()
    rows = 0
    queryset = model._base_manager.using(using).order_by("pk").values_list(*fields)
    for row in queryset.iterator(chunk_size=2000):
        digest.update("\x1f".join(map(_canonical, row)).encode())
        digest.update(b"\x1e")
        rows += 1
    return rows, digest.hexdigest()


def database_manifest(using: str = "default") -> dict:
    tables = {}
    for model in _models():
        rows, checksum = table_checksum(model, using)
        tables[model._meta.db_table] = {"rows": rows, "sha256": checksum}
    return tables


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _media_root() -> Path:
    return Path(settings.MEDIA_ROOT)


def compare(expected: dict, actual: dict) -> list[str]:
    """The tables whose count or checksum differ, described for a person."""
    problems = []
    for table in sorted(set(expected) | set(actual)):
        want, got = expected.get(table), actual.get(table)
        if want is None or got is None:
            problems.append(f"{table}: only in {'the database' if want is None else 'the backup'}")
        elif want["rows"] != got["rows"]:
            problems.append(f"{table}: {got['rows']} rows, the backup has {want['rows']}")
        elif want["sha256"] != got["sha256"]:
            problems.append(f"{table}: same {got['rows']} rows but different contents")
    return problems


# --- database dump per engine ------------------------------------------------------------


def _engine(using: str) -> str:
    vendor = connections[using].vendor
    if vendor not in ("sqlite", "postgresql"):
        raise ImproperlyConfigured(f"backup supports SQLite and PostgreSQL, not {vendor}")
    return vendor


def _pg_env(using: str) -> tuple[list[str], dict]:
    cfg = connections[using].settings_dict
    args = []
    if cfg.get("HOST"):
        args += ["--host", cfg["HOST"]]
    if cfg.get("PORT"):
        args += ["--port", str(cfg["PORT"])]
    if cfg.get("USER"):
        args += ["--username", cfg["USER"]]
    env = {**os.environ}
    if cfg.get("PASSWORD"):
        env["PGPASSWORD"] = cfg["PASSWORD"]
    return args, env


def _snapshot_alias(path: Path) -> str:
    """A connection alias reading the SQLite snapshot at ``path``."""
    alias = f"backup_snapshot_{uuid.uuid4().hex[:8]}"
    configured = connections.configure_settings(
        {
            "default": connections.databases["default"],
            alias: {"ENGINE": "django.db.backends.sqlite3", "NAME": str(path)},
        }
    )
    connections.databases[alias] = configured[alias]
    return alias


def _dump_with_manifest(using: str, target: Path) -> tuple[str, dict]:
    """Dump the database to ``target`` and take the manifest of exactly what was dumped."""
    engine = _engine(using)
    if engine == "sqlite":
        connection = connections[using]
        connection.ensure_connection()
        destination = sqlite3.connect(target)
        try:
            connection.connection.backup(destination)  # online: safe while serving
        finally:
            destination.close()
        alias = _snapshot_alias(target)
        try:
            tables = database_manifest(alias)
        finally:
            connections[alias].close()
            del connections.databases[alias]
        return "db.sqlite3", tables
    args, env = _pg_env(using)
    name = connections[using].settings_dict["NAME"]
    with transaction.atomic(using=using), connections[using].cursor() as cursor:
        # one snapshot for the manifest and for pg_dump
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        subprocess.run(
            ["pg_dump", *args, "--format=custom", "--no-owner", f"--snapshot={snapshot}",
             "--file", str(target), name],
            check=True, env=env, capture_output=True,
        )  # fmt: skip
        tables = database_manifest(using)
    return "db.pgdump", tables


def _load(using: str, source: Path) -> None:
    engine = _engine(using)
    connection = connections[using]
    if engine == "sqlite":
        connection.close()
        connection.ensure_connection()
        origin = sqlite3.connect(source)
        try:
            origin.backup(connection.connection)
        finally:
            origin.close()
        connection.close()
        return
    connection.close()
    args, env = _pg_env(using)
    name = connection.settings_dict["NAME"]
    result = subprocess.run(
        ["pg_restore", *args, "--clean", "--if-exists", "--no-owner", "--single-transaction",
         "--dbname", name, str(source)],
        env=env, capture_output=True, text=True,
    )  # fmt: skip
    if result.returncode != 0:
        raise BackupError(f"pg_restore failed: {result.stderr.strip()[-2000:]}")


# --- backup and restore -----------------------------------------------------------------


def backup_create(*, output: Path | str, using: str = "default") -> dict:
    """Write the database and the attachments to ``output`` (.tar.gz); returns the manifest.

    The manifest is taken of exactly what was dumped: of the SQLite snapshot file, or in
    the PostgreSQL transaction whose snapshot pg_dump uses."""
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    engine = _engine(using)
    with tempfile.TemporaryDirectory(prefix="tyndau-backup-") as tmp:
        tmp = Path(tmp)
        dump_name, tables = _dump_with_manifest(using, tmp / "dump")
        files = {}
        media = _media_root()
        if media.exists():
            for path in sorted(p for p in media.rglob("*") if p.is_file()):
                files[path.relative_to(media).as_posix()] = {
                    "bytes": path.stat().st_size,
                    "sha256": _file_sha256(path),
                }
        manifest = {
            "format": FORMAT,
            "created_at": timezone.now().isoformat(),
            "engine": engine,
            "database": {"file": dump_name, "sha256": _file_sha256(tmp / "dump")},
            "tables": tables,
            "media": files,
        }
        partial = output.with_name(output.name + ".partial")
        with tarfile.open(partial, "w:gz") as archive:
            data = json.dumps(manifest, indent=1, sort_keys=True).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
            archive.add(tmp / "dump", arcname=dump_name)
            for name in files:
                archive.add(media / name, arcname=f"media/{name}")
        partial.replace(output)  # never a half-written backup under the real name
    return manifest


def _is_empty(using: str) -> bool:
    """A freshly migrated database: no appeal, meeting or user yet."""
    from django.apps import apps
    from django.contrib.auth import get_user_model

    models = [get_user_model()]
    with contextlib.suppress(LookupError):  # a project without the appeals app
        models.append(apps.get_model("appeals", "Appeal"))
    return not any(model._base_manager.using(using).exists() for model in models)


def _safe_members(archive: tarfile.TarFile):
    for member in archive.getmembers():
        name = member.name
        if (
            name.startswith("/")
            or ".." in Path(name).parts
            or not (member.isfile() or member.isdir())
        ):
            raise BackupError(f"unsafe path in the archive: {name}")
        yield member


def backup_restore(
    *, archive_path: Path | str, using: str = "default", force: bool = False
) -> dict:
    """Restore ``archive_path`` into an empty, migrated database; verify it.

    Refuses (nothing changed) when the archive does not match its own manifest or the
    database already holds data (unless ``force``); after restoring, the row counts and
    checksums of every table must equal the manifest's, else BackupError."""
    archive_path = Path(archive_path)
    engine = _engine(using)
    with tempfile.TemporaryDirectory(prefix="tyndau-restore-") as tmp:
        tmp = Path(tmp)
        try:
            with tarfile.open(archive_path, "r:gz") as archive:
                archive.extractall(tmp, members=list(_safe_members(archive)), filter="data")
        except (tarfile.TarError, OSError, EOFError) as exc:
            raise BackupError(f"{archive_path} is not a readable backup: {exc}") from exc
        try:
            manifest = json.loads((tmp / "manifest.json").read_text())
        except (OSError, ValueError) as exc:
            raise BackupError("the backup has no readable manifest.json") from exc
        if manifest.get("engine") != engine:
            raise BackupError(
                f"the backup is of a {manifest.get('engine')} database, this one is {engine}; "
                "use copy_database to move between engines"
            )
        dump = tmp / manifest["database"]["file"]
        if not dump.exists() or _file_sha256(dump) != manifest["database"]["sha256"]:
            raise BackupError("the database dump does not match the manifest: refusing")
        for name, meta in manifest["media"].items():
            path = tmp / "media" / name
            if not path.exists() or _file_sha256(path) != meta["sha256"]:
                raise BackupError(f"attachment {name} does not match the manifest: refusing")
        if not force and not _is_empty(using):
            raise BackupError(
                "this database already holds users or appeals: restore goes into an empty, "
                "migrated database (or pass --force to replace everything)"
            )
        _load(using, dump)
        media = _media_root()
        for name in manifest["media"]:
            target = media / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(tmp / "media" / name, target)
    problems = compare(manifest["tables"], database_manifest(using))
    missing = [n for n, m in manifest["media"].items() if _file_sha256(media / n) != m["sha256"]]
    problems += [f"attachment {n} differs after restore" for n in missing]
    if problems:
        raise BackupError("restore does not match the backup:\n" + "\n".join(problems))
    return manifest


def backup_rotate(*, directory: Path | str, keep: int, using: str = "default") -> Path:
    """A scheduled backup: a new archive in ``directory``, keeping the newest ``keep``."""
    directory = Path(directory)
    stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
    output = directory / f"tyndau-{stamp}.tar.gz"
    backup_create(output=output, using=using)
    archives = sorted(directory.glob("tyndau-*.tar.gz"))
    for old in archives[: max(0, len(archives) - keep)]:
        old.unlink()
    return output


# --- moving between engines -------------------------------------------------------------


def _copy_table(model, source: str, target: str) -> None:
    """INSERT the rows as they are (no save(), no signals, auto_now fields untouched)."""
    conn = connections[target]
    fields = list(model._meta.concrete_fields)
    quote = conn.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        quote(model._meta.db_table),
        ", ".join(quote(f.column) for f in fields),
        ", ".join(["%s"] * len(fields)),
    )
    rows = (
        model._base_manager.using(source).order_by("pk").values_list(*[f.attname for f in fields])
    )
    batch = []
    with conn.cursor() as cursor:
        for row in rows.iterator(chunk_size=2000):
            batch.append(
                [f.get_db_prep_save(v, connection=conn) for f, v in zip(fields, row, strict=True)]
            )
            if len(batch) >= 2000:
                cursor.executemany(sql, batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)


TRIGGER_FILLED = {"reports.AppealTally", "reports.MeetingTally"}


def copy_database(*, source: str, target: str) -> list[str]:
    """Copy every row of ``source`` into the migrated database ``target`` (emptied first),
    with the same ids, in one transaction; sequences are moved past the copied ids.
    Returns the differences of the two manifests (an empty list: nothing lost)."""
    target_conn = connections[target]
    # Tables that database triggers fill while other tables are copied (the reports'
    # appeal and meeting tallies) go last, and every table is emptied again just before its copy, so
    # the rows the triggers made give way to the source's own.
    models = sorted(_models(), key=lambda m: m._meta.label in TRIGGER_FILLED)
    with transaction.atomic(using=target):
        if target_conn.vendor == "postgresql":
            with target_conn.cursor() as cursor:
                cursor.execute("SET CONSTRAINTS ALL DEFERRED")
                tables = ", ".join(target_conn.ops.quote_name(m._meta.db_table) for m in models)
                cursor.execute(f"TRUNCATE {tables} CASCADE")
        else:
            with target_conn.cursor() as cursor:
                cursor.execute("PRAGMA defer_foreign_keys = ON")
            for model in models:
                model._base_manager.using(target).all()._raw_delete(target)
        for model in models:
            model._base_manager.using(target).all()._raw_delete(target)
            _copy_table(model, source, target)
        from django.core.management.color import no_style

        statements = target_conn.ops.sequence_reset_sql(no_style(), models)
        if statements:
            with target_conn.cursor() as cursor:
                for sql in statements:
                    cursor.execute(sql)
    return compare(database_manifest(source), database_manifest(target))
