"""Chinese outline numbers."""

from __future__ import annotations

import pytest

from models.entities import Node
from models.text.numbering import cn_numeral, heading_number, outline_numbers, task_label


@pytest.mark.parametrize(
    "n, text",
    [
        (1, "一"),
        (9, "九"),
        (10, "十"),
        (11, "十一"),
        (20, "二十"),
        (21, "二十一"),
        (99, "九十九"),
        (100, "一百"),
        (105, "一百零五"),
        (110, "一百一十"),
    ],
)
def test_cn_numeral(n, text):
    assert cn_numeral(n) == text


def test_heading_levels():
    assert [heading_number(level, 3) for level in (1, 2, 3, 4, 5)] == [
        "三、",
        "（三）",
        "3.",
        "（3）",
        "③",
    ]


def test_task_labels():
    assert task_label("yishi", 2, 2) == "二是"
    assert task_label("numbered", 3, 4) == "4."
    assert task_label("sentences", 2, 1) == ""


def test_outline_numbers_count_sections_and_tasks_apart():
    nodes = [
        Node(1, 1, None, 0, "section"),
        Node(2, 1, 1, 0, "task"),
        Node(3, 1, 1, 1, "section", task_style="yishi"),
        Node(4, 1, 3, 0, "task"),
        Node(5, 1, 3, 1, "task"),
        Node(6, 1, None, 1, "section"),
    ]
    numbers = outline_numbers(nodes)
    assert numbers[1] == "一、" and numbers[6] == "二、"
    assert numbers[3] == "（一）"
    assert numbers[4] == "一是" and numbers[5] == "二是"
    assert numbers[2] == ""


def test_numbered_tasks_share_the_sequence_with_subsections():
    nodes = [
        Node(1, 1, None, 0, "section", task_style="numbered"),
        Node(2, 1, 1, 0, "task"),
        Node(3, 1, 1, 1, "task"),
        Node(4, 1, 1, 2, "section"),
        Node(5, 1, None, 1, "task"),
    ]
    numbers = outline_numbers(nodes)
    assert [numbers[i] for i in (2, 3, 4)] == ["（一）", "（二）", "（三）"]
    assert numbers[1] == "一、" and numbers[5] == "二、"
