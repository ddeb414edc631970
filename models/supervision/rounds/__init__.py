"""Reporting rounds (报送轮次): units report by a fixed day; the office tracks each unit.

A round belongs to a plan and has a due day. Its units are the plan's 责任单位 when the
round is created (应报). A unit is 已报 when its report came in by the due day, 迟报 when
later, 未报 when nothing came and the day has passed, 待报 before it. Creating the next
round of a plan freezes the lights of the earlier open rounds into ``round_lights``, so each
round keeps the lights it had, and "红转黄 only when made up" can be judged: a task red in
the previous round stays red until its progress reaches what that round expected of it
(or a 延期 was approved since), however the dates moved.

One module per part; this package re-exports their public names (``rounds.round_status(...)``):
``shapes`` (the round, its lights and status as data), ``reading`` (rounds by id and plan),
``lights`` (a round's lights, frozen or computed), ``lifecycle`` (create, close, reopen,
remove and restore a round), ``status`` (应报/已报/迟报/未报 per unit), ``receiving``
(marking a unit received, chasing, receiving its returned sheet).
"""

from __future__ import annotations

from models.supervision.rounds.lifecycle import (
    close_round,
    create_round,
    refreeze,
    remove_round,
    reopen_round,
    restore_round,
)
from models.supervision.rounds.lights import compute_lights, round_lights
from models.supervision.rounds.reading import get_round, list_rounds, previous_round
from models.supervision.rounds.receiving import (
    Receipt,
    chase,
    mark_received,
    receive_sheet,
    restore_unit,
    sheet_round_id,
    undo_receipt,
    unit_values,
)
from models.supervision.rounds.shapes import (
    META_ROUND,
    ROUND_STATES,
    Round,
    RoundLight,
    RoundStatus,
    UnitStatus,
    check_day,
    default_title,
)
from models.supervision.rounds.status import round_status, unit_state

__all__ = [
    # shapes
    "ROUND_STATES",
    "META_ROUND",
    "Round",
    "RoundLight",
    "UnitStatus",
    "RoundStatus",
    "check_day",
    "default_title",
    # reading
    "get_round",
    "list_rounds",
    "previous_round",
    # lights
    "compute_lights",
    "round_lights",
    # lifecycle
    "create_round",
    "close_round",
    "reopen_round",
    "refreeze",
    "remove_round",
    "restore_round",
    # status
    "unit_state",
    "round_status",
    # receiving
    "unit_values",
    "mark_received",
    "restore_unit",
    "chase",
    "sheet_round_id",
    "Receipt",
    "receive_sheet",
    "undo_receipt",
]
