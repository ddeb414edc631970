"""A plan imported again: offer replace / save as a copy / cancel instead of a silent twin.

Hooks into the import flow of ui/importing/import_controller.py from outside: ``install(window,
controller)`` wraps the import controller's ``store`` (the step after the preview), so the
importer's file stays as it is. A replacement is one undo step: the old plan's deletion
and the new import.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from models.plan_identity import copy_title, same_plans
from models.vocab import COPY_MARK
from ui import messages, strings
from ui.commands.outline import DeletePlanCommand
from ui.host import Host

if TYPE_CHECKING:
    from ui.importing.import_controller import ImportController

log = logging.getLogger(__name__)

REPLACE, COPY, CANCEL = "replace", "copy", "cancel"


def decide(window: Host, docs: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[int]]:
    """Ask about every document that is already stored.

    Returns the documents to store (copies retitled, cancelled ones left out) and the ids
    of the plans they replace.
    """
    db = window.document.db
    keep: list[dict[str, Any]] = []
    replaced: list[int] = []
    for doc in docs:
        twins = same_plans(db, doc)
        if not twins:
            keep.append(doc)
            continue
        title = str(doc.get("title") or "")
        answer = messages.ask_choice(
            window,
            strings.REIMPORT_TITLE,
            strings.REIMPORT_TEXT.format(title=title, mark=COPY_MARK),
            [
                (REPLACE, strings.REIMPORT_REPLACE),
                (COPY, strings.REIMPORT_COPY),
                (CANCEL, strings.REIMPORT_CANCEL),
            ],
        )
        log.info("plan %r imported again (twins %s): %s", title, twins, answer)
        if answer == REPLACE:
            replaced.extend(twins)
            keep.append(doc)
        elif answer == COPY:
            keep.append({**doc, "title": copy_title(db, title)})
    return keep, replaced


def install(window: Host, controller: ImportController) -> None:
    """Wrap the import controller's store step (the preview's import button ends there)."""
    store = controller.store

    def store_checked(docs: list[dict[str, Any]]) -> list[int] | None:
        if window.document is None or not docs:
            return store(docs)
        docs, replaced = decide(window, docs)
        if not docs:
            return None
        if not replaced:
            return store(docs)
        stack = window.document.undo_stack
        stack.beginMacro(strings.UNDO_REIMPORT_REPLACE.format(title=docs[0].get("title", "")))
        ids = None
        try:
            for plan_id in replaced:
                window.push(DeletePlanCommand(window.document, plan_id))
            ids = store(docs)
        finally:
            stack.endMacro()
        if not ids:  # the import failed (and said so): bring the old plans back
            stack.undo()
        return ids

    # an instance attribute: ImportController.show_preview connects self.store to the dialog
    controller.store = store_checked
