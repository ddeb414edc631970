"""Two townships and a county in temp folders exchange packets both ways (issue 19)."""

from __future__ import annotations

import json

import pytest

from models import outline, rollover, tracking
from models.exchange import incoming, outgoing, packet
from models.exchange.offices import ExchangeError, add_office
from models.store.backup import backup_dir

from .conftest import small_plan


def send(src, dst, tmp_path, name=None):
    """Export from ``src`` to ``dst`` and import it there; the import's results."""
    seq = 1 + int(
        src.db.scalar(
            "SELECT count(*) FROM exchange_log WHERE direction = 'out' AND peer = ?",
            (dst.office.code,),
        )
    )
    out = tmp_path / (name or f"{src.office.code}-to-{dst.office.code}-{seq}.pdx")
    sent = outgoing.export_packet(src.db, out, dst.office.code)
    assert sent is not None
    return out, incoming.import_packets(dst.db, [out])


def same(a, county):
    """The county has exactly the township's rows; units (a shared list of names) merge."""
    mine, there = a.own(), county.of(a)
    names = {r[1:3] for r in mine.pop("units").values()}
    there.pop("units")
    assert mine == there
    assert names <= {(r["name"], r["kind"]) for r in county.db.query("SELECT * FROM units")}
    a.assert_sound()
    county.assert_sound()


def test_full_first_packets_from_two_townships(tmp_path, county, town_a, town_b):
    small_plan(town_a.db, "油茶镇2025年工作计划")
    small_plan(town_b.db, "竹溪乡2025年工作计划")
    tracking.add_unit(town_a.db, "农业办")
    tracking.add_unit(town_b.db, "农业办")  # the same name from two offices merges
    for town in (town_a, town_b):
        _out, results = send(town, county, tmp_path)
        assert [r.status for r in results] == ["applied"]
        same(town, county)
    assert county.db.scalar("SELECT count(*) FROM plans") == 2
    assert county.db.scalar("SELECT count(*) FROM units WHERE name = '农业办'") == 1
    # the county's local ids are its own; the rows are matched by uuid
    a_plan = town_a.db.scalar("SELECT uuid FROM plans")
    assert county.db.scalar("SELECT owner FROM plans WHERE uuid = ?", (a_plan,)) == (
        town_a.office.uuid
    )
    assert list(backup_dir(county.db.path).glob("*导入数据包前*"))
    kept = outgoing.exchange_dir(county.db) / "in"
    assert len(list(kept.glob("*.pdx"))) == 2


def test_edits_moves_deletes_and_rollover_travel(tmp_path, county, town_a):
    plan = small_plan(town_a.db, "油茶镇2025年工作计划")
    send(town_a, county, tmp_path)
    db = town_a.db
    task = town_a.node("油茶镇2025年工作计划建设冷链仓库。")
    outline.update_node(db, task, text="建设两座冷链仓库。", owner_unit="经发办、农业办")
    tracking.add_progress(db, task, "完成选址。", 30)
    tracking.add_checkpoint(db, task, "开工", "2025-06-30")
    governance = town_a.node("基层治理")
    outline.move_node(db, task, governance, 0)
    outline.remove_node(db, town_a.node("油茶镇2025年工作计划扩大油茶种植面积。"))
    outline.update_plan(db, plan, title="油茶镇2025年重点工作计划")
    _out, results = send(town_a, county, tmp_path)
    assert results[0].status == "applied" and results[0].changes > 0
    same(town_a, county)
    # search at the county finds the received text (FTS triggers ran on the inserts/updates)
    hits = county.db.query("SELECT rowid FROM nodes_fts WHERE nodes_fts MATCH '冷链仓库'")
    assert len(hits) == 1
    new = rollover.rollover(db, plan, year=2026).plan_id
    assert db.scalar("SELECT count(DISTINCT uuid) FROM nodes") == db.scalar(
        "SELECT count(*) FROM nodes"
    )
    send(town_a, county, tmp_path)
    same(town_a, county)
    carried = county.db.query(
        "SELECT n.id FROM nodes n JOIN plans p ON p.id = n.plan_id "
        "WHERE p.uuid = ? AND n.carried_from IS NOT NULL",
        (db.scalar("SELECT uuid FROM plans WHERE id = ?", (new,)),),
    )
    assert carried  # the link to last year's task points at the county's own ids
    outline.delete_plan(db, new)
    send(town_a, county, tmp_path)
    same(town_a, county)


def test_undo_of_a_delete_brings_the_same_rows_back(tmp_path, county, town_a):
    small_plan(town_a.db, "油茶镇2025年工作计划")
    send(town_a, county, tmp_path)
    snap = outline.remove_node(town_a.db, town_a.node("产业发展"))
    outline.restore_snapshot(town_a.db, snap)
    assert outgoing.export_packet(town_a.db, tmp_path / "none.pdx", "331100") is None
    assert not (tmp_path / "none.pdx").exists()
    same(town_a, county)


def test_county_comments_travel_back_and_townships_see_them(tmp_path, county, town_a, town_b):
    small_plan(town_a.db, "油茶镇2025年工作计划")
    send(town_a, county, tmp_path)
    task_uuid = town_a.db.scalar("SELECT uuid FROM nodes WHERE text LIKE '%冷链%'")
    local = county.db.scalar("SELECT id FROM nodes WHERE uuid = ?", (task_uuid,))
    tracking.add_progress(county.db, local, "县督查室批示：加快进度。")
    _out, results = send(county, town_a, tmp_path)
    assert results[0].status == "applied"
    note = town_a.db.query_one(
        "SELECT p.text, p.owner FROM progress_log p JOIN nodes n ON n.id = p.task_id "
        "WHERE n.uuid = ?",
        (task_uuid,),
    )
    assert tuple(note) == ("县督查室批示：加快进度。", county.office.uuid)
    # the township's plan came back? no: only the county's own rows travel
    assert town_a.db.scalar("SELECT count(*) FROM plans") == 1
    assert town_a.of(county) == county.own()
    # township B never had that task: the county's comment on it is not sent there
    add_office(town_b.db, code="331100", name="某县督查室", kind="县督查室")
    plan = outline.create_plan(county.db, title="全县2025年重点工作督查计划", year=2025)
    outline.add_node(county.db, plan, None, "task", text="各乡镇上报进度。")
    _out, results = send(county, town_b, tmp_path)
    assert results[0].status == "applied"
    assert town_b.db.scalar("SELECT count(*) FROM progress_log") == 0
    assert (
        town_b.db.scalar("SELECT count(*) FROM plans WHERE owner = ?", (county.office.uuid,)) == 1
    )
    town_b.assert_sound()
    # ...while A gets the county's plan as well as the comment
    send(county, town_a, tmp_path)
    assert town_a.of(county) == county.own()
    town_a.assert_sound()


def test_a_conflict_is_listed_and_nothing_is_overwritten(tmp_path, county, town_a):
    small_plan(town_a.db, "油茶镇2025年工作计划")
    send(town_a, county, tmp_path)
    text = "油茶镇2025年工作计划建设冷链仓库。"
    county_task = county.node(text)
    outline.update_node(county.db, county_task, text="县里改过的任务。")
    outline.update_node(town_a.db, town_a.node(text), text="镇里改过的任务。", progress=40)
    out, results = send(town_a, county, tmp_path)
    (result,) = results
    assert result.status == "conflicts"
    (conflict,) = result.conflicts
    assert conflict.reason == "changed_here" and conflict.decision is None
    assert conflict.columns["text"] == ("县里改过的任务。", text, "镇里改过的任务。")
    assert county.db.scalar("SELECT text FROM nodes WHERE id = ?", (county_task,)) == (
        "县里改过的任务。"
    )
    assert county.db.scalar("SELECT count(*) FROM exchange_log WHERE direction = 'in'") == 1
    # dry run with a decision: would apply, writes nothing
    (dry,) = incoming.import_packets(county.db, [out], dry_run=True, resolve="theirs")
    assert dry.status == "dry-run"
    assert county.db.scalar("SELECT text FROM nodes WHERE id = ?", (county_task,)) == (
        "县里改过的任务。"
    )
    (kept,) = incoming.import_packets(county.db, [out], keep=frozenset({conflict.uuid}))
    assert kept.status == "applied" and kept.conflicts[0].decision == "mine"
    # mine: the clashing text stays; the progress, changed only there, is taken
    row = county.db.query_one("SELECT text, progress FROM nodes WHERE id = ?", (county_task,))
    assert tuple(row) == ("县里改过的任务。", 40)
    logged = json.loads(
        county.db.scalar("SELECT conflicts FROM exchange_log WHERE direction = 'in' AND seq = 2")
    )
    assert logged[0]["decision"] == "mine" and logged[0]["uuid"] == conflict.uuid
    county.assert_sound()
    # the next change of that row conflicts again; this time the county takes theirs
    outline.update_node(town_a.db, town_a.node("镇里改过的任务。"), text="镇里再改。")
    out, results = send(town_a, county, tmp_path)
    assert results[0].status == "conflicts"
    (taken,) = incoming.import_packets(county.db, [out], resolve="theirs")
    assert taken.status == "applied"
    assert county.db.scalar("SELECT text FROM nodes WHERE id = ?", (county_task,)) == "镇里再改。"
    same(town_a, county)


def test_a_row_deleted_here_is_a_conflict_that_keeps_the_deletion(tmp_path, county, town_a):
    small_plan(town_a.db, "油茶镇2025年工作计划")
    send(town_a, county, tmp_path)
    text = "油茶镇2025年工作计划开展矛盾纠纷排查。"
    outline.remove_node(county.db, county.node(text))
    outline.update_node(town_a.db, town_a.node(text), note="每月一次")
    out, results = send(town_a, county, tmp_path)
    assert [c.reason for c in results[0].conflicts] == ["deleted_here"]
    (done,) = incoming.import_packets(county.db, [out], resolve="theirs")
    assert done.status == "applied" and done.conflicts[0].decision == "mine"
    assert county.db.scalar("SELECT count(*) FROM nodes WHERE text = ?", (text,)) == 0
    county.assert_sound()


def test_packets_apply_in_sequence_order_and_a_gap_is_refused(tmp_path, county, town_a):
    small_plan(town_a.db, "油茶镇2025年工作计划")
    files = []
    for i in range(3):
        out = tmp_path / f"a{i + 1}.pdx"
        outline.create_plan(town_a.db, title=f"计划{i}", year=2025)
        outgoing.export_packet(town_a.db, out, "331100")
        files.append(out)
    with pytest.raises(ExchangeError, match="缺少油茶镇的第 1 号数据包"):
        incoming.import_packets(county.db, [files[1]])
    assert county.db.scalar("SELECT count(*) FROM plans") == 0
    results = incoming.import_packets(county.db, [files[2], files[0], files[1]])
    assert [(r.seq, r.status) for r in results] == [(1, "applied"), (2, "applied"), (3, "applied")]
    same(town_a, county)
    # a replay is a no-op
    before = county.own(), county.of(town_a)
    assert [r.status for r in incoming.import_packets(county.db, [files[1]])] == ["duplicate"]
    assert (county.own(), county.of(town_a)) == before


def test_tampered_foreign_and_newer_packets_are_refused(tmp_path, county, town_a, town_b):
    small_plan(town_a.db, "油茶镇2025年工作计划")
    out = tmp_path / "a1.pdx"
    outgoing.export_packet(town_a.db, out, "331100")
    data = bytearray(out.read_bytes())
    bad = tmp_path / "bad.pdx"
    bad.write_bytes(bytes(data[:-5] + bytes([data[-5] ^ 1]) + data[-4:]))
    with pytest.raises(ExchangeError, match="sha256"):
        incoming.import_packets(county.db, [bad])
    text = bytes(data).replace("油茶镇".encode(), "茶油镇".encode(), 1)
    bad.write_bytes(text)
    with pytest.raises(ExchangeError, match="sha256"):
        incoming.import_packets(county.db, [bad])
    with pytest.raises(ExchangeError, match="不是发给本单位"):
        incoming.import_packets(town_b.db, [out])
    pk = packet.read(out)
    newer, _sha = packet.encode({**pk.header, "schema": pk.header["schema"] + 1}, pk.changeset)
    bad.write_bytes(newer)
    with pytest.raises(ExchangeError, match="更新版本"):
        incoming.import_packets(county.db, [bad])
    bad.write_bytes(b"PK\x03\x04 not a packet")
    with pytest.raises(ExchangeError, match="不是 PlanDesk 数据包"):
        incoming.import_packets(county.db, [bad])
    assert county.db.scalar("SELECT count(*) FROM plans") == 0
    assert county.db.scalar("SELECT count(*) FROM exchange_log") == 0
    county.assert_sound()


def test_a_lost_state_file_resends_everything_without_conflicts(tmp_path, county, town_a):
    small_plan(town_a.db, "油茶镇2025年工作计划")
    send(town_a, county, tmp_path)
    outgoing.sent_state_path(town_a.db, "331100").unlink()
    outline.create_plan(town_a.db, title="新增计划", year=2025)
    out, results = send(town_a, county, tmp_path)
    assert packet.read(out).header["full"] is True
    assert results[0].status == "applied" and results[0].conflicts == []
    same(town_a, county)


def test_many_rounds_both_ways_keep_every_database_sound(tmp_path, county, town_a, town_b):
    for town in (town_a, town_b):
        small_plan(town.db, f"{town.office.name}2025年工作计划")
    for round_no in range(3):
        for town in (town_a, town_b):
            tasks = [r[0] for r in town.db.query("SELECT id FROM nodes WHERE kind = 'task'")]
            tracking.add_progress(
                town.db, tasks[round_no % len(tasks)], f"第{round_no}轮进展", 10 * round_no
            )
            section = town.db.scalar("SELECT id FROM nodes WHERE kind = 'section' LIMIT 1")
            outline.add_node(
                town.db,
                town.db.scalar("SELECT id FROM plans"),
                section,
                "task",
                text=f"新任务{round_no}",
            )
            send(town, county, tmp_path)
            same(town, county)
        task = county.db.scalar(
            "SELECT id FROM nodes WHERE owner IS NOT NULL AND kind = 'task' LIMIT 1"
        )
        tracking.add_progress(county.db, task, f"第{round_no}轮批示")
        for town in (town_a, town_b):
            owner_of_task = county.db.scalar("SELECT owner FROM nodes WHERE id = ?", (task,))
            if owner_of_task == town.office.uuid:
                send(county, town, tmp_path)
                assert town.of(county) == county.own()
                town.assert_sound()


def test_rows_hanging_on_a_township_go_to_that_township_only(tmp_path, county, town_a, town_b):
    small_plan(town_a.db, "油茶镇2025年工作计划")
    send(town_a, county, tmp_path)
    section = county.node("产业发展")
    plan = county.db.scalar("SELECT plan_id FROM nodes WHERE id = ?", (section,))
    task = outline.add_node(county.db, plan, section, "task", text="县督查室交办：补报台账。")
    tracking.add_checkpoint(county.db, task, "补报", "2025-07-10")
    add_office(town_b.db, code="331100", name="某县督查室", kind="县督查室")
    send(county, town_b, tmp_path)
    assert town_b.db.scalar("SELECT count(*) FROM nodes") == 0
    assert town_b.db.scalar("SELECT count(*) FROM checkpoints") == 0
    send(county, town_a, tmp_path)
    assert town_a.of(county) == county.own()
    assert town_a.db.scalar("SELECT count(*) FROM checkpoints") == 1
    town_a.assert_sound()
    # the township's own packet back does not carry the county's rows
    outline.update_node(town_a.db, town_a.node("产业发展"), heading="产业振兴")
    _out, results = send(town_a, county, tmp_path)
    assert results[0].changes == 1
    same(town_a, county)


def test_moves_that_clash_as_a_whole_are_refused_not_made_a_cycle(tmp_path, county, town_a):
    small_plan(town_a.db, "油茶镇2025年工作计划")
    send(town_a, county, tmp_path)
    outline.move_node(town_a.db, town_a.node("产业发展"), town_a.node("基层治理"), 0)
    outline.move_node(county.db, county.node("基层治理"), county.node("产业发展"), 0)
    out = tmp_path / "moves.pdx"
    outgoing.export_packet(town_a.db, out, "331100")
    before = county.of(town_a)
    with pytest.raises(ExchangeError, match="互相矛盾"):
        incoming.import_packets(county.db, [out], resolve="mine")
    assert county.of(town_a) == before
    county.assert_sound()


def test_an_office_code_is_fixed_once_packets_went(tmp_path, county, town_a):
    from models.exchange import offices

    send(town_a, county, tmp_path)
    with pytest.raises(ExchangeError, match="代码不能再改"):
        offices.set_own_office(town_a.db, code="999", name="油茶镇", kind="乡镇")
    offices.set_own_office(town_a.db, code="331101001", name="油茶镇人民政府", kind="乡镇")
    # a packet that claims another office's code is refused
    town_c_root = tmp_path / "c"
    town_c_root.mkdir()
    from .conftest import Desk

    impostor = Desk(town_c_root, "331101001", "假冒镇", "乡镇")
    impostor.knows(county)
    out = tmp_path / "fake.pdx"
    outgoing.export_packet(impostor.db, out, "331100")
    with pytest.raises(ExchangeError, match="已属于另一个单位"):
        incoming.import_packets(county.db, [out])
    impostor.db.close()


def test_evidence_files_travel_with_their_links(tmp_path, county, town_a):
    from PIL import Image

    from models.evidence import store as evidence

    small_plan(town_a.db, "油茶镇2025年工作计划")
    task = town_a.node("油茶镇2025年工作计划建设冷链仓库。")
    photo = tmp_path / "冷链仓库.png"
    Image.new("RGB", (64, 48), (200, 120, 40)).save(photo)
    (link,) = evidence.add_evidence(town_a.db, task, [photo], note="竣工照片")
    _out, results = send(town_a, county, tmp_path)
    assert [r.status for r in results] == ["applied"]
    same(town_a, county)
    there = county.node("油茶镇2025年工作计划建设冷链仓库。")
    (got,) = evidence.list_evidence(county.db, there)
    assert got.name == "冷链仓库.png" and got.note == "竣工照片"
    assert evidence.evidence_data(county.db, got.id) == photo.read_bytes()

    # removed at the township (and its stored file pruned): gone at the county too
    evidence.remove_evidence(town_a.db, [link])
    evidence.prune_files(town_a.db)
    _out, results = send(town_a, county, tmp_path)
    assert [r.status for r in results] == ["applied"]
    assert evidence.list_evidence(county.db, there) == []
    assert county.db.scalar("SELECT count(*) FROM evidence_files") == 0
    same(town_a, county)
