"""The field widgets of the Edit and Add forms: type and sub-type from the taxonomy, the date window,
the place from the gazetteer (a searchable picker; a governorate alone is one of its places), the
counts low/best/high, wounded, arrested, and the actors from the known list or typed new.

``field_widgets(prefix, values, actors, gazetteer)`` draws them, started from ``values`` (as
``incidents.dataset.review.editable_values`` gives them), and returns what they hold now in the same
form. Keys are ``wkey(prefix, field)``: the prefix names the form, the incident and the state of the
corrections file, so a form starts again from the table after every correction.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

import streamlit as st

from incidents.dataset.review import KNOWN_ACTORS, places_by_label
from incidents.places.geo import Gazetteer
from incidents.schema import EVENT_TYPES

COUNTS = (("fatalities_low", "Killed, at least"), ("fatalities", "Killed, best estimate"),
          ("fatalities_high", "Killed, at most"), ("wounded", "Wounded"), ("arrested", "Arrested"))
EARLIEST = date(1990, 1, 1)


def wkey(prefix: str, field: str) -> str:
    """The session-state key of ``field``'s widget in form ``prefix``."""
    return f"{prefix}_{field}"


def _choice(label: str, options: Sequence[str], value: str, key: str, **kw) -> str:
    """A searchable picker started on ``value`` (none chosen when it is not an option)."""
    options = list(options)
    index = options.index(value) if value in options else None
    chosen = st.selectbox(label, options, index=index, key=key, **kw)
    return chosen or ""


def _type_widgets(prefix: str, values: Mapping) -> dict:
    c1, c2 = st.columns(2)
    with c1:
        etype = _choice("Event type", list(EVENT_TYPES), str(values.get("event_type") or ""),
                        wkey(prefix, "event_type"), placeholder="choose a type")
    subs = EVENT_TYPES.get(etype, ())
    with c2:
        sub = _choice("Sub-event type", subs, str(values.get("sub_event_type") or ""),
                      wkey(prefix, "sub_event_type"), placeholder="choose a sub-type",
                      help="The ACLED sub-event types of the chosen type.")
    return {"event_type": etype, "sub_event_type": sub if sub in subs else ""}


def _date_widgets(prefix: str, values: Mapping) -> dict:
    c1, c2 = st.columns(2)
    out = {}
    for col, name, label in ((c1, "date_start", "Happened on or after"), (c2, "date_end", "Happened on or before")):
        with col:
            out[name] = st.date_input(label, value=values.get(name), min_value=EARLIEST, max_value=date(2100, 1, 1),
                                      key=wkey(prefix, name), format="YYYY-MM-DD",
                                      help="The window the event certainly falls in; the same day twice for one day; "
                                           "both empty when the text gives no way to date it.")
    return out


def _place_widget(prefix: str, values: Mapping, gazetteer: Gazetteer) -> dict:
    labels = list(places_by_label(gazetteer))
    place = _choice("Place", labels, str(values.get("place") or ""), wkey(prefix, "place"),
                    placeholder="type to search the gazetteer (a governorate alone is one of its places)",
                    help="Sets location, district, governorate, country, coordinates and precision from the "
                         "gazetteer. Leave it as it is to keep the place the extractor gave.")
    return {"place": place}


def _count_widgets(prefix: str, values: Mapping) -> dict:
    out = {}
    for col, (name, label) in zip([*st.columns(3), *st.columns(3)[:2]], COUNTS, strict=True):
        with col:
            v = st.number_input(label, min_value=0, step=1, value=values.get(name), key=wkey(prefix, name),
                                placeholder="not stated")
            out[name] = None if v is None else int(v)
    return out


def _actor_widgets(prefix: str, values: Mapping, actors: Sequence[str]) -> dict:
    known = sorted(set(KNOWN_ACTORS) | {a for a in actors if a})
    c1, c2 = st.columns(2)
    out = {}
    for col, name, label in ((c1, "actor1", "Actor 1 (who acted)"), (c2, "actor2", "Actor 2 (against whom)")):
        with col:
            out[name] = _choice(label, known, str(values.get(name) or ""), wkey(prefix, name), accept_new_options=True,
                                placeholder="choose, or type a new actor")
    return out


def field_widgets(prefix: str, values: Mapping, actors: Sequence[str], gazetteer: Gazetteer) -> dict:
    """Draw every editable field (module docstring) and return their values."""
    out = _type_widgets(prefix, values)
    out.update(_date_widgets(prefix, values))
    out.update(_place_widget(prefix, values, gazetteer))
    out.update(_count_widgets(prefix, values))
    out.update(_actor_widgets(prefix, values, actors))
    return out


TEXT_FIELDS = ("event_type", "sub_event_type", "place", "actor1", "actor2")


def field_values(prefix: str, values: Mapping) -> dict:
    """What the widgets of form ``prefix`` hold (from session state; ``values`` for a widget not
    drawn yet), in the form ``field_widgets`` returns: read in a button's callback, so a change made
    just before the click counts."""
    def held(name: str):
        key = wkey(prefix, name)
        return st.session_state[key] if key in st.session_state else values.get(name)

    out = {name: str(held(name) or "") for name in TEXT_FIELDS}
    if out["sub_event_type"] not in EVENT_TYPES.get(out["event_type"], ()):
        out["sub_event_type"] = ""
    out.update({name: held(name) for name in ("date_start", "date_end")})
    out.update({name: None if held(name) is None else int(held(name)) for name, _ in COUNTS})
    return out
