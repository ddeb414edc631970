"""``list`` and ``show``: the plans of a database and one plan's outline."""

from __future__ import annotations

import argparse

from cli.common import echo, open_db, parse_plan_id, print_json
from models import outline
from models.text.numbering import outline_numbers
from models.vocab import PLAN_STATUS, label


def register(sub: argparse._SubParsersAction) -> None:
    """Add the list and show commands."""
    p = sub.add_parser("list", help="list the plans")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_list)
    p = sub.add_parser("show", help="show one plan with its sections and tasks")
    p.add_argument("plan", type=parse_plan_id)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_show)


def cmd_list(args: argparse.Namespace) -> int:
    with open_db(args) as db:
        plans = outline.list_plans(db)
        counts = outline.plan_counts(db)
        if args.json:
            print_json(
                {
                    "plans": [
                        {
                            "id": p.id,
                            "title": p.title,
                            "year": p.year,
                            "organization": p.organization,
                            "status": p.status,
                            "sections": counts.get(p.id, (0, 0))[0],
                            "tasks": counts.get(p.id, (0, 0))[1],
                        }
                        for p in plans
                    ]
                }
            )
            return 0
        for p in plans:
            sections, tasks = counts.get(p.id, (0, 0))
            echo(
                f"{p.id:>5}  {p.year or '----'}  {p.title}  "
                f"[{label(PLAN_STATUS, p.status)}] {sections} 章节 / {tasks} 任务"
            )
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    with open_db(args) as db:
        if args.json:
            print_json(outline.plan_to_document(db, args.plan))
            return 0
        plan = outline.get_plan(db, args.plan)
        nodes = outline.load_outline(db, args.plan)
        numbers = outline_numbers(nodes)
        echo(f"{plan.title}（{plan.year or ''}，{plan.organization or ''}）")
        if plan.preamble:
            echo(plan.preamble)
        depth: dict[int | None, int] = {None: 0}
        for n in nodes:
            depth[n.id] = depth[n.parent_id] + 1
            indent = "  " * (depth[n.id] - 1)
            text = n.heading + (n.run_in or "") + n.body if n.kind == "section" else n.text
            echo(f"{indent}{numbers[n.id]}{text}")
    return 0
