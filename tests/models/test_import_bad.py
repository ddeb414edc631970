"""Bad and hostile input: a clear ImportFileError naming the file, never anything else."""

from __future__ import annotations

import time
import zipfile
from pathlib import Path

import pytest

from models.errors import ImportFileError
from models.importing import parse_file, readers
from tests.models.import_fixtures import billion_laughs_docx, billion_laughs_xlsx, zip_bomb


def _error(path: Path) -> ImportFileError:
    with pytest.raises(ImportFileError) as info:
        parse_file(path)
    text = info.value.user_text
    assert "\n" not in text
    return info.value


def test_missing_file(tmp_path: Path):
    err = _error(tmp_path / "nope.txt")
    assert "nope.txt" in err.user_text and "找不到" in err.user_text


def test_empty_file(tmp_path: Path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert "空文件" in _error(path).user_text


def test_blank_text_file(tmp_path: Path):
    path = tmp_path / "blank.txt"
    path.write_text("  \n\n\u3000\n", encoding="utf-8")
    assert "blank.txt" in _error(path).user_text


def test_binary_data_named_txt(tmp_path: Path):
    path = tmp_path / "photo.txt"
    path.write_bytes(bytes(range(256)) * 40)
    err = _error(path)
    assert "photo.txt" in err.user_text


@pytest.mark.parametrize("suffix", [".doc", ".wps", ".pdf", ".odt"])
def test_unsupported_formats_say_save_as_docx(tmp_path: Path, suffix: str):
    path = tmp_path / f"old{suffix}"
    path.write_bytes(b"\xd0\xcf\x11\xe0" + b"x" * 100)
    err = _error(path)
    assert path.name in err.user_text and ".docx" in err.user_text


def test_corrupt_zip_named_docx(tmp_path: Path):
    path = tmp_path / "broken.docx"
    path.write_bytes(b"PK\x03\x04" + b"garbage" * 50)
    err = _error(path)
    assert "broken.docx" in err.user_text and "另存为" in err.user_text


def test_zip_without_document_part(tmp_path: Path):
    path = tmp_path / "other.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("hello.txt", "hi")
    assert "other.docx" in _error(path).user_text


def test_truncated_docx(tmp_path: Path):
    from tests.models.import_fixtures import styled_docx

    good = styled_docx(tmp_path / "good.docx").read_bytes()
    path = tmp_path / "cut.docx"
    path.write_bytes(good[: len(good) // 2])
    assert "cut.docx" in _error(path).user_text


def test_zip_bomb_is_refused_before_parsing(tmp_path: Path):
    path = zip_bomb(tmp_path / "bomb.docx")
    assert path.stat().st_size < 2_000_000
    start = time.monotonic()
    err = _error(path)
    assert "压缩炸弹" in err.user_text
    assert time.monotonic() - start < 5  # refused from the directory, nothing inflated


def test_billion_laughs_is_refused(tmp_path: Path):
    path = billion_laughs_docx(tmp_path, tmp_path / "laughs.docx")
    err = _error(path)
    assert "实体" in err.user_text


def test_billion_laughs_in_xlsx_is_refused(tmp_path: Path):
    path = billion_laughs_xlsx(tmp_path, tmp_path / "laughs.xlsx")
    err = _error(path)
    assert "laughs.xlsx" in err.user_text and "实体" in err.user_text


def test_python_docx_parser_does_not_expand_entities():
    # the second line of defence, in case a DTD ever got past the scan
    from docx.oxml.parser import oxml_parser
    from lxml import etree

    from tests.models.import_fixtures import BILLION_LAUGHS

    try:
        root = etree.fromstring(BILLION_LAUGHS.encode(), oxml_parser)
    except etree.XMLSyntaxError as exc:  # libxml2 refuses the amplification itself
        assert "amplification" in str(exc) or "entity" in str(exc).lower()
    else:
        assert len(etree.tostring(root)) < 10_000


def test_text_file_over_the_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(readers, "MAX_TEXT_BYTES", 1000)
    path = tmp_path / "huge.txt"
    path.write_text("加强党建。" * 500, encoding="utf-8")
    err = _error(path)
    assert "huge.txt" in err.user_text and "太大" in err.user_text


def test_xlsx_without_task_table(tmp_path: Path):
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.append(["姓名", "年龄"])
    path = tmp_path / "people.xlsx"
    wb.save(path)
    err = _error(path)
    assert "people.xlsx" in err.user_text and "工作任务" in err.user_text


def test_undecodable_text(tmp_path: Path):
    path = tmp_path / "mixed.txt"
    path.write_bytes(b"\xff\xfe\x00")  # a UTF-16 BOM followed by half a character
    assert "mixed.txt" in _error(path).user_text
