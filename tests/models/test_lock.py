"""One writer per database: the lock file, stale locks, races between processes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from models.errors import DatabaseLockedError
from models.store import lock as lockmod
from models.store.lock import DatabaseLock, LockInfo, break_lock, is_stale, lock_path, read_lock

ROOT = Path(__file__).resolve().parents[2]


def write_lock(path: Path, **fields) -> None:
    data = {"pid": 999_999, "host": lockmod.this_host(), "time": time.time(), "token": "t"}
    data.update(fields)
    lock_path(path).write_text(json.dumps(data), encoding="utf-8")


def dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_acquire_writes_pid_host_time_and_release_removes(db_path):
    lk = DatabaseLock(db_path)
    lk.acquire()
    info = read_lock(lock_path(db_path))
    assert lock_path(db_path).name == "plandesk.db.lock"
    assert (info.pid, info.host) == (os.getpid(), lockmod.this_host())
    assert abs(info.time - time.time()) < 60
    assert lk.held
    lk.release()
    assert not lock_path(db_path).exists() and not lk.held


def test_second_writer_is_refused_with_a_chinese_message(db_path):
    with DatabaseLock(db_path):
        other = DatabaseLock(db_path)
        with pytest.raises(DatabaseLockedError) as err:
            other.acquire()
        assert "正被另一个 PlanDesk 使用" in err.value.user_text
        assert lockmod.this_host() in err.value.user_text
        assert "只读" in err.value.user_text
        assert err.value.holder.pid == os.getpid()
        other.release()  # releasing a lock never acquired does nothing
        assert lock_path(db_path).exists()
    assert not lock_path(db_path).exists()


def test_stale_lock_of_a_dead_process_is_taken_over(db_path):
    write_lock(db_path, pid=dead_pid())
    with DatabaseLock(db_path):
        assert read_lock(lock_path(db_path)).pid == os.getpid()
    assert not lock_path(db_path).exists()


def test_lock_older_than_the_last_boot_is_stale(db_path, monkeypatch):
    monkeypatch.setattr(lockmod, "boot_time", lambda: time.time() - 100)
    info = LockInfo(pid=os.getpid(), host=lockmod.this_host(), time=time.time() - 10_000)
    assert is_stale(info)  # even though the pid runs now: it is a recycled pid


def test_lock_of_a_live_process_is_not_stale():
    assert not is_stale(LockInfo(os.getpid(), lockmod.this_host(), time.time()))


def test_lock_from_another_computer_is_never_taken_over(db_path):
    write_lock(db_path, pid=dead_pid(), host="其他电脑-PC")
    with pytest.raises(DatabaseLockedError) as err:
        DatabaseLock(db_path).acquire()
    assert "其他电脑-PC" in err.value.user_text
    assert read_lock(lock_path(db_path)).host == "其他电脑-PC"
    assert break_lock(db_path).host == "其他电脑-PC"
    with DatabaseLock(db_path):
        pass


def test_release_does_not_delete_a_lock_that_is_no_longer_ours(db_path):
    lk = DatabaseLock(db_path)
    lk.acquire()
    write_lock(db_path, pid=os.getpid(), token="someone-else")
    lk.release()
    assert read_lock(lock_path(db_path)).token == "someone-else"


def test_unreadable_lock_file_counts_as_held_while_fresh_and_stale_when_old(db_path):
    lock_path(db_path).write_bytes(b"")  # crash between create and write
    with pytest.raises(DatabaseLockedError):
        DatabaseLock(db_path).acquire()
    old = time.time() - 3600
    os.utime(lock_path(db_path), (old, old))
    with DatabaseLock(db_path):
        assert read_lock(lock_path(db_path)).pid == os.getpid()


def test_leftover_takeover_guard_from_a_crash_does_not_block_forever(db_path):
    write_lock(db_path, pid=dead_pid())
    guard = Path(str(lock_path(db_path)) + lockmod.TAKEOVER_SUFFIX)
    guard.write_text("")
    old = time.time() - 3600
    os.utime(guard, (old, old))
    with DatabaseLock(db_path):
        pass
    assert not guard.exists()


HOLDER = textwrap.dedent("""
    import sys, time
    sys.path.insert(0, {root!r})
    from models.store.lock import DatabaseLock
    lk = DatabaseLock({db!r})
    lk.acquire()
    print("locked", flush=True)
    time.sleep(60)
""")


def test_lock_of_a_killed_process_is_taken_over(db_path):
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER.format(root=str(ROOT), db=str(db_path))],
        stdout=subprocess.PIPE,
        encoding="utf-8",
    )
    try:
        assert proc.stdout.readline().strip() == "locked"
        with pytest.raises(DatabaseLockedError):
            DatabaseLock(db_path).acquire()
        proc.kill()  # SIGKILL; on Windows TerminateProcess
        # not reaped yet: a zombie holds nothing and must count as dead
        time.sleep(0.2)
        with DatabaseLock(db_path):
            assert read_lock(lock_path(db_path)).pid == os.getpid()
    finally:
        proc.kill()
        proc.wait()
        proc.stdout.close()


RACER = textwrap.dedent("""
    import sys, time
    sys.path.insert(0, {root!r})
    from models.errors import DatabaseLockedError
    from models.store.lock import DatabaseLock
    start = float(sys.argv[1])
    while time.time() < start:
        pass
    try:
        DatabaseLock({db!r}).acquire()   # kept until the parent says so
        print("won", flush=True)
    except DatabaseLockedError:
        print("lost", flush=True)
    sys.stdin.read()   # hold on until every racer has answered
""")


@pytest.mark.parametrize("stale_first", [False, True], ids=["free", "stale"])
def test_exactly_one_of_many_racing_processes_wins(db_path, stale_first):
    if stale_first:
        write_lock(db_path, pid=dead_pid())
    start = time.time() + 1.0
    script = RACER.format(root=str(ROOT), db=str(db_path))
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", script, str(start)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            encoding="utf-8",
        )
        for _ in range(6)
    ]
    results = [p.stdout.readline().strip() for p in procs]
    for p in procs:
        p.communicate(timeout=30)
    assert sorted(results) == ["lost"] * 5 + ["won"]


def test_took_over_tells_that_the_last_session_crashed(db_path):
    with DatabaseLock(db_path) as lk:
        assert lk.took_over is None
    pid = dead_pid()
    write_lock(db_path, pid=pid)
    with DatabaseLock(db_path) as lk:
        assert lk.took_over is not None and lk.took_over.pid == pid


def test_release_survives_a_lock_file_that_cannot_be_deleted(db_path, monkeypatch):
    """Simulated Windows sharing violation: unlink raises PermissionError."""
    lk = DatabaseLock(db_path)
    lk.acquire()
    real_unlink = Path.unlink

    def busy(self, *a, **kw):
        if self == lock_path(db_path):
            raise PermissionError(13, "being used by another process")
        return real_unlink(self, *a, **kw)

    monkeypatch.setattr(Path, "unlink", busy)
    lk.release()  # no exception; the file names our pid, stale once we exit
    assert not lk.held
    monkeypatch.setattr(Path, "unlink", real_unlink)
    assert read_lock(lock_path(db_path)).pid == os.getpid()
