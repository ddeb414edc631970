"""Schema versions: an ordered list of small steps, one per ``PRAGMA user_version``."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

# Version 1: the schema of DESIGN.md.
_V1 = """
CREATE TABLE plans (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL DEFAULT '',
    year INTEGER,
    organization TEXT,
    kind TEXT NOT NULL DEFAULT 'plan',
    issuer TEXT,                -- 发文机关标志 of an optional red header
    doc_number TEXT,            -- 文号
    signed_by TEXT,             -- signature (单位)
    signed_date TEXT,           -- 成文日期, ISO date
    preamble TEXT NOT NULL DEFAULT '',
    closing TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'draft',
    source_plan_id INTEGER REFERENCES plans(id) ON DELETE SET NULL,
    created_at TEXT NOT NULL DEFAULT (datetime('now', 'localtime')),
    updated_at TEXT NOT NULL DEFAULT (datetime('now', 'localtime'))
);
CREATE TABLE nodes (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    parent_id INTEGER REFERENCES nodes(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('section', 'task')),
    heading TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL DEFAULT '',
    task_style TEXT,
    run_in TEXT,                -- NULL: heading on its own line;
                                -- else the mark that ends a run-in heading (。)
    text TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    lead_leader TEXT,
    owner_unit TEXT,
    co_units TEXT,
    owner_person TEXT,
    deadline TEXT,              -- as written: 6月底前, 2024年10月前
    due_date TEXT,              -- ISO date used by tracking
    target TEXT,
    frequency TEXT,             -- monthly / quarterly / halfyear / regular (hint)
    status TEXT NOT NULL DEFAULT 'not_started',
    progress INTEGER NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
    carried_from INTEGER REFERENCES nodes(id) ON DELETE SET NULL,
    created_at TEXT NOT NULL DEFAULT (datetime('now', 'localtime')),
    updated_at TEXT NOT NULL DEFAULT (datetime('now', 'localtime'))
);
CREATE INDEX idx_nodes_plan ON nodes(plan_id, parent_id, position);
CREATE INDEX idx_nodes_parent ON nodes(parent_id);
CREATE INDEX idx_nodes_carried ON nodes(carried_from);
CREATE TABLE checkpoints (
    id INTEGER PRIMARY KEY,
    task_id INTEGER NOT NULL REFERENCES nodes(id) ON DELETE CASCADE,
    title TEXT NOT NULL DEFAULT '',
    due_date TEXT,
    done_date TEXT,
    note TEXT NOT NULL DEFAULT '',
    recurrence TEXT             -- the rule that generated it, if any
);
CREATE INDEX idx_checkpoints_task ON checkpoints(task_id);
CREATE TABLE progress_log (
    id INTEGER PRIMARY KEY,
    task_id INTEGER NOT NULL REFERENCES nodes(id) ON DELETE CASCADE,
    entry_date TEXT NOT NULL,
    text TEXT NOT NULL DEFAULT '',
    progress_after INTEGER CHECK (progress_after BETWEEN 0 AND 100),
    author TEXT,
    problems TEXT,
    created_at TEXT NOT NULL DEFAULT (datetime('now', 'localtime'))
);
CREATE INDEX idx_progress_task ON progress_log(task_id, entry_date);
CREATE TABLE units (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT 'unit' CHECK (kind IN ('unit', 'person')),
    note TEXT NOT NULL DEFAULT '',
    UNIQUE (kind, name)
);
CREATE TABLE field_changes (
    id INTEGER PRIMARY KEY,
    task_id INTEGER NOT NULL REFERENCES nodes(id) ON DELETE CASCADE,
    field TEXT NOT NULL,
    old_value TEXT,
    new_value TEXT,
    reason TEXT NOT NULL DEFAULT '',
    changed_at TEXT NOT NULL DEFAULT (datetime('now', 'localtime'))
);
CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT
);
-- Full-text index over the outline; trigram so Chinese substrings of 3+ characters match.
CREATE VIRTUAL TABLE nodes_fts USING fts5(
    heading, body, text, note, content='nodes', content_rowid='id', tokenize='trigram'
);
CREATE TRIGGER nodes_fts_ai AFTER INSERT ON nodes BEGIN
    INSERT INTO nodes_fts(rowid, heading, body, text, note)
    VALUES (new.id, new.heading, new.body, new.text, new.note);
END;
CREATE TRIGGER nodes_fts_ad AFTER DELETE ON nodes BEGIN
    INSERT INTO nodes_fts(nodes_fts, rowid, heading, body, text, note)
    VALUES ('delete', old.id, old.heading, old.body, old.text, old.note);
END;
CREATE TRIGGER nodes_fts_au AFTER UPDATE OF heading, body, text, note ON nodes BEGIN
    INSERT INTO nodes_fts(nodes_fts, rowid, heading, body, text, note)
    VALUES ('delete', old.id, old.heading, old.body, old.text, old.note);
    INSERT INTO nodes_fts(rowid, heading, body, text, note)
    VALUES (new.id, new.heading, new.body, new.text, new.note);
END;
"""


def _to_v1(conn: sqlite3.Connection) -> None:
    for statement in _split_sql(_V1):
        conn.execute(statement)


def _split_sql(script: str) -> list[str]:
    """Split a script into statements; triggers keep their inner semicolons."""
    statements: list[str] = []
    current: list[str] = []
    for line in script.splitlines():
        stripped = line.split("--", 1)[0].rstrip()
        if not stripped:
            continue
        current.append(stripped)
        joined = "\n".join(current)
        if stripped.endswith(";") and sqlite3.complete_statement(joined):
            statements.append(joined)
            current = []
    if current:
        statements.append("\n".join(current))
    return statements


# Version 2: search for 1- and 2-character queries (羊, 油茶), which a trigram index cannot
# serve. nodes_grams is a contentless FTS5 table whose tokens are every character and every
# pair of adjacent characters of a node's heading/body/text/note, separated by spaces, so the
# unicode61 tokenizer sees each one as a token: MATCH '"油茶"' finds any text containing 油茶.
# The grams are computed in plain SQL inside the triggers (a 256-row counter table squared
# covers texts up to 65,536 characters), so every connection keeps the index right, with no
# function to register. progress_log gets the same pair of indexes (trigram + grams).
GRAM_BASE = 256


def grams_sql(expr: str) -> str:
    """SQL giving the space-separated unigrams and bigrams of the text ``expr`` ('' if NULL).

    Deterministic (the rowid order of search_seq), which the 'delete' of a contentless FTS5
    table needs: it must see exactly the tokens that were inserted.
    """
    return (
        f"coalesce((SELECT group_concat(substr({expr}, a.n * {GRAM_BASE} + b.n + 1, 1) || ' ' || "
        f"substr({expr}, a.n * {GRAM_BASE} + b.n + 1, 2), ' ') FROM search_seq a, search_seq b "
        f"WHERE a.n <= length({expr}) / {GRAM_BASE} AND b.n < length({expr}) - a.n * {GRAM_BASE}"
        f"), '')"
    )


def _grams_of(prefix: str, columns: tuple[str, ...]) -> str:
    return " || ' ' || ".join(grams_sql(f"{prefix}.{c}") for c in columns)


_NODE_TEXT = ("heading", "body", "text", "note")
_PROGRESS_TEXT = ("text", "problems")


def _to_v2(conn: sqlite3.Connection) -> None:
    conn.execute("CREATE TABLE search_seq (n INTEGER PRIMARY KEY)")
    conn.executemany("INSERT INTO search_seq (n) VALUES (?)", [(i,) for i in range(GRAM_BASE)])
    conn.execute(
        "CREATE VIRTUAL TABLE nodes_grams USING fts5(grams, content='', tokenize='unicode61')"
    )
    conn.execute(
        "CREATE VIRTUAL TABLE progress_fts USING fts5(text, problems, "
        "content='progress_log', content_rowid='id', tokenize='trigram')"
    )
    conn.execute(
        "CREATE VIRTUAL TABLE progress_grams USING fts5(grams, content='', tokenize='unicode61')"
    )
    for table, grams, cols in (
        ("nodes", "nodes_grams", _NODE_TEXT),
        ("progress_log", "progress_grams", _PROGRESS_TEXT),
    ):
        insert = f"INSERT INTO {grams}(rowid, grams) VALUES (new.id, {_grams_of('new', cols)});"
        delete = (
            f"INSERT INTO {grams}({grams}, rowid, grams) "
            f"VALUES ('delete', old.id, {_grams_of('old', cols)});"
        )
        conn.execute(f"CREATE TRIGGER {grams}_ai AFTER INSERT ON {table} BEGIN {insert} END")
        conn.execute(f"CREATE TRIGGER {grams}_ad AFTER DELETE ON {table} BEGIN {delete} END")
        conn.execute(
            f"CREATE TRIGGER {grams}_au AFTER UPDATE OF {', '.join(cols)} ON {table} "
            f"BEGIN {delete} {insert} END"
        )
        conn.execute(
            f"INSERT INTO {grams}(rowid, grams) SELECT id, {_grams_of(table, cols)} FROM {table}"
        )
    new_vals = "new.id, new.text, new.problems"
    old_vals = "'delete', old.id, old.text, old.problems"
    conn.execute(
        "CREATE TRIGGER progress_fts_ai AFTER INSERT ON progress_log BEGIN "
        f"INSERT INTO progress_fts(rowid, text, problems) VALUES ({new_vals}); END"
    )
    conn.execute(
        "CREATE TRIGGER progress_fts_ad AFTER DELETE ON progress_log BEGIN "
        "INSERT INTO progress_fts(progress_fts, rowid, text, problems) "
        f"VALUES ({old_vals}); END"
    )
    conn.execute(
        "CREATE TRIGGER progress_fts_au AFTER UPDATE OF text, problems ON progress_log "
        "BEGIN INSERT INTO progress_fts(progress_fts, rowid, text, problems) "
        f"VALUES ({old_vals}); INSERT INTO progress_fts(rowid, text, problems) "
        f"VALUES ({new_vals}); END"
    )
    conn.execute("INSERT INTO progress_fts(progress_fts) VALUES ('rebuild')")


def _to_v3(conn: sqlite3.Connection) -> None:
    """The 版记 and the seal of a plan's 公文 (GB/T 9704 7.3.5, 7.4)."""
    for statement in (
        "ALTER TABLE plans ADD COLUMN sealed INTEGER NOT NULL DEFAULT 0",  # 加盖印章
        "ALTER TABLE plans ADD COLUMN copy_to TEXT",  # 抄送机关
        "ALTER TABLE plans ADD COLUMN printed_by TEXT",  # 印发机关
        "ALTER TABLE plans ADD COLUMN printed_date TEXT",  # 印发日期, ISO date
    ):
        conn.execute(statement)


# Supervision (督办, models/supervision/): reporting rounds with their units and the lights
# frozen per round, 督办事项 beside plan tasks, their closings, pace exemptions and the
# numbered documents. New tables only, so the step does not depend on its place in the list.
_SUPERVISION = """
CREATE TABLE report_rounds (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    title TEXT NOT NULL DEFAULT '',
    due_date TEXT NOT NULL,     -- units report by this day (ISO); later is 迟报
    closed_on TEXT,             -- lights frozen into round_lights on this day
    created_at TEXT NOT NULL DEFAULT (datetime('now', 'localtime'))
);
CREATE INDEX idx_rounds_plan ON report_rounds(plan_id, due_date);
CREATE TABLE round_units (
    id INTEGER PRIMARY KEY,
    round_id INTEGER NOT NULL REFERENCES report_rounds(id) ON DELETE CASCADE,
    unit TEXT NOT NULL,
    received_on TEXT,           -- NULL: not reported yet
    received_from TEXT NOT NULL DEFAULT '',  -- the sheet's file name, or '' on paper
    signed_by TEXT,             -- the unit head who signed the report off
    chased_on TEXT,             -- last 催报
    chase_count INTEGER NOT NULL DEFAULT 0,
    UNIQUE (round_id, unit)
);
CREATE TABLE round_lights (
    round_id INTEGER NOT NULL REFERENCES report_rounds(id) ON DELETE CASCADE,
    task_id INTEGER NOT NULL REFERENCES nodes(id) ON DELETE CASCADE,
    light TEXT NOT NULL,        -- '' for a done or suspended task
    pace TEXT NOT NULL,
    progress INTEGER NOT NULL,
    expected INTEGER NOT NULL,  -- 序时进度 on the round's due day
    held INTEGER NOT NULL DEFAULT 0,  -- kept red: last round's shortfall not made up
    PRIMARY KEY (round_id, task_id)
);
CREATE TABLE supervision_ledgers (
    year INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL UNIQUE REFERENCES plans(id) ON DELETE CASCADE
);
CREATE TABLE supervision_items (
    task_id INTEGER PRIMARY KEY REFERENCES nodes(id) ON DELETE CASCADE,
    source TEXT NOT NULL,       -- instruction / meeting / superior / proposal / public
    source_ref TEXT NOT NULL DEFAULT '',  -- 批示 or meeting it came from
    assigned_on TEXT NOT NULL,  -- 交办 date
    time_class TEXT NOT NULL,   -- urgent (特急) / rush (急件) / normal (一般)
    work_days INTEGER NOT NULL, -- working days allowed
    assigned_by TEXT            -- 交办 leader
);
CREATE TABLE item_closings (
    id INTEGER PRIMARY KEY,
    task_id INTEGER NOT NULL REFERENCES nodes(id) ON DELETE CASCADE,
    action TEXT NOT NULL CHECK (action IN ('done', 'cancel', 'extend')),
    acted_on TEXT NOT NULL,
    result TEXT NOT NULL DEFAULT '',    -- 办理结果, or the reason of a 延期
    evidence TEXT NOT NULL DEFAULT '',  -- 佐证 link or file
    actor TEXT NOT NULL DEFAULT '',     -- who 销号 / who approved the 延期
    new_due TEXT,
    old_due TEXT,
    old_status TEXT,
    old_progress INTEGER,
    created_at TEXT NOT NULL DEFAULT (datetime('now', 'localtime'))
);
CREATE INDEX idx_closings_task ON item_closings(task_id, id);
CREATE TABLE pace_reasons (
    task_id INTEGER PRIMARY KEY REFERENCES nodes(id) ON DELETE CASCADE,
    reason TEXT NOT NULL,
    recorded_on TEXT NOT NULL
);
CREATE TABLE issued_documents (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    office TEXT NOT NULL,
    year INTEGER NOT NULL,
    number INTEGER NOT NULL,
    title TEXT NOT NULL DEFAULT '',
    round_id INTEGER REFERENCES report_rounds(id) ON DELETE SET NULL,
    issued_on TEXT NOT NULL,
    UNIQUE (kind, office, year, number)
);
"""


def add_supervision(conn: sqlite3.Connection) -> None:
    """The supervision tables (a step of MIGRATIONS; tests find it by name, not number)."""
    for statement in _split_sql(_SUPERVISION):
        conn.execute(statement)


def add_exchange_identity(conn: sqlite3.Connection) -> None:
    """Exchange between offices (models/exchange/): the office profiles, the packet log, and a
    uuid + owner on every travelling row (a step of MIGRATIONS; tests find it by name)."""
    from models.exchange import travel  # no APSW: a plain declaration

    conn.execute(travel.OFFICES_SQL)
    conn.execute("CREATE UNIQUE INDEX idx_offices_self ON offices(is_self) WHERE is_self = 1")
    conn.execute(travel.EXCHANGE_LOG_SQL)
    for spec in travel.TRAVELLING:
        travel.add_identity(conn, spec.table)


# 佐证材料 (models/evidence/): the files themselves live in the database, content-addressed
# (one row per distinct sha256), so the one file that is backed up, restored, checked and
# carried holds them; ``evidence`` links a file to a task (and maybe a checkpoint or a
# progress note) under the name it was added with. The 考核细则 of a year, its items and their
# links to tasks, and the 自评分 the user set, are here too. New tables only.
_EVIDENCE = """
CREATE TABLE evidence_files (
    id INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL UNIQUE,    -- of data, hex
    size INTEGER NOT NULL,
    kind TEXT NOT NULL,             -- type detected from the content (jpeg, pdf, docx ...)
    data BLOB NOT NULL,
    thumb BLOB,                     -- small JPEG of an image
    width INTEGER,
    height INTEGER,
    taken_at TEXT,                  -- EXIF DateTimeOriginal, ISO
    latitude REAL,                  -- EXIF GPS, decimal degrees
    longitude REAL,
    created_at TEXT NOT NULL DEFAULT (datetime('now', 'localtime'))
);
CREATE TABLE evidence (
    id INTEGER PRIMARY KEY,
    task_id INTEGER NOT NULL REFERENCES nodes(id) ON DELETE CASCADE,
    checkpoint_id INTEGER REFERENCES checkpoints(id) ON DELETE SET NULL,
    progress_id INTEGER REFERENCES progress_log(id) ON DELETE SET NULL,
    sha256 TEXT NOT NULL REFERENCES evidence_files(sha256),
    name TEXT NOT NULL,             -- the original file name
    note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL DEFAULT (datetime('now', 'localtime'))
);
CREATE INDEX idx_evidence_task ON evidence(task_id, id);
CREATE INDEX idx_evidence_sha ON evidence(sha256);
CREATE TABLE assessment_items (
    id INTEGER PRIMARY KEY,
    year INTEGER NOT NULL,
    position INTEGER NOT NULL,
    number TEXT NOT NULL DEFAULT '',      -- 序号 as the county wrote it
    project TEXT NOT NULL DEFAULT '',     -- 考核项目
    points REAL NOT NULL DEFAULT 0,       -- 分值
    indicator TEXT NOT NULL DEFAULT '',   -- 考核指标
    criteria TEXT NOT NULL DEFAULT '',    -- 评分标准
    department TEXT NOT NULL DEFAULT '',  -- 负责考核部门
    self_score REAL,                      -- 自评分 set by the user (NULL: the rule's)
    remark TEXT NOT NULL DEFAULT '',      -- the user's own words for 详细说明
    created_at TEXT NOT NULL DEFAULT (datetime('now', 'localtime'))
);
CREATE INDEX idx_assessment_year ON assessment_items(year, position);
CREATE TABLE assessment_links (
    item_id INTEGER NOT NULL REFERENCES assessment_items(id) ON DELETE CASCADE,
    task_id INTEGER NOT NULL REFERENCES nodes(id) ON DELETE CASCADE,
    PRIMARY KEY (item_id, task_id)
);
"""


def add_evidence(conn: sqlite3.Connection) -> None:
    """The evidence and assessment tables (a step of MIGRATIONS, found by name)."""
    for statement in _split_sql(_EVIDENCE):
        conn.execute(statement)


# MIGRATIONS[i] brings a database from version i to version i + 1.
MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [
    _to_v1,
    _to_v2,
    _to_v3,
    add_supervision,
    add_evidence,
    add_exchange_identity,
]

SCHEMA_VERSION = len(MIGRATIONS)
