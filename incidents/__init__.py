"""Iraq Incident Monitor: news reports of ISIS violence in Iraq turned into ACLED-style incident tables.

Where things are: in a checkout, ``ROOT`` is the repository (``dashboard.py``, ``pages/``, ``data/``,
``seeds/`` beside this package); installed from a wheel (``pip install .``), the same files ship
inside the package as ``incidents/_app/`` (see ``[tool.hatch.build.targets.wheel.force-include]``
in pyproject.toml) and ``ROOT`` is that folder. Either way ``DEFAULT_DATA_DIR`` holds the shipped
tables, boundaries and gazetteer; ``INCIDENTS_DATA_DIR`` or ``--data`` point elsewhere.
"""

import os
from pathlib import Path

__version__ = "0.2.0"

PACKAGE_DIR = Path(__file__).resolve().parent


def _root(package_dir: Path) -> Path:
    """The checkout beside ``package_dir`` when it holds the dashboard, else the copy shipped inside."""
    checkout = package_dir.parent
    if (checkout / "dashboard.py").is_file() and (checkout / "pages").is_dir():
        return checkout
    return package_dir / "_app"


ROOT = _root(PACKAGE_DIR)
DEFAULT_DATA_DIR = ROOT / "data"
SEEDS_DIR = ROOT / "seeds"


def data_dir_from_env(data_dir: Path | str | None = None) -> Path:
    """The data directory: the argument, else $INCIDENTS_DATA_DIR, else DEFAULT_DATA_DIR."""
    if data_dir is not None:
        return Path(data_dir)
    env = os.environ.get("INCIDENTS_DATA_DIR", "").strip()
    return Path(env) if env else DEFAULT_DATA_DIR
