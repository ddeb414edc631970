"""Helpers shared by the CLI commands: opening the database, printing JSON."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from models.db import Database
from models.paths import resolve_db_path
from models.startup import open_or_create


def open_db(args: argparse.Namespace) -> Database:
    """Open the database named by --db / $PLANDESK_DB / the data folder.

    A file that does not exist yet is created with the sample plans, unless --no-sample.
    """
    path = resolve_db_path(getattr(args, "db", None))
    db, _created = open_or_create(path, sample=not getattr(args, "no_sample", False))
    return db


def print_json(data: Any) -> None:
    """Print one JSON object, UTF-8, with Chinese kept readable."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    out = sys.stdout
    try:
        out.write(text + "\n")
    except UnicodeEncodeError:  # a GBK console on Windows: write bytes
        out.buffer.write((text + "\n").encode("utf-8"))
    out.flush()


def echo(text: str) -> None:
    """Print one line of human-readable output."""
    try:
        print(text)
    except UnicodeEncodeError:
        sys.stdout.buffer.write((text + "\n").encode("utf-8"))


def parse_plan_id(value: str) -> int:
    """argparse type for a plan id."""
    try:
        return int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"plan id must be a number, not {value!r}") from None
