"""The command-line interface: one sub-command module per area, all calling models/ and export/."""

from __future__ import annotations

import argparse
import importlib
import logging
import sys

from models import __version__
from models.errors import PlanDeskError

log = logging.getLogger(__name__)

# Each module has register(subparsers) that adds its commands with set_defaults(func=...).
COMMAND_MODULES = (
    "cli.plans",
    "cli.safety",
    "cli.rollover",
    "cli.selftest",
    "cli.tracking",
    "cli.importing",
    "cli.exporting",
    "cli.checking",
    "cli.supervision",
    "cli.exchange",
    "cli.evidence",
    "cli.assessment",
)


class UsageError(Exception):
    """Bad command-line usage: exit code 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse would print the whole usage
        raise UsageError(message)


def build_parser(*, commands: bool = True) -> argparse.ArgumentParser:
    """The parser of ``main.py``: global options and (unless ``commands=False``) every
    sub-command. Without the commands, none of the command modules is imported."""
    parser = _Parser(prog="plandesk", description="PlanDesk 年度工作计划管家")
    parser.add_argument("--db", metavar="FILE", help="database file (default: user data folder)")
    parser.add_argument(
        "--no-sample",
        action="store_true",
        help="create a missing database empty instead of with the sample plans",
    )
    parser.add_argument(
        "--wal",
        choices=("keep", "set-aside"),
        help="a leftover FILE-wal that may belong to another file: replay it (keep) or move "
        "it into backups/ (set-aside); without it such a pair is refused",
    )
    parser.add_argument("--debug", action="store_true", help="log to the console too")
    parser.add_argument("--version", action="version", version=f"PlanDesk {__version__}")
    if not commands:
        parser.set_defaults(command=None)
        return parser
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def parse_args(argv: list[str]) -> argparse.Namespace:
    """Parse ``argv``; a start without a sub-command (the GUI) skips importing the commands,
    which pull in python-docx, openpyxl and the parser before the window could show.
    ``--help`` goes to the full parser, so ``main.py import --help`` is the command's own."""
    if any(a in ("-h", "--help") for a in argv):
        return build_parser().parse_args(argv)
    try:
        args, rest = build_parser(commands=False).parse_known_args(argv)
    except UsageError:
        rest = argv
    else:
        if not rest:
            return args
    return build_parser().parse_args(argv)


def run(args: argparse.Namespace) -> int:
    """Run a parsed sub-command; expected errors become one line on stderr and exit 1."""
    from cli.common import attach_console, utf8_output

    attach_console()
    utf8_output()
    try:
        return int(args.func(args) or 0)
    except PlanDeskError as exc:
        log.warning("command %s failed: %s", args.command, exc)
        print(
            f"错误：{exc.user_text}" + (f"（{exc.detail}）" if exc.detail else ""), file=sys.stderr
        )
        return 1
    except UsageError as exc:
        print(f"usage error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # `plandesk list | head`: the reader left, nothing to say
        _silence_stdout()
        return 1
    except Exception as exc:  # noqa: BLE001 - the last resort: one line, the rest in the log
        from cli.faults import fault_text

        log.exception("command %s failed", args.command)
        text = fault_text(exc)
        try:
            print(f"错误：{text}", file=sys.stderr)
        except (OSError, ValueError):  # stderr closed as well
            pass
        return 1


def _silence_stdout() -> None:
    """Point stdout at the null device so the interpreter's final flush cannot fail."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass
