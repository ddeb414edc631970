-- PlanDesk schema version 1, frozen by freeze_schema.py
CREATE TABLE plans (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL DEFAULT '',
    year INTEGER,
    organization TEXT,
    kind TEXT NOT NULL DEFAULT 'plan',
    issuer TEXT,
    doc_number TEXT,
    signed_by TEXT,
    signed_date TEXT,
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
    run_in TEXT,
    text TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    lead_leader TEXT,
    owner_unit TEXT,
    co_units TEXT,
    owner_person TEXT,
    deadline TEXT,
    due_date TEXT,
    target TEXT,
    frequency TEXT,
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
    recurrence TEXT
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
PRAGMA user_version = 1;
