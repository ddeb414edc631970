"""Where PlanDesk keeps its data: user data folder, portable mode, or an explicit file."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_DIR_NAME = "PlanDesk"
DB_FILE_NAME = "plandesk.db"
PORTABLE_MARKER = "portable"
ENV_DB = "PLANDESK_DB"
# The data folder itself (tests, administrators). Needed because on Windows platformdirs reads
# %LOCALAPPDATA% from the shell API and no environment variable can redirect it.
ENV_DATA_DIR = "PLANDESK_DATA_DIR"


def app_dir() -> Path:
    """Folder of the executable when frozen, else the folder of main.py (the repo root)."""
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
    return Path(__file__).resolve().parents[2]  # models/store/paths.py → the repository


def is_portable() -> bool:
    """True when a file named ``portable`` lies beside main.py or the executable."""
    return (app_dir() / PORTABLE_MARKER).is_file()


def user_data_dir() -> Path:
    """Folder for the database, logs and backups.

    ``data/`` beside the app when portable, else $PLANDESK_DATA_DIR, else the user data folder
    (%LOCALAPPDATA%\\PlanDesk on Windows, $XDG_DATA_HOME/PlanDesk on Linux).
    """
    if is_portable():
        return app_dir() / "data"
    forced = os.environ.get(ENV_DATA_DIR)
    if forced:
        return Path(forced).expanduser()
    # appauthor=False: no extra "PlanDesk/PlanDesk" level on Windows
    return Path(platformdirs.user_data_dir(APP_DIR_NAME, appauthor=False))


def documents_dir() -> Path:
    """Where exports go first: the user's Documents (文档) folder, the home folder without one."""
    folder = Path(platformdirs.user_documents_dir())
    return folder if folder.is_dir() else Path.home()


def log_dir() -> Path:
    """Folder of the rotating log files."""
    return user_data_dir() / "logs"


def resolve_db_path(cli_value: str | os.PathLike[str] | None = None) -> Path:
    """The database to open: ``--db`` first, then $PLANDESK_DB, then the data folder."""
    if cli_value:
        return Path(cli_value).expanduser()
    env = os.environ.get(ENV_DB)
    if env:
        return Path(env).expanduser()
    return user_data_dir() / DB_FILE_NAME
