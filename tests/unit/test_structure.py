"""scripts/check_structure.py: on tiny trees written here, each limit found and a clean tree passing;
on this checkout, every limit by name (a failing one names what breaks it)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from incidents import ROOT

SCRIPT = ROOT / "scripts" / "check_structure.py"
LIMITS = ("function-length", "import-cycles", "page-length", "streamlit-imports", "boundary-readers",
          "governorate-resolvers")


def run(root: Path, *only: str) -> subprocess.CompletedProcess:
    """The script on ``root`` (limits ``only``, default all), as CI runs it."""
    args = [sys.executable, str(SCRIPT), str(root)] + [a for limit in only for a in ("--only", limit)]
    return subprocess.run(args, capture_output=True, text=True, timeout=120)


def write_tree(root: Path, files: dict[str, str]) -> Path:
    """A checkout made of ``files`` (path -> text), with an incidents/ package."""
    files = {"incidents/__init__.py": '"""Package."""\n', **files}
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def function(name: str, lines: int, indent: str = "") -> str:
    """A function of exactly ``lines`` lines (def line included)."""
    body = "".join(f"{indent}    x{i} = {i}\n" for i in range(lines - 2))
    return f'{indent}def {name}():\n{indent}    """Doc."""\n{body}'


CLEAN = {
    "incidents/ui/__init__.py": "",
    "incidents/ui/page.py": "import streamlit as st\n\nfrom incidents import stage\n",
    "incidents/stage.py": function("step", 60) + "\nBOUNDARIES = 'data/iraq_governorates.geojson'\n"
                          "\n\ndef governorate_name(name):\n    return name\n",
    "incidents/other.py": '"""Reads nothing of data/iraq_governorates.geojson (a docstring)."""\n'
                          "from incidents.stage import step\n\nHELP = 'polygons (default: data/iraq_governorates.geojson)'\n"
                          "MESSAGE = f'{step} is not in data/iraq_governorates.geojson'\n",
    "pages/1_Map.py": "import streamlit as st\n" + "st.write(1)\n" * 79,
    "dashboard.py": "import streamlit as st\n",
    "scripts/tool.py": "import sys\n",
}


def test_a_clean_tree_passes(tmp_path):
    result = run(write_tree(tmp_path, CLEAN))
    assert result.returncode == 0, result.stdout
    assert result.stdout.splitlines() == [
        "structure: ok; function-length 0, import-cycles 0, page-length 0, streamlit-imports 0, "
        "boundary-readers 0, governorate-resolvers 0"]


def test_a_long_function_and_a_long_method_are_found(tmp_path):
    code = function("long_one", 61) + "\n\nclass Box:\n" + function("method", 62, "    ")
    result = run(write_tree(tmp_path, {**CLEAN, "incidents/long.py": code}))
    assert result.returncode == 1
    assert "incidents/long.py:65: [function-length] function Box.method has 62 lines (limit 60)" in result.stdout
    assert "incidents/long.py:1: [function-length] function long_one has 61 lines (limit 60)" in result.stdout
    assert "function-length 2," in result.stdout.splitlines()[-1]


def test_an_import_cycle_is_found_also_through_a_relative_import_inside_a_function(tmp_path):
    files = {**CLEAN, "incidents/a.py": "from incidents import b\n",
             "incidents/b.py": "def f():\n    from . import c\n", "incidents/c.py": "import incidents.a\n"}
    result = run(write_tree(tmp_path, files), "import-cycles")
    assert result.returncode == 1
    assert "incidents/a.py:1: [import-cycles] import cycle: incidents.a <-> incidents.b <-> incidents.c" in result.stdout


def test_a_streamlit_import_outside_ui_pages_and_dashboard_is_found(tmp_path):
    files = {**CLEAN, "incidents/figures.py": "def f():\n    from streamlit.components import v1\n",
             "scripts/tool.py": "import streamlit\n"}
    result = run(write_tree(tmp_path, files))
    assert result.returncode == 1
    assert "incidents/figures.py:2: [streamlit-imports] imports streamlit" in result.stdout
    assert "scripts/tool.py:1: [streamlit-imports] imports streamlit" in result.stdout
    assert "streamlit-imports 2" in result.stdout.splitlines()[-1]


def test_a_long_page_is_found(tmp_path):
    files = {**CLEAN, "dashboard.py": "import streamlit as st\n" * 81}
    result = run(write_tree(tmp_path, files))
    assert result.returncode == 1
    assert "dashboard.py:1: [page-length] page script has 81 lines (limit 80)" in result.stdout


def test_a_second_reader_of_the_boundaries_is_found(tmp_path):
    files = {**CLEAN, "incidents/maps.py": "from pathlib import Path\n\nPATH = Path('data') / 'iraq_governorates.geojson'\n"}
    result = run(write_tree(tmp_path, files), "boundary-readers")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert [line.split(": ")[0] for line in lines[:-1]] == ["incidents/maps.py:3", "incidents/stage.py:62"]
    assert "2 modules do (incidents/maps.py, incidents/stage.py)" in lines[0]


def test_a_second_governorate_resolver_is_found(tmp_path):
    files = {**CLEAN, "incidents/places.py": "class Names:\n    def canonical_governorate(self, name):\n        return name\n"}
    result = run(write_tree(tmp_path, files), "governorate-resolvers")
    assert result.returncode == 1
    assert "incidents/places.py:2: [governorate-resolvers] defines governorate resolver Names.canonical_governorate" \
        in result.stdout
    assert "incidents/stage.py:65: [governorate-resolvers] defines governorate resolver governorate_name" in result.stdout


def test_only_checks_the_limits_asked_and_a_bad_file_always_fails(tmp_path):
    files = {**CLEAN, "dashboard.py": "x = 1\n" * 81, "incidents/broken.py": "def (:\n"}
    result = run(write_tree(tmp_path, files), "import-cycles")
    assert result.returncode == 1
    assert "[page-length]" not in result.stdout
    assert "incidents/broken.py:1: [parse] cannot parse" in result.stdout


def test_a_folder_without_the_package_is_a_usage_error(tmp_path):
    result = run(tmp_path)
    assert result.returncode == 2
    assert "has no incidents/ folder" in result.stderr


@pytest.mark.parametrize("limit", LIMITS)
def test_this_checkout_keeps_the_limit(limit):
    result = run(ROOT, limit)
    assert result.returncode == 0, result.stdout


STAGES = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "incidents").iterdir()
                if p.is_dir() and (p / "__init__.py").is_file())


@pytest.fixture(scope="module")
def long_functions_here() -> list[str]:
    """The script's function-length findings on this checkout."""
    return [line for line in run(ROOT, "function-length").stdout.splitlines() if "[function-length]" in line]


@pytest.mark.parametrize("stage", STAGES)
def test_no_function_over_60_lines_in_stage(stage, long_functions_here):
    assert [line for line in long_functions_here if line.startswith(stage + "/")] == []
