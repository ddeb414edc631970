"""NUL and control characters: cleaned at the door (import, field edits, progress notes) and
by every writer anyway (text stored by an older version), so exports never fail on them."""

from __future__ import annotations

import sqlite3

import docx
import openpyxl
import pytest

import main
from models import outline, tracking
from models.store.open import open_database
from models.text.clean import clean_text

DIRTY = "抓好\x00党员\x01教育\x0b管理\x1f\x7f\x85\ufffe。"


def test_clean_text_keeps_tabs_and_line_breaks():
    assert clean_text(DIRTY) == "抓好党员教育管理。"
    assert clean_text("a\tb\r\nc\rd") == "a\tb\nc\nd"


@pytest.fixture
def db_file(tmp_path, capsys):
    path = tmp_path / "plandesk.db"
    assert main.main(["--db", str(path), "list"]) == 0
    capsys.readouterr()
    return path


def exports_work(db_file, tmp_path, plan_id: int) -> None:
    for suffix, kind in ((".docx", "plan"), (".xlsx", "tasks"), (".docx", "tasks")):
        out = tmp_path / f"{kind}{suffix}"
        argv = ["--db", str(db_file), "export", str(plan_id), "--kind", kind, "--out", str(out)]
        assert main.main(argv) == 0
    text = "\n".join(p.text for p in docx.Document(str(tmp_path / "plan.docx")).paragraphs)
    assert "\x00" not in text
    openpyxl.load_workbook(tmp_path / "tasks.xlsx")


def test_import_cleans_control_characters(db_file, tmp_path, capsys):
    txt = tmp_path / "计划.txt"
    filler = "".join(f"{i}.扎实推进全面从严治党，抓好党员教育管理。\n" for i in range(2, 200))
    # the control characters after the first 4 KB (a NUL at the start means a binary file)
    txt.write_text(f"测试镇2025年工作计划\n一、加强党的建设\n{filler}1.{DIRTY}\n", encoding="utf-8")
    assert main.main(["--db", str(db_file), "import", str(txt)]) == 0
    capsys.readouterr()
    with open_database(db_file) as db:
        plan_id = db.scalar("SELECT max(id) FROM plans")
        raw = db.query("SELECT text, heading FROM nodes WHERE plan_id = ?", (plan_id,))
        assert not any("\x00" in (r[0] or "") + (r[1] or "") for r in raw)
    exports_work(db_file, tmp_path, plan_id)


def test_field_edits_and_notes_are_cleaned(db_file):
    with open_database(db_file) as db:
        task = next(n for n in outline.load_outline(db, 1) if n.kind == "task")
        outline.update_node(db, task.id, text=DIRTY, owner_unit="党政\x00办")
        outline.update_plan(db, 1, title="标题\x00一")
        tracking.add_progress(db, task.id, "进展\x00顺利", 50, problems="无\x01")
        assert db.scalar("SELECT text FROM nodes WHERE id = ?", (task.id,)) == clean_text(DIRTY)
        assert db.scalar("SELECT title FROM plans WHERE id = 1") == "标题一"
        assert db.scalar("SELECT count(*) FROM progress_log WHERE instr(text, char(0))") == 0


def test_writers_are_safe_for_text_stored_earlier(db_file, tmp_path):
    conn = sqlite3.connect(str(db_file), isolation_level=None)  # as an older version stored it
    conn.execute("UPDATE nodes SET text = ? WHERE kind = 'task' AND plan_id = 1", (DIRTY,))
    conn.execute("UPDATE plans SET title = ? WHERE id = 1", ("计划\x00标题",))
    conn.close()
    exports_work(db_file, tmp_path, 1)
