"""Iraq Incident Monitor: news reports of ISIS violence in Iraq turned into ACLED-style incident tables."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA_DIR = ROOT / "data"
SEEDS_DIR = ROOT / "seeds"
