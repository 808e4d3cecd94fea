"""The Review page's actions (editing mode, once the analyst has a name): Confirm, Reject, Edit, Merge,
Add a missed incident, Undo; and the upload of articles.

Each action's button has a callback that turns the widgets into correction rows
(``incidents.dataset.review``) and appends them with ``incidents.dataset.correction_log.record``
(one id, who, when, why, what they replaced). The file's new size and time are in the store's cache
key, so the run after the click already shows the corrected table on every page. The outcome is a
message shown once at the top of the next run; Confirm, Reject and Merge move on to the next
incident of the queue.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import streamlit as st

from incidents import cells
from incidents.dataset import review as R
from incidents.dataset.correction_log import CorrectionLogError, Entry, record
from incidents.dataset.uploads import MAX_BYTES, accepted_suffixes, ingest_upload
from incidents.places.geo import load_gazetteer
from incidents.ui import data, state
from incidents.ui.review_fields import field_values, field_widgets, wkey

FLASH = "iim_review_flash"  # session state: (kind, message) of the last action
TABS = ("Confirm", "Reject", "Edit", "Merge", "Add a missed incident", "Undo")


@dataclass(frozen=True)
class Hand:
    """What an action needs: the incident in hand, its article, who acts, the corrections file, the
    next incident of the queue, the candidates to merge with or call it a duplicate of, and ``version``
    (how many corrections the file holds: part of every widget key)."""

    inc: Mapping
    art: Mapping | None
    analyst: str
    path: Path
    next_id: str | None
    candidates: tuple[str, ...]
    labels: Mapping[str, str]
    version: int

    @property
    def eid(self) -> str:
        return cells.text(self.inc.get("event_id"))

    def key(self, form: str) -> str:
        """The key prefix of a form's widgets for this incident and this state of the file."""
        return f"_rv_{form}_{self.eid}_{self.version}"


def flash() -> None:
    """Show (once) what the last action did."""
    kind, text = st.session_state.pop(FLASH, (None, ""))
    if kind == "error":
        st.error(text, icon=":material/error:")
    elif kind == "info":
        st.info(text, icon=":material/info:")
    elif kind:
        st.success(text, icon=":material/check_circle:")


def _write(hand: Hand, entries: list[Entry], done: str, rows: Mapping[str, Mapping], then: str | None = "") -> None:
    """Append ``entries`` for the analyst; say so (or why not); with ``then`` put that incident in hand."""
    try:
        cid = record(hand.path, entries, hand.analyst, rows)
    except (ValueError, CorrectionLogError, OSError) as exc:
        st.session_state[FLASH] = ("error", f"Nothing was written: {exc}")
        return
    st.session_state[FLASH] = ("success", f"{done} (correction {cid}, by {hand.analyst}).")
    if then != "":
        state.set_extra("review", then)


def _reason(hand: Hand, form: str) -> str:
    return " ".join(str(st.session_state.get(wkey(hand.key(form), "reason")) or "").split())


def _confirm(hand: Hand) -> None:
    note = _reason(hand, "confirm") or "checked against the source text"
    _write(hand, [R.confirm_entry(hand.eid, note)], f"Confirmed {hand.eid}", {hand.eid: hand.inc}, hand.next_id)


def _reject(hand: Hand) -> None:
    k = hand.key("reject")
    try:
        entry = R.reject_entry(hand.eid, st.session_state.get(wkey(k, "kind")) or "", _reason(hand, "reject"),
                               st.session_state.get(wkey(k, "duplicate")) or "")
    except ValueError as exc:
        st.session_state[FLASH] = ("error", f"Nothing was written: {exc}")
        return
    _write(hand, [entry], f"Rejected {hand.eid} ({entry.value})", {hand.eid: hand.inc}, hand.next_id)


def _edit(hand: Hand) -> None:
    gazetteer = load_gazetteer()
    changes = field_values(hand.key("edit"), R.editable_values(hand.inc, gazetteer))
    try:
        entries = R.edit_entries(hand.inc, changes, gazetteer, _reason(hand, "edit"))
    except ValueError as exc:
        st.session_state[FLASH] = ("error", f"Nothing was written: {exc}")
        return
    if not entries:
        st.session_state[FLASH] = ("info", "Nothing changed: no correction written.")
        return
    fields = ", ".join(e.field for e in entries)
    _write(hand, entries, f"Edited {hand.eid}: {fields}", {hand.eid: hand.inc})


def _merge(hand: Hand) -> None:
    other = st.session_state.get(wkey(hand.key("merge"), "other")) or ""
    try:
        entry = R.merge_entry(hand.eid, other, _reason(hand, "merge"))
    except ValueError as exc:
        st.session_state[FLASH] = ("error", f"Nothing was written: {exc}")
        return
    rows = {hand.eid: hand.inc, other: data.run("incident", other) or {}}
    _write(hand, [entry], f"Merged {other} into {hand.eid}", rows)


def _add(hand: Hand) -> None:
    k = hand.key("add")
    fields = field_values(k, {})
    start, end = (int(st.session_state.get(wkey(k, n)) or 0) for n in ("start", "end"))
    try:
        entries = R.add_entries(hand.art or {}, start, end, fields, load_gazetteer(), _reason(hand, "add"))
    except (ValueError, KeyError) as exc:
        st.session_state[FLASH] = ("error", f"Nothing was written: {exc}")
        return
    _write(hand, entries, f"Added {entries[0].event_id} from characters {start}–{end}", {}, entries[0].event_id)


def _undo(hand: Hand, target) -> None:
    entry = Entry(target.event_id, "undo", value=target.key, reason=f"undo of my {target.action} of {target.event_id}")
    _write(hand, [entry], f"Undid your {target.action} of {target.event_id}", {}, target.event_id)


def _reason_box(hand: Hand, form: str, label: str = "Why (recorded with the correction)", value: str = "") -> None:
    st.text_input(label, key=wkey(hand.key(form), "reason"), value=value, max_chars=500)


def confirm_tab(hand: Hand) -> None:
    st.caption("The incident is right as it is: it is marked reviewed and its confidence shows as “confirmed”.")
    _reason_box(hand, "confirm", "Note (optional)")
    st.button("Confirm", key=hand.key("confirm") + "_go", type="primary", on_click=_confirm, args=(hand,),
              icon=":material/check:")


def reject_tab(hand: Hand) -> None:
    k = hand.key("reject")
    st.radio("It is", R.REJECT_KINDS, key=wkey(k, "kind"), horizontal=True,
             format_func=lambda v: {"duplicate of": "a duplicate of …"}.get(v, v))
    if st.session_state.get(wkey(k, "kind")) == "duplicate of":
        st.selectbox("Duplicate of", list(hand.candidates), index=None, key=wkey(k, "duplicate"),
                     format_func=lambda i: hand.labels.get(i, i), placeholder="choose the incident it repeats",
                     help="To keep this one's source too, use Merge instead.")
    _reason_box(hand, "reject")
    st.button("Reject", key=k + "_go", on_click=_reject, args=(hand,), icon=":material/block:")


def edit_tab(hand: Hand) -> None:
    gazetteer = load_gazetteer()
    values = R.editable_values(hand.inc, gazetteer)
    field_widgets(hand.key("edit"), values, data.run("options").get("actors", []), gazetteer)
    _reason_box(hand, "edit")
    st.button("Save changes", key=hand.key("edit") + "_go", on_click=_edit, args=(hand,),
              type="primary", icon=":material/save:")


def merge_tab(hand: Hand) -> None:
    st.caption("The other incident tells the same event: it goes, and this one lists the articles and outlets of "
               "both.")
    st.selectbox("Incident told again", list(hand.candidates), index=None, key=wkey(hand.key("merge"), "other"),
                 format_func=lambda i: hand.labels.get(i, i), placeholder="type to search")
    _reason_box(hand, "merge")
    st.button("Merge into this one", key=hand.key("merge") + "_go", on_click=_merge, args=(hand,),
              icon=":material/merge:")


def _find(hand: Hand) -> None:
    """Set the Add form's start and end to the first place the searched words appear in the text."""
    k = hand.key("add")
    words = str(st.session_state.get(wkey(k, "find")) or "")
    text = str((hand.art or {}).get("text") or "")
    at = text.find(words) if words else -1
    if at >= 0:
        st.session_state[wkey(k, "start")], st.session_state[wkey(k, "end")] = at, at + len(words)


def add_tab(hand: Hand) -> None:
    if hand.art is None:
        st.info("This incident has no article text to add a missed incident from.")
        return
    k, text = hand.key("add"), str(hand.art.get("text") or "")
    st.text_input("Find in the article (paste the words that tell the missed incident)", key=wkey(k, "find"),
                  on_change=_find, args=(hand,))
    c1, c2 = st.columns(2)
    start = c1.number_input("From character", min_value=0, max_value=len(text), step=1, key=wkey(k, "start"))
    end = c2.number_input("To character (not included)", min_value=0, max_value=len(text), step=1, key=wkey(k, "end"))
    st.caption("The span: " + (f"“{cells.short_text(text[int(start):int(end)], 300)}”" if end > start else "none yet"))
    field_widgets(k, {}, data.run("options").get("actors", []), load_gazetteer())
    _reason_box(hand, "add", value="missed by the extractor")
    st.button("Add incident", key=k + "_go", on_click=_add, args=(hand,), icon=":material/add:")


def undo_tab(hand: Hand) -> None:
    corrections = list(data.store().corrections.corrections)
    target = R.undo_target(corrections, hand.analyst)
    if target is None:
        st.caption(f"{hand.analyst} has no correction that still applies.")
        return
    what = f"{target.action} {target.field} = {target.value}" if target.field else target.action
    st.write(f"Your last correction: **{what}** of {target.event_id}, {target.time or target.date}: {target.reason}")
    st.button("Undo it", key=hand.key("undo") + "_go", on_click=_undo, args=(hand, target), icon=":material/undo:",
              help="Writes an undo row: the correction stays in the history and stops applying.")


def actions(hand: Hand) -> None:
    """The six actions, one tab each."""
    for tab, draw in zip(st.tabs(TABS), (confirm_tab, reject_tab, edit_tab, merge_tab, add_tab, undo_tab),
                         strict=True):
        with tab:
            draw(hand)


def candidates(q: pd.DataFrame, others: pd.DataFrame, event_id: str) -> list[str]:
    """Incidents to merge with or call this one a duplicate of: its article's others, then the queue."""
    ids = [str(i) for i in others["event_id"]] + [str(i) for i in q["event_id"]]
    return [i for i in dict.fromkeys(ids) if i != event_id]


def _on_upload() -> None:
    up = st.session_state.get("_rv_upload")
    if up is None:
        return
    result = ingest_upload(up.name, up.getvalue(), Path(data.store().source))
    st.session_state[FLASH] = ("success" if result.ok else "error", result.message)


def upload_box() -> None:
    """Articles from the browser: one file at a time, checked and ingested (``ingest_upload``)."""
    with st.expander("Add articles from a file"):
        st.caption(f"Accepted: {', '.join(accepted_suffixes())}, up to {MAX_BYTES / 1e6:.0f} MB. Anything else is "
                   "refused with the reason.")
        st.file_uploader("Article file", key="_rv_upload", on_change=_on_upload,
                         max_upload_size=max(1, MAX_BYTES // (1024 * 1024) + 1))
