-- PlanDesk schema version 5, frozen by freeze_schema.py
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
, sealed INTEGER NOT NULL DEFAULT 0, copy_to TEXT, printed_by TEXT, printed_date TEXT);
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
CREATE TABLE search_seq (n INTEGER PRIMARY KEY);
INSERT INTO search_seq VALUES (0);
INSERT INTO search_seq VALUES (1);
INSERT INTO search_seq VALUES (2);
INSERT INTO search_seq VALUES (3);
INSERT INTO search_seq VALUES (4);
INSERT INTO search_seq VALUES (5);
INSERT INTO search_seq VALUES (6);
INSERT INTO search_seq VALUES (7);
INSERT INTO search_seq VALUES (8);
INSERT INTO search_seq VALUES (9);
INSERT INTO search_seq VALUES (10);
INSERT INTO search_seq VALUES (11);
INSERT INTO search_seq VALUES (12);
INSERT INTO search_seq VALUES (13);
INSERT INTO search_seq VALUES (14);
INSERT INTO search_seq VALUES (15);
INSERT INTO search_seq VALUES (16);
INSERT INTO search_seq VALUES (17);
INSERT INTO search_seq VALUES (18);
INSERT INTO search_seq VALUES (19);
INSERT INTO search_seq VALUES (20);
INSERT INTO search_seq VALUES (21);
INSERT INTO search_seq VALUES (22);
INSERT INTO search_seq VALUES (23);
INSERT INTO search_seq VALUES (24);
INSERT INTO search_seq VALUES (25);
INSERT INTO search_seq VALUES (26);
INSERT INTO search_seq VALUES (27);
INSERT INTO search_seq VALUES (28);
INSERT INTO search_seq VALUES (29);
INSERT INTO search_seq VALUES (30);
INSERT INTO search_seq VALUES (31);
INSERT INTO search_seq VALUES (32);
INSERT INTO search_seq VALUES (33);
INSERT INTO search_seq VALUES (34);
INSERT INTO search_seq VALUES (35);
INSERT INTO search_seq VALUES (36);
INSERT INTO search_seq VALUES (37);
INSERT INTO search_seq VALUES (38);
INSERT INTO search_seq VALUES (39);
INSERT INTO search_seq VALUES (40);
INSERT INTO search_seq VALUES (41);
INSERT INTO search_seq VALUES (42);
INSERT INTO search_seq VALUES (43);
INSERT INTO search_seq VALUES (44);
INSERT INTO search_seq VALUES (45);
INSERT INTO search_seq VALUES (46);
INSERT INTO search_seq VALUES (47);
INSERT INTO search_seq VALUES (48);
INSERT INTO search_seq VALUES (49);
INSERT INTO search_seq VALUES (50);
INSERT INTO search_seq VALUES (51);
INSERT INTO search_seq VALUES (52);
INSERT INTO search_seq VALUES (53);
INSERT INTO search_seq VALUES (54);
INSERT INTO search_seq VALUES (55);
INSERT INTO search_seq VALUES (56);
INSERT INTO search_seq VALUES (57);
INSERT INTO search_seq VALUES (58);
INSERT INTO search_seq VALUES (59);
INSERT INTO search_seq VALUES (60);
INSERT INTO search_seq VALUES (61);
INSERT INTO search_seq VALUES (62);
INSERT INTO search_seq VALUES (63);
INSERT INTO search_seq VALUES (64);
INSERT INTO search_seq VALUES (65);
INSERT INTO search_seq VALUES (66);
INSERT INTO search_seq VALUES (67);
INSERT INTO search_seq VALUES (68);
INSERT INTO search_seq VALUES (69);
INSERT INTO search_seq VALUES (70);
INSERT INTO search_seq VALUES (71);
INSERT INTO search_seq VALUES (72);
INSERT INTO search_seq VALUES (73);
INSERT INTO search_seq VALUES (74);
INSERT INTO search_seq VALUES (75);
INSERT INTO search_seq VALUES (76);
INSERT INTO search_seq VALUES (77);
INSERT INTO search_seq VALUES (78);
INSERT INTO search_seq VALUES (79);
INSERT INTO search_seq VALUES (80);
INSERT INTO search_seq VALUES (81);
INSERT INTO search_seq VALUES (82);
INSERT INTO search_seq VALUES (83);
INSERT INTO search_seq VALUES (84);
INSERT INTO search_seq VALUES (85);
INSERT INTO search_seq VALUES (86);
INSERT INTO search_seq VALUES (87);
INSERT INTO search_seq VALUES (88);
INSERT INTO search_seq VALUES (89);
INSERT INTO search_seq VALUES (90);
INSERT INTO search_seq VALUES (91);
INSERT INTO search_seq VALUES (92);
INSERT INTO search_seq VALUES (93);
INSERT INTO search_seq VALUES (94);
INSERT INTO search_seq VALUES (95);
INSERT INTO search_seq VALUES (96);
INSERT INTO search_seq VALUES (97);
INSERT INTO search_seq VALUES (98);
INSERT INTO search_seq VALUES (99);
INSERT INTO search_seq VALUES (100);
INSERT INTO search_seq VALUES (101);
INSERT INTO search_seq VALUES (102);
INSERT INTO search_seq VALUES (103);
INSERT INTO search_seq VALUES (104);
INSERT INTO search_seq VALUES (105);
INSERT INTO search_seq VALUES (106);
INSERT INTO search_seq VALUES (107);
INSERT INTO search_seq VALUES (108);
INSERT INTO search_seq VALUES (109);
INSERT INTO search_seq VALUES (110);
INSERT INTO search_seq VALUES (111);
INSERT INTO search_seq VALUES (112);
INSERT INTO search_seq VALUES (113);
INSERT INTO search_seq VALUES (114);
INSERT INTO search_seq VALUES (115);
INSERT INTO search_seq VALUES (116);
INSERT INTO search_seq VALUES (117);
INSERT INTO search_seq VALUES (118);
INSERT INTO search_seq VALUES (119);
INSERT INTO search_seq VALUES (120);
INSERT INTO search_seq VALUES (121);
INSERT INTO search_seq VALUES (122);
INSERT INTO search_seq VALUES (123);
INSERT INTO search_seq VALUES (124);
INSERT INTO search_seq VALUES (125);
INSERT INTO search_seq VALUES (126);
INSERT INTO search_seq VALUES (127);
INSERT INTO search_seq VALUES (128);
INSERT INTO search_seq VALUES (129);
INSERT INTO search_seq VALUES (130);
INSERT INTO search_seq VALUES (131);
INSERT INTO search_seq VALUES (132);
INSERT INTO search_seq VALUES (133);
INSERT INTO search_seq VALUES (134);
INSERT INTO search_seq VALUES (135);
INSERT INTO search_seq VALUES (136);
INSERT INTO search_seq VALUES (137);
INSERT INTO search_seq VALUES (138);
INSERT INTO search_seq VALUES (139);
INSERT INTO search_seq VALUES (140);
INSERT INTO search_seq VALUES (141);
INSERT INTO search_seq VALUES (142);
INSERT INTO search_seq VALUES (143);
INSERT INTO search_seq VALUES (144);
INSERT INTO search_seq VALUES (145);
INSERT INTO search_seq VALUES (146);
INSERT INTO search_seq VALUES (147);
INSERT INTO search_seq VALUES (148);
INSERT INTO search_seq VALUES (149);
INSERT INTO search_seq VALUES (150);
INSERT INTO search_seq VALUES (151);
INSERT INTO search_seq VALUES (152);
INSERT INTO search_seq VALUES (153);
INSERT INTO search_seq VALUES (154);
INSERT INTO search_seq VALUES (155);
INSERT INTO search_seq VALUES (156);
INSERT INTO search_seq VALUES (157);
INSERT INTO search_seq VALUES (158);
INSERT INTO search_seq VALUES (159);
INSERT INTO search_seq VALUES (160);
INSERT INTO search_seq VALUES (161);
INSERT INTO search_seq VALUES (162);
INSERT INTO search_seq VALUES (163);
INSERT INTO search_seq VALUES (164);
INSERT INTO search_seq VALUES (165);
INSERT INTO search_seq VALUES (166);
INSERT INTO search_seq VALUES (167);
INSERT INTO search_seq VALUES (168);
INSERT INTO search_seq VALUES (169);
INSERT INTO search_seq VALUES (170);
INSERT INTO search_seq VALUES (171);
INSERT INTO search_seq VALUES (172);
INSERT INTO search_seq VALUES (173);
INSERT INTO search_seq VALUES (174);
INSERT INTO search_seq VALUES (175);
INSERT INTO search_seq VALUES (176);
INSERT INTO search_seq VALUES (177);
INSERT INTO search_seq VALUES (178);
INSERT INTO search_seq VALUES (179);
INSERT INTO search_seq VALUES (180);
INSERT INTO search_seq VALUES (181);
INSERT INTO search_seq VALUES (182);
INSERT INTO search_seq VALUES (183);
INSERT INTO search_seq VALUES (184);
INSERT INTO search_seq VALUES (185);
INSERT INTO search_seq VALUES (186);
INSERT INTO search_seq VALUES (187);
INSERT INTO search_seq VALUES (188);
INSERT INTO search_seq VALUES (189);
INSERT INTO search_seq VALUES (190);
INSERT INTO search_seq VALUES (191);
INSERT INTO search_seq VALUES (192);
INSERT INTO search_seq VALUES (193);
INSERT INTO search_seq VALUES (194);
INSERT INTO search_seq VALUES (195);
INSERT INTO search_seq VALUES (196);
INSERT INTO search_seq VALUES (197);
INSERT INTO search_seq VALUES (198);
INSERT INTO search_seq VALUES (199);
INSERT INTO search_seq VALUES (200);
INSERT INTO search_seq VALUES (201);
INSERT INTO search_seq VALUES (202);
INSERT INTO search_seq VALUES (203);
INSERT INTO search_seq VALUES (204);
INSERT INTO search_seq VALUES (205);
INSERT INTO search_seq VALUES (206);
INSERT INTO search_seq VALUES (207);
INSERT INTO search_seq VALUES (208);
INSERT INTO search_seq VALUES (209);
INSERT INTO search_seq VALUES (210);
INSERT INTO search_seq VALUES (211);
INSERT INTO search_seq VALUES (212);
INSERT INTO search_seq VALUES (213);
INSERT INTO search_seq VALUES (214);
INSERT INTO search_seq VALUES (215);
INSERT INTO search_seq VALUES (216);
INSERT INTO search_seq VALUES (217);
INSERT INTO search_seq VALUES (218);
INSERT INTO search_seq VALUES (219);
INSERT INTO search_seq VALUES (220);
INSERT INTO search_seq VALUES (221);
INSERT INTO search_seq VALUES (222);
INSERT INTO search_seq VALUES (223);
INSERT INTO search_seq VALUES (224);
INSERT INTO search_seq VALUES (225);
INSERT INTO search_seq VALUES (226);
INSERT INTO search_seq VALUES (227);
INSERT INTO search_seq VALUES (228);
INSERT INTO search_seq VALUES (229);
INSERT INTO search_seq VALUES (230);
INSERT INTO search_seq VALUES (231);
INSERT INTO search_seq VALUES (232);
INSERT INTO search_seq VALUES (233);
INSERT INTO search_seq VALUES (234);
INSERT INTO search_seq VALUES (235);
INSERT INTO search_seq VALUES (236);
INSERT INTO search_seq VALUES (237);
INSERT INTO search_seq VALUES (238);
INSERT INTO search_seq VALUES (239);
INSERT INTO search_seq VALUES (240);
INSERT INTO search_seq VALUES (241);
INSERT INTO search_seq VALUES (242);
INSERT INTO search_seq VALUES (243);
INSERT INTO search_seq VALUES (244);
INSERT INTO search_seq VALUES (245);
INSERT INTO search_seq VALUES (246);
INSERT INTO search_seq VALUES (247);
INSERT INTO search_seq VALUES (248);
INSERT INTO search_seq VALUES (249);
INSERT INTO search_seq VALUES (250);
INSERT INTO search_seq VALUES (251);
INSERT INTO search_seq VALUES (252);
INSERT INTO search_seq VALUES (253);
INSERT INTO search_seq VALUES (254);
INSERT INTO search_seq VALUES (255);
CREATE VIRTUAL TABLE nodes_grams USING fts5(grams, content='', tokenize='unicode61');
CREATE VIRTUAL TABLE progress_fts USING fts5(text, problems, content='progress_log', content_rowid='id', tokenize='trigram');
CREATE VIRTUAL TABLE progress_grams USING fts5(grams, content='', tokenize='unicode61');
CREATE TRIGGER nodes_grams_ai AFTER INSERT ON nodes BEGIN INSERT INTO nodes_grams(rowid, grams) VALUES (new.id, coalesce((SELECT group_concat(substr(new.heading, a.n * 256 + b.n + 1, 1) || ' ' || substr(new.heading, a.n * 256 + b.n + 1, 2), ' ') FROM search_seq a, search_seq b WHERE a.n <= length(new.heading) / 256 AND b.n < length(new.heading) - a.n * 256), '') || ' ' || coalesce((SELECT group_concat(substr(new.body, a.n * 256 + b.n + 1, 1) || ' ' || substr(new.body, a.n * 256 + b.n + 1, 2), ' ') FROM search_seq a, search_seq b WHERE a.n <= length(new.body) / 256 AND b.n < length(new.body) - a.n * 256), '') || ' ' || coalesce((SELECT group_concat(substr(new.text, a.n * 256 + b.n + 1, 1) || ' ' || substr(new.text, a.n * 256 + b.n + 1, 2), ' ') FROM search_seq a, search_seq b WHERE a.n <= length(new.text) / 256 AND b.n < length(new.text) - a.n * 256), '') || ' ' || coalesce((SELECT group_concat(substr(new.note, a.n * 256 + b.n + 1, 1) || ' ' || substr(new.note, a.n * 256 + b.n + 1, 2), ' ') FROM search_seq a, search_seq b WHERE a.n <= length(new.note) / 256 AND b.n < length(new.note) - a.n * 256), '')); END;
CREATE TRIGGER nodes_grams_ad AFTER DELETE ON nodes BEGIN INSERT INTO nodes_grams(nodes_grams, rowid, grams) VALUES ('delete', old.id, coalesce((SELECT group_concat(substr(old.heading, a.n * 256 + b.n + 1, 1) || ' ' || substr(old.heading, a.n * 256 + b.n + 1, 2), ' ') FROM search_seq a, search_seq b WHERE a.n <= length(old.heading) / 256 AND b.n < length(old.heading) - a.n * 256), '') || ' ' || coalesce((SELECT group_concat(substr(old.body, a.n * 256 + b.n + 1, 1) || ' ' || substr(old.body, a.n * 256 + b.n + 1, 2), ' ') FROM search_seq a, search_seq b WHERE a.n <= length(old.body) / 256 AND b.n < length(old.body) - a.n * 256), '') || ' ' || coalesce((SELECT group_concat(substr(old.text, a.n * 256 + b.n + 1, 1) || ' ' || substr(old.text, a.n * 256 + b.n + 1, 2), ' ') FROM search_seq a, search_seq b WHERE a.n <= length(old.text) / 256 AND b.n < length(old.text) - a.n * 256), '') || ' ' || coalesce((SELECT group_concat(substr(old.note, a.n * 256 + b.n + 1, 1) || ' ' || substr(old.note, a.n * 256 + b.n + 1, 2), ' ') FROM search_seq a, search_seq b WHERE a.n <= length(old.note) / 256 AND b.n < length(old.note) - a.n * 256), '')); END;
CREATE TRIGGER nodes_grams_au AFTER UPDATE OF heading, body, text, note ON nodes BEGIN INSERT INTO nodes_grams(nodes_grams, rowid, grams) VALUES ('delete', old.id, coalesce((SELECT group_concat(substr(old.heading, a.n * 256 + b.n + 1, 1) || ' ' || substr(old.heading, a.n * 256 + b.n + 1, 2), ' ') FROM search_seq a, search_seq b WHERE a.n <= length(old.heading) / 256 AND b.n < length(old.heading) - a.n * 256), '') || ' ' || coalesce((SELECT group_concat(substr(old.body, a.n * 256 + b.n + 1, 1) || ' ' || substr(old.body, a.n * 256 + b.n + 1, 2), ' ') FROM search_seq a, search_seq b WHERE a.n <= length(old.body) / 256 AND b.n < length(old.body) - a.n * 256), '') || ' ' || coalesce((SELECT group_concat(substr(old.text, a.n * 256 + b.n + 1, 1) || ' ' || substr(old.text, a.n * 256 + b.n + 1, 2), ' ') FROM search_seq a, search_seq b WHERE a.n <= length(old.text) / 256 AND b.n < length(old.text) - a.n * 256), '') || ' ' || coalesce((SELECT group_concat(substr(old.note, a.n * 256 + b.n + 1, 1) || ' ' || substr(old.note, a.n * 256 + b.n + 1, 2), ' ') FROM search_seq a, search_seq b WHERE a.n <= length(old.note) / 256 AND b.n < length(old.note) - a.n * 256), '')); INSERT INTO nodes_grams(rowid, grams) VALUES (new.id, coalesce((SELECT group_concat(substr(new.heading, a.n * 256 + b.n + 1, 1) || ' ' || substr(new.heading, a.n * 256 + b.n + 1, 2), ' ') FROM search_seq a, search_seq b WHERE a.n <= length(new.heading) / 256 AND b.n < length(new.heading) - a.n * 256), '') || ' ' || coalesce((SELECT group_concat(substr(new.body, a.n * 256 + b.n + 1, 1) || ' ' || substr(new.body, a.n * 256 + b.n + 1, 2), ' ') FROM search_seq a, search_seq b WHERE a.n <= length(new.body) / 256 AND b.n < length(new.body) - a.n * 256), '') || ' ' || coalesce((SELECT group_concat(substr(new.text, a.n * 256 + b.n + 1, 1) || ' ' || substr(new.text, a.n * 256 + b.n + 1, 2), ' ') FROM search_seq a, search_seq b WHERE a.n <= length(new.text) / 256 AND b.n < length(new.text) - a.n * 256), '') || ' ' || coalesce((SELECT group_concat(substr(new.note, a.n * 256 + b.n + 1, 1) || ' ' || substr(new.note, a.n * 256 + b.n + 1, 2), ' ') FROM search_seq a, search_seq b WHERE a.n <= length(new.note) / 256 AND b.n < length(new.note) - a.n * 256), '')); END;
CREATE TRIGGER progress_grams_ai AFTER INSERT ON progress_log BEGIN INSERT INTO progress_grams(rowid, grams) VALUES (new.id, coalesce((SELECT group_concat(substr(new.text, a.n * 256 + b.n + 1, 1) || ' ' || substr(new.text, a.n * 256 + b.n + 1, 2), ' ') FROM search_seq a, search_seq b WHERE a.n <= length(new.text) / 256 AND b.n < length(new.text) - a.n * 256), '') || ' ' || coalesce((SELECT group_concat(substr(new.problems, a.n * 256 + b.n + 1, 1) || ' ' || substr(new.problems, a.n * 256 + b.n + 1, 2), ' ') FROM search_seq a, search_seq b WHERE a.n <= length(new.problems) / 256 AND b.n < length(new.problems) - a.n * 256), '')); END;
CREATE TRIGGER progress_grams_ad AFTER DELETE ON progress_log BEGIN INSERT INTO progress_grams(progress_grams, rowid, grams) VALUES ('delete', old.id, coalesce((SELECT group_concat(substr(old.text, a.n * 256 + b.n + 1, 1) || ' ' || substr(old.text, a.n * 256 + b.n + 1, 2), ' ') FROM search_seq a, search_seq b WHERE a.n <= length(old.text) / 256 AND b.n < length(old.text) - a.n * 256), '') || ' ' || coalesce((SELECT group_concat(substr(old.problems, a.n * 256 + b.n + 1, 1) || ' ' || substr(old.problems, a.n * 256 + b.n + 1, 2), ' ') FROM search_seq a, search_seq b WHERE a.n <= length(old.problems) / 256 AND b.n < length(old.problems) - a.n * 256), '')); END;
CREATE TRIGGER progress_grams_au AFTER UPDATE OF text, problems ON progress_log BEGIN INSERT INTO progress_grams(progress_grams, rowid, grams) VALUES ('delete', old.id, coalesce((SELECT group_concat(substr(old.text, a.n * 256 + b.n + 1, 1) || ' ' || substr(old.text, a.n * 256 + b.n + 1, 2), ' ') FROM search_seq a, search_seq b WHERE a.n <= length(old.text) / 256 AND b.n < length(old.text) - a.n * 256), '') || ' ' || coalesce((SELECT group_concat(substr(old.problems, a.n * 256 + b.n + 1, 1) || ' ' || substr(old.problems, a.n * 256 + b.n + 1, 2), ' ') FROM search_seq a, search_seq b WHERE a.n <= length(old.problems) / 256 AND b.n < length(old.problems) - a.n * 256), '')); INSERT INTO progress_grams(rowid, grams) VALUES (new.id, coalesce((SELECT group_concat(substr(new.text, a.n * 256 + b.n + 1, 1) || ' ' || substr(new.text, a.n * 256 + b.n + 1, 2), ' ') FROM search_seq a, search_seq b WHERE a.n <= length(new.text) / 256 AND b.n < length(new.text) - a.n * 256), '') || ' ' || coalesce((SELECT group_concat(substr(new.problems, a.n * 256 + b.n + 1, 1) || ' ' || substr(new.problems, a.n * 256 + b.n + 1, 2), ' ') FROM search_seq a, search_seq b WHERE a.n <= length(new.problems) / 256 AND b.n < length(new.problems) - a.n * 256), '')); END;
CREATE TRIGGER progress_fts_ai AFTER INSERT ON progress_log BEGIN INSERT INTO progress_fts(rowid, text, problems) VALUES (new.id, new.text, new.problems); END;
CREATE TRIGGER progress_fts_ad AFTER DELETE ON progress_log BEGIN INSERT INTO progress_fts(progress_fts, rowid, text, problems) VALUES ('delete', old.id, old.text, old.problems); END;
CREATE TRIGGER progress_fts_au AFTER UPDATE OF text, problems ON progress_log BEGIN INSERT INTO progress_fts(progress_fts, rowid, text, problems) VALUES ('delete', old.id, old.text, old.problems); INSERT INTO progress_fts(rowid, text, problems) VALUES (new.id, new.text, new.problems); END;
CREATE TABLE report_rounds (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    title TEXT NOT NULL DEFAULT '',
    due_date TEXT NOT NULL,
    closed_on TEXT,
    created_at TEXT NOT NULL DEFAULT (datetime('now', 'localtime'))
);
CREATE INDEX idx_rounds_plan ON report_rounds(plan_id, due_date);
CREATE TABLE round_units (
    id INTEGER PRIMARY KEY,
    round_id INTEGER NOT NULL REFERENCES report_rounds(id) ON DELETE CASCADE,
    unit TEXT NOT NULL,
    received_on TEXT,
    received_from TEXT NOT NULL DEFAULT '',
    signed_by TEXT,
    chased_on TEXT,
    chase_count INTEGER NOT NULL DEFAULT 0,
    UNIQUE (round_id, unit)
);
CREATE TABLE round_lights (
    round_id INTEGER NOT NULL REFERENCES report_rounds(id) ON DELETE CASCADE,
    task_id INTEGER NOT NULL REFERENCES nodes(id) ON DELETE CASCADE,
    light TEXT NOT NULL,
    pace TEXT NOT NULL,
    progress INTEGER NOT NULL,
    expected INTEGER NOT NULL,
    held INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (round_id, task_id)
);
CREATE TABLE supervision_ledgers (
    year INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL UNIQUE REFERENCES plans(id) ON DELETE CASCADE
);
CREATE TABLE supervision_items (
    task_id INTEGER PRIMARY KEY REFERENCES nodes(id) ON DELETE CASCADE,
    source TEXT NOT NULL,
    source_ref TEXT NOT NULL DEFAULT '',
    assigned_on TEXT NOT NULL,
    time_class TEXT NOT NULL,
    work_days INTEGER NOT NULL,
    assigned_by TEXT
);
CREATE TABLE item_closings (
    id INTEGER PRIMARY KEY,
    task_id INTEGER NOT NULL REFERENCES nodes(id) ON DELETE CASCADE,
    action TEXT NOT NULL CHECK (action IN ('done', 'cancel', 'extend')),
    acted_on TEXT NOT NULL,
    result TEXT NOT NULL DEFAULT '',
    evidence TEXT NOT NULL DEFAULT '',
    actor TEXT NOT NULL DEFAULT '',
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
CREATE TABLE evidence_files (
    id INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL UNIQUE,
    size INTEGER NOT NULL,
    kind TEXT NOT NULL,
    data BLOB NOT NULL,
    thumb BLOB,
    width INTEGER,
    height INTEGER,
    taken_at TEXT,
    latitude REAL,
    longitude REAL,
    created_at TEXT NOT NULL DEFAULT (datetime('now', 'localtime'))
);
CREATE TABLE evidence (
    id INTEGER PRIMARY KEY,
    task_id INTEGER NOT NULL REFERENCES nodes(id) ON DELETE CASCADE,
    checkpoint_id INTEGER REFERENCES checkpoints(id) ON DELETE SET NULL,
    progress_id INTEGER REFERENCES progress_log(id) ON DELETE SET NULL,
    sha256 TEXT NOT NULL REFERENCES evidence_files(sha256),
    name TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL DEFAULT (datetime('now', 'localtime'))
);
CREATE INDEX idx_evidence_task ON evidence(task_id, id);
CREATE INDEX idx_evidence_sha ON evidence(sha256);
CREATE TABLE assessment_items (
    id INTEGER PRIMARY KEY,
    year INTEGER NOT NULL,
    position INTEGER NOT NULL,
    number TEXT NOT NULL DEFAULT '',
    project TEXT NOT NULL DEFAULT '',
    points REAL NOT NULL DEFAULT 0,
    indicator TEXT NOT NULL DEFAULT '',
    criteria TEXT NOT NULL DEFAULT '',
    department TEXT NOT NULL DEFAULT '',
    self_score REAL,
    remark TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL DEFAULT (datetime('now', 'localtime'))
);
CREATE INDEX idx_assessment_year ON assessment_items(year, position);
CREATE TABLE assessment_links (
    item_id INTEGER NOT NULL REFERENCES assessment_items(id) ON DELETE CASCADE,
    task_id INTEGER NOT NULL REFERENCES nodes(id) ON DELETE CASCADE,
    PRIMARY KEY (item_id, task_id)
);
PRAGMA user_version = 5;
