"""Feedback sheets: ids tampered with give one clear line; running feedback-sheets again never
overwrites a returned, filled-in sheet, and units whose names clean alike get their own files."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

import main
from models import feedback
from models.store.open import open_database
from tests.db_hash import content_hash


@pytest.fixture
def db_file(tmp_path, capsys):
    path = tmp_path / "plandesk.db"
    assert main.main(["--db", str(path), "list"]) == 0
    capsys.readouterr()
    with open_database(path) as db, db.transaction() as conn:
        conn.execute(
            "UPDATE nodes SET owner_unit = CASE WHEN id % 2 THEN '党政办' ELSE '财政所' END "
            "WHERE kind = 'task' AND plan_id = 1"
        )
    return path


def sheets(capsys, db_file: Path, folder: Path) -> list[Path]:
    folder.mkdir(exist_ok=True)
    assert main.main(["--db", str(db_file), "feedback-sheets", "1", "--out", str(folder)]) == 0
    capsys.readouterr()
    return sorted(folder.glob("*.xlsx"))


def fill(path: Path, note: str) -> None:
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    for r in range(1, ws.max_row + 1):
        if feedback.sheet_id(ws.cell(row=r, column=feedback.COL_ID).value):
            ws.cell(row=r, column=feedback.COL_NOTE).value = note
            break
    wb.save(path)


@pytest.mark.parametrize("bad", ["9" * 5000, str(2**70), "12abc", -3, 1.5, "１２"])
def test_tampered_task_ids_give_one_line(db_file, tmp_path, capsys, bad):
    path = sheets(capsys, db_file, tmp_path / "out")[0]
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    for r in range(1, ws.max_row + 1):
        if feedback.sheet_id(ws.cell(row=r, column=feedback.COL_ID).value):
            ws.cell(row=r, column=feedback.COL_ID).value = bad
            ws.cell(row=r, column=feedback.COL_NOTE).value = "已完成"
    wb.save(path)
    before = content_hash(db_file)
    code = main.main(["--db", str(db_file), "feedback-import", str(path), "--apply"])
    err = capsys.readouterr().err
    assert "Traceback" not in err and code in (0, 1)
    assert content_hash(db_file) == before  # rows without a readable id are not applied


def test_sheet_id_bounds():
    assert feedback.sheet_id("42") == 42 and feedback.sheet_id(7.0) == 7
    for bad in ("9" * 5000, str(2**63), "0", "-1", "1e5", None, True, "٣"):
        assert feedback.sheet_id(bad) is None


def test_rerun_never_overwrites_a_filled_in_sheet(db_file, tmp_path, capsys):
    folder = tmp_path / "out"
    first = sheets(capsys, db_file, folder)
    fill(first[0], "上半年已完成80%")
    returned = first[0].read_bytes()
    second = sheets(capsys, db_file, folder)
    assert first[0].read_bytes() == returned  # the unit's answers are kept
    assert len(second) == len(first) + 1  # a fresh sheet beside it: 反馈表_X_2.xlsx
    assert first[0].with_name(first[0].stem + "_2.xlsx").exists()


def test_rerun_replaces_an_unfilled_sheet(db_file, tmp_path, capsys):
    folder = tmp_path / "out"
    first = sheets(capsys, db_file, folder)
    assert sheets(capsys, db_file, folder) == first


def test_units_whose_names_clean_alike_get_their_own_files(tmp_path):
    folder = tmp_path
    paths = feedback.sheet_paths(folder, ["财政/所", "财政:所", "财政 所", "ABC", "abc"])
    names = [p.name.casefold() for p in paths.values()]
    assert len(set(names)) == 5
    long = feedback.sheet_paths(folder, ["党" * 240])["党" * 240]
    assert len(long.name.encode()) < 240


def test_a_foreign_file_with_the_name_is_not_overwritten(tmp_path):
    (tmp_path / "反馈表_党政办.xlsx").write_text("not a workbook")
    assert feedback.sheet_paths(tmp_path, ["党政办"])["党政办"].name == "反馈表_党政办_2.xlsx"
