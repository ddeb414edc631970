"""The seed compilation imports to exactly the three sample plans."""

from __future__ import annotations

import json

from models.importing import parse_file
from models.importing.conservation import check_conservation
from resources import resource_path
from tests.conftest import SEED


def _section(s: dict) -> dict:
    return {
        "heading": s["heading"],
        "level": s["level"],
        "body": s["body"],
        "run_in": s["run_in"],
        "task_style": s["task_style"],
        "tasks": [t["text"] for t in s["tasks"]],
        "children": [_section(c) for c in s["children"]],
    }


def _doc(d: dict) -> dict:
    return {
        "title": d["title"],
        "year": d["year"],
        "organization": d["organization"],
        "preamble": d["preamble"],
        "sections": [_section(s) for s in d["sections"]],
    }


def test_seed_gives_the_three_sample_plans():
    result = parse_file(SEED)
    with open(resource_path("sample", "plans-2024.json"), encoding="utf-8") as fh:
        expected = json.load(fh)["documents"]
    got = result.to_json()["documents"]
    assert [_doc(d) for d in got] == [_doc(d) for d in expected]


def test_seed_level_one_counts_and_no_watermark_left():
    result = parse_file(SEED)
    assert [len(d.sections) for d in result.documents] == [5, 5, 8]
    dumped = json.dumps(result.to_json(), ensure_ascii=False)
    for junk in ("文库", "素材", "paidbegin", "paidend", "##", "【", "目 录", "汇编", "@~"):
        assert junk not in dumped


def test_seed_conserves_text():
    result = parse_file(SEED)
    check_conservation(result)
    kinds = {r.kind for r in result.removed}
    assert {"watermark", "paid", "toc", "label", "numbering"} <= kinds
