"""Drive the real dashboard in Debian's chromium: start the app, open pages, wait until they are done.

Used by the browser tests (tests/browser/), the briefing command and the benchmark; starting the
server itself is ``incidents.serving.server`` (re-exported here). Nothing here
downloads a browser: Playwright drives ``/usr/bin/chromium`` (``playwright install`` cannot work
without internet). Nothing here sleeps a fixed time: the server is ready when ``/_stcore/health``
answers, a page is done when Streamlit's own ``data-test-script-state`` says ``notRunning``.

Typical use::

    with streamlit_server(data_dir=...) as server, chromium() as browser:
        context = new_context(browser)
        page = context.new_page()
        page.goto(server.url("/Map?governorates=Kirkuk"))
        wait_until_idle(page)
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from incidents.serving.server import (  # noqa: F401 - re-exported: tests and commands start servers through here
    Server,
    ServerError,
    free_port,
    serve_command,
    streamlit_command,
    streamlit_server,
    wait_for_health,
)

if TYPE_CHECKING:  # playwright is imported lazily: `python -m incidents --help` must not pay for it
    from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page

CHROMIUM_PATH = Path("/usr/bin/chromium")

# Flags for a headless chromium that talks to nothing but the page it is given. WebGL (deck.gl) runs
# in software (SwiftShader) because the GPU is disabled; recent chromium needs the explicit opt-in.
CHROMIUM_ARGS: tuple[str, ...] = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-dev-shm-usage",
    "--use-angle=swiftshader",
    "--enable-unsafe-swiftshader",
)

# Streamlit's frontend, opened on a page URL such as /Map, asks for /Map/_stcore/host-config and
# /Map/_stcore/health; both answer 404 and log console errors that are not the app's fault.
KNOWN_NOISE_SUFFIXES: tuple[str, ...] = ("/_stcore/host-config", "/_stcore/health")

DEFAULT_TIMEOUT = 120.0  # seconds any single wait may take before it fails

APP_SELECTOR = "[data-testid='stApp']"
IDLE_SELECTOR = "[data-testid='stApp'][data-test-script-state='notRunning']"

# Installed in every page before Streamlit's scripts run: counts finished script runs by watching
# the stApp element's data-test-script-state attribute, so a caller can wait for "the run after my
# click" instead of racing the moment before the rerun starts (the state is still notRunning then).
_RUN_COUNTER_JS = """
(() => {
  if (window.__iimRuns !== undefined) return;
  window.__iimRuns = 0;
  const seen = new WeakSet();
  const watch = (app) => {
    if (seen.has(app)) return;
    seen.add(app);
    new MutationObserver((records) => {
      for (const r of records) {
        if (r.oldValue !== 'notRunning') {
          // the value after this record is the next record's oldValue, or the current value
          const i = records.indexOf(r);
          const next = i + 1 < records.length ? records[i + 1].oldValue : app.getAttribute('data-test-script-state');
          if (next === 'notRunning') window.__iimRuns += 1;
        }
      }
    }).observe(app, {attributes: true, attributeOldValue: true, attributeFilter: ['data-test-script-state']});
    if (app.getAttribute('data-test-script-state') === 'notRunning') window.__iimRuns += 1;
  };
  const finder = new MutationObserver(() => {
    const app = document.querySelector("[data-testid='stApp']");
    if (app) { watch(app); finder.disconnect(); }
  });
  finder.observe(document, {childList: true, subtree: true});
})();
"""


@contextlib.contextmanager
def chromium(headless: bool = True, executable: Path = CHROMIUM_PATH) -> Iterator[Browser]:
    """Launch Debian's chromium through Playwright and yield the Browser; closed on exit.

    Every launch gets a fresh temporary profile (user-data-dir) that Playwright removes on close;
    each ``new_context`` is a fresh incognito-like context on top of it.
    """
    if not executable.exists():
        raise FileNotFoundError(f"{executable}: chromium not found (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(executable), headless=headless, args=list(CHROMIUM_ARGS))
        try:
            yield browser
        finally:
            browser.close()


def new_context(browser: Browser, width: int = 1600, height: int = 1000, **kwargs) -> BrowserContext:
    """A fresh browser context with a ``width`` x ``height`` viewport, UTC timezone, en-US locale,
    DEFAULT_TIMEOUT for every Playwright action, and the run counter that
    ``wait_until_idle(page, after=...)`` relies on."""
    context = browser.new_context(
        viewport={"width": width, "height": height}, timezone_id="UTC", locale="en-US", **kwargs
    )
    context.add_init_script(_RUN_COUNTER_JS)
    context.set_default_timeout(DEFAULT_TIMEOUT * 1000)  # 2 shared cores: generous, never a sleep
    return context


def finished_runs(page: Page) -> int:
    """How many script runs this page has seen finish (needs a page from ``new_context``)."""
    return int(page.evaluate("window.__iimRuns || 0"))


SKELETON_SELECTOR = "[data-testid='stSkeleton'], [data-testid='stSkeletonElement'], [data-testid='stAppSkeleton']"

_IDLE_JS = """([after, skeletons]) => {
    const app = document.querySelector("[data-testid='stApp']");
    return !!app && app.getAttribute('data-test-script-state') === 'notRunning'
        && (after < 0 || (window.__iimRuns || 0) > after)
        && !document.querySelector(skeletons);
}"""


def wait_until_idle(page: Page, timeout: float = 120.0, after: int | None = None) -> None:
    """Wait until Streamlit has finished running the page's script and drawn what it sent.

    Done means: the stApp element says ``notRunning`` and no loading skeleton is left (Streamlit
    loads each kind of element's code lazily and shows a skeleton until it arrives, so right after
    ``notRunning`` a fresh page may still lack its metrics, widgets and charts).
    after: a ``finished_runs(page)`` value read before an action (a click, a widget change); the wait
    then also requires a run to have finished since, so it cannot return in the moment before the
    rerun starts.
    """
    page.wait_for_function(_IDLE_JS, arg=[-1 if after is None else after, SKELETON_SELECTOR],
                           timeout=timeout * 1000)


def act_and_wait(page: Page, action: Callable[[], object], timeout: float = 120.0) -> None:
    """Run ``action`` (e.g. a click that changes a widget) and wait for the rerun it causes to finish."""
    before = finished_runs(page)
    action()
    wait_until_idle(page, timeout, after=before)


def is_known_noise(text: str, url: str) -> bool:
    """True for the console errors Streamlit's frontend makes by itself when a page URL is opened
    directly: 404s of ``<page>/_stcore/host-config`` and ``<page>/_stcore/health``.

    text: the console message; url: the resource it is about (``msg.location["url"]``, may be "").
    A 404 of the real ``/_stcore/health`` (no page prefix) or any other error is not noise.
    """
    if "404" not in text:
        return False
    candidates = [url] + [word.strip("()[]'\",") for word in text.split() if "/_stcore/" in word]
    for candidate in candidates:
        path = urlsplit(candidate).path if candidate else ""
        for suffix in KNOWN_NOISE_SUFFIXES:
            if path.endswith(suffix) and len(path) > len(suffix) and path[: -len(suffix)].strip("/"):
                return True
    return False


@dataclass
class PageWatch:
    """What a page did: console errors (known Streamlit noise left out), page exceptions, requests.

    Attach with ``watch(context)`` before opening pages.
    """

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)

    def errors(self) -> list[str]:
        """Console errors and uncaught exceptions, in the order seen."""
        return self.console_errors + self.page_errors

    def foreign_requests(self, netloc: str) -> list[str]:
        """Requests to anything but ``netloc`` (``127.0.0.1:PORT``); data:, blob: and about: are local."""
        return foreign_requests(self.requests, netloc)


def foreign_requests(urls: list[str], netloc: str) -> list[str]:
    """The URLs in ``urls`` that leave the machine: any http(s)/ws(s) URL whose host:port is not ``netloc``."""
    out = []
    for url in urls:
        parts = urlsplit(url)
        if parts.scheme in ("data", "blob", "about", "chrome-error", ""):
            continue
        if parts.netloc != netloc:
            out.append(url)
    return out


def watch(context: BrowserContext) -> PageWatch:
    """Record every request, console error and page exception of every page of ``context``."""
    seen = PageWatch()

    def on_console(msg: ConsoleMessage) -> None:
        if msg.type != "error":
            return
        url = (msg.location or {}).get("url", "")
        line = f"{msg.text} [{url}]"
        (seen.ignored if is_known_noise(msg.text, url) else seen.console_errors).append(line)

    def on_page(page: Page) -> None:
        page.on("console", on_console)
        page.on("pageerror", lambda exc: seen.page_errors.append(str(exc)))

    context.on("page", on_page)
    context.on("request", lambda request: seen.requests.append(request.url))
    for page in context.pages:
        on_page(page)
    return seen


# ---------------------------------------------------------------------------------------------
# is something drawn?

DECK_SELECTOR = "[data-testid='stDeckGlJsonChart']"
PLOTLY_SELECTOR = "[data-testid='stPlotlyChart']"
IMAGE_SELECTOR = "[data-testid='stImage'] img"
EXCEPTION_SELECTOR = "[data-testid='stException']"


def pixel_spread(png: bytes) -> float:
    """How far an image is from one flat colour: the largest standard deviation of its R, G, B
    channels (0.0 for a blank image). ``png``: the bytes of a PNG (e.g. ``locator.screenshot()``)."""
    import io

    from PIL import Image, ImageStat

    with Image.open(io.BytesIO(png)) as image:
        return float(max(ImageStat.Stat(image.convert("RGB")).stddev))


def wait_until_drawn(page: Page, selector: str, timeout: float = 120.0, min_spread: float = 2.0) -> bytes:
    """Wait until the first element matching ``selector`` is visible and its screenshot is not a flat
    colour (``pixel_spread >= min_spread``); return that screenshot (PNG bytes).

    For WebGL canvases (deck.gl), whose pixels cannot be read from the page, the screenshot is the only
    honest test. Re-checks on every animation frame until ``timeout`` seconds pass (TimeoutError).
    """
    locator = page.locator(selector).first
    locator.wait_for(state="visible", timeout=timeout * 1000)
    deadline = time.monotonic() + timeout
    while True:
        shot = locator.screenshot(animations="disabled")
        if pixel_spread(shot) >= min_spread:
            return shot
        if time.monotonic() > deadline:
            raise TimeoutError(f"{selector} stayed blank for {timeout:.0f} s")
        page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")


def wait_for_charts(page: Page, timeout: float = 120.0, plots: int = 0, maps: int = 0, images: int = 0) -> None:
    """Wait until every plotly chart on the page has drawn its SVG, every picture (``st.image``,
    such as the overview's figures) is decoded, and every deck.gl map has drawn its canvas with
    visible content, no loading skeleton is left, and web fonts are loaded.

    plots, maps, images: how many of each the page must show at least (charts are loaded lazily:
    until their code arrives only a skeleton is there). Call after ``wait_until_idle``.
    """
    page.wait_for_function(
        """([plotly, deck, image, plots, maps, images, skeletons]) => {
            const charts = [...document.querySelectorAll(plotly)];
            const decks = [...document.querySelectorAll(deck)];
            const pics = [...document.querySelectorAll(image)];
            return charts.length >= plots && decks.length >= maps && pics.length >= images
                && !document.querySelector(skeletons)
                && charts.every(c => c.querySelector('.main-svg'))
                && pics.every(i => i.complete && i.naturalWidth > 0)
                && decks.every(m => { const c = m.querySelector('canvas'); return c && c.width > 0 && c.height > 0; });
        }""",
        arg=[PLOTLY_SELECTOR, DECK_SELECTOR, IMAGE_SELECTOR, plots, maps, images, SKELETON_SELECTOR],
        timeout=timeout * 1000,
    )
    for i in range(page.locator(DECK_SELECTOR).count()):
        wait_until_drawn(page, f"{DECK_SELECTOR} >> nth={i}", timeout)
    page.evaluate("() => document.fonts.ready.then(() => true)")
