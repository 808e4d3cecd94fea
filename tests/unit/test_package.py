"""The package installs: a wheel built from this checkout (pyproject's hatchling backend), installed
into a folder of its own, run as the ``incidents`` console script from outside the checkout.

The wheel is built once per session with ``pip wheel --no-build-isolation`` (hatchling comes from
requirements-dev.txt) and installed with ``--no-deps --target``: the dependencies are this venv's,
the package's own files are only the wheel's.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from incidents import ROOT, __version__

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> dict:
    """Build the wheel and install it: {"wheel": path, "site": target folder, "env": environment}."""
    work = tmp_path_factory.mktemp("package")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                    "-w", str(work), str(ROOT)], check=True, capture_output=True, text=True, timeout=300)
    wheel = next(work.glob("*.whl"))
    site = work / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(site),
                    str(wheel)], check=True, capture_output=True, text=True, timeout=300)
    env = {k: v for k, v in os.environ.items() if k not in ("INCIDENTS_DATA_DIR", "PYTHONPATH")}
    env["PYTHONPATH"] = str(site)
    return {"wheel": wheel, "site": site, "env": env, "cwd": work}


def _run(installed: dict, *args: str, script: bool = True) -> subprocess.CompletedProcess:
    cmd = [str(installed["site"] / "bin" / "incidents"), *args] if script else [sys.executable, *args]
    return subprocess.run(cmd, cwd=installed["cwd"], env=installed["env"], capture_output=True, text=True,
                          timeout=600)


def test_the_wheel_ships_the_dashboard_its_data_and_a_console_script(installed):
    names = set(zipfile.ZipFile(installed["wheel"]).namelist())
    for name in ("incidents/_app/dashboard.py", "incidents/_app/pages/4_Incidents.py",
                 "incidents/_app/data/iraq_governorates.geojson", "incidents/_app/data/places.csv",
                 "incidents/_app/data/incidents.csv", "incidents/_app/.streamlit/config.toml",
                 "incidents/places/governorate_names.csv", "incidents/extract/vocab/iso_numeric.csv"):
        assert name in names, name
    entry = next(n for n in names if n.endswith("entry_points.txt"))
    assert "incidents = incidents.__main__:main" in zipfile.ZipFile(installed["wheel"]).read(entry).decode()
    assert not any(n.startswith(("tests/", "gold/")) for n in names)


def test_installed_it_finds_its_files_inside_the_package(installed):
    done = _run(installed, "-c", "import incidents; print(incidents.ROOT); print(incidents.DEFAULT_DATA_DIR)",
                script=False)
    root, data = done.stdout.split()
    assert Path(root) == installed["site"] / "incidents" / "_app"
    assert (Path(data) / "iraq_governorates.geojson").is_file()


def test_version_and_help_print_without_the_heavy_libraries(installed):
    assert _run(installed, "--version").stdout.strip() == f"incidents {__version__}"
    done = _run(installed, "--help")
    assert done.returncode == 0 and done.stdout.startswith("usage: incidents")
    for command in ("extract", "build", "import-acled", "serve", "briefing"):
        assert command in done.stdout
    probe = ("import sys; sys.argv = ['incidents', '--help']\n"
             "from incidents.__main__ import main\n"
             "try:\n    main()\nexcept SystemExit:\n    pass\n"
             "print('HEAVY', sorted(m for m in ('pandas', 'numpy', 'streamlit', 'spacy', 'duckdb', 'ibis',"
             " 'pyarrow') if m in sys.modules))")
    assert _run(installed, "-c", probe, script=False).stdout.strip().endswith("HEAVY []")


def test_installed_extract_matches_the_checkout(installed, tmp_path):
    seeds = installed["site"] / "incidents" / "_app" / "seeds"
    out = tmp_path / "installed"
    now = "2026-12-01T00:00:00Z"   # ingested_at of new articles, so both runs write the same bytes
    done = _run(installed, "extract", str(seeds), "--out", str(out), "--now", now)
    assert done.returncode == 0, done.stderr
    here = tmp_path / "checkout"
    subprocess.run([sys.executable, "-m", "incidents", "extract", str(ROOT / "seeds"), "--out", str(here), "--now", now],
                   cwd=ROOT, check=True, capture_output=True, timeout=600)
    assert (out / "incidents.csv").read_bytes() == (here / "incidents.csv").read_bytes()


def test_installed_build_writes_where_the_environment_says(installed, tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    shipped = installed["site"] / "incidents" / "_app" / "data" / "incidents.csv"
    before = shipped.read_bytes()
    env = {**installed["env"], "INCIDENTS_DATA_DIR": str(data)}
    done = subprocess.run([str(installed["site"] / "bin" / "incidents"), "build"], cwd=installed["cwd"], env=env,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert (data / "incidents.csv").read_bytes() and (data / "articles.csv").is_file()
    assert shipped.read_bytes() == before  # the package's own tables are not written to
