"""Journal mode: WAL on a local disk, DELETE on a network share; env and setting override."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import models.store.db as dbmod
from models.store.db import SETTING_JOURNAL, _mount_fstype, choose_journal_mode, is_network_path
from models.store.open import open_database

MOUNTS = """\
/dev/sda1 / ext4 rw,relatime 0 0
proc /proc proc rw 0 0
//nas/office /mnt/nas cifs rw,vers=3.0 0 0
server:/export /srv/nfs\\040share nfs4 rw 0 0
/dev/sdb1 /mnt/nas2 ext4 rw 0 0
tmpfs /tmp tmpfs rw 0 0
"""


@pytest.mark.parametrize(
    "folder, fstype",
    [
        ("/home/user", "ext4"),
        ("/mnt/nas", "cifs"),
        ("/mnt/nas/办公室/2025", "cifs"),
        ("/mnt/nas2/data", "ext4"),  # a longer name is not inside /mnt/nas
        ("/srv/nfs share/plans", "nfs4"),  # \040 in /proc/mounts is a blank
        ("/tmp/x", "tmpfs"),
    ],
)
def test_mount_table_lookup(folder, fstype):
    assert _mount_fstype(folder, MOUNTS) == fstype


@pytest.mark.parametrize("path", ["\\\\server\\share\\plandesk.db", "//server/share/plandesk.db"])
def test_unc_paths_are_network(path):
    assert is_network_path(Path(path))


def test_local_temp_folder_is_not_network(tmp_path):
    assert not is_network_path(tmp_path / "plandesk.db")


@pytest.mark.skipif(
    sys.platform != "linux", reason="/proc/mounts is Linux's; Windows asks GetDriveTypeW"
)
def test_detection_reads_proc_mounts(tmp_path, monkeypatch):
    real_open = open

    def fake_open(file, *args, **kwargs):
        if str(file) == "/proc/mounts":
            import io

            return io.StringIO(f"/dev/sda1 / ext4 rw 0 0\n//nas/x {tmp_path} cifs rw 0 0\n")
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr("builtins.open", fake_open)
    assert is_network_path(tmp_path / "plandesk.db")
    assert choose_journal_mode(tmp_path / "plandesk.db") == "DELETE"


def test_env_overrides_setting_overrides_detection(tmp_path, monkeypatch):
    path = tmp_path / "plandesk.db"
    monkeypatch.delenv("PLANDESK_JOURNAL", raising=False)
    assert choose_journal_mode(path) == "WAL"
    assert choose_journal_mode(path, "delete") == "DELETE"
    assert choose_journal_mode(path, "nonsense") == "WAL"
    monkeypatch.setenv("PLANDESK_JOURNAL", "truncate")
    assert choose_journal_mode(path, "delete") == "TRUNCATE"


def test_open_uses_wal_locally_and_delete_on_a_share(tmp_path, monkeypatch):
    monkeypatch.delenv("PLANDESK_JOURNAL", raising=False)
    with open_database(tmp_path / "local.db") as db:
        assert db.scalar("PRAGMA journal_mode") == "wal"
    monkeypatch.setattr(dbmod, "is_network_path", lambda path: True)
    with open_database(tmp_path / "local.db") as db:  # the same file, now "on a share"
        assert db.scalar("PRAGMA journal_mode") == "delete"
    assert not (tmp_path / "local.db-wal").exists()


def test_setting_in_the_database_is_used_at_the_next_open(tmp_path, monkeypatch):
    monkeypatch.delenv("PLANDESK_JOURNAL", raising=False)
    path = tmp_path / "plandesk.db"
    with open_database(path) as db, db.transaction() as conn:
        conn.execute("INSERT INTO settings (key, value) VALUES (?, 'DELETE')", (SETTING_JOURNAL,))
    with open_database(path) as db:
        assert db.scalar("PRAGMA journal_mode") == "delete"


@pytest.mark.parametrize(
    "text, windows, uri",
    [
        (
            "/home/镇政府/计划 2025#1.db",
            False,
            "file:///home/%E9%95%87%E6%94%BF%E5%BA%9C/%E8%AE%A1%E5%88%92%202025%231.db",
        ),
        (
            "C:\\Users\\办公室\\plandesk.db",
            True,
            "file:///C:/Users/%E5%8A%9E%E5%85%AC%E5%AE%A4/plandesk.db",
        ),
        (
            "\\\\nas\\share\\plandesk.db",
            True,
            "file:////nas/share/plandesk.db",
        ),  # UNC: no authority
    ],
)
def test_file_uri_never_has_an_authority(text, windows, uri):
    assert dbmod.file_uri(text, windows=windows) == uri


def test_read_only_uri_opens_odd_names_read_only(tmp_path):
    import sqlite3

    path = tmp_path / "镇 计划#1%.db"
    open_database(path).close()
    conn = sqlite3.connect(dbmod.read_only_uri(path), uri=True)
    assert conn.execute("PRAGMA user_version").fetchone()[0] >= 1
    with pytest.raises(sqlite3.OperationalError):
        conn.execute("CREATE TABLE x (y)")
    conn.close()
