"""Fixtures for the export tests: sample plans, a 4-level plan, the GB/T 9704 checker."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

from export.gbt9704_check import CheckReport, check_docx
from export.rendering import soffice_path
from models.outline import store_document
from models.sample import load_sample

ROOT = Path(__file__).resolve().parents[2]
# The independent second opinion beside the repository (absent in a fresh clone).
SHARED_CHECKER = ROOT.parent / "shared" / "tools" / "check_gongwen.py"
SIGN_DAY = dt.date(2024, 1, 5)

FOUR_LEVEL_DOC = {
    "title": "关于印发测试镇2025年度农村人居环境整治提升和乡村振兴重点工作计划的通知",
    "year": 2025,
    "organization": "测试镇人民政府",
    "signed_date": "2025-02-03",
    "preamble": "为做好2025年各项工作，结合我镇实际，制定本计划。",
    "closing": "各村（社区）要按照本计划抓好落实。",
    "sections": [
        {
            "heading": "总体要求",
            "run_in": None,
            "task_style": "sentences",
            "body": "坚持稳中求进工作总基调。",
            "children": [
                {
                    "heading": "指导思想",
                    "run_in": "。",
                    "task_style": "sentences",
                    "body": "以人民为中心。",
                    "tasks": [{"text": "统筹发展和安全。"}],
                },
                {
                    "heading": "工作目标",
                    "run_in": "。",
                    "task_style": "yishi",
                    "tasks": [{"text": "粮食产量稳定；"}, {"text": "农民收入增长6%以上。"}],
                },
            ],
        },
        {
            "heading": "重点任务",
            "run_in": None,
            "task_style": None,
            "children": [
                {
                    "heading": "发展特色产业",
                    "run_in": None,
                    "task_style": "numbered",
                    "tasks": [
                        {
                            "text": "扩大油茶种植。新增面积500亩。",
                            "deadline": "6月底前",
                            "owner_unit": "农业办",
                            "lead_leader": "张副镇长",
                        },
                        {"text": "打造特色品牌；", "owner_unit": "@全体村", "co_units": "-"},
                    ],
                },
                {
                    "heading": "深化数据共享",
                    "run_in": None,
                    "task_style": "sentences",
                    "children": [
                        {
                            "heading": "完善目录编制规范",
                            "run_in": "。",
                            "task_style": "paragraphs",
                            "body": "制定目录编制指南。",
                            "tasks": [
                                {"text": "=A1+A2起草任务清单。", "target": "+10%"},
                                {"text": "按季度通报进展。"},
                            ],
                            "children": [
                                {
                                    "heading": "3月底前完成目录梳理",
                                    "run_in": "。",
                                    "task_style": "sentences",
                                    "body": "形成目录初稿。",
                                },
                                {
                                    "heading": "6月底前完成目录审核发布",
                                    "run_in": "。",
                                    "task_style": "sentences",
                                    "tasks": [{"text": "同步更新至共享平台。"}],
                                },
                            ],
                        },
                        {
                            "heading": "强化数据质量管理",
                            "run_in": "。",
                            "task_style": "sentences",
                            "tasks": [{"text": "建立问题整改闭环机制。"}],
                        },
                    ],
                },
                {
                    "heading": "壮大集体经济",
                    "run_in": "。",
                    "task_style": "sentences",
                    "tasks": [{"text": "盘活闲置资产资源。", "status": "in_progress"}],
                },
            ],
        },
    ],
}


@pytest.fixture
def sample_ids(db):
    """The three bundled sample plans stored in a fresh database."""
    return load_sample(db)


@pytest.fixture
def four_level_id(db):
    """A plan with four heading levels, every task_style and run-in headings."""
    return store_document(db, FOUR_LEVEL_DOC)


# Page rules today's exports meet; the others (SIGN-LAYOUT, BANTOU-GEOMETRY, TITLE-WRAP of
# long titles) are tested on fixtures in test_gbt9704_check.py until the layout meets them.
RENDERED_RULES = ("LINES-RENDERED", "CHARS-RENDERED", "HEADING-PAGE-END", "LUOKUAN-PAGE")
RENDERED_RULES += ("PAGENUM-RENDERED",)

needs_soffice = pytest.mark.skipif(soffice_path() is None, reason="LibreOffice not installed")


def gongwen_report(path: Path, *, render: bool = False) -> CheckReport:
    """PlanDesk's own GB/T 9704 check of a file (file rules; page rules with render)."""
    return check_docx(path, render=render)


def gongwen_failures(path: Path, *, rules: tuple[str, ...] | None = None) -> list[str]:
    """The failed file rules of a .docx, or with ``rules`` the failed rendered rules named
    there (the file is then laid out by LibreOffice), as "RULE: detail" lines."""
    report = gongwen_report(path, render=rules is not None)
    return [
        f"{f.rule}: {f.detail}"
        for f in report.failures
        if (f.source == "docx" if rules is None else f.rule in rules)
    ]


def run_shared_checker(path: Path) -> subprocess.CompletedProcess:
    """Run shared/tools/check_gongwen.py on a file (the caller skips when it is absent)."""
    return subprocess.run(
        [sys.executable, str(SHARED_CHECKER), str(path)],
        capture_output=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},  # not the ANSI code page on Windows
        timeout=120,
    )


needs_shared_checker = pytest.mark.skipif(
    not SHARED_CHECKER.is_file(), reason=f"shared checker not found at {SHARED_CHECKER}"
)
