"""Hostile and broken input: a clear message, one line in the CLI, and the database unchanged.

Every case runs the real command (``main.main([...])``, the code path of the window's import
and export too) against a database holding the sample plans, and compares a hash of the dump
of every table before and after. Faults the test machine cannot produce for real are
simulated, and each such test says how.
"""

from __future__ import annotations

import builtins
import errno
import io
import pathlib
import random
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest

import main
from models.errors import ExportError, ImportFileError, TemplateError
from models.importing import parse_file
from models.importing.readers import MAX_TEXT_BYTES
from tests.db_hash import content_hash as dump_hash

DOCX_BODY = "word/document.xml"


@pytest.fixture
def db_file(tmp_path, capsys):
    path = tmp_path / "plandesk.db"
    assert main.main(["--db", str(path), "list"]) == 0  # created with the 3 sample plans
    capsys.readouterr()
    return path


def run_cli(capsys, db_file: Path, *argv: str) -> tuple[int, str]:
    """Run a command; return (exit code, stderr). Asserts the DB content did not change."""
    before = dump_hash(db_file)
    code = main.main(["--db", str(db_file), *argv])
    _out, err = capsys.readouterr()
    assert dump_hash(db_file) == before, "the database changed"
    return code, err


def assert_one_clear_line(code: int, err: str, *words: str) -> None:
    lines = err.strip().splitlines()
    assert code == 1, err
    assert len(lines) == 1 and lines[0].startswith("错误："), err
    assert "Traceback" not in err
    for word in words:
        assert word in lines[0], (word, lines[0])


def minimal_docx(path: Path, body_xml: bytes | None = None, extra: dict | None = None) -> Path:
    """A real .docx from python-docx, optionally with its body replaced."""
    doc = docx.Document()
    doc.add_paragraph("一、加强党的建设")
    buf = io.BytesIO()
    doc.save(buf)
    with zipfile.ZipFile(buf) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == DOCX_BODY and body_xml is not None:
                data = body_xml
            out.writestr(info.filename, data)
        for name, data in (extra or {}).items():
            out.writestr(name, data)
    return path


# ---------------------------------------------------------------- import
def test_empty_file(db_file, tmp_path, capsys):
    empty = tmp_path / "空文件.txt"
    empty.write_bytes(b"")
    with pytest.raises(ImportFileError) as err:
        parse_file(empty)
    assert "空文件" in err.value.user_text
    assert_one_clear_line(*run_cli(capsys, db_file, "import", str(empty)), "空文件.txt")


def test_binary_junk_named_txt(db_file, tmp_path, capsys):
    junk = tmp_path / "计划.txt"
    junk.write_bytes(random.Random(9).randbytes(64 * 1024))
    with pytest.raises(ImportFileError):
        parse_file(junk)
    assert_one_clear_line(*run_cli(capsys, db_file, "import", str(junk)))


def test_docx_that_is_not_a_zip(db_file, tmp_path, capsys):
    fake = tmp_path / "计划.docx"
    fake.write_text("这其实是一个文本文件，只是改了扩展名。", encoding="utf-8")
    with pytest.raises(ImportFileError) as err:
        parse_file(fake)
    assert "不是有效的" in err.value.user_text
    assert_one_clear_line(*run_cli(capsys, db_file, "import", str(fake)), "计划.docx")


def test_zip_bomb_docx(db_file, tmp_path, capsys):
    """80 MB of zeros as the body compresses to ~80 KB: refused before it is unpacked."""
    bomb = tmp_path / "炸弹.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        with zf.open(DOCX_BODY, "w") as fh:
            chunk = b"\0" * (1 << 20)
            for _ in range(80):
                fh.write(chunk)
    assert bomb.stat().st_size < 1_000_000
    with pytest.raises(ImportFileError) as err:
        parse_file(bomb)
    assert "炸弹" in err.value.user_text or "过大" in err.value.user_text
    assert_one_clear_line(*run_cli(capsys, db_file, "import", str(bomb)))


def test_zip_bomb_with_lying_sizes_is_stopped(db_file, tmp_path, capsys):
    """The central directory claims a small body; the data is 30 MB of zeros."""
    bomb = tmp_path / "撒谎.docx"
    minimal_docx(bomb)
    real = bomb.read_bytes()
    honest = tmp_path / "honest.docx"
    with zipfile.ZipFile(honest, "w", zipfile.ZIP_DEFLATED) as zf:
        with zipfile.ZipFile(io.BytesIO(real)) as src:
            for info in src.infolist():
                if info.filename != DOCX_BODY:
                    zf.writestr(info.filename, src.read(info.filename))
        zf.writestr(DOCX_BODY, b"<w:document>" + b" " * (30 << 20) + b"</w:document>")
    data = bytearray(honest.read_bytes())
    # patch the uncompressed size of the body in the central directory and local header
    size = (30 << 20) + len(b"<w:document></w:document>")
    data = data.replace(size.to_bytes(4, "little"), (5000).to_bytes(4, "little"))
    bomb.write_bytes(bytes(data))
    with pytest.raises(ImportFileError):
        parse_file(bomb)
    assert_one_clear_line(*run_cli(capsys, db_file, "import", str(bomb)))


def test_billion_laughs_docx(db_file, tmp_path, capsys):
    entities = "".join(
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10 if i else "lol"}">' for i in range(10)
    )
    body = (
        f'<?xml version="1.0"?><!DOCTYPE lolz [{entities}]>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"
    )
    laughs = minimal_docx(tmp_path / "笑声.docx", body.encode("utf-8"))
    with pytest.raises(ImportFileError) as err:
        parse_file(laughs)
    assert "实体" in err.value.user_text
    assert_one_clear_line(*run_cli(capsys, db_file, "import", str(laughs)), "笑声.docx")


def test_50_mb_text_file_is_refused_with_the_limit_stated(db_file, tmp_path, capsys):
    big = tmp_path / "超大.txt"
    line = "一、加强党的建设。扎实推进全面从严治党，抓好党员教育管理。\n".encode()
    with big.open("wb") as fh:
        for _ in range((50 << 20) // len(line) + 1):
            fh.write(line)
    assert big.stat().st_size >= 50 << 20
    limit = f"{MAX_TEXT_BYTES // 1024 // 1024} MB"
    with pytest.raises(ImportFileError) as err:
        parse_file(big)
    assert limit in err.value.user_text
    assert_one_clear_line(*run_cli(capsys, db_file, "import", str(big)), limit)


@pytest.mark.parametrize("suffix", [".txt", ".docx"])
def test_file_without_read_permission(db_file, tmp_path, capsys, monkeypatch, suffix):
    """Simulated: the tests run as root, who may read anything, so open() and
    Path.read_bytes() are patched to raise PermissionError for this one file."""
    locked = tmp_path / f"无权限{suffix}"
    if suffix == ".txt":
        locked.write_text("一、加强党的建设\n抓好党员教育管理。\n", encoding="utf-8")
    else:
        minimal_docx(locked)
    denied = PermissionError(errno.EACCES, "Permission denied", str(locked))
    real_open, real_read = builtins.open, pathlib.Path.read_bytes

    def guarded_open(file, *args, **kwargs):
        if str(file) == str(locked):
            raise denied
        return real_open(file, *args, **kwargs)

    def guarded_read(self):
        if str(self) == str(locked):
            raise denied
        return real_read(self)

    monkeypatch.setattr(builtins, "open", guarded_open)
    monkeypatch.setattr(io, "open", guarded_open)
    monkeypatch.setattr(pathlib.Path, "read_bytes", guarded_read)
    with pytest.raises(ImportFileError):
        parse_file(locked)
    assert_one_clear_line(*run_cli(capsys, db_file, "import", str(locked)), locked.name)


def test_one_bad_file_among_good_ones_stores_nothing(db_file, tmp_path, capsys):
    good = tmp_path / "好的.txt"
    good.write_text(
        "测试镇2025年工作计划\n一、加强党的建设\n抓好党员教育管理。\n", encoding="utf-8"
    )
    bad = tmp_path / "坏的.docx"
    bad.write_bytes(b"PK\x03\x04 broken")
    assert_one_clear_line(*run_cli(capsys, db_file, "import", str(good), str(bad)))


# ---------------------------------------------------------------- export
def test_locked_output_file(db_file, tmp_path, capsys, monkeypatch):
    """Simulated: Windows refuses to replace a .docx open in Word (PermissionError);
    os.replace in export/atomic.py is patched to do the same."""
    import export.atomic as atomic

    out = tmp_path / "计划.docx"
    out.write_bytes(b"the version the leader signed")
    real_replace = atomic.os.replace

    def in_use(src, dst):
        if Path(dst) == out:
            raise PermissionError(errno.EACCES, "The process cannot access the file", str(dst))
        return real_replace(src, dst)

    monkeypatch.setattr(atomic.os, "replace", in_use)
    assert_one_clear_line(*run_cli(capsys, db_file, "export", "1", "--out", str(out)), "计划.docx")
    assert out.read_bytes() == b"the version the leader signed"
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".docx") == ["计划.docx"]


@pytest.mark.parametrize("suffix, kind", [(".docx", "plan"), (".xlsx", "tasks")])
def test_disk_full_while_exporting(db_file, tmp_path, capsys, monkeypatch, suffix, kind):
    """Simulated: the document's save writes half the file, then raises ENOSPC."""
    import docx.document
    import openpyxl.workbook.workbook as wb

    def half_then_full(self, target, *args, **kwargs):
        with open(target, "wb") as fh:
            fh.write(b"PK\x03\x04" + b"\0" * 1000)
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(docx.document.Document, "save", half_then_full)
    monkeypatch.setattr(wb.Workbook, "save", half_then_full)
    out = tmp_path / f"导出{suffix}"
    out.write_bytes(b"previous export")
    code, err = run_cli(capsys, db_file, "export", "1", "--kind", kind, "--out", str(out))
    assert_one_clear_line(code, err, "磁盘空间不足")
    assert out.read_bytes() == b"previous export"
    assert [p.name for p in tmp_path.iterdir() if p.suffix == suffix] == [out.name]


HOSTILE_TAGS = [
    "{{ title.__class__.__mro__[1].__subclasses__() }}",
    "{{ ''.__class__.__base__.__subclasses__() }}",
    "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
    "{% for c in [].__class__.__base__.__subclasses__() %}{{ c }}{% endfor %}",
    "{{ self._TemplateReference__context }}",
    "{{ title|attr('__class__') }}",
]


@pytest.mark.parametrize("tag", HOSTILE_TAGS)
def test_hostile_jinja_template(db_file, tmp_path, capsys, tag):
    template = tmp_path / "模板.docx"
    doc = docx.Document()
    doc.add_paragraph("{{ title }}")
    doc.add_paragraph(tag)
    doc.save(template)
    out = tmp_path / "输出.docx"
    code, err = run_cli(
        capsys, db_file, "export", "1", "--template", str(template), "--out", str(out)
    )
    assert_one_clear_line(code, err, "模板")
    assert not out.exists()
    assert "uid=" not in err and "subclasses" not in err.lower()


def test_hostile_template_raises_template_error_at_model_level(tmp_path, db_file):
    from export import template as tpl
    from export.content import load_plan_data
    from models.store.open import open_database

    template = tmp_path / "模板.docx"
    doc = docx.Document()
    doc.add_paragraph(HOSTILE_TAGS[0])
    doc.save(template)
    with open_database(db_file) as db:
        data = load_plan_data(db, 1)
    with pytest.raises(TemplateError) as err:
        tpl.render_tagged(template, data, tmp_path / "out.docx")
    assert isinstance(err.value, ExportError) and "内部" in err.value.user_text


FORMULAS = [
    '=HYPERLINK("http://example.invalid","点我")',
    "=1+1",
    "+SUM(1,2)",
    "-2+3",
    "@SUM(A1:A2)",
    "=cmd|' /C calc'!A0",
]


def test_formula_like_cell_text_stays_text(db_file, tmp_path, capsys):
    from models.outline import add_node, store_document
    from models.store.open import open_database

    with open_database(db_file) as db:
        plan = store_document(
            db,
            {
                "title": "公式测试镇2025年工作计划",
                "year": 2025,
                "sections": [{"heading": "注入测试"}],
            },
        )
        section = db.scalar("SELECT id FROM nodes WHERE plan_id = ?", (plan,))
        for text in FORMULAS:
            add_node(
                db, plan, section, "task", text=text, owner_unit=text, target=text, lead_leader=text
            )
    out = tmp_path / "任务.xlsx"
    before = dump_hash(db_file)
    assert (
        main.main(["--db", str(db_file), "export", str(plan), "--kind", "tasks", "--out", str(out)])
        == 0
    )
    capsys.readouterr()
    assert dump_hash(db_file) == before
    book = openpyxl.load_workbook(out)
    found = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value in FORMULAS:
                    found.append(cell.value)
                    assert cell.data_type == "s", (cell.coordinate, cell.value)
    assert set(found) == set(FORMULAS)
    with zipfile.ZipFile(out) as zf:
        for name in zf.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in zf.read(name) and b"<f " not in zf.read(name)
