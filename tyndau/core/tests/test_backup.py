"""Backup and restore (issue 12, point 5), on the database of the run (SQLite, or
PostgreSQL on the PostgreSQL run) in child processes with production settings: the demo
office with an attachment is backed up, restored into an empty migrated database with
identical counts and checksums; a damaged archive or a non-empty target is refused and
changes nothing; a SQLite office moves to PostgreSQL losing nothing."""

import io
import json
import os
import shutil
import tarfile
from pathlib import Path

import pytest

from tyndau.core.testing import manage, manage_many, production_env, throwaway_database

COUNT = (
    "import django, json; django.setup()\n"
    "from tyndau.core.backup import database_manifest\n"
    "print(json.dumps(database_manifest()))\n"
)


def manifest_of(env) -> dict:
    import subprocess
    import sys

    out = subprocess.run(
        [sys.executable, "-c", COUNT], env=env, capture_output=True, text=True, timeout=300
    )
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


@pytest.fixture(scope="module")
def office(tmp_path_factory):
    """The demo office with one attachment on disk, and an empty migrated twin."""
    tmp = tmp_path_factory.mktemp("backup")
    src_url, drop_src = throwaway_database(tmp, "bk_source")
    dst_url, drop_dst = throwaway_database(tmp, "bk_target")
    src = production_env(src_url, tmp / "src")
    dst = production_env(dst_url, tmp / "dst", SECRET_KEY=src["SECRET_KEY"])
    manage_many(src, ["migrate", "--noinput"], ["seed_demo", "--force"])
    code = (
        "import django; django.setup()\n"
        "from django.core.files.base import ContentFile\n"
        "from tyndau.appeals.models import Appeal\n"
        "from tyndau.appeals.services import attachment_add\n"
        "a = Appeal.objects.order_by('pk').first()\n"
        "f = ContentFile(b'%PDF-1.4 scan %%EOF', name='scan.pdf')\n"
        "attachment_add(appeal=a, file=f)\n"
    )
    import subprocess
    import sys

    subprocess.run([sys.executable, "-c", code], env=src, check=True, timeout=300)
    manage(dst, "migrate", "--noinput")
    yield {"tmp": tmp, "src": src, "dst": dst}
    drop_src()
    drop_dst()


def test_backup_then_restore_gives_identical_counts_and_checksums(office):
    src, dst, tmp = office["src"], office["dst"], office["tmp"]
    archive = tmp / "office.tar.gz"
    out = manage(src, "backup", "--output", str(archive))
    assert "attachments" in out.stdout and archive.exists()
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
        names = tar.getnames()
    assert manifest["tables"]["appeals_appeal"]["rows"] > 0
    assert any(n.startswith("media/appeals/") and n.endswith("scan.pdf") for n in names)

    # a damaged archive is refused before anything is touched
    damaged = tmp / "damaged.tar.gz"
    with tarfile.open(archive) as tar, tarfile.open(damaged, "w:gz") as out_tar:
        for member in tar.getmembers():
            data = tar.extractfile(member).read() if member.isfile() else None
            if member.name.endswith("scan.pdf"):
                data = b"%PDF-1.4 forged %%EOF"
                member.size = len(data)
            out_tar.addfile(member, io.BytesIO(data) if data is not None else None)
    with pytest.raises(RuntimeError, match="does not match the manifest"):
        manage(dst, "restore", str(damaged))
    assert manifest_of(dst)["appeals_appeal"]["rows"] == 0  # nothing changed

    out = manage(dst, "restore", str(archive))
    assert "all checksums equal" in out.stdout
    restored, original = manifest_of(dst), manifest_of(src)
    assert restored == original  # every table: same rows, same checksum
    media = next(n for n in names if n.endswith("scan.pdf"))[len("media/") :]
    restored_file = os.path.join(dst["TYNDAU_MEDIA_ROOT"], media)
    assert Path(restored_file).read_bytes() == b"%PDF-1.4 scan %%EOF"

    # a database that now holds data is not overwritten without --force
    with pytest.raises(RuntimeError, match="already holds"):
        manage(dst, "restore", str(archive))


def test_scheduled_backups_keep_the_newest(office):
    folder = office["tmp"] / "scheduled"
    for _ in range(3):
        manage(office["src"], "backup", "--dir", str(folder), "--keep", "2")
        # the archive name has one-second resolution
        import time

        time.sleep(1.1)
    assert len(list(folder.glob("tyndau-*.tar.gz"))) == 2


@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="the move needs PostgreSQL: it runs in the PostgreSQL half of make test",
)
def test_a_sqlite_office_moves_to_postgresql_losing_nothing(tmp_path):
    sqlite = production_env(f"sqlite:///{tmp_path / 'office.sqlite3'}", tmp_path / "sq")
    manage_many(sqlite, ["migrate", "--noinput"], ["seed_demo", "--force"])
    pg_url, drop = throwaway_database(tmp_path, "move")
    try:
        pg = production_env(pg_url, tmp_path / "pg")
        manage(pg, "migrate", "--noinput")
        out = manage(sqlite, "copy_database", "--to", pg_url)
        assert "same rows and checksum" in out.stdout
        assert manifest_of(pg) == manifest_of(sqlite)
        # the copy works: a new appeal gets the next id and number, not a clash
        code = (
            "import django; django.setup()\n"
            "from tyndau.appeals.models import Appeal\n"
            "from django.db import connection\n"
            "print(Appeal.objects.count())\n"
        )
        import subprocess
        import sys

        before = subprocess.run(
            [sys.executable, "-c", code], env=sqlite, capture_output=True, text=True
        ).stdout
        after = subprocess.run(
            [sys.executable, "-c", code], env=pg, capture_output=True, text=True
        ).stdout
        assert before == after and int(after) > 0
    finally:
        drop()
    shutil.rmtree(tmp_path, ignore_errors=True)
