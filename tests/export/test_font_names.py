"""The font names a .docx names: official (default) or those of a stock Windows."""

from __future__ import annotations

import zipfile

from export.content import load_plan_data
from export.gongwen import export_plan_docx


def _xml(path, part):
    return zipfile.ZipFile(path).read(part).decode("utf-8")


def test_official_names_by_default_windows_names_on_request(db, sample_ids, tmp_path):
    data = load_plan_data(db, sample_ids[0])
    official = export_plan_docx(data, tmp_path / "o.docx")
    windows = export_plan_docx(data, tmp_path / "w.docx", fonts="windows")
    for name in ("仿宋_GB2312", "楷体_GB2312", "方正小标宋简体"):
        assert name in _xml(official, "word/styles.xml")
    styles = _xml(windows, "word/styles.xml")
    fonts = _xml(windows, "word/fontTable.xml")
    for old, new in (
        ("仿宋_GB2312", "仿宋"),
        ("楷体_GB2312", "楷体"),
        ("方正小标宋简体", "华文中宋"),
    ):
        assert old not in styles and old not in fonts
        assert f'w:eastAsia="{new}"' in styles and f'w:name="{new}"' in fonts
    assert 'w:name="华文中宋"><w:altName w:val="宋体"/>' in fonts
