"""``assessment``: the 考核细则 of a year, links to tasks, 自评分, the 自评表 (.xlsx/.docx)."""

from __future__ import annotations

import argparse
from dataclasses import asdict

from cli.common import echo, open_db, print_json
from cli.evidence import parse_id
from export import assessment_docs
from models.errors import InvalidOperationError
from models.evidence import assessment


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``assessment import|add|edit|list|link|unlink|score|remove|export``."""
    p = sub.add_parser("assessment", help="目标考核: the 考核细则 of a year and its 自评表")
    asub = p.add_subparsers(dest="assessment_command", required=True)
    q = asub.add_parser("import", help="import the county's 考核细则 table (.xlsx/.docx)")
    q.add_argument("year", type=int)
    q.add_argument("file")
    q.add_argument("--replace", action="store_true", help="replace the year's items")
    q.set_defaults(func=cmd_import)
    for name, func, text in (("add", cmd_add, "type an item"), ("edit", cmd_edit, "change one")):
        q = asub.add_parser(name, help=text)
        q.add_argument("year" if name == "add" else "item", type=int if name == "add" else parse_id)
        q.add_argument("--project", required=name == "add", help="考核项目")
        q.add_argument("--points", required=name == "add", help="分值")
        q.add_argument("--number", help="序号")
        q.add_argument("--indicator", help="考核指标")
        q.add_argument("--criteria", help="评分标准")
        q.add_argument("--department", help="负责考核部门")
        q.add_argument("--remark", help="the user's own 详细说明 (kept before the notes)")
        q.set_defaults(func=func)
    q = asub.add_parser("list", help="the items of a year with the 自评表 figures")
    q.add_argument("year", type=int)
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_list)
    for name, func in (("link", cmd_link), ("unlink", cmd_unlink)):
        q = asub.add_parser(name, help=f"{name} tasks and an item")
        q.add_argument("item", type=parse_id)
        q.add_argument("tasks", type=parse_id, nargs="+")
        q.set_defaults(func=func)
    q = asub.add_parser("score", help="set the 自评分 of an item ('auto': the rule's)")
    q.add_argument("item", type=parse_id)
    q.add_argument("score")
    q.set_defaults(func=cmd_score)
    q = asub.add_parser("remove", help="delete an item")
    q.add_argument("item", type=parse_id)
    q.set_defaults(func=cmd_remove)
    q = asub.add_parser("export", help="write the 自评表: .xlsx, or .docx (GB/T 9704)")
    q.add_argument("year", type=int)
    q.add_argument("--out", required=True, metavar="FILE")
    q.set_defaults(func=cmd_export)


_FIELDS = ("project", "points", "number", "indicator", "criteria", "department", "remark")


def _values(args: argparse.Namespace) -> dict:
    return {k: getattr(args, k) for k in _FIELDS if getattr(args, k) is not None}


def cmd_import(args: argparse.Namespace) -> int:
    with open_db(args, write=True) as db:
        ids = assessment.import_items(db, args.year, args.file, replace=args.replace)
    echo(f"已导入{args.year}年度考核细则 {len(ids)} 项")
    return 0


def cmd_add(args: argparse.Namespace) -> int:
    with open_db(args, write=True) as db:
        item_id = assessment.add_item(db, args.year, **_values(args))
    echo(f"已添加考核项目 #{item_id}")
    return 0


def cmd_edit(args: argparse.Namespace) -> int:
    values = _values(args)
    if not values:
        raise InvalidOperationError("请给出要修改的栏目，如 --points 5。")
    with open_db(args, write=True) as db:
        assessment.update_item(db, args.item, **values)
    echo(f"已修改考核项目 #{args.item}")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    with open_db(args) as db:
        sa = assessment.self_assessment(db, args.year)
    if args.json:
        rows = []
        for r in sa.rows:
            item = asdict(r.item)
            item.update(
                completed=r.completed,
                progress=r.progress,
                proposed=r.proposed,
                score=r.score,
                evidence=[e.name for e in r.evidence],
                details=r.details,
            )
            rows.append(item)
        print_json(
            {"year": sa.year, "total_points": sa.total_points, "total_score": sa.total_score,
             "items": rows}
        )  # fmt: skip
        return 0
    if not sa.rows:
        echo(f"{args.year}年度还没有考核细则。")
    for r in sa.rows:
        score = "-" if r.score is None else f"{r.score:g}"
        echo(
            f"#{r.item.id}  {r.item.number}  {r.item.project}  分值 {r.item.points:g}  "
            f"任务 {len(r.tasks)}  {r.completed}  佐证 {len(r.evidence)}  自评分 {score}"
            + ("（已修改）" if r.overridden else "")
        )
    return 0


def cmd_link(args: argparse.Namespace) -> int:
    with open_db(args, write=True) as db:
        added = assessment.link_tasks(db, args.item, args.tasks)
    echo(f"已关联 {len(added)} 项任务")
    return 0


def cmd_unlink(args: argparse.Namespace) -> int:
    with open_db(args, write=True) as db:
        removed = assessment.unlink_tasks(db, args.item, args.tasks)
    echo(f"已取消关联 {len(removed)} 项任务")
    return 0


def cmd_score(args: argparse.Namespace) -> int:
    if args.score.strip().lower() == "auto":
        score = None
    else:
        try:
            score = float(args.score)
        except ValueError:
            raise InvalidOperationError(
                "自评分应为数字，或 auto（按规则）。", detail=args.score
            ) from None
    with open_db(args, write=True) as db:
        assessment.set_self_score(db, args.item, score)
    echo("已恢复按规则评分" if score is None else f"自评分已设为 {score:g}")
    return 0


def cmd_remove(args: argparse.Namespace) -> int:
    with open_db(args, write=True) as db:
        saved = assessment.remove_item(db, args.item)
    echo(f"已删除考核项目 #{args.item} {saved['item']['project']}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    with open_db(args) as db:
        sa = assessment.self_assessment(db, args.year)
    path = assessment_docs.export(sa, args.out)
    echo(f"已导出自评表：{path}")
    return 0
