"""Atomic output: a file that cannot be written gives a clear message and leaves no trace."""

from __future__ import annotations

import errno
import os

import pytest
from docx.document import Document as DocxDocument

from export import atomic
from export.content import load_plan_data
from export.gongwen import export_plan_docx
from export.task_table import export_tasks_xlsx
from models.errors import ExportError

OLD = b"previous export"


def _leftovers(folder):
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".~"))


def test_success_replaces_file_and_leaves_no_temp(db, sample_ids, tmp_path):
    out = tmp_path / "plan.docx"
    out.write_bytes(OLD)
    export_plan_docx(load_plan_data(db, sample_ids[0]), out)
    assert out.read_bytes()[:2] == b"PK"
    assert _leftovers(tmp_path) == []


def test_locked_file_permission_error(db, sample_ids, tmp_path, monkeypatch):
    """Word keeps the file open: on Windows os.replace raises PermissionError."""
    out = tmp_path / "plan.docx"
    out.write_bytes(OLD)

    def locked(src, dst):
        raise PermissionError(errno.EACCES, "Permission denied", str(dst))

    monkeypatch.setattr(atomic.os, "replace", locked)
    with pytest.raises(ExportError) as info:
        export_plan_docx(load_plan_data(db, sample_ids[0]), out)
    assert "关闭该文件" in info.value.user_text and "plan.docx" in info.value.user_text
    assert out.read_bytes() == OLD
    assert _leftovers(tmp_path) == []


@pytest.mark.skipif(
    os.name != "posix" or os.geteuid() == 0,
    reason="folder permissions are not enforced for root / on Windows",
)
def test_folder_without_permission(db, sample_ids, tmp_path):
    folder = tmp_path / "readonly"
    folder.mkdir()
    out = folder / "tasks.xlsx"
    out.write_bytes(OLD)
    folder.chmod(0o555)
    try:
        with pytest.raises(ExportError) as info:
            export_tasks_xlsx(load_plan_data(db, sample_ids[0]), out)
        assert "无法写入" in info.value.user_text or "没有权限" in info.value.user_text
        assert out.read_bytes() == OLD
        assert _leftovers(folder) == []
    finally:
        folder.chmod(0o755)


def test_folder_without_permission_simulated(db, sample_ids, tmp_path, monkeypatch):
    """The same on any OS: creating the temporary file is refused."""
    out = tmp_path / "new.docx"

    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(atomic.tempfile, "mkstemp", refuse)
    with pytest.raises(ExportError) as info:
        export_plan_docx(load_plan_data(db, sample_ids[0]), out)
    assert "没有权限" in info.value.user_text
    assert not out.exists()


def test_disk_full_while_writing(db, sample_ids, tmp_path, monkeypatch):
    out = tmp_path / "plan.docx"
    out.write_bytes(OLD)

    def full_disk(self, path):
        with open(path, "wb") as fh:  # a half-written temporary file
            fh.write(b"PK\x03\x04 half")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(DocxDocument, "save", full_disk)
    with pytest.raises(ExportError) as info:
        export_plan_docx(load_plan_data(db, sample_ids[0]), out)
    assert "磁盘空间不足" in info.value.user_text
    assert out.read_bytes() == OLD
    assert _leftovers(tmp_path) == []


def test_missing_folder(db, sample_ids, tmp_path):
    with pytest.raises(ExportError) as info:
        export_plan_docx(load_plan_data(db, sample_ids[0]), tmp_path / "nope" / "a.docx")
    assert "不存在" in info.value.user_text
