"""``rollover`` and ``compare``: draft next year's plan, and compare two plans."""

from __future__ import annotations

import argparse
import logging

from cli.common import echo, open_db, parse_plan_id, print_json
from models import compare, outline, rollover
from models.errors import PlanDeskError
from models.store import backup
from models.vocab import DIFF_STATUS, REVIEW_KIND, TASK_STATUS, label

log = logging.getLogger(__name__)

_MARK = {"added": "+", "removed": "-", "changed": "~", "same": " "}


def register(sub: argparse._SubParsersAction) -> None:
    """Add the rollover and compare commands."""
    p = sub.add_parser("rollover", help="draft next year's plan from a plan")
    p.add_argument("plan", type=parse_plan_id)
    p.add_argument("--year", type=int, help="year of the new plan (default: the next year)")
    p.add_argument(
        "--carry",
        choices=rollover.CARRY_MODES,
        default="all",
        help="carry all tasks, or only those not finished",
    )
    p.add_argument("--clear-people", action="store_true", help="clear 责任人 (owner_person)")
    p.add_argument(
        "--clear-deadlines", action="store_true", help="clear 完成时限, due dates and checkpoints"
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_rollover)
    p = sub.add_parser("compare", help="compare two plans side by side")
    p.add_argument("plan_a", type=parse_plan_id)
    p.add_argument("plan_b", type=parse_plan_id)
    p.add_argument("--all", action="store_true", help="also list unchanged rows")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_compare)
    p = sub.add_parser("history", help="earlier years' versions of a task (carried_from chain)")
    p.add_argument("task", type=parse_plan_id, help="task id")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_history)


def cmd_rollover(args: argparse.Namespace) -> int:
    with open_db(args, write=True) as db:
        # refused options fail before anything (even the backup) is written
        rollover.check_options(db, args.plan, year=args.year, carry=args.carry)
        try:  # insurance only: the old plan is never changed by a rollover
            backup.backup_before(db, "rollover")
        except PlanDeskError as exc:
            log.warning("backup before rollover failed: %s", exc)
        result = rollover.rollover(
            db,
            args.plan,
            year=args.year,
            carry=args.carry,
            keep_people=not args.clear_people,
            keep_deadlines=not args.clear_deadlines,
        )
        if args.json:
            print_json(result.to_dict())
            return 0
        plan = outline.get_plan(db, result.plan_id)
        echo(f"{plan.id}  {plan.year}  {plan.title}")
        for item in result.review:
            where = item.node_id if item.node_id is not None else "-"
            mark = f" [{item.match}]" if item.match else ""
            echo(f"  {label(REVIEW_KIND, item.kind)}  #{where}{mark}  {item.text}")
    return 0


def _render(text: str, opcodes: list, side: str) -> str:
    """Text with changes marked for a terminal: [-deleted-] and {+inserted+}."""
    if not opcodes:
        return text
    out = []
    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "equal":
            out.append(text[i1:i2] if side == "a" else text[j1:j2])
        elif side == "a" and tag in ("delete", "replace"):
            out.append(f"[-{text[i1:i2]}-]")
        elif side == "b" and tag in ("insert", "replace"):
            out.append(f"{{+{text[j1:j2]}+}}")
    return "".join(out)


def cmd_compare(args: argparse.Namespace) -> int:
    with open_db(args) as db:
        result = compare.compare_plans(db, args.plan_a, args.plan_b)
        if args.json:
            print_json(result.to_dict())
            return 0
        counts = result.counts()
        echo("  ".join(f"{label(DIFF_STATUS, k)} {v}" for k, v in counts.items()))
        for row in [*result.header, *result.rows]:
            if row.status == "same" and not args.all:
                continue
            indent = "  " * max(0, row.depth - 1)
            mark = _MARK[row.status]
            if row.status == "changed" and row.opcodes:
                echo(f"- {indent}{row.left.number}{_render(row.left.text, row.opcodes, 'a')}")
                echo(f"+ {indent}{row.right.number}{_render(row.right.text, row.opcodes, 'b')}")
            else:
                node = row.right or row.left
                echo(f"{mark} {indent}{node.number}{node.text}")
            for name, old, new in row.field_changes:
                echo(f"  {indent}  {name}: {old or ''} -> {new or ''}")
    return 0


def cmd_history(args: argparse.Namespace) -> int:
    with open_db(args) as db:
        entries = compare.task_history(db, args.task)
        if args.json:
            print_json({"task_id": args.task, "history": [e.to_dict() for e in entries]})
            return 0
        for e in entries:
            echo(
                f"{e.year or '----'}  {e.plan_title}  [{label(TASK_STATUS, e.status)} "
                f"{e.progress}%]  {e.text}"
            )
            if e.last_note:
                echo(f"      {e.last_note_date}  {e.last_note}")
    return 0
