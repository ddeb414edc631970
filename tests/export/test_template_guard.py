"""Hostile templates (export/template.py, export/template_worker.py): the guarded opener,
a worker with time, memory and output budgets, and one Chinese sentence naming the template
for every failure — through the real ``export`` command, the database unchanged."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest

import main
from export import template_worker
from tests.db_hash import content_hash


@pytest.fixture
def db_file(tmp_path, capsys):
    path = tmp_path / "plandesk.db"
    assert main.main(["--db", str(path), "list"]) == 0
    capsys.readouterr()
    return path


def tagged(path: Path, *paragraphs: str) -> Path:
    doc = docx.Document()
    doc.add_paragraph("{{ plan.title }}")
    for text in paragraphs:
        doc.add_paragraph(text)
    doc.save(path)
    return path


def export_fails(capsys, db_file: Path, template: Path, *words: str) -> str:
    out = template.parent / "输出.docx"
    before = content_hash(db_file)
    code = main.main(
        ["--db", str(db_file), "export", "1", "--template", str(template), "--out", str(out)]
    )
    err = capsys.readouterr().err
    assert content_hash(db_file) == before
    lines = err.strip().splitlines()
    assert code == 1 and len(lines) == 1 and lines[0].startswith("错误："), err
    assert "Traceback" not in err and f"模板“{template.name}”" in lines[0], err
    for word in words:
        assert word in lines[0], (word, err)
    assert not out.exists()
    assert not list(template.parent.glob(".~*")), "a temporary file was left"
    return lines[0]


def test_zip_bomb_template_is_refused(db_file, tmp_path, capsys):
    """1.2 MB → 2.4 GB took all memory; now the ratio limit refuses it unread."""
    src = io.BytesIO()
    tagged(tmp_path / "base.docx")
    with (
        zipfile.ZipFile(tmp_path / "base.docx") as zin,
        zipfile.ZipFile(src, "w", zipfile.ZIP_DEFLATED) as zout,
    ):
        for info in zin.infolist():
            zout.writestr(info.filename, zin.read(info.filename))
        with zout.open("word/media/zeros.bin", "w") as fh:
            for _ in range(25):
                fh.write(b"\0" * (1 << 20))
    bomb = tmp_path / "炸弹模板.docx"
    bomb.write_bytes(src.getvalue())
    assert bomb.stat().st_size < 200_000
    export_fails(capsys, db_file, bomb, "压缩")


def test_endless_loop_is_stopped_by_the_time_budget(db_file, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(template_worker, "TIME_BUDGET", 8.0)
    loop = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"
    export_fails(capsys, db_file, tagged(tmp_path / "循环.docx", loop), "秒")


def test_huge_output_is_stopped_by_the_memory_budget(db_file, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(template_worker, "MEMORY_BUDGET", 600 * 1024 * 1024)
    line = export_fails(capsys, db_file, tagged(tmp_path / "巨大.docx", "{{ 'x' * 2000000000 }}"))
    assert "内存" in line or "秒" in line


@pytest.mark.parametrize(
    ("tag", "word"),
    [
        ("{{ lipsum(100000) }}", "不存在"),
        ("{{ 1 / 0 }}", "除以零"),
        ("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}", "递归"),
        ("{% for i in range(1000000000) %}{% endfor %}", "超出范围"),
        ("{% include 'C:/Windows/win.ini' %}", "其他模板"),
        ("{% extends '/etc/passwd' %}", "其他模板"),
        ("{% import 'x.docx' as x %}", "其他模板"),
        ("{% if plan is nosuchtest %}x{% endif %}", "不存在"),
        ("{{ plan.title", "写法有误"),
    ],
)
def test_runtime_errors_are_one_chinese_sentence(db_file, tmp_path, capsys, tag, word):
    export_fails(capsys, db_file, tagged(tmp_path / "出错.docx", tag), word)


def test_broken_relationships_are_one_sentence(db_file, tmp_path, capsys):
    base = tagged(tmp_path / "base.docx")
    broken = tmp_path / "断链.docx"
    with zipfile.ZipFile(base) as zin, zipfile.ZipFile(broken, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "word/_rels/document.xml.rels":
                data = data.replace(b'Target="styles.xml"', b'Target="missing.xml"')
            zout.writestr(info.filename, data)
    export_fails(capsys, db_file, broken)


def test_a_good_template_still_renders(db_file, tmp_path, capsys):
    template = tagged(tmp_path / "好模板.docx", "{% for t in tasks %}{{ t.text }}{% endfor %}")
    out = tmp_path / "输出.docx"
    args = ["--db", str(db_file), "export", "1", "--template", str(template), "--out", str(out)]
    assert main.main(args) == 0
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert text.strip()
