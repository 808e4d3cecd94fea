"""A whole review in chromium, on the real server in editing mode over a copy of the shipped data: the
analyst gives a name, picks an incident by typing in the picker, edits its count and types a new actor,
confirms it; corrections.csv holds the rows and every page shows the corrected incident."""

from __future__ import annotations

import csv
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from incidents import DEFAULT_DATA_DIR
from incidents.filters import Filters
from incidents.serving.browser import Server, act_and_wait, streamlit_server
from incidents.store.store import Store

NEW_ACTOR = "Sons of the Tigris (new group)"


@pytest.fixture(scope="module")
def editing_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, Path]]:
    folder = tmp_path_factory.mktemp("review-data")
    for name in ("incidents.csv", "articles.csv", "corrections.csv"):
        shutil.copy(DEFAULT_DATA_DIR / name, folder / name)
    with streamlit_server(folder, env={"INCIDENTS_EDITABLE": "1"}) as server:
        yield server, folder


def _rows(folder: Path) -> list[dict]:
    with (folder / "corrections.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _pick(page, label: str, text: str) -> None:
    """Type ``text`` into the searchable picker called ``label`` and take what it offers (or the new
    option it accepts)."""
    box = page.get_by_test_id("stSelectbox").filter(has=page.get_by_text(label, exact=True)).locator("visible=true")
    box.first.click()
    page.keyboard.type(text)
    act_and_wait(page, lambda: page.keyboard.press("Enter"))


def test_a_whole_review_name_select_edit_confirm(session, editing_app):
    server, folder = editing_app
    store = Store.open(folder)
    df = store.run("incidents", Filters(governorates=None, countries=()))
    target = df.sort_values("confidence", ascending=False)["event_id"].iloc[0]  # the last of the queue
    article = df.set_index("event_id").loc[target, "article_id"]
    page = session.open(server, "/Review?governorates=all")
    page.locator("[data-testid='stForm'] input[aria-label='Your name']").fill("Ana Lopez")
    act_and_wait(page, lambda: page.get_by_role("button", name="Start correcting").click())
    assert page.get_by_text("Correcting as").count() and "Ana" not in page.url

    _pick(page, "Incident in hand", target)
    assert f"review={target}" in page.url
    page.get_by_role("tab", name="Edit").click()
    best = page.locator("input[aria-label='Killed, best estimate']").locator("visible=true")
    act_and_wait(page, lambda: (best.fill("7"), best.press("Enter")))
    _pick(page, "Actor 2 (against whom)", NEW_ACTOR)
    why = page.locator("input[aria-label='Why (recorded with the correction)']").locator("visible=true")
    act_and_wait(page, lambda: (why.fill("the later report gives 7 killed"), why.press("Enter")))
    act_and_wait(page, lambda: page.get_by_role("button", name="Save changes").click())
    assert page.get_by_text(f"Edited {target}").count()

    page.get_by_role("tab", name="Confirm").click()
    act_and_wait(page, lambda: page.get_by_role("button", name="Confirm", exact=True).click())
    assert page.get_by_text(f"Confirmed {target}").count()

    rows = [r for r in _rows(folder) if r["event_id"] == target]
    assert {r["field"]: r["value"] for r in rows if r["action"] == "override"}.items() >= {
        "fatalities": "7", "actor2": NEW_ACTOR}.items()
    assert rows[-1]["action"] == "confirm" and {r["analyst"] for r in rows} == {"Ana Lopez"}
    again = session.open(server, f"/Review?governorates=all&review={target}")
    assert again.locator(".iim-confidence").inner_text().startswith("Confidence: confirmed")
    sources = session.open(server, f"/Sources?governorates=all&countries=all&article={article}")
    card = sources.locator(".iim-incident").filter(has_text=NEW_ACTOR)  # the source view shows the edit
    assert card.count() == 1 and "7 killed" in card.inner_text()
    assert Store.open(folder).run("incident", target)["fatalities"] == 7
