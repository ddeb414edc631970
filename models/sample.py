"""The bundled sample: three 2024 plans, loaded on first start or from the menu."""

from __future__ import annotations

import json
from typing import Any

from models.outline import store_document
from models.store.db import Database
from resources import resource_path

SAMPLE_FILE = ("sample", "plans-2024.json")


def sample_documents() -> list[dict[str, Any]]:
    """The sample plans in the JSON shape of ``import --json``."""
    with open(resource_path(*SAMPLE_FILE), encoding="utf-8") as fh:
        return json.load(fh)["documents"]


def load_sample(db: Database) -> list[int]:
    """Add the sample plans to ``db`` in one transaction; returns the new plan ids."""
    with db.transaction():
        return [store_document(db, doc) for doc in sample_documents()]
