"""The rules of Chinese text (models/text/), and the modules that use them agree."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from models import reports
from models.importing import structure
from models.text import years
from models.text.deadlines import due_date_from_text
from models.text.numerals import cn_digits, cn_numeral, cn_to_int
from models.text.units import split_names
from models.text.widths import full_width


# ---------------------------------------------------------------- numerals
@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("一", 1),
        ("十", 10),
        ("十二", 12),
        ("二十", 20),
        ("二十三", 23),
        ("两", 2),
        ("一百零五", 105),
        ("一百一十", 110),
        ("二〇二四", 2024),
        ("二零二五", 2025),
        ("一九九八", 1998),
        ("", None),
        ("甲", None),
        ("十甲", None),
    ],
)
def test_chinese_numeral_to_int(text, value):
    assert cn_to_int(text) == value


@pytest.mark.parametrize(
    ("n", "text"), [(1, "一"), (10, "十"), (11, "十一"), (20, "二十"), (105, "一百零五")]
)
def test_int_to_chinese_numeral(n, text):
    assert cn_numeral(n) == text


@given(st.integers(min_value=1, max_value=999))
def test_numerals_round_trip(n):
    assert cn_to_int(cn_numeral(n)) == n


def test_year_digits():
    assert cn_digits(2025) == "二〇二五"
    assert cn_digits(2020, zero="零") == "二零二零"


def test_full_width():
    assert full_width("2025年A! ") == "２０２５年Ａ！\u3000"


# ---------------------------------------------------------------- years
@pytest.mark.parametrize(
    ("title", "year"),
    [
        ("XX镇2024年工作计划", 2024),
        ("XX镇二〇二四年工作计划", 2024),
        ("XX镇二零二四年工作要点", 2024),
        ("XX镇２０２４年工作计划", 2024),
        ("2019年工作总结和2020年工作计划", 2020),  # the plan's year, not the summary's
        ("XX镇工作计划", None),
    ],
)
def test_plan_year_of_a_title(title, year):
    assert structure._year(title) == year


def test_organization_of_a_title():
    assert structure.organization_of("关于印发XX镇二〇二四年工作要点") == "XX镇"
    assert structure.organization_of("XX镇２０２４年度工作计划") == "XX镇"


@pytest.mark.parametrize(
    ("text", "mentions"),
    [
        ("2024年工作计划", [(2024, False, False)]),
        ("二〇二四年工作计划", [(2024, True, False)]),
        ("２０２４年工作计划", [(2024, True, False)]),
        ("2021—2025年规划", [(2021, False, True), (2025, False, True)]),
        ("共12024人", []),
        ("2024工作", []),  # no 年: not a year mention
    ],
)
def test_year_mentions(text, mentions):
    got = [(m.year, m.chinese, m.in_range) for m in years.year_mentions(text)]
    assert got == mentions


@pytest.mark.parametrize(
    ("text", "shifted"),
    [
        ("2024年工作计划", "2025年工作计划"),
        ("二〇二四年工作计划", "二〇二五年工作计划"),
        ("二零二四年工作计划", "二零二五年工作计划"),
        ("２０２４年工作计划", "２０２５年工作计划"),
        ("2022—2024年三年行动", "2022—2024年三年行动"),  # a range is not the plan year
        ("2024年以来", "2024年以来"),  # looking back
        ("2023年底前", "2023年底前"),  # another year is never touched
    ],
)
def test_plan_year_shift_keeps_the_written_form(text, shifted):
    assert years.shift_years_in_text(text, 2024, 2025)[0] == shifted


def test_every_year_shift_for_deadlines():
    assert years.shift_all_years_in_text("2024年10月前，二〇二三年底", 1) == (
        "2025年10月前，二〇二四年底"
    )
    assert years.shift_all_years_in_text(None, 1) is None


# ---------------------------------------------------------------- unit names
@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("党政办、财政所", ["党政办", "财政所"]),
        ("党政办，财政所;农业办", ["党政办", "财政所", "农业办"]),
        ("党政办/ 财政所", ["党政办", "财政所"]),
        (" ", []),
    ],
)
def test_unit_names_split_the_same_everywhere(text, names):
    assert split_names(text) == names
    assert reports.split_units(text) == (names or [reports.NO_UNIT])


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("二〇二四年10月前", 2024),
        ("２０２４年10月前", 2024),
        ("2023年底前", 2023),
        ("年底前", None),
    ],
)
def test_the_one_year_reader(text, year):
    assert years.first_year(text) == year


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("二〇二四年10月前", "2024-10-31"),  # a Chinese year in a deadline counts now
        ("２０２４年第三季度", "2024-09-30"),
        ("十二月底前", "2025-12-31"),
        ("第二季度", "2025-06-30"),
    ],
)
def test_deadlines_read_years_and_months_with_the_shared_rules(text, due):
    assert due_date_from_text(text, 2025) == due
