"""``evidence``: 佐证材料 from the CLI (the same models/evidence functions as the window)."""

from __future__ import annotations

import argparse
from dataclasses import asdict

from cli.common import echo, open_db, parse_plan_id, print_json
from export import evidence_files
from models.evidence import store
from models.evidence.files import MAX_FILE_BYTES, kind_label, size_text


def parse_id(value: str) -> int:
    """argparse type for the id of a row (evidence, assessment item, task)."""
    try:
        return int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"id must be a number, not {value!r}") from None


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``evidence add|list|remove|save|export|missing``."""
    p = sub.add_parser("evidence", help="佐证材料: files kept with the tasks")
    esub = p.add_subparsers(dest="evidence_command", required=True)
    q = esub.add_parser(
        "add",
        help=f"attach files to a task (each at most {MAX_FILE_BYTES // 1024 // 1024} MB; "
        "one bad file adds none)",
    )
    q.add_argument("task", type=parse_id)
    q.add_argument("files", nargs="+", metavar="FILE")
    q.add_argument("--note", default="", help="说明 kept with every file of this call")
    q.add_argument("--checkpoint", type=parse_id, help="also link them to this checkpoint")
    q.add_argument("--progress", type=parse_id, help="also link them to this progress note")
    q.add_argument("--reduce", action="store_true", help="store large photos reduced")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_add)
    q = esub.add_parser("list", help="the files of a task")
    q.add_argument("task", type=parse_id)
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_list)
    q = esub.add_parser("remove", help="remove a file from its task")
    q.add_argument("id", type=parse_id, nargs="+")
    q.set_defaults(func=cmd_remove)
    q = esub.add_parser("save", help="write one stored file out")
    q.add_argument("id", type=parse_id)
    q.add_argument("--out", required=True, metavar="FILE")
    q.set_defaults(func=cmd_save)
    q = esub.add_parser(
        "export", help=f"a plan's files in folders by section/task, plus {evidence_files.LIST_NAME}"
    )
    q.add_argument("plan", type=parse_plan_id)
    q.add_argument("--out", required=True, metavar="DIR", help="a new or empty folder")
    q.set_defaults(func=cmd_export)
    q = esub.add_parser("missing", help="the tasks of a plan without any file")
    q.add_argument("plan", type=parse_plan_id)
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_missing)


def _json(e: store.Evidence) -> dict:
    out = asdict(e)
    out["kind_label"] = kind_label(e.kind)
    out["place"] = e.place
    return out


def cmd_add(args: argparse.Namespace) -> int:
    with open_db(args, write=True) as db:
        ids = store.add_evidence(
            db,
            args.task,
            args.files,
            note=args.note,
            checkpoint_id=args.checkpoint,
            progress_id=args.progress,
            reduce=args.reduce,
        )
        added = [store.get_evidence(db, i) for i in ids]
        if args.json:
            print_json({"added": [_json(e) for e in added]})
            return 0
        for e in added:
            echo(f"已添加 #{e.id}  {e.name}  {kind_label(e.kind)}  {size_text(e.size)}")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    with open_db(args) as db:
        found = store.list_evidence(db, args.task)
        if args.json:
            print_json({"task": args.task, "evidence": [_json(e) for e in found]})
            return 0
        if not found:
            echo("该任务还没有佐证材料。")
        for e in found:
            facts = "  ".join(x for x in (e.taken_at or "", e.place, e.note) if x)
            echo(
                f"#{e.id}  {e.name}  {kind_label(e.kind)}  {size_text(e.size)}  "
                f"{e.created_at}  {facts}".rstrip()
            )
    return 0


def cmd_remove(args: argparse.Namespace) -> int:
    with open_db(args, write=True) as db:
        rows = store.remove_evidence(db, args.id)
        for row in rows:
            echo(f"已删除 #{row['id']}  {row['name']}")
    return 0


def cmd_save(args: argparse.Namespace) -> int:
    with open_db(args) as db:
        path = evidence_files.save_copy(db, args.id, args.out)
    echo(f"已保存到 {path}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    with open_db(args) as db:
        from export.evidence_list import export_plan

        path = export_plan(db, args.plan, args.out)
        count = sum(store.counts_by_task(db, args.plan).values())
    echo(f"已导出 {count} 个佐证材料到 {path.parent}，清单：{path.name}")
    return 0


def cmd_missing(args: argparse.Namespace) -> int:
    with open_db(args) as db:
        _rows, missing = evidence_files.plan_rows(db, args.plan)
        if args.json:
            print_json(
                {
                    "plan": args.plan,
                    "tasks": [{"id": n.id, "part": p, "text": n.text} for p, n in missing],
                }
            )
            return 0
        echo(f"缺佐证材料的任务 {len(missing)} 项")
        for part, node in missing:
            echo(f"  #{node.id}  {part}  {node.text}")
    return 0
