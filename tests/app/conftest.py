"""Fixtures of the Streamlit AppTest tier: data folders and a helper that runs a page.

Data folders are built by code: a synthetic set (incidents.dataset.synth, fixed seed) with extracted and
ACLED-style rows, a hostile one (an article whose text holds HTML, a script and markdown), and a
big one above the map's point limit. Pages run in-process with INCIDENTS_DATA_DIR pointing at the
folder; the store's DuckDB cache goes to a temporary folder.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from appdata import write_hostile  # tests/app is on sys.path (pytest rootdir conftest mode)

from incidents import ROOT
from incidents.dataset import synth

if str(ROOT) not in sys.path:  # pages import the package like `streamlit run dashboard.py` does
    sys.path.insert(0, str(ROOT))


@pytest.fixture(scope="session")
def synth_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """600 synthetic incidents (seed 11) with their articles."""
    folder = tmp_path_factory.mktemp("synth-data")
    inc, art = synth.generate(600, seed=11)
    synth.write(folder, inc, art)
    return folder


@pytest.fixture(scope="session")
def hostile_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_hostile(tmp_path_factory.mktemp("hostile-data"))


@pytest.fixture(scope="session")
def big_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """60,000 synthetic incidents: more than the map draws as points under the default filters."""
    folder = tmp_path_factory.mktemp("big-data")
    inc, art = synth.generate(60_000, seed=5, n_articles=50)
    synth.write(folder, inc, art)
    return folder


@pytest.fixture(scope="session")
def acled_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped tables with two real-format ACLED exports imported (tests/fixtures/acled: the
    current schema and the pre-2023 one), as ``python -m incidents import-acled`` leaves them."""
    import shutil

    from incidents.dataset.acled import import_acled

    folder = tmp_path_factory.mktemp("acled-data")
    for name in ("incidents.csv", "articles.csv"):
        shutil.copy(ROOT / "data" / name, folder / name)
    for export in ("current.csv", "old_schema.csv"):
        import_acled(ROOT / "tests" / "fixtures" / "acled" / export, folder)
    return folder


@pytest.fixture(autouse=True)
def _cache_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INCIDENTS_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "store-cache"))


@pytest.fixture
def run_page(monkeypatch: pytest.MonkeyPatch) -> Callable:
    """run_page(data_dir, page, **query_params) -> the AppTest after one run of that page."""
    from streamlit.testing.v1 import AppTest

    def run(data_dir: Path, page: str = "dashboard.py", params: dict[str, str] | None = None) -> AppTest:
        monkeypatch.setenv("INCIDENTS_DATA_DIR", str(data_dir))
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)  # the app's main script, as served
        if page != "dashboard.py":
            at.switch_page(page)  # so links to other pages resolve as in the app
        for k, v in (params or {}).items():
            at.query_params[k] = v
        return at.run()

    return run
