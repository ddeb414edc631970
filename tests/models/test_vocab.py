"""Domain codes: one StrEnum per kind, the code is the stored text, the label beside it."""

from __future__ import annotations

import json

import pytest

from models import vocab
from models.vocab import Code, Light, NodeKind, TaskStatus

KINDS = [
    c for c in vars(vocab).values() if isinstance(c, type) and issubclass(c, Code) and c is not Code
]


def test_a_member_is_its_code_and_carries_its_label():
    assert TaskStatus.DONE == "done" and TaskStatus.DONE.label == "已完成"
    assert TaskStatus("done") is TaskStatus.DONE
    assert json.dumps({Light.RED: NodeKind.TASK}) == '{"red": "task"}'
    assert f"{NodeKind.SECTION}" == "section"


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.__name__)
def test_codes_are_ascii_and_labels_chinese(kind):
    assert len(kind) >= 2
    for member in kind:
        assert member.value.isascii() and member.label and not member.label.isascii()
    assert len({m.label for m in kind}) == len(kind)


def test_the_mappings_are_views_of_the_enums():
    assert vocab.TASK_STATUS == {m.value: m.label for m in TaskStatus}
    assert vocab.LIGHT == Light.labels()
    assert vocab.code_for(vocab.TASK_STATUS, " 已完成 ") == TaskStatus.DONE
    assert vocab.label(vocab.NODE_KIND, NodeKind.TASK) == "任务"
