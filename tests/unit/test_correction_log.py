"""Writing corrections.csv (incidents/dataset/correction_log.py): under a lock, atomically, append-only.

Two real processes append at the same moment, round after round, while this one reads: no row is
lost, each writer's rows stay in its order, and the reader never sees half a file."""

from __future__ import annotations

import multiprocessing
import shutil
from pathlib import Path

import pytest

from incidents import DEFAULT_DATA_DIR
from incidents.dataset.correction_log import CorrectionLogError, Entry, append, lock_path, record
from incidents.dataset.corrections import ALL_COLUMNS, load_corrections

SHIPPED = DEFAULT_DATA_DIR / "corrections.csv"


def test_a_new_file_gets_every_column_and_one_id_per_action(tmp_path, monkeypatch):
    monkeypatch.setenv("INCIDENTS_NOW", "2026-05-01T10:20:30Z")
    path = tmp_path / "corrections.csv"
    cid = record(path, [Entry("IIM1", "override", "fatalities", "3", "later toll"),
                        Entry("IIM1", "override", "wounded", "2", "later toll")], "  Ana   Lopez ",
                 {"IIM1": {"event_id": "IIM1", "fatalities": 1, "wounded": None, "method": "attack"}})
    assert path.read_text(encoding="utf-8").splitlines()[0] == ",".join(ALL_COLUMNS)
    corrections, problems = load_corrections(path)
    assert problems == [] and [c.id for c in corrections] == [cid, cid]
    first = corrections[0]
    assert (first.analyst, first.date, first.time) == ("Ana Lopez", "2026-05-01", "2026-05-01T10:20:30Z")
    assert '"fatalities": "1"' in first.previous and '"method": "attack"' in first.previous
    assert lock_path(path).name == ".corrections.csv.lock"


def test_who_and_why_are_required(tmp_path):
    with pytest.raises(ValueError, match="name"):
        record(tmp_path / "c.csv", [Entry("IIM1", "confirm", reason="ok")], "  ")
    with pytest.raises(ValueError, match="reason"):
        record(tmp_path / "c.csv", [Entry("IIM1", "confirm", reason=" ")], "Ana")
    assert not (tmp_path / "c.csv").exists()


def test_an_old_header_gets_the_new_columns_and_every_other_byte_stays(tmp_path):
    path = tmp_path / "corrections.csv"
    shutil.copy(SHIPPED, path)
    before = SHIPPED.read_bytes()
    old, _ = load_corrections(path)
    record(path, [Entry("IIM81a6b99cdf7d", "confirm", reason="checked")], "Ana")
    after = path.read_bytes()
    head, _, rest = before.partition(b"\n")
    assert after.startswith(head + b",id,time,previous\n" + rest)
    corrections, problems = load_corrections(path)
    assert problems == [] and [(c.event_id, c.field, c.line) for c in corrections[:-1]] == \
        [(c.event_id, c.field, c.line) for c in old]
    assert corrections[-1].action == "confirm" and corrections[-1].line == len(old) + 2


def test_a_malformed_line_is_kept_and_reported_and_the_others_apply(tmp_path):
    path = tmp_path / "corrections.csv"
    good = "IIM1,reject,,,ana,2025-01-01,not an incident"
    bad = "IIM2,override,fatalities,many,ana,2025-01-01,typed by hand"
    path.write_text(f"{','.join(ALL_COLUMNS)}\n{good}\n{bad}", encoding="utf-8")  # no final newline
    record(path, [Entry("IIM3", "confirm", reason="checked")], "Ana")
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[1:3] == [good, bad]
    corrections, problems = load_corrections(path)
    assert [c.event_id for c in corrections] == ["IIM1", "IIM3"]
    assert [(p.line, p.column) for p in problems] == [(3, 4)] and "not a whole number" in problems[0].message


@pytest.mark.parametrize("damage", ["latin-1", "header"])
def test_a_file_that_cannot_be_used_is_not_written_to(tmp_path, damage):
    path = tmp_path / "corrections.csv"
    text = "event_id,action,field,value,analyst,date,reason\nIIM1,reject,,,Zoë,2025-01-01,no\n"
    path.write_bytes(text.encode("latin-1") if damage == "latin-1" else text.replace("analyst", "who").encode())
    before = path.read_bytes()
    with pytest.raises(CorrectionLogError, match="nothing was written"):
        record(path, [Entry("IIM3", "confirm", reason="checked")], "Ana")
    assert path.read_bytes() == before


def _writer(path: str, name: str, rounds: int, barrier) -> None:
    """One analyst's process: wait for the other, then append ``rounds`` corrections one by one."""
    barrier.wait()
    for i in range(rounds):
        append(Path(path), [{"event_id": f"IIM{name}{i:04d}", "action": "confirm", "analyst": name,
                             "date": "2026-05-01", "reason": f"round {i}", "id": f"C{name}{i}"}])


@pytest.mark.parametrize("round_", range(3))
def test_two_processes_writing_at_once_lose_nothing(tmp_path, round_):
    path = tmp_path / "corrections.csv"
    shutil.copy(SHIPPED, path)
    shipped, _ = load_corrections(path)
    n = 60
    ctx = multiprocessing.get_context("fork")
    barrier = ctx.Barrier(2)
    procs = [ctx.Process(target=_writer, args=(str(path), name, n, barrier)) for name in ("ana", "bo")]
    for p in procs:
        p.start()
    seen = []
    while any(p.is_alive() for p in procs):  # read while they write: always a whole file
        corrections, problems = load_corrections(path)
        assert problems == []
        seen.append(len(corrections))
    for p in procs:
        p.join()
        assert p.exitcode == 0
    corrections, problems = load_corrections(path)
    assert problems == [] and len(corrections) == len(shipped) + 2 * n
    assert seen == sorted(seen)  # the file only grows
    for name in ("ana", "bo"):
        assert [c.event_id for c in corrections if c.analyst == name] == [f"IIM{name}{i:04d}" for i in range(n)]
