"""The Review page under AppTest: read-only shows no action; in editing mode (INCIDENTS_EDITABLE=1) the
analyst gives a name once, and every action (confirm, reject, edit, merge, add, undo, upload) writes
its rows to corrections.csv and shows on the other pages at once. Runs on a copy of the shipped data."""

from __future__ import annotations

import csv
import re
import shutil
from pathlib import Path

import pytest

from incidents import DEFAULT_DATA_DIR, ROOT
from incidents.dataset.corrections import load_corrections
from incidents.filters import Filters
from incidents.store.store import Store

PAGE = "pages/7_Review.py"
EVERYTHING = {"governorates": "all", "countries": "all"}
ACTION_LABELS = {"Confirm", "Reject", "Save changes", "Merge into this one", "Add incident", "Undo it",
                 "Start correcting", "Change name"}


@pytest.fixture()
def folder(tmp_path) -> Path:
    data = tmp_path / "data"
    data.mkdir()
    for name in ("incidents.csv", "articles.csv", "corrections.csv"):
        shutil.copy(DEFAULT_DATA_DIR / name, data / name)
    return data


@pytest.fixture()
def editing(monkeypatch):
    monkeypatch.setenv("INCIDENTS_EDITABLE", "1")
    monkeypatch.delenv("INCIDENTS_ANALYST_HEADER", raising=False)


def _new(folder: Path, monkeypatch, params: dict | None = None):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("INCIDENTS_DATA_DIR", str(folder))
    at = AppTest.from_file(str(ROOT / PAGE), default_timeout=120)
    for k, v in {**EVERYTHING, **(params or {})}.items():
        at.query_params[k] = v
    return at


def _ok(at):
    assert not at.exception, [e.value for e in at.exception]
    return at


def _signed_in(folder: Path, monkeypatch, params: dict | None = None, name: str = "Ana Lopez"):
    at = _ok(_new(folder, monkeypatch, params).run())
    at.text_input(key="_analyst_name").input(name)
    return _ok(_button(at, "Start correcting").click().run())


def _button(at, label: str):
    found = [b for b in at.button if b.label == label]
    assert found, f"no button {label!r}: {[b.label for b in at.button]}"
    return found[0]


def _widget(at, kind: str, form: str, field: str):
    """The widget of ``field`` in the action form ``form`` of the incident in hand."""
    pattern = re.compile(rf"_rv_{form}_IIM[0-9a-z]+_\d+_{field}")
    found = [w for w in getattr(at, kind) if w.key and pattern.fullmatch(w.key)]
    assert len(found) == 1, [w.key for w in getattr(at, kind)]
    return found[0]


def _in_hand(at) -> str:
    return at.selectbox(key="_rv_pick").value


def _rows(folder: Path) -> list[dict]:
    with (folder / "corrections.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _store(folder: Path) -> Store:
    return Store.open(folder)


def _metric(at, label: str) -> int:
    return int(next(m.value for m in at.metric if m.label == label).replace(",", ""))


ALL = Filters(governorates=None, countries=())


# -- read-only ---------------------------------------------------------------------------------------

def test_read_only_shows_the_queue_and_no_edit_control(folder, monkeypatch):
    monkeypatch.delenv("INCIDENTS_EDITABLE", raising=False)
    at = _ok(_new(folder, monkeypatch).run())
    assert any("read-only" in i.value for i in at.info)
    assert at.selectbox(key="_rv_pick").value  # the queue and the incident in hand are shown
    assert not ACTION_LABELS & {b.label for b in at.button}
    assert not [t for t in at.text_input if not t.key.startswith("_f_")]  # the sidebar's text filter only
    assert not at.file_uploader and not at.tabs
    assert (folder / "corrections.csv").read_bytes() == (DEFAULT_DATA_DIR / "corrections.csv").read_bytes()


def test_a_name_once_per_session_never_in_the_url(folder, monkeypatch, editing):
    at = _ok(_new(folder, monkeypatch).run())
    assert "Start correcting" in {b.label for b in at.button} and "Confirm" not in {b.label for b in at.button}
    at = _signed_in(folder, monkeypatch, name="  Ana \t Lopez ")
    assert "Confirm" in {b.label for b in at.button}
    assert any("Ana Lopez" in c.value for c in at.caption)
    assert all("Ana" not in str(v) for v in at.query_params.values())
    at = _ok(at.run())  # still known on the next run of the session
    assert "Confirm" in {b.label for b in at.button}


def test_a_name_in_the_url_signs_nothing(folder, monkeypatch, editing):
    at = _ok(_new(folder, monkeypatch, {"analyst": "Mallory", "name": "Mallory"}).run())
    assert "Confirm" not in {b.label for b in at.button}
    assert not any("Mallory" in c.value for c in at.caption)


# -- the queue ------------------------------------------------------------------------------------------

def test_queue_lowest_confidence_first_and_the_url_keeps_order_and_unreviewed(folder, monkeypatch, editing):
    at = _signed_in(folder, monkeypatch)
    first = _in_hand(at)
    with (folder / "incidents.csv").open(encoding="utf-8") as f:
        low = min(float(r["confidence"]) for r in csv.DictReader(f))
    assert _store(folder).run("incident", first)["confidence"] == low
    at.toggle(key="_rv_unreviewed").set_value(True)
    at.radio(key="_rv_order").set_value("newest")
    at = _ok(at.run())
    assert at.query_params["unreviewed"] in ("1", ["1"]) and at.query_params["order"] in ("newest", ["newest"])
    assert any("why review" in h.value for h in at.html)


# -- every action ---------------------------------------------------------------------------------------

def test_confirm_marks_it_confirmed_and_moves_on(folder, monkeypatch, editing):
    at = _signed_in(folder, monkeypatch, {"unreviewed": "1"})
    eid = _in_hand(at)
    at = _ok(_button(at, "Confirm").click().run())
    last = _rows(folder)[-1]
    assert (last["event_id"], last["action"], last["analyst"]) == (eid, "confirm", "Ana Lopez")
    assert last["reason"] and last["time"] and last["id"]
    assert _in_hand(at) != eid  # the next of the queue
    assert any("Confirmed" in s.value for s in at.success)
    assert eid not in at.selectbox(key="_rv_pick").options
    at = _ok(_new(folder, monkeypatch, {"review": eid}).run())
    assert any("<b>Confidence:</b> confirmed" in h.value for h in at.html)
    assert _store(folder).run("incident", eid)["confidence"] == 1.0


def test_reject_with_a_reason_takes_it_off_every_page(folder, monkeypatch, editing):
    before = _ok(_new(folder, monkeypatch).run())
    at = _signed_in(folder, monkeypatch)
    eid = _in_hand(at)
    _widget(at, "radio", "reject", "kind").set_value("outside scope")
    _widget(at, "text_input", "reject", "reason").input("a policy statement, not an event")
    at = _ok(_button(at, "Reject").click().run())
    last = _rows(folder)[-1]
    assert (last["action"], last["value"], last["reason"]) == ("reject", "outside scope",
                                                                "a policy statement, not an event")
    assert eid not in at.selectbox(key="_rv_pick").options
    overview = _ok(_new_page(folder, monkeypatch, "dashboard.py").run())
    incidents = _ok(_new_page(folder, monkeypatch, "pages/4_Incidents.py").run())
    n = len(before.selectbox(key="_rv_pick").options)
    assert _metric(overview, "Incidents") == n - 1
    assert any(f"{n - 1:,} incident(s) under the filters" in c.value for c in incidents.caption)


def test_reject_without_a_reason_writes_nothing(folder, monkeypatch, editing):
    at = _signed_in(folder, monkeypatch)
    n = len(_rows(folder))
    at = _ok(_button(at, "Reject").click().run())
    assert len(_rows(folder)) == n and any("Nothing was written" in e.value for e in at.error)


def _new_page(folder: Path, monkeypatch, page: str):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("INCIDENTS_DATA_DIR", str(folder))
    at = AppTest.from_file(str(ROOT / page), default_timeout=120)
    for k, v in EVERYTHING.items():
        at.query_params[k] = v
    return at


def test_edit_fields_and_the_overview_shows_the_new_count(folder, monkeypatch, editing):
    overview = _ok(_new_page(folder, monkeypatch, "dashboard.py").run())
    at = _signed_in(folder, monkeypatch)
    eid = _in_hand(at)
    _widget(at, "number_input", "edit", "fatalities_low").set_value(5)
    _widget(at, "number_input", "edit", "fatalities").set_value(7)
    _widget(at, "number_input", "edit", "fatalities_high").set_value(9)
    _widget(at, "selectbox", "edit", "place").set_value("Hawija (town, Kirkuk)")
    _widget(at, "selectbox", "edit", "actor2").set_value("Popular Mobilization Forces")  # a new actor: browser test
    _widget(at, "text_input", "edit", "reason").input("the later report gives 7 killed in Hawija")
    at = _ok(_button(at, "Save changes").click().run())
    written = {r["field"]: r["value"] for r in _rows(folder) if r["event_id"] == eid and r["action"] == "override"}
    assert written["fatalities"] == "7" and written["location"] == "Hawija" and written["actor2"] == "Popular Mobilization Forces"
    assert len({r["id"] for r in _rows(folder) if r["event_id"] == eid}) == 1  # one action, one id
    now = _store(folder).run("incident", eid)
    assert (now["fatalities"], now["location"], now["actor2"]) == (7, "Hawija", "Popular Mobilization Forces")
    assert any("Edited" in s.value for s in at.success)
    after = _ok(_new_page(folder, monkeypatch, "dashboard.py").run())
    killed = lambda page: next(m for m in page.metric if m.label.startswith("Fatalities")).value  # noqa: E731
    assert killed(after) != killed(overview)
    summary = _store(folder).run("summary", ALL)
    assert killed(after) == f"{summary['fatalities_low']:,}–{summary['fatalities_high']:,}"


def test_merge_two_incidents_told_twice(folder, monkeypatch, editing):
    at = _signed_in(folder, monkeypatch)
    kept = _in_hand(at)
    box = _widget(at, "selectbox", "merge", "other")
    other_id = box.options[0].rsplit(" · ", 1)[-1]  # the first candidate (its label ends with its id)
    assert other_id != kept
    box.set_value(other_id)
    _widget(at, "text_input", "merge", "reason").input("the same strike told twice")
    before = _store(folder).run("incident", other_id)
    at = _ok(_button(at, "Merge into this one").click().run())
    last = _rows(folder)[-1]
    assert (last["event_id"], last["action"], last["value"]) == (kept, "merge", other_id)
    s = _store(folder)
    assert s.run("incident", other_id) is None
    sources = s.run("incident", kept)["source_articles"].split("; ")
    assert all(a in sources for a in str(before["source_articles"]).split("; "))


def test_add_a_missed_incident_from_a_span_of_the_text(folder, monkeypatch, editing):
    at = _signed_in(folder, monkeypatch)
    eid = _in_hand(at)
    aid = _store(folder).run("incident", eid)["article_id"]
    text = _store(folder).run("article", aid)["text"]
    words = text[200:260]
    _widget(at, "text_input", "add", "find").input(words)
    at = _ok(at.run())
    assert (_widget(at, "number_input", "add", "start").value, _widget(at, "number_input", "add", "end").value) == \
        (text.find(words), text.find(words) + len(words))
    _widget(at, "selectbox", "add", "event_type").set_value("Battles")
    at = _ok(at.run())
    _widget(at, "selectbox", "add", "sub_event_type").set_value("Armed clash")
    _widget(at, "selectbox", "add", "place").set_value("Kirkuk (governorate)")
    _widget(at, "number_input", "add", "fatalities").set_value(2)
    at = _ok(_button(at, "Add incident").click().run())
    rows = _rows(folder)
    assert [r["action"] for r in rows[-2:]] == ["add", "confirm"] and rows[-1]["id"] == rows[-2]["id"]
    new = rows[-2]["event_id"]
    assert _in_hand(at) == new
    inc = _store(folder).run("incident", new)
    assert (inc["quote"], inc["admin1"], inc["fatalities"], inc["article_id"]) == (words, "Kirkuk", 2, aid)
    sources = _ok(_source_view(folder, monkeypatch, aid))
    assert any(new in h.value for h in sources.html)


def _source_view(folder: Path, monkeypatch, aid: str):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("INCIDENTS_DATA_DIR", str(folder))
    at = AppTest.from_file(str(ROOT / "pages/3_Sources.py"), default_timeout=120)
    at.query_params.update({**EVERYTHING, "article": aid})
    return at.run()


def test_undo_the_last_correction_of_this_analyst(folder, monkeypatch, editing):
    at = _signed_in(folder, monkeypatch)
    eid = _in_hand(at)
    before = _store(folder).run("incident", eid)
    at = _ok(_button(at, "Confirm").click().run())
    assert _store(folder).run("incident", eid)["confidence"] == 1.0
    at = _ok(_button(at, "Undo it").click().run())
    rows = _rows(folder)
    assert [r["action"] for r in rows[-2:]] == ["confirm", "undo"] and rows[-1]["value"] == rows[-2]["id"]
    assert _store(folder).run("incident", eid)["confidence"] == before["confidence"]
    assert _in_hand(at) == eid
    assert not [b for b in at.button if b.label == "Undo it"]  # nothing of Ana's applies any more
    assert any("(undone)" in h.value for h in at.html)  # the history keeps it, in order


def test_a_malformed_line_and_an_orphan_are_listed_and_the_rest_applies(folder, monkeypatch, editing):
    lines = (folder / "corrections.csv").read_text(encoding="utf-8").splitlines()
    with (folder / "corrections.csv").open("a", encoding="utf-8") as fh:
        fh.write("IIM1,override,fatalities,many,ana,2025-01-01,typed by hand\n")
        fh.write("IIMnotthere0000,confirm,,,ana,2025-01-01,old row\n")
    at = _ok(_new(folder, monkeypatch).run())
    text = " ".join(h.value for h in at.html)
    assert f"corrections.csv:{len(lines) + 1}:4: &#x27;many&#x27; is not a whole number" in text
    assert any("Orphaned corrections: 1" in e.label for e in at.expander)
    assert f"corrections.csv:{len(lines) + 2}:1: correction for IIMnotthere0000" in text
    assert len(load_corrections(folder / "corrections.csv")[0]) == len(lines) - 1 + 1


def test_upload_a_txt_article_and_refuse_anything_else(folder, monkeypatch, editing):
    at = _signed_in(folder, monkeypatch)
    seed = sorted((ROOT / "seeds").glob("*.txt"))[0]
    at.file_uploader(key="_rv_upload").upload("my article.txt", seed.read_bytes(), "text/plain")
    at = _ok(at.run())
    assert any("my article.txt" in s.value for s in at.success)
    assert (folder / "incoming" / "my article.txt").read_bytes() == seed.read_bytes()
    at.file_uploader(key="_rv_upload").upload("report.pdf", b"%PDF-1.4", "application/pdf")
    at = _ok(at.run())
    assert any("cannot be added" in e.value and ".txt" in e.value for e in at.error)
    assert not (folder / "incoming" / "report.pdf").exists()
