"""Restore and check accept only PlanDesk's own schema objects (models/check.py), and never
run SQL built from names found in the file."""

from __future__ import annotations

import sqlite3

import pytest

import main
from models.store import backup, restore
from models.store.check import check_file, expected_schema
from models.store.migrations import SCHEMA_VERSION
from tests.db_hash import content_hash


@pytest.fixture
def db_file(tmp_path, capsys):
    path = tmp_path / "plandesk.db"
    assert main.main(["--db", str(path), "list"]) == 0
    capsys.readouterr()
    return path


def crafted_backup(db_file, tmp_path, capsys, sql: str):
    out = tmp_path / "备份.db"
    assert main.main(["--db", str(db_file), "backup", "--out", str(out)]) == 0
    capsys.readouterr()
    conn = sqlite3.connect(str(out), isolation_level=None)
    conn.executescript(sql)
    conn.close()
    return out


FOREIGN = [
    "CREATE TRIGGER wipe AFTER INSERT ON plans BEGIN DELETE FROM nodes; END;",
    "CREATE VIEW v AS SELECT * FROM nodes;",
    "CREATE INDEX idx_evil ON nodes(text);",
    "CREATE TABLE extra (x);",
    # a table named to inject SQL into a check that formats names into statements
    'CREATE VIRTUAL TABLE "x(x) VALUES(1); DELETE FROM nodes; --" USING fts5(a);',
    "DROP TRIGGER nodes_fts_ai; CREATE TRIGGER nodes_fts_ai AFTER INSERT ON nodes "
    "BEGIN DELETE FROM plans; END;",
]


@pytest.mark.parametrize("sql", FOREIGN)
def test_backup_with_foreign_schema_objects_is_refused(db_file, tmp_path, capsys, sql):
    crafted = crafted_backup(db_file, tmp_path, capsys, sql)
    version, problems = check_file(crafted)
    assert version == SCHEMA_VERSION and problems and problems[0].startswith("schema:")
    crafted_hash = content_hash(crafted)
    before = content_hash(db_file)
    code = main.main(["--db", str(db_file), "restore", str(crafted)])
    err = capsys.readouterr().err
    assert code == 1 and len(err.strip().splitlines()) == 1 and "备份" in err
    assert content_hash(db_file) == before
    assert content_hash(crafted) == crafted_hash  # the check ran nothing on the file
    with pytest.raises(backup.NotABackupError):
        restore.validate_backup(crafted)


def test_check_command_reports_a_foreign_trigger(db_file, capsys):
    conn = sqlite3.connect(str(db_file), isolation_level=None)
    conn.execute("CREATE TRIGGER wipe AFTER INSERT ON plans BEGIN DELETE FROM nodes; END")
    conn.close()
    assert main.main(["--db", str(db_file), "check"]) == 1
    assert "wipe" in capsys.readouterr().out


def test_own_backups_still_pass(db_file, tmp_path, capsys):
    out = crafted_backup(db_file, tmp_path, capsys, "ANALYZE;")  # sqlite_stat1 is fine
    assert check_file(out) == (SCHEMA_VERSION, [])
    assert main.main(["--db", str(db_file), "restore", str(out)]) == 0


def test_expected_schema_is_the_migrations(db_file):
    conn = sqlite3.connect(f"file:{db_file}?mode=ro", uri=True)
    rows = conn.execute("SELECT type, name FROM sqlite_master").fetchall()
    conn.close()
    assert {(t, n) for t, n in rows} == {
        (t, n) for t, n, _tb, _s in expected_schema(SCHEMA_VERSION)
    }
