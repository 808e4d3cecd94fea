"""Dataset credits: one line per dataset shown, ACLED's with its required attribution; the
data_sources query behind them, against the table read directly."""

from __future__ import annotations

import doctest
from datetime import UTC, date, datetime

import pandas as pd
from builders import tiny  # tests/ is on sys.path (pyproject pythonpath)

from incidents import ROOT
from incidents.dataset import synth
from incidents.dataset.acled import import_acled
from incidents.figures import credits
from incidents.figures.briefing import build_briefing, footer_html
from incidents.figures.credits import ACLED_URL, dataset_credits
from incidents.filters import Filters
from incidents.store.store import Store

FIXTURES = ROOT / "tests" / "fixtures" / "acled"
EVERYWHERE = Filters(governorates=None, countries=())


def test_docstring_examples_hold():
    result = doctest.testmod(credits)
    assert result.attempted > 0 and result.failed == 0


def test_every_dataset_shown_is_credited_most_incidents_first_and_acled_as_required():
    lines = dataset_credits({"extracted": 2, "acled": 7, "ucdp": 1, "empty": 0}, date(2024, 12, 24))
    assert len(lines) == 3
    acled, extracted, other = lines
    # ACLED's attribution policy: named as the source, data publicly available, a link to its website,
    # the snapshot used, which data (the filters) and how they were changed
    for words in ("7 incidents from the Armed Conflict Location & Event Data (ACLED)", ACLED_URL,
                  "ACLED is the source of these data", "publicly available", "as of 2024-12-24",
                  "selected by the filters", "changed on import: governorates respelled"):
        assert words in acled, words
    assert extracted.startswith("Data: 2 incidents extracted by this tool")
    assert other == "Data: 1 incident of dataset “ucdp”."
    assert "not recorded" in dataset_credits({"acled": 1})[0]
    assert dataset_credits({}) == () == dataset_credits({"acled": 0})


def test_data_sources_counts_the_filtered_rows_of_each_dataset(tmp_path, monkeypatch):
    monkeypatch.setenv("INCIDENTS_CACHE_DIR", str(tmp_path / "cache"))
    synth.write(tmp_path / "data", *tiny())
    for export in ("current.csv", "old_schema.csv"):
        import_acled(FIXTURES / export, tmp_path / "data")
    t = pd.read_csv(tmp_path / "data" / "incidents.csv", dtype=str, keep_default_na=False)
    s = Store.open(tmp_path / "data")
    for f, rows in ((EVERYWHERE, t), (Filters(governorates=("Kirkuk",)), t[t.admin1 == "Kirkuk"]),
                    (Filters(datasets=("extracted",)), t[(t.dataset == "extracted") & t.admin1.isin(
                        ("Kirkuk", "Salah ad-Din", "Diyala", "Nineveh")) & (t.country == "Iraq")])):
        got = s.run("data_sources", f)
        assert got["datasets"] == rows.dataset.value_counts().to_dict()
        assert got["outlets"] == sorted({o.strip() for v in rows.source for o in v.split(";") if o.strip()},
                                        key=str.casefold)
        acled = pd.to_numeric(rows.timestamp[rows.dataset == "acled"].replace("", None))
        newest = datetime.fromtimestamp(int(acled.max()), UTC).date() if len(acled) else None
        assert got["acled_as_of"] == newest


def test_the_briefing_footer_credits_each_dataset_on_its_own_line_escaped():
    sources = {"datasets": {"acled": 3, "<b>x</b>": 1}, "outlets": ["Rudaw"], "acled_as_of": date(2024, 12, 24)}
    b = build_briefing(Filters(), {"incidents": 4}, None, datetime(2026, 1, 1, tzinfo=UTC), sources=sources)
    assert b.outlets == ("Rudaw",) and len(b.data_credits) == 2
    foot = footer_html(b)
    assert foot.count('<span class="iim-brief-data">') == 2 and "<b>x</b>" not in foot and "&lt;b&gt;x" in foot
    assert "Data: 3 incidents from the Armed Conflict Location &amp; Event Data (ACLED)" in foot
    assert foot.index("Sources: news reports (Rudaw)") < foot.index("ACLED") < foot.index("Natural Earth")
