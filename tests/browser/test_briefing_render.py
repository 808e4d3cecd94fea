"""The briefing rendered in headless chromium: PNG of the asked size, not blank, whose text (OCR)
shows the filters; one-page PDF with extractable text; a clear empty state; the command end to end."""

from __future__ import annotations

import io
import subprocess
import sys

import pytest
from PIL import Image

from incidents import ROOT
from incidents.commands.briefing import write_briefing
from incidents.figures.briefing import parse_query
from incidents.filters import Filters
from incidents.serving.browser import pixel_spread


def _ocr(path) -> str:
    import pytesseract

    with Image.open(path) as image:
        return pytesseract.image_to_string(image.convert("L"))


@pytest.fixture(scope="module")
def kirkuk_png(app, browser, tmp_path_factory):
    params, _ = parse_query("governorates=Kirkuk&from=2019-01-01")
    out = tmp_path_factory.mktemp("briefing") / "kirkuk.png"
    return write_briefing(browser, app, params, (1600, 900), out, "png")


def test_png_is_the_asked_size_and_not_blank(kirkuk_png) -> None:
    with Image.open(kirkuk_png) as image:
        assert image.size == (1600, 900)
        assert image.format == "PNG"
        assert pixel_spread(kirkuk_png.read_bytes()) > 20


def test_png_text_shows_the_filters(kirkuk_png) -> None:
    text = _ocr(kirkuk_png)
    assert "Filters" in text
    assert "Kirkuk" in text
    assert "2019-01-01" in text
    assert "Salah" not in text.split("Filters", 1)[1].split("\n", 1)[0]  # only Kirkuk in the filter line
    assert "Generated on" in text


def test_pdf_is_one_page_with_the_filters_as_text(app, browser, tmp_path, store) -> None:
    from pypdf import PdfReader

    params, _ = parse_query("governorates=Kirkuk,Diyala&undated=0")
    out = write_briefing(browser, app, params, (1920, 1080), tmp_path / "b.pdf", "pdf")
    reader = PdfReader(out)
    assert len(reader.pages) == 1
    page = reader.pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (1440, 810)  # 1920x1080 px
    text = " ".join(page.extract_text().split())
    assert "Kirkuk, Diyala" in text
    assert "Generated on" in text and "Natural Earth" in text
    count = store.run("count", Filters(governorates=("Kirkuk", "Diyala"), include_undated=False))
    assert f"{count:,} incidents" in text


def test_briefing_matching_nothing_renders_a_clear_empty_state(app, browser, tmp_path) -> None:
    params, _ = parse_query("q=zzqx-no-such-text-zzqx")
    out = write_briefing(browser, app, params, (1280, 800), tmp_path / "empty.png", "png")
    with Image.open(out) as image:
        assert image.size == (1280, 800)
    text = " ".join(_ocr(out).split())
    assert "No incident matches" in text
    assert "zzqx-no-such-text-zzqx" in text


def test_command_writes_the_file_and_prints_its_path(tmp_path) -> None:
    out = tmp_path / "cmd.png"
    done = subprocess.run(
        [sys.executable, "-m", "incidents", "briefing", "--out", str(out), "--size", "1024x768",
         "--query", "governorates=Nineveh"],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(out.resolve())
    with Image.open(io.BytesIO(out.read_bytes())) as image:
        assert image.size == (1024, 768)
    assert "Nineveh" in _ocr(out)


def test_briefing_shows_hostile_article_data_as_text(hostile_app, session) -> None:
    from hostile_article import HOSTILE_SENTENCE

    from incidents.serving.browser import EXCEPTION_SELECTOR, wait_for_charts

    page = session.open(hostile_app, "/Briefing?embed=true")
    wait_for_charts(page, plots=1, maps=1)
    assert page.locator(EXCEPTION_SELECTOR).count() == 0
    table = page.get_by_test_id("iim-top")
    assert "<b>Evil</b> Outlet" in table.inner_text()  # the outlet's markup shown, not applied
    assert HOSTILE_SENTENCE[:60] in table.inner_text()
    assert table.locator("b, img, script, a").count() == 0
    assert page.evaluate("typeof window.__iimImg") == "undefined"
    assert session.seen.errors() == [] and session.seen.foreign_requests(hostile_app.netloc) == []


def test_default_briefing_fits_1920x1080(app, browser) -> None:
    from incidents.serving.browser import new_context, wait_for_charts, wait_until_idle

    context = new_context(browser, 1920, 1080)
    try:
        page = context.new_page()
        page.goto(app.url("/Briefing?embed=true"), wait_until="domcontentloaded")
        wait_until_idle(page)
        wait_for_charts(page, plots=1, maps=1)
        assert not page.locator(".iim-brief-back").is_visible()
        footer = page.get_by_test_id("iim-footer").bounding_box()
        assert footer is not None and footer["y"] + footer["height"] <= 1080
        rows = page.locator("[data-testid='iim-top'] tbody tr")
        assert rows.count() >= 1
        heights = {round(box["height"]) for box in (rows.nth(i).bounding_box() for i in range(rows.count()))}
        assert len(heights) == 1  # one line per incident: long notes are cut, not wrapped
    finally:
        context.close()
