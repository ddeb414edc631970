"""``exchange``: change packets between offices (profile, office add, export, import, log)."""

from __future__ import annotations

import argparse

from cli.common import echo, open_db, print_json
from models.exchange import audit, incoming, offices, outgoing, publish
from models.exchange.travel import OFFICE_KINDS

_OPS = {"INSERT": "新增", "UPDATE": "修改", "DELETE": "删除"}
_REASONS = {
    "changed_here": "本库已改动",
    "deleted_here": "本库已删除",
    "exists_here": "本库已有不同内容",
}
_STATUS = {
    "applied": "已导入",
    "duplicate": "已导入过，跳过",
    "conflicts": "有冲突，未导入",
    "waiting": "等待前一个数据包，未导入",
    "dry-run": "可导入（试运行）",
}


def register(sub: argparse._SubParsersAction) -> None:
    """Add the exchange command and its sub-commands."""
    p = sub.add_parser("exchange", help="change packets (.pdx) between townships and the county")
    ex = p.add_subparsers(dest="exchange_command", required=True)

    prof = ex.add_parser("profile", help="show or set this office (name, kind, code)")
    prof.add_argument("--name")
    prof.add_argument("--kind", choices=OFFICE_KINDS)
    prof.add_argument("--code")
    prof.add_argument("--json", action="store_true")
    prof.set_defaults(func=cmd_profile)

    office = ex.add_parser("office", help="register another office, or list them")
    office.add_argument("action", choices=("add", "list"))
    office.add_argument("--name")
    office.add_argument("--kind", choices=OFFICE_KINDS)
    office.add_argument("--code")
    office.add_argument("--json", action="store_true")
    office.set_defaults(func=cmd_office)

    exp = ex.add_parser("export", help="write the changes since the last packet to an office")
    exp.add_argument("--out", required=True, metavar="FILE.pdx")
    exp.add_argument("--to", metavar="OFFICE", help="the recipient's code (default: the only one)")
    exp.add_argument("--json", action="store_true")
    exp.set_defaults(func=cmd_export)

    imp = ex.add_parser("import", help="apply packets in sequence order; conflicts are listed")
    imp.add_argument("files", nargs="+", metavar="FILE.pdx")
    imp.add_argument("--dry-run", action="store_true", help="check and list, write nothing")
    imp.add_argument("--json", action="store_true")
    imp.add_argument(
        "--resolve",
        choices=("mine", "theirs"),
        help="decide every conflict: keep mine / take theirs",
    )
    imp.add_argument(
        "--take", action="append", default=[], metavar="UUID", help="take theirs for this row"
    )
    imp.add_argument(
        "--keep", action="append", default=[], metavar="UUID", help="keep mine for this row"
    )
    imp.set_defaults(func=cmd_import)

    trail = ex.add_parser("log", help="the packets sent and applied (the audit trail)")
    trail.add_argument("--office", metavar="CODE")
    trail.add_argument("--json", action="store_true")
    trail.set_defaults(func=cmd_log)

    pub = ex.add_parser("publish", help="a read-only copy and Datasette metadata for leaders")
    pub.add_argument("--out", required=True, metavar="DIR")
    pub.add_argument("--title", default="督查督办数据")
    pub.set_defaults(func=cmd_publish)


def cmd_profile(args: argparse.Namespace) -> int:
    given = [args.name, args.kind, args.code]
    if any(given) and not all(given):
        raise offices.ExchangeError("设置本单位信息需要同时给出 --name、--kind 和 --code。")
    with open_db(args, write=all(given)) as db:
        if all(given):
            office = offices.set_own_office(db, code=args.code, name=args.name, kind=args.kind)
        else:
            office = offices.require_own(db)
    if args.json:
        print_json(office.to_json())
    else:
        echo(f"{office.code}  {office.name}（{office.kind}）")
    return 0


def cmd_office(args: argparse.Namespace) -> int:
    if args.action == "add":
        if not (args.name and args.kind and args.code):
            raise offices.ExchangeError("登记单位需要 --name、--kind 和 --code。")
        with open_db(args, write=True) as db:
            offices.add_office(db, code=args.code, name=args.name, kind=args.kind)
            known = offices.peers(db)
    else:
        with open_db(args) as db:
            known = offices.peers(db)
    if args.json:
        print_json({"offices": [o.to_json() for o in known]})
        return 0
    for o in known:
        echo(f"{o.code}  {o.name}（{o.kind}）")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    with open_db(args, write=True) as db:
        sent = outgoing.export_packet(db, args.out, args.to)
    if sent is None:
        if args.json:
            print_json({"file": None, "changes": {}})
        else:
            echo("自上一个数据包以来没有改动，未生成数据包。")
        return 0
    if args.json:
        print_json(sent.to_json())
        return 0
    kind = "完整数据包" if sent.full else "改动数据包"
    echo(
        f"{sent.path}：发给{sent.to.name}的第 {sent.seq} 号{kind}，"
        f"{sent.total} 处改动，{sent.size} 字节"
    )
    echo(f"sha256 {sent.sha256}")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    with open_db(args, write=True) as db:
        results = incoming.import_packets(
            db,
            args.files,
            dry_run=args.dry_run,
            resolve=args.resolve,
            take=frozenset(args.take),
            keep=frozenset(args.keep),
        )
    if args.json:
        print_json({"packets": [r.to_json() for r in results]})
    else:
        for r in results:
            echo(
                f"{r.path}：{r.sender['name']} 第 {r.seq} 号，{_STATUS.get(r.status, r.status)}"
                + (f"，{r.changes} 处改动" if r.status in ("applied", "dry-run") else "")
            )
            for c in r.conflicts:
                decided = {"mine": "保留本库", "theirs": "采用对方"}.get(c.decision or "", "待决定")
                echo(
                    f"  冲突 {c.table} {c.uuid}：对方{_OPS.get(c.op, c.op)}，"
                    f"{_REASONS.get(c.reason, c.reason)}（{decided}）"
                )
                for col, (here, before, there) in c.columns.items():
                    echo(f"    {col}：本库 {here!r}；对方原为 {before!r}，改为 {there!r}")
        if any(r.status == "conflicts" for r in results):
            echo(
                "有冲突的数据包未导入：用 --resolve mine|theirs，"
                "或逐条 --keep/--take UUID 决定后再导入。"
            )
        if args.dry_run:
            echo("（试运行，未写入数据库）")
    return 1 if any(r.status in ("conflicts", "waiting") for r in results) else 0


def cmd_log(args: argparse.Namespace) -> int:
    with open_db(args) as db:
        rows = audit.packet_log(db, args.office)
    if args.json:
        print_json({"packets": rows})
        return 0
    for r in rows:
        way = "发给" if r["direction"] == "out" else "收自"
        decided = f"，{len(r['conflicts'])} 处冲突已决定" if r["conflicts"] else ""
        echo(
            f"{r['at']}  {way}{r['peer_name'] or r['peer']} 第 {r['seq']} 号  "
            f"{r['changes']} 处改动{decided}  {r['file']}"
        )
    return 0


def cmd_publish(args: argparse.Namespace) -> int:
    with open_db(args) as db:
        copy, meta = publish.publish(db, args.out, args.title)
    echo(f"已写出只读副本 {copy} 和 {meta}。在内网机器上（已安装 Datasette）运行：")
    echo(publish.COMMAND.format(db=copy, metadata=meta))
    return 0
