"""Reading back what the units returned: feedback sheets and an edited 任务分解表 (.xlsx).

Nothing here writes before the user has seen a preview: ``read_*`` builds the preview (no
database writes), ``apply_*`` applies it in one transaction and returns what undo needs.
A sheet from another plan raises ImportFileError; rows whose task changed, vanished or
appears twice are reported as conflicts or errors, never applied silently.
The sheet itself is written by export/feedback_sheet.py from the layout defined here.

One module per part; this package re-exports their public names
(``feedback.read_feedback(...)``): ``sheet_layout`` (columns, the hidden meta sheet,
fingerprints), ``workbooks`` (opening a returned workbook, cell text), ``sheet_answers``
(a returned feedback sheet: preview and apply), ``task_table`` (an edited 任务分解表:
preview and apply), ``sheet_files`` (a file per unit, never over one holding answers).
"""

from __future__ import annotations

from models.feedback.sheet_answers import (
    CONFLICT,
    ERROR,
    OK,
    R_ALREADY,
    R_BAD_PROGRESS,
    R_DUPLICATE,
    R_NOT_LISTED,
    R_OWNER_CHANGED,
    R_PROGRESS_SINCE,
    R_TASK_CHANGED,
    R_TASK_GONE,
    AppliedEntry,
    FeedbackPreview,
    FeedbackRow,
    apply_feedback,
    read_feedback,
)
from models.feedback.sheet_files import MAX_NAME_CHARS, has_answers, sheet_paths
from models.feedback.sheet_layout import (
    COL_DEADLINE,
    COL_ID,
    COL_LAST,
    COL_NOTE,
    COL_PROBLEMS,
    COL_PROGRESS,
    COL_SEQ,
    COL_TARGET,
    COL_TEXT,
    FEEDBACK_COLUMNS,
    FEEDBACK_FORMAT,
    MAX_ID,
    META_SHEET,
    SheetMeta,
    SheetTask,
    feedback_tasks,
    feedback_units,
    list_fingerprint,
    meta_rows,
    sheet_id,
    sheet_meta,
    task_fingerprint,
)
from models.feedback.task_table import (
    TABLE_FIELDS,
    TABLE_HEADERS,
    TableChange,
    TablePreview,
    apply_task_table,
    read_task_table,
)

__all__ = [
    # sheet_layout
    "FEEDBACK_FORMAT",
    "META_SHEET",
    "COL_ID",
    "COL_SEQ",
    "COL_TEXT",
    "COL_DEADLINE",
    "COL_TARGET",
    "COL_LAST",
    "COL_NOTE",
    "COL_PROGRESS",
    "COL_PROBLEMS",
    "FEEDBACK_COLUMNS",
    "feedback_units",
    "feedback_tasks",
    "task_fingerprint",
    "list_fingerprint",
    "SheetTask",
    "SheetMeta",
    "sheet_meta",
    "meta_rows",
    "MAX_ID",
    "sheet_id",
    # sheet_answers
    "OK",
    "CONFLICT",
    "ERROR",
    "R_TASK_CHANGED",
    "R_PROGRESS_SINCE",
    "R_DUPLICATE",
    "R_TASK_GONE",
    "R_NOT_LISTED",
    "R_BAD_PROGRESS",
    "R_ALREADY",
    "R_OWNER_CHANGED",
    "FeedbackRow",
    "FeedbackPreview",
    "read_feedback",
    "AppliedEntry",
    "apply_feedback",
    # task_table
    "TABLE_HEADERS",
    "TABLE_FIELDS",
    "TableChange",
    "TablePreview",
    "read_task_table",
    "apply_task_table",
    # sheet_files
    "MAX_NAME_CHARS",
    "has_answers",
    "sheet_paths",
]
