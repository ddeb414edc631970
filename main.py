"""PlanDesk entry point: no sub-command starts the window, a sub-command runs the CLI."""

from __future__ import annotations

import logging
import os
import sys

from models.logfile import SharedRotatingFileHandler
from models.store.paths import log_dir

log = logging.getLogger("plandesk")


def setup_logging(debug: bool = False) -> None:
    """UTF-8 log file in the data folder, shared by all PlanDesk processes; console with --debug."""
    root = logging.getLogger()
    root.setLevel(logging.DEBUG if debug else logging.INFO)
    fmt = logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        folder = log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        path = os.path.abspath(folder / "plandesk.log")
        # One log file per process; main() may run again in the same process (tests): keep the
        # handler of the same file, close one of another data folder.
        for old in [h for h in root.handlers if isinstance(h, SharedRotatingFileHandler)]:
            if old.baseFilename != path:
                root.removeHandler(old)
                old.close()
        if not any(isinstance(h, SharedRotatingFileHandler) for h in root.handlers):
            handler = SharedRotatingFileHandler(path, max_bytes=1_000_000, backups=5)
            handler.setFormatter(fmt)
            root.addHandler(handler)
    except OSError:  # a read-only stick must not stop the program
        pass
    if debug:
        console = logging.StreamHandler()
        console.setFormatter(fmt)
        root.addHandler(console)


def main(argv: list[str] | None = None) -> int:
    """Parse the arguments and run the CLI or the GUI; returns the exit code."""
    import cli

    argv = sys.argv[1:] if argv is None else argv
    try:
        args = cli.parse_args(argv)
    except cli.UsageError as exc:
        print(f"usage error: {exc}", file=sys.stderr)
        return 2
    setup_logging(args.debug)
    if args.command is None:
        from ui.shell.app import run_gui

        return run_gui(args)
    return cli.run(args)


if __name__ == "__main__":
    import multiprocessing

    multiprocessing.freeze_support()  # the template worker (export/template_worker.py) in a build
    sys.exit(main())
