"""Medians of the exports: plan .docx (GB/T 9704), task table .xlsx/.docx, plan PDF.

    python bench/bench_export.py [--runs 5]

Uses the largest sample plan and a generated plan of 500 tasks (10 × 10 sections, 5 tasks
each, 一是…二是…). Prints one JSON object of milliseconds.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.timing import median_ms  # noqa: E402

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QGuiApplication  # noqa: E402

from export.content import load_plan_data  # noqa: E402
from export.gongwen import export_plan_docx  # noqa: E402
from export.html import plan_html  # noqa: E402
from export.pdf import write_pdf  # noqa: E402
from export.task_table import export_tasks_docx, export_tasks_xlsx  # noqa: E402
from models.outline import store_document  # noqa: E402
from models.sample import load_sample  # noqa: E402
from models.store.open import open_database  # noqa: E402


def big_plan() -> dict:
    """A plan of 10 parts × 10 run-in subsections × 5 yishi tasks = 500 tasks."""
    return {
        "title": "测试县2025年重点工作任务计划",
        "organization": "测试县人民政府",
        "sections": [
            {
                "heading": f"第{i}方面重点工作",
                "run_in": None,
                "task_style": "sentences",
                "children": [
                    {
                        "heading": f"推进第{j}项工作",
                        "run_in": "。",
                        "task_style": "yishi",
                        "tasks": [
                            {
                                "text": f"落实第{k}项具体措施，确保按期完成；",
                                "owner_unit": "县发改局",
                                "deadline": "6月底前",
                            }
                            for k in range(5)
                        ],
                    }
                    for j in range(10)
                ],
            }
            for i in range(10)
        ],
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    app = QGuiApplication.instance() or QGuiApplication([])  # noqa: F841 (PDF needs it)
    folder = Path(tempfile.mkdtemp())
    db = open_database(folder / "bench.db")
    sample = load_sample(db)[2]
    big = store_document(db, big_plan())
    out = {}
    for name, plan_id in (("sample", sample), ("500_tasks", big)):
        data = load_plan_data(db, plan_id)
        out[f"{name}_plan_docx_ms"] = median_ms(
            lambda d=data: export_plan_docx(d, folder / "p.docx"), args.runs
        )
        out[f"{name}_tasks_xlsx_ms"] = median_ms(
            lambda d=data: export_tasks_xlsx(d, folder / "t.xlsx"), args.runs
        )
        out[f"{name}_tasks_docx_ms"] = median_ms(
            lambda d=data: export_tasks_docx(d, folder / "t.docx"), args.runs
        )
        out[f"{name}_plan_pdf_ms"] = median_ms(
            lambda d=data: write_pdf(plan_html(d), folder / "p.pdf"), args.runs
        )
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
