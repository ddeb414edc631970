"""Following a plan through the year: checkpoints, progress notes, roll-ups, lights, due list.

Every writing function is one transaction and returns what its undo needs (old values or
the removed rows). "Today" always comes from :func:`models.clock.today` unless passed in.

One module per concern; this package re-exports their public names, so callers keep
writing ``from models import tracking; tracking.due_list(...)``:

- ``settings``: the due-list rules stored in the database
- ``recurrence``: working days, recurring checkpoint rules
- ``checkpoints``: a task's checkpoints
- ``progress``: progress notes and the task progress/status they set
- ``rollups``: plan and section progress
- ``lights``: the light of a task or checkpoint, 序时进度
- ``due_items``: the due list, its counts and groups
- ``field_edits``: the one field edit with the 定稿 rule, the bulk edit
- ``change_log``: the logged changes after 定稿
- ``units``: the units/people dictionary and pick lists
- ``common``: helpers the modules share (not re-exported)
"""

from __future__ import annotations

from models.tracking.change_log import FieldChange, list_field_changes
from models.tracking.checkpoints import (
    add_checkpoint,
    add_checkpoint_rows,
    add_recurring_checkpoints,
    copy_checkpoints,
    get_checkpoint,
    list_checkpoints,
    remove_checkpoints,
    restore_checkpoints,
    update_checkpoint,
)
from models.tracking.due_items import (
    GROUP_KEYS,
    DueFilter,
    DueItem,
    alert_counts,
    count_lights,
    due_counts,
    due_list,
    group_items,
)
from models.tracking.field_edits import (
    LOGGED_FIELDS,
    needs_change_reason,
    take_back_logged_change,
    update_task_fields,
    update_tasks,
)
from models.tracking.lights import (
    CLOSED_STATUSES,
    LIGHTS,
    checkpoint_light,
    elapsed_share,
    light_for,
)
from models.tracking.progress import (
    add_progress,
    latest_progress,
    list_progress,
    remove_progress,
    restore_progress,
)
from models.tracking.recurrence import (
    expand_recurrence,
    is_workday,
    shift_to_workday,
    suggest_recurrence,
)
from models.tracking.rollups import Rollup, rollup, task_share
from models.tracking.settings import (
    DEFAULT_MARGIN,
    DEFAULT_WITHIN,
    SETTING_MARGIN,
    SETTING_SHIFT,
    SETTING_WITHIN,
    TrackingSettings,
    save_tracking_settings,
    tracking_settings,
)
from models.tracking.units import (
    add_unit,
    list_units,
    names_in_use,
    pick_list,
    remove_unit,
    restore_unit,
    update_unit,
)

__all__ = [
    # settings
    "DEFAULT_MARGIN",
    "DEFAULT_WITHIN",
    "SETTING_MARGIN",
    "SETTING_SHIFT",
    "SETTING_WITHIN",
    "TrackingSettings",
    "save_tracking_settings",
    "tracking_settings",
    # recurrence
    "expand_recurrence",
    "is_workday",
    "shift_to_workday",
    "suggest_recurrence",
    # checkpoints
    "add_checkpoint",
    "add_checkpoint_rows",
    "add_recurring_checkpoints",
    "copy_checkpoints",
    "get_checkpoint",
    "list_checkpoints",
    "remove_checkpoints",
    "restore_checkpoints",
    "update_checkpoint",
    # progress
    "add_progress",
    "latest_progress",
    "list_progress",
    "remove_progress",
    "restore_progress",
    # rollups
    "Rollup",
    "rollup",
    "task_share",
    # lights
    "CLOSED_STATUSES",
    "LIGHTS",
    "checkpoint_light",
    "elapsed_share",
    "light_for",
    # due items
    "GROUP_KEYS",
    "DueFilter",
    "DueItem",
    "alert_counts",
    "count_lights",
    "due_counts",
    "due_list",
    "group_items",
    # task rows
    # field edits
    "LOGGED_FIELDS",
    "needs_change_reason",
    "take_back_logged_change",
    "update_task_fields",
    "update_tasks",
    # change log
    "FieldChange",
    "list_field_changes",
    # units
    "add_unit",
    "list_units",
    "names_in_use",
    "pick_list",
    "remove_unit",
    "restore_unit",
    "update_unit",
]
