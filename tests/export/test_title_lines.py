"""Title lines (GB/T 9704 7.3.1) and the PDF text-layer repair, without rendering."""

from __future__ import annotations

import pytest

from export.pdf_unicode import fix_to_unicode, ideograph
from export.title_lines import TITLE_MAX_WIDTH, split_title, title_tokens, title_width

NAMES = ("测试镇人民政府", "测试镇", "XX镇", "县司法局")


@pytest.mark.parametrize(
    ("title", "lines"),
    [
        (
            "关于印发测试镇2025年度农村人居环境整治提升和乡村振兴重点工作计划的通知",
            ["关于印发测试镇2025年度农村人居环境", "整治提升和乡村振兴重点工作计划的通知"],
        ),
        (
            "测试镇2025年度农村人居环境整治提升工作计划",
            ["测试镇2025年度农村", "人居环境整治提升工作计划"],
        ),
        (
            "关于XX镇2024年工作计划上半年落实情况的督查通报",
            ["关于XX镇2024年工作计划", "上半年落实情况的督查通报"],
        ),
        ("镇人民政府2024年度工作计划", ["镇人民政府2024年度工作计划"]),
    ],
)
def test_titles_break_between_words(title, lines):
    assert split_title(title, names=NAMES) == lines


def test_no_line_of_one_character_and_no_word_cut():
    # 19 characters plus Latin letters: too wide for one line, and 告 must not stand alone
    title = "XXX县司法局2024年工作计划上半年进展情况报告"
    lines = split_title(title, names=NAMES)
    assert "".join(lines) == title
    assert len(lines) == 2 and min(len(x) for x in lines) >= 2
    assert max(title_width(x) for x in lines) <= TITLE_MAX_WIDTH
    for line in lines[:-1]:
        assert not line.endswith(("工作计", "工作", "进展情", "报"))


def test_the_plans_own_names_stay_whole():
    tokens = [t for t, _ in title_tokens("测试镇人民政府关于加强安全生产的通知", NAMES)]
    assert tokens[0] == "测试镇人民政府"
    lines = split_title("某某某某某某某某镇人民政府关于进一步加强全镇安全生产工作的通知", names=())
    assert len(lines) > 1 and not any(line.startswith("镇") for line in lines)


def test_radicals_in_to_unicode_maps_become_ideographs():
    cmap = (
        b"begincmap\n2 beginbfrange\n<0000> <0000> <0000>\n"
        b"<0001> <0004> [<2F2F> <4F5C> <2EA0> <2F00>]\nendbfrange\n"
        b"1 beginbfchar\n<2F2F> <2F2F>\nendbfchar\nendcmap"
    )
    fixed = fix_to_unicode(b"%PDF-1.4\n" + cmap + b"\n%%EOF")
    assert len(fixed) == len(cmap) + 15
    assert b"[<5DE5> <4F5C> <6C11> <4E00>]" in fixed
    assert b"<2F2F> <5DE5>" in fixed  # the source code is kept, the destination fixed
    assert ideograph("⼯") == "工" and ideograph("工") == "工" and ideograph("A") == "A"
