"""``due``, ``search`` and the feedback-sheet commands: following the plans through the year."""

from __future__ import annotations

import argparse
import datetime as dt

from cli.common import echo, open_db, parse_plan_id, print_json
from models import feedback, search, tracking
from models.exchange import county
from models.vocab import LIGHT, PACE, label


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"date must be YYYY-MM-DD, not {value!r}") from None


def _days(value: str) -> int:
    try:
        days = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"days must be a number, not {value!r}") from None
    if not 0 <= days <= 365:
        raise argparse.ArgumentTypeError("days must be between 0 and 365")
    return days


def register(sub: argparse._SubParsersAction) -> None:
    """Add due, search, feedback-sheets, feedback-import and import-table."""
    p = sub.add_parser("due", help="the due list: open tasks and checkpoints with their light")
    p.add_argument(
        "--within",
        type=_days,
        metavar="DAYS",
        help="yellow when due within DAYS (default: the setting, 7)",
    )
    p.add_argument("--today", type=_date, metavar="YYYY-MM-DD", help="the date to judge by")
    p.add_argument("--unit", help="only tasks of this 责任单位")
    p.add_argument("--plan", type=parse_plan_id, help="only this plan")
    p.add_argument("--office", help="only the plans of this office (code, name or 'own')")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_due)

    p = sub.add_parser("search", help="search every plan and year")
    p.add_argument("query")
    p.add_argument("--limit", type=int, default=search.DEFAULT_LIMIT)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_search)

    p = sub.add_parser("feedback-sheets", help="write one feedback .xlsx per 责任单位")
    p.add_argument("plan", type=parse_plan_id)
    p.add_argument("--out", required=True, metavar="FOLDER")
    p.add_argument("--unit", action="append", help="only these units (repeatable)")
    p.set_defaults(func=cmd_feedback_sheets)

    p = sub.add_parser("feedback-import", help="read a returned feedback sheet")
    p.add_argument("file")
    p.add_argument("--plan", type=parse_plan_id, help="refuse a sheet of any other plan")
    p.add_argument("--apply", action="store_true", help="apply the rows without problems")
    p.add_argument(
        "--include-conflicts",
        action="store_true",
        help="with --apply, also apply rows whose task changed since",
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_feedback_import)

    p = sub.add_parser("import-table", help="read an edited 任务分解表 .xlsx back into a plan")
    p.add_argument("plan", type=parse_plan_id)
    p.add_argument("file")
    p.add_argument("--apply", action="store_true", help="apply the changes (default: preview)")
    p.add_argument("--reason", default="", help="reason logged for 完成时限/量化目标 changes")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_import_table)


def cmd_due(args: argparse.Namespace) -> int:
    with open_db(args) as db:
        filters = tracking.DueFilter(owner_unit=args.unit, plan_id=args.plan)
        items = county.due_list(db, args.today, args.within, filters, office=args.office)
        if args.json:
            print_json(
                {"items": [i.as_json() for i in items], "counts": tracking.count_lights(items)}
            )
            return 0
        counts = tracking.count_lights(items)
        echo("  ".join(f"{label(LIGHT, k)} {v}" for k, v in counts.items()))
        for i in items:
            what = f"[{i.checkpoint_title}] " if i.kind == "checkpoint" else ""
            echo(
                f"{label(LIGHT, i.light)}  {label(PACE, i.pace)}  {i.due or '----------'}  "
                f"{i.owner_unit or '-'}  "
                f"#{i.node_id} {county.office_prefix(i.plan_title)}{what}{i.text}"
            )
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    with open_db(args) as db:
        hits = search.search(db, args.query, limit=max(1, args.limit))
        if args.json:
            print_json({"results": [h.as_json() for h in hits]})
            return 0
        for h in hits:
            echo(f"{h.year or '----'}  {h.plan_title}  #{h.node_id}  {h.snippet}")
    return 0


def cmd_feedback_sheets(args: argparse.Namespace) -> int:
    with open_db(args) as db:
        from export.feedback_sheet import export_feedback_sheets  # openpyxl: only here

        for path in export_feedback_sheets(db, args.plan, args.out, args.unit):
            echo(str(path))
    return 0


def cmd_feedback_import(args: argparse.Namespace) -> int:
    with open_db(args, write=args.apply) as db:
        preview = feedback.read_feedback(db, args.file, plan_id=args.plan)
        applied = []
        if args.apply:
            applied = feedback.apply_feedback(db, preview, include_conflicts=args.include_conflicts)
        rows = [
            {
                "row": r.row,
                "task_id": r.task_id,
                "state": r.state,
                "reasons": r.reasons,
                "note": r.note,
                "progress": r.progress,
                "problems": r.problems,
                "old_progress": r.old_progress,
            }
            for r in preview.rows
        ]
        if args.json:
            print_json(
                {
                    "plan_id": preview.plan_id,
                    "unit": preview.unit,
                    "list_changed": preview.list_changed,
                    "added_tasks": preview.added_tasks,
                    "rows": rows,
                    "applied": [a.task_id for a in applied],
                }
            )
            return 0
        echo(f"{preview.unit}: {len(preview.rows)} rows, {len(applied)} applied")
        for r in rows:
            echo(
                f"  row {r['row']}  #{r['task_id']}  {r['state']}  {','.join(r['reasons'])}  "
                f"{r['progress'] if r['progress'] is not None else '-'}%  {r['note']}"
            )
    return 0


def cmd_import_table(args: argparse.Namespace) -> int:
    from export.feedback_sheet import task_table_numbers

    with open_db(args, write=args.apply) as db:
        preview = feedback.read_task_table(
            db, args.plan, args.file, numbers=task_table_numbers(db, args.plan)
        )
        applied = {}
        if args.apply:
            applied = feedback.apply_task_table(db, preview, reason=args.reason)
        changes = [
            {
                "row": c.row,
                "task_id": c.task_id,
                "seq": c.seq,
                "changes": {k: {"old": o, "new": n} for k, (o, n) in c.changes.items()},
            }
            for c in preview.changes
        ]
        if args.json:
            print_json(
                {
                    "changes": changes,
                    "unchanged": preview.unchanged,
                    "unmatched_rows": [{"row": r, "text": t} for r, t in preview.unmatched_rows],
                    "missing_tasks": preview.missing_tasks,
                    "errors": [{"row": r, "field": f, "text": t} for r, f, t in preview.errors],
                    "applied": sorted(applied),
                }
            )
            return 0
        for c in changes:
            parts = "; ".join(f"{k}: {v['old']} -> {v['new']}" for k, v in c["changes"].items())
            echo(f"  row {c['row']}  #{c['task_id']}  {parts}")
        echo(
            f"{len(changes)} changed, {preview.unchanged} unchanged, "
            f"{len(preview.unmatched_rows)} unmatched, {len(preview.errors)} errors"
            + (", applied" if args.apply else "")
        )
    return 0
