"""Deadlines written in words → calendar dates."""

from __future__ import annotations

import pytest

from models.text.deadlines import due_date_from_text, parse_iso


@pytest.mark.parametrize(
    "text, expected",
    [
        ("6月底前", "2024-06-30"),
        ("2024年10月前", "2024-10-31"),
        ("2025年底前", "2025-12-31"),
        ("2025年年底前", "2025-12-31"),
        ("年底前", "2024-12-31"),
        ("第一季度", "2024-03-31"),
        ("2025年第三季度", "2025-09-30"),
        ("上半年", "2024-06-30"),
        ("下半年完成", "2024-12-31"),
        ("12月31日前", "2024-12-31"),
        ("2月29日前", "2024-02-29"),
        ("九月中旬", "2024-09-20"),
        ("2025-03-01", "2025-03-01"),
        ("长期坚持", None),
        ("每月", None),
        ("", None),
    ],
)
def test_due_date_from_text(text, expected):
    assert due_date_from_text(text, 2024) == expected


def test_without_plan_year_only_explicit_years_count():
    assert due_date_from_text("6月底前", None) is None
    assert due_date_from_text("2025年6月底前", None) == "2025-06-30"


def test_impossible_dates_give_none():
    assert due_date_from_text("2月30日前", 2024) is None
    assert parse_iso("2024-13-01") is None
    assert parse_iso("明天") is None
