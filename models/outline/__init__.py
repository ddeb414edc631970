"""The plans and their outlines: read, add, edit, move and remove, each one transaction.

One module per part; this package re-exports their public names (``outline.get_node(...)``):
``validation`` (checked field values), ``plans``, ``reading`` (nodes by plan, parent or
subtree), ``editing`` (add, change, turn, move a node), ``copies`` (rollover's batch
inserts), ``removal`` (remove/delete with a snapshot, restore it), ``documents`` (a plan as
nested JSON and back).
"""

from __future__ import annotations

from models.outline.copies import insert_copied_node, insert_copied_nodes, next_node_id
from models.outline.documents import (
    TASK_EXTRA_FIELDS,
    TASK_JSON_FIELDS,
    plan_to_document,
    store_document,
)
from models.outline.editing import (
    add_node,
    indent_target,
    move_node,
    outdent_target,
    set_node_kind,
    update_node,
)
from models.outline.plans import (
    create_plan,
    get_plan,
    list_plans,
    plan_counts,
    stamped,
    update_plan,
)
from models.outline.reading import children, get_node, load_outline, order_depth_first, subtree_ids
from models.outline.removal import (
    EVIDENCE_ORDER,
    SUPERVISION_ORDER,
    Snapshot,
    delete_plan,
    remove_node,
    restore_snapshot,
)

__all__ = [
    # plans
    "list_plans",
    "get_plan",
    "plan_counts",
    "create_plan",
    "stamped",
    "update_plan",
    # reading
    "get_node",
    "load_outline",
    "order_depth_first",
    "children",
    "subtree_ids",
    # editing
    "add_node",
    "update_node",
    "set_node_kind",
    "move_node",
    "indent_target",
    "outdent_target",
    # copies
    "insert_copied_node",
    "next_node_id",
    "insert_copied_nodes",
    # removal
    "Snapshot",
    "SUPERVISION_ORDER",
    "EVIDENCE_ORDER",
    "remove_node",
    "delete_plan",
    "restore_snapshot",
    # documents
    "TASK_JSON_FIELDS",
    "TASK_EXTRA_FIELDS",
    "plan_to_document",
    "store_document",
]
