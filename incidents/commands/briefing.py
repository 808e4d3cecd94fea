"""``python -m incidents briefing --out FILE.png|FILE.pdf [--query Q] [--size WxH] [--data DIR]``.

Starts the dashboard on a free local port, opens its briefing page (/Briefing?<query>&embed=true) in
headless chromium at the asked viewport, waits until Streamlit has finished and the map and charts
are drawn, writes a PNG of exactly that size or a one-page PDF with extractable text, stops the app
and prints the file's path. Bad arguments give a message and exit code 2.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

LAYOUT_WIDTH = 1920  # CSS pixels the briefing is laid out at; other sizes are the same figure scaled
HELP = "render the briefing page (map, timeline, counts, top incidents) to a PNG or PDF file"
DEFAULT_SIZE = "1920x1080"


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the command's arguments to ``parser``."""
    parser.add_argument("--out", required=True, type=Path, help="the file to write: *.png or *.pdf")
    parser.add_argument("--query", default="", help='filters as in the dashboard URL, e.g. "governorates=Kirkuk&from=2024-01-01"; add "&trend=1" for what changed (small multiples and tables in place of the timeline and the deadliest; "&trend_period=quarter" for its period)')
    parser.add_argument("--size", default=DEFAULT_SIZE, help=f"viewport WIDTHxHEIGHT in pixels (default {DEFAULT_SIZE})")
    parser.add_argument("--data", type=Path, default=None, help="data directory (default: INCIDENTS_DATA_DIR or data/)")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds to wait for the app and the page")


def check_data_dir(data: Path | None) -> None:
    """Raise ArgumentError when ``data`` is given but is not a folder holding incidents.csv."""
    from incidents.figures.briefing import ArgumentError

    if data is None:
        return
    if not data.is_dir():
        raise ArgumentError(f"--data {str(data)!r}: no such folder")
    if not (data / "incidents.csv").is_file():
        raise ArgumentError(f"--data {str(data)!r}: the folder has no incidents.csv")


def write_briefing(browser, server, params: dict[str, str], size: tuple[int, int], out: Path, fmt: str,
                   timeout: float = 120.0) -> Path:
    """Render the briefing of ``params`` from the running ``server`` in ``browser`` (a Playwright
    Browser from ``incidents.serving.browser.chromium``) at ``size`` and write it to ``out`` as ``fmt``
    ("png": exactly size[0] x size[1] pixels; "pdf": one page of that size, text kept as text).
    The page is always laid out LAYOUT_WIDTH CSS pixels wide (height in proportion) and scaled to
    the asked size, so a briefing looks the same at 1280x720 and at 3840x2160.

    Raises RuntimeError when the page shows an exception or an error box (e.g. tables that cannot be
    read). Returns ``out``.
    """
    from incidents.figures.briefing import briefing_path
    from incidents.figures.trend_tables import trend_asked
    from incidents.serving.browser import EXCEPTION_SELECTOR, new_context, wait_for_charts, wait_until_idle

    width, height = size
    scale = width / LAYOUT_WIDTH
    layout = (LAYOUT_WIDTH, max(1, round(height / scale)))
    context = new_context(browser, *layout, device_scale_factor=scale)
    try:
        page = context.new_page()
        page.goto(server.url(briefing_path(params)), wait_until="domcontentloaded", timeout=timeout * 1000)
        wait_until_idle(page, timeout)
        for selector in (EXCEPTION_SELECTOR, "[data-testid='stAlertContentError']"):
            if page.locator(selector).count():
                raise RuntimeError("the briefing page failed: " + page.locator(selector).first.inner_text())
        # with trend=1 the timeline gives way to a picture (none when no incident is dated): wait for what is there
        wait_for_charts(page, timeout, plots=0 if trend_asked(params.get("trend")) else 1, maps=1)
        out.parent.mkdir(parents=True, exist_ok=True)
        if fmt == "png":
            exact_size(page.screenshot(full_page=False, animations="disabled", scale="device"), size, out)
        else:
            page.emulate_media(media="screen")
            page.pdf(path=str(out), width=f"{width}px", height=f"{height}px", print_background=True,
                     scale=min(2.0, max(0.1, scale)), margin={"top": "0", "right": "0", "bottom": "0", "left": "0"},
                     page_ranges="1")
    finally:
        context.close()
    return out


def exact_size(png: bytes, size: tuple[int, int], out: Path) -> Path:
    """Write the PNG ``png`` to ``out`` at exactly ``size`` pixels: a screenshot of a scaled page can be
    a pixel off after rounding; it is resampled to the asked size then. Returns ``out``."""
    import io

    from PIL import Image

    with Image.open(io.BytesIO(png)) as image:
        if image.size == tuple(size):
            out.write_bytes(png)
        else:
            image.convert("RGB").resize(size, Image.Resampling.LANCZOS).save(out, format="PNG")
    return out


def run(args: argparse.Namespace) -> int:
    """Check the arguments, start the app, write the file, print its path. Exit code 0, or 2 for bad
    arguments, 1 when the app or the browser fails."""
    from incidents.figures.briefing import ArgumentError, output_format, parse_query, parse_size

    try:
        fmt = output_format(args.out)
        size = parse_size(args.size)
        params, _filters = parse_query(args.query)
        check_data_dir(args.data)
    except ArgumentError as exc:
        print(f"briefing: {exc}", file=sys.stderr)
        return 2

    from incidents.serving.browser import ServerError, chromium, streamlit_server

    out = args.out.resolve()
    try:
        with streamlit_server(args.data, timeout=args.timeout) as server, chromium() as browser:
            write_briefing(browser, server, params, size, out, fmt, args.timeout)
    except (ServerError, RuntimeError, TimeoutError, FileNotFoundError) as exc:
        print(f"briefing: {exc}", file=sys.stderr)
        return 1
    except Exception as exc:  # noqa: BLE001 - Playwright's errors: report, not a traceback
        if type(exc).__module__.startswith("playwright"):
            print(f"briefing: the browser failed: {exc}", file=sys.stderr)
            return 1
        raise
    print(out)
    return 0
