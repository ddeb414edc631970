"""``import``: read .docx/.doc/.wps/.pdf/.txt/.xlsx plans and store them (--dry-run: only show)."""

from __future__ import annotations

import argparse
import logging

from cli.common import echo, open_db, print_json
from models.errors import PlanDeskError
from models.store import backup

log = logging.getLogger(__name__)


def register(sub: argparse._SubParsersAction) -> None:
    """Add the import command."""
    p = sub.add_parser(
        "import", help="import plans from .docx, .doc, .wps, .pdf, .txt or .xlsx files"
    )
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument(
        "--simplify", action="store_true", help="store Traditional-script text as simplified"
    )
    p.add_argument(
        "--summary",
        choices=("preamble", "plan", "drop"),
        default="preamble",
        help="the 总结 part of a 总结+计划 document: preamble (default), own plan, or left out",
    )
    p.add_argument(
        "--drop-notice",
        action="store_true",
        help="leave a cover notice (关于印发…的通知) out of the plan's preamble",
    )
    p.add_argument("--dry-run", action="store_true", help="recognise only, store nothing")
    p.add_argument("--json", action="store_true", help="print the recognised plans as JSON")
    p.set_defaults(func=cmd_import)


def cmd_import(args: argparse.Namespace) -> int:
    """Parse every file first; store all plans in one transaction unless --dry-run."""
    # every file is parsed before anything is written, so one bad file stores nothing
    from models.importing import parse_file, store_result  # its patterns: only for imports

    results = [parse_file(f, simplify=args.simplify) for f in args.files]
    for result in results:
        for doc in result.documents:
            doc.summary_as = args.summary
            doc.keep_notice = not args.drop_notice
    if args.dry_run:
        docs = [d for r in results for d in r.to_json()["documents"]]
    else:
        with open_db(args, write=True) as db:
            try:  # insurance only: an import adds plans and never changes existing ones
                backup.backup_before(db, "import")
            except PlanDeskError as exc:
                log.warning("backup before import failed: %s", exc)
            docs = store_result(db, results)
    if args.json:
        print_json({"documents": docs})
        return 0
    for doc in docs:
        sections, tasks = _count(doc)
        prefix = f"{doc['id']:>5}  " if "id" in doc else ""
        echo(f"{prefix}{doc['year'] or '----'}  {doc['title']}  {sections} 章节 / {tasks} 任务")
    if args.dry_run:
        echo("（试运行，未写入数据库）")
    return 0


def _count(doc: dict) -> tuple[int, int]:
    sections = tasks = 0
    stack = list(doc.get("sections") or [])
    tasks += len(doc.get("tasks") or [])
    while stack:
        sec = stack.pop()
        sections += 1
        tasks += len(sec.get("tasks") or [])
        stack.extend(sec.get("children") or [])
    return sections, tasks
