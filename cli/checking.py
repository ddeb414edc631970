"""``check-docx``: PlanDesk's own GB/T 9704 checker on any .docx, rule by rule.

Exit status (the contract of a checker, like ruff or grep): 0 when no rule fails; 1 when the
file does not pass, either because rules fail (listed on stdout) or because it cannot be
read (one line on stderr, nothing on stdout); 2 for a usage error. Skipped rules (no 版头,
no LibreOffice for the page rules) never fail a file.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from cli.common import echo, print_json
from export.gbt9704_check import FAIL, PASS, SKIP, CheckReport, check_docx

STATUS_WORDS = {PASS: "PASS", FAIL: "FAIL", SKIP: "SKIP"}


def register(sub: argparse._SubParsersAction) -> None:
    """Add the check-docx command."""
    p = sub.add_parser(
        "check-docx",
        help="check a .docx against GB/T 9704 (exit 0 clean, 1 findings or unreadable)",
        description="Check a .docx against GB/T 9704-2012, rule by rule with the clause. "
        "Page rules need LibreOffice (soffice); without it they are skipped. "
        "Exit 0: no rule fails; 1: rules fail or the file cannot be read; 2: usage error.",
    )
    p.add_argument("file", type=Path, help="the .docx to check")
    p.add_argument("--json", action="store_true", help="print the findings as JSON")
    p.add_argument(
        "--no-render", action="store_true", help="skip the page rules (no LibreOffice run)"
    )
    p.set_defaults(func=cmd_check_docx)


def format_report(report: CheckReport) -> list[str]:
    """The text output: failures first, then passes and skips, then one summary line."""
    order = {FAIL: 0, PASS: 1, SKIP: 2}
    lines = []
    for f in sorted(report.findings, key=lambda f: order[f.status]):
        clause = f"GB/T 9704 {f.clause}" if f.clause else "GB/T 9704"
        lines.append(f"{STATUS_WORDS[f.status]}  {f.rule}  [{clause}] {f.title}：{f.detail}")
    counts = {s: sum(1 for f in report.findings if f.status == s) for s in (PASS, FAIL, SKIP)}
    summary = (
        f"{report.path.name}：符合 {counts[PASS]} 项，"
        f"不符合 {counts[FAIL]} 项，跳过 {counts[SKIP]} 项"
    )
    if report.render_note:
        summary += f"（{report.render_note}）"
    lines.append(summary)
    return lines


def cmd_check_docx(args: argparse.Namespace) -> int:
    report = check_docx(args.file, render=False if args.no_render else None)
    if args.json:
        print_json(report.as_dict())
    else:
        for line in format_report(report):
            echo(line)
    return 0 if report.passed else 1
