"""``round``, ``item``, ``doc``, ``pace`` and ``supervision-settings``: 督查督办 from the CLI."""

from __future__ import annotations

import argparse
import datetime as dt

from cli.common import echo, open_db, parse_plan_id, print_json
from models import clock, outline
from models.errors import InvalidOperationError
from models.supervision import documents, items, pace, rounds
from models.supervision.settings import (
    DEFAULT_THRESHOLD,
    PACE_RULES,
    SupervisionSettings,
    save_supervision_settings,
    supervision_settings,
)
from models.text import deadlines
from models.text.units import split_names
from models.vocab import CLOSING_ACTION, ITEM_SOURCE, PACE, ROUND_STATE, TIME_CLASS, code_for, label


def _id(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"id must be a number, not {value!r}") from None


def _day(value: str | None, what: str) -> dt.date | None:
    """An optional ISO date; a bad one is one clear line and exit 1 (not a usage error)."""
    if value is None:
        return None
    day = deadlines.parse_iso(value.strip())
    if day is None:
        raise InvalidOperationError(f"{what}格式应为 2025-06-25。", detail=value)
    return day


def _code(mapping: dict[str, str], value: str, what: str) -> str:
    code = code_for(mapping, value)
    if code is None:
        raise InvalidOperationError(f"{what}应为{'、'.join(mapping.values())}之一。", detail=value)
    return code


def register(sub: argparse._SubParsersAction) -> None:
    """Add round, item, doc, pace, pace-reason and supervision-settings."""
    p = sub.add_parser("round", help="reporting rounds: units report by a due day")
    rsub = p.add_subparsers(dest="round_command", required=True)
    q = rsub.add_parser("new", help="a new round of a plan")
    q.add_argument("plan", type=parse_plan_id)
    q.add_argument("--due", required=True, metavar="YYYY-MM-DD")
    q.add_argument("--title")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_round_new)
    q = rsub.add_parser("list", help="the rounds (of one plan)")
    q.add_argument("--plan", type=parse_plan_id)
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_round_list)
    q = rsub.add_parser("status", help="per unit 应报/已报/迟报/未报 and the lights")
    q.add_argument("round", type=_id)
    q.add_argument("--today", metavar="YYYY-MM-DD")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_round_status)
    q = rsub.add_parser("sheets", help="write the round's feedback sheets")
    q.add_argument("round", type=_id)
    q.add_argument("--out", required=True, metavar="FOLDER")
    q.add_argument("--unit", action="append")
    q.set_defaults(func=cmd_round_sheets)
    q = rsub.add_parser("receive", help="apply a returned sheet and mark its unit")
    q.add_argument("round", type=_id)
    q.add_argument("file")
    q.add_argument("--on", metavar="YYYY-MM-DD", help="received on (default today)")
    q.add_argument("--signed-by", help="the unit head who signed it off")
    q.add_argument("--include-conflicts", action="store_true")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_round_receive)
    q = rsub.add_parser("mark", help="mark a unit as reported (on paper)")
    q.add_argument("round", type=_id)
    q.add_argument("--unit", required=True)
    q.add_argument("--on", metavar="YYYY-MM-DD")
    q.add_argument("--signed-by")
    q.set_defaults(func=cmd_round_mark)
    q = rsub.add_parser("chase", help="催报: record a reminder to the units not reported")
    q.add_argument("round", type=_id)
    q.add_argument("--out", metavar="FILE.docx", help="also write the 督查催办通知")
    q.set_defaults(func=cmd_round_chase)
    q = rsub.add_parser("close", help="freeze the round's lights")
    q.add_argument("round", type=_id)
    q.set_defaults(func=cmd_round_close)

    p = sub.add_parser("item", help="督办事项: add, list, close")
    isub = p.add_subparsers(dest="item_command", required=True)
    q = isub.add_parser("add", help="add a 督办事项")
    q.add_argument("text")
    q.add_argument("--source", required=True, help="、".join(ITEM_SOURCE.values()))
    q.add_argument("--assigned", required=True, metavar="YYYY-MM-DD", help="交办 date")
    q.add_argument("--class", dest="time_class", default="normal", help="特急/急件/一般")
    q.add_argument("--days", type=int, help="working days (overrides the time class)")
    q.add_argument("--unit", help="责任单位")
    q.add_argument("--co-units", help="配合单位")
    q.add_argument("--leader", help="牵头领导")
    q.add_argument("--by", help="交办领导")
    q.add_argument("--ref", default="", help="批示 or meeting it came from")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_item_add)
    q = isub.add_parser("list", help="list 督办事项")
    q.add_argument("--year", type=int)
    q.add_argument("--source")
    q.add_argument("--state", choices=items.ITEM_STATES)
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_item_list)
    q = isub.add_parser("close", help="办结 (--done), 销号 (--cancel) or 延期 (--extend DATE)")
    q.add_argument("item", type=_id)
    how = q.add_mutually_exclusive_group(required=True)
    how.add_argument("--done", action="store_true")
    how.add_argument("--cancel", action="store_true")
    how.add_argument("--extend", metavar="YYYY-MM-DD")
    q.add_argument("--result", default="", help="办理结果 (办结), note (销号)")
    q.add_argument("--evidence", default="", help="佐证 link or file")
    q.add_argument("--by", default="", help="who 销号")
    q.add_argument("--reason", default="", help="延期 reason")
    q.add_argument("--approved-by", default="", help="who approved the 延期")
    q.add_argument("--on", metavar="YYYY-MM-DD")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_item_close)

    p = sub.add_parser("doc", help="write a 督查 document (.docx)")
    p.add_argument("kind", choices=documents.DOCUMENT_KINDS)
    p.add_argument("target", type=_id, help="round id; item id (assignment); year (meeting)")
    p.add_argument("--out", required=True, metavar="FILE.docx")
    p.add_argument("--today", metavar="YYYY-MM-DD")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_doc)

    p = sub.add_parser("pace", help="序时进度 classes of a plan's tasks, with counts")
    p.add_argument("plan", type=parse_plan_id)
    p.add_argument("--date", metavar="YYYY-MM-DD")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_pace)

    p = sub.add_parser("pace-reason", help="record why a task is not started (其它)")
    p.add_argument("task", type=_id)
    p.add_argument("reason", help="empty to clear")
    p.set_defaults(func=cmd_pace_reason)

    p = sub.add_parser("supervision-settings", help="show or change the supervision rules")
    p.add_argument("--rule", choices=PACE_RULES)
    p.add_argument("--threshold", type=int, help="percentage points (default 10; 0 with months)")
    p.add_argument("--normal-days", type=int, help="working days of a 一般件")
    p.add_argument("--office", help="the office that issues the documents")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_settings)


# ---------------------------------------------------------------- rounds
def _round_json(r: rounds.Round) -> dict:
    return {
        "id": r.id,
        "plan_id": r.plan_id,
        "title": r.title,
        "due_date": r.due_date,
        "closed_on": r.closed_on,
    }


def cmd_round_new(args: argparse.Namespace) -> int:
    with open_db(args, write=True) as db:
        round_id = rounds.create_round(db, args.plan, args.due, args.title)
        rnd = rounds.get_round(db, round_id)
        if args.json:
            print_json(_round_json(rnd))
        else:
            echo(f"#{rnd.id} {rnd.title}  due {rnd.due_date}")
    return 0


def cmd_round_list(args: argparse.Namespace) -> int:
    with open_db(args) as db:
        found = rounds.list_rounds(db, args.plan)
        if args.json:
            print_json({"rounds": [_round_json(r) for r in found]})
            return 0
        for r in found:
            echo(f"#{r.id}  plan {r.plan_id}  {r.due_date}  {r.title}  {r.closed_on or ''}")
    return 0


def cmd_round_status(args: argparse.Namespace) -> int:
    with open_db(args) as db:
        status = rounds.round_status(db, args.round, _day(args.today, "日期"))
        if args.json:
            print_json(status.as_json())
            return 0
        c = status.counts
        echo(
            f"{status.plan_title} {status.round.title}  截止 {status.round.due_date}  "
            f"应报 {c['expected']}  已报 {c['received']}  迟报 {c['late']}  "
            f"未报 {c['missing'] + c['pending']}"
        )
        for u in status.units:
            echo(
                f"  {label(ROUND_STATE, u.state)}  {u.unit}  {u.received_on or '-'}  "
                f"红 {u.lights['red']} 黄 {u.lights['yellow']} 绿 {u.lights['green']}"
            )
    return 0


def cmd_round_sheets(args: argparse.Namespace) -> int:
    from export.round_sheets import export_round_sheets

    with open_db(args) as db:
        for path in export_round_sheets(db, args.round, args.out, args.unit):
            echo(str(path))
    return 0


def cmd_round_receive(args: argparse.Namespace) -> int:
    with open_db(args, write=True) as db:
        receipt = rounds.receive_sheet(
            db,
            args.round,
            args.file,
            received_on=_day(args.on, "报送日期"),
            signed_by=args.signed_by,
            include_conflicts=args.include_conflicts,
        )
        rows = receipt.preview.rows
        if args.json:
            print_json(
                {
                    "unit": receipt.unit,
                    "state": receipt.state,
                    "applied": [a.task_id for a in receipt.applied],
                    "not_applied": [
                        {"row": r.row, "task_id": r.task_id, "reasons": r.reasons}
                        for r in rows
                        if r.task_id not in {a.task_id for a in receipt.applied}
                    ],
                }
            )
            return 0
        echo(
            f"{receipt.unit}: {label(ROUND_STATE, receipt.state)}, "
            f"{len(receipt.applied)} of {len(rows)} rows applied"
        )
    return 0


def cmd_round_mark(args: argparse.Namespace) -> int:
    with open_db(args, write=True) as db:
        rounds.mark_received(
            db, args.round, args.unit, _day(args.on, "报送日期"), signed_by=args.signed_by
        )
        rnd = rounds.get_round(db, args.round)
        on = (_day(args.on, "报送日期") or clock.today()).isoformat()
        echo(
            f"{args.unit}: {label(ROUND_STATE, rounds.unit_state(on, rnd.due_date, clock.today()))}"
        )
    return 0


def cmd_round_chase(args: argparse.Namespace) -> int:
    with open_db(args, write=True) as db:
        if args.out:  # the notice first: a failed write records no reminder
            from export.supervision_docs import export_document

            export_document(db, "chase", args.round, args.out)
        chased = rounds.chase(db, args.round)
        for unit in chased:
            echo(unit)
        if args.out:
            echo(args.out)
    return 0


def cmd_round_close(args: argparse.Namespace) -> int:
    with open_db(args, write=True) as db:
        rounds.close_round(db, args.round)
        echo(f"#{args.round} closed")
    return 0


# ---------------------------------------------------------------- items
def cmd_item_add(args: argparse.Namespace) -> int:
    with open_db(args, write=True) as db:
        item_id = items.add_item(
            db,
            args.text,
            source=_code(ITEM_SOURCE, args.source, "事项来源"),
            assigned_on=args.assigned,
            time_class=_code(TIME_CLASS, args.time_class, "办理时限类别"),
            owner_unit=args.unit,
            co_units=args.co_units,
            lead_leader=args.leader,
            assigned_by=args.by,
            source_ref=args.ref,
            work_days=args.days,
        )
        item = items.get_item(db, item_id)
        if args.json:
            print_json(item.as_json())
        else:
            echo(f"#{item.id}  due {item.node.due_date}  {item.node.text}")
    return 0


def cmd_item_list(args: argparse.Namespace) -> int:
    with open_db(args) as db:
        source = _code(ITEM_SOURCE, args.source, "事项来源") if args.source else None
        found = items.list_items(db, year=args.year, source=source, state=args.state)
        if args.json:
            print_json({"items": [i.as_json() for i in found]})
            return 0
        for i in found:
            echo(
                f"#{i.id}  {label(ITEM_SOURCE, i.source)}  {label(TIME_CLASS, i.time_class)}  "
                f"{i.node.due_date}  {i.state}  {i.node.owner_unit or '-'}  {i.node.text}"
            )
    return 0


def cmd_item_close(args: argparse.Namespace) -> int:
    with open_db(args, write=True) as db:
        items.get_item(db, args.item)
        on = _day(args.on, "日期")
        if args.done:
            action = "done"
            items.close_done(db, args.item, args.result, on=on, evidence=args.evidence)
        elif args.cancel:
            action = "cancel"
            items.close_cancel(db, args.item, args.by, on=on, note=args.result)
        else:
            action = "extend"
            items.extend(db, args.item, args.extend, args.reason, args.approved_by, on=on)
        item = items.get_item(db, args.item)
        if args.json:
            print_json(item.as_json())
        else:
            echo(f"#{item.id} {label(CLOSING_ACTION, action)}  due {item.node.due_date}")
    return 0


# ---------------------------------------------------------------- documents, pace, settings
def cmd_doc(args: argparse.Namespace) -> int:
    from export.supervision_docs import export_document

    with open_db(args, write=True) as db:
        written = export_document(db, args.kind, args.target, args.out, _day(args.today, "日期"))
        if args.json:
            issue = written.issue
            print_json(
                {
                    "path": str(written.path),
                    "kind": written.kind,
                    "issue": None
                    if issue is None
                    else {"year": issue.year, "number": issue.number, "label": issue.label},
                }
            )
        else:
            echo(str(written.path) + (f"  {written.issue.label}" if written.issue else ""))
    return 0


def cmd_pace(args: argparse.Namespace) -> int:
    with open_db(args) as db:
        day = _day(args.date, "日期") or clock.today()
        paces = pace.plan_paces(db, args.plan, day)
        nodes = {n.id: n for n in outline.load_outline(db, args.plan) if n.kind == "task"}
        per_unit: dict[str, list[str]] = {}
        for task_id, value in paces.items():
            for unit in split_names(nodes[task_id].owner_unit or "") or [""]:
                per_unit.setdefault(unit, []).append(value.pace)
        counts = pace.count_paces(v.pace for v in paces.values())
        if args.json:
            print_json(
                {
                    "date": day.isoformat(),
                    "counts": {c.pace: {"count": c.count, "percent": c.percent} for c in counts},
                    "units": {
                        unit: {c.pace: c.count for c in pace.count_paces(values)}
                        for unit, values in per_unit.items()
                    },
                    "tasks": [
                        {"task_id": t, "pace": v.pace, "expected": v.expected}
                        for t, v in paces.items()
                    ],
                }
            )
            return 0
        echo("  ".join(f"{PACE[c.pace]} {c.text}" for c in counts))
    return 0


def cmd_pace_reason(args: argparse.Namespace) -> int:
    with open_db(args, write=True) as db:
        pace.set_pace_reason(db, args.task, args.reason)
    return 0


def cmd_settings(args: argparse.Namespace) -> int:
    write = any(v is not None for v in (args.rule, args.threshold, args.normal_days, args.office))
    with open_db(args, write=write) as db:
        current = supervision_settings(db)
        if write:
            rule = args.rule or current.pace_rule
            threshold = args.threshold
            if threshold is None:  # a new rule brings its own default threshold
                threshold = DEFAULT_THRESHOLD[rule] if args.rule else current.pace_threshold
            new = SupervisionSettings(
                rule,
                threshold,
                args.normal_days if args.normal_days is not None else current.normal_days,
                args.office if args.office is not None else current.office,
            )
            save_supervision_settings(db, new)
            current = supervision_settings(db)
        data = {
            "pace_rule": current.pace_rule,
            "pace_threshold": current.pace_threshold,
            "normal_days": current.normal_days,
            "office": current.office,
        }
        if args.json:
            print_json(data)
        else:
            for key, value in data.items():
                echo(f"{key} = {value}")
    return 0
