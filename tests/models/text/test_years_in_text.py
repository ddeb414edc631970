"""The year of a text and of a multi-year title (models/text/years.py, moved from importing)."""

from __future__ import annotations

import pytest

from models.importing import parse_text
from models.text import years


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("2024年取得了较好成绩，2025年是十四五规划收官之年。", 2025),
        ("到2030年，基本实现现代化。2025年要抓好以下工作。", 2025),  # 到2030年 is a target
        ("2025年3月5日召开会议。2024年工作总结。", 2024),  # a date's year is not the text's
        ("2024年 3月5日的会议和2026年的打算", 2026),
        ("根据〔2024〕5号文件，2025年重点工作如下。", 2025),
        ("（2023年）完成了。2025年是关键一年。", 2025),  # in brackets: an aside
        ("2019年以来，2020年、2021年、2022年持续推进。", 2020),  # near the first year only
        ("2021—2025年规划中，2023年是中期。", 2023),  # the range's end is a target
        ("2024年至2026年", 2024),
        ("2025年3月底前完成。", None),
        ("今年的工作。", None),
        ("202425年", None),
        ("", None),
        # the one year pattern: full-width digits and Chinese numerals count the same
        ("２０２４年取得了成绩，２０２５年是关键一年。", 2025),
        ("二〇二五年是收官之年。", 2025),
        ("到二〇三〇年，二〇二五年要抓好以下工作。", 2025),
    ],
)
def test_text_year(text, year):
    assert years.text_year(text) == year


@pytest.mark.parametrize(
    ("title", "year"),
    [
        ("某镇2021—2025年乡村振兴规划", 2021),
        ("某镇2021-2025年规划", 2021),
        ("2021年—2025年规划", 2021),
        ("2021至2025年", 2021),
        ("2021~2022年", 2021),
        ("关于2019－2020年的通知", 2019),
        ("２０２１—２０２５年规划", 2021),
        ("二〇二一至二〇二五年规划", 2021),
        ("2024年工作计划", None),  # one year is no range
        ("工作计划", None),
    ],
)
def test_span_start_year(title, year):
    assert years.span_start_year(title) == year


def _year_of(text: str) -> int | None:
    return parse_text(text).documents[0].year


def test_import_takes_a_multi_year_title_by_its_first_year():
    assert (
        _year_of("某镇２０２１—２０２５年乡村振兴工作计划\n一、产业发展\n扩大黑山羊养殖。\n")
        == 2021
    )


def test_import_without_a_title_year_reads_the_text():
    text = "工作要点\n二〇二四年取得了成绩，二〇二五年是收官之年。\n一、产业发展\n扩大养殖。\n"
    assert _year_of(text) == 2025
