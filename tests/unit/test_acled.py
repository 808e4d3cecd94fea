"""ACLED import: both schemas, date formats, BOM/CRLF, spellings, merging, bad rows, non-exports."""

from __future__ import annotations

import shutil
from dataclasses import replace

import pandas as pd
import pytest
from builders import tiny  # tests/ is on sys.path (pyproject pythonpath)

from incidents import ROOT
from incidents.__main__ import main
from incidents.dataset import synth
from incidents.dataset.acled import NotAcledExport, import_acled, read_acled
from incidents.dataset.tables import read_incidents
from incidents.filters import Filters
from incidents.schema import INCIDENT_COLUMNS
from incidents.store.store import Store

FIXTURES = ROOT / "tests" / "fixtures" / "acled"


@pytest.fixture
def data_dir(tmp_path):
    """A data directory holding the tiny hand-written tables (extracted and older ACLED rows)."""
    d = tmp_path / "data"
    synth.write(d, *tiny())
    return d


def raw_rows(path):
    return pd.read_csv(path, dtype=str, keep_default_na=False)


@pytest.mark.parametrize(
    "name, expected",
    [
        ("current.csv", {
            "IRQ70001": ("2024-12-19", 1, "2024-12-19", "2024-12-19", "Kirkuk", 2, 2, 12),
            "IRQ70002": ("2024-12-17", 1, "2024-12-17", "2024-12-17", "Salah ad-Din", 1, 2, 27),
            "IRQ70003": ("2024-12-09", 2, "2024-12-06", "2024-12-12", "Anbar", 4, 1, 12),
            "IRQ70004": ("2024-11-15", 3, "2024-11-01", "2024-11-30", "Nineveh", 0, 1, 12),
            "IRQ70005": ("2024-12-02", 1, "2024-12-02", "2024-12-02", "Diyala", 0, 2, 27),
            "IRQ70006": ("2024-12-21", 1, "2024-12-21", "2024-12-21", "Baghdad", 3, 1, 12),
        }),
        ("old_schema.csv", {
            "IRQ51011": ("2020-12-31", 1, "2020-12-31", "2020-12-31", "Salah ad-Din", 0, 2, 12),
            "IRQ51012": ("2020-12-30", 1, "2020-12-30", "2020-12-30", "Kirkuk", 3, 2, 23),
            "IRQ51013": ("2020-12-20", 2, "2020-12-17", "2020-12-23", "Nineveh", 1, 2, 27),
            "IRQ51014": ("2020-12-15", 3, "2020-12-01", "2020-12-31", "Anbar", 0, 1, 10),
        }),
    ],
)
def test_both_schemas_are_read_into_ours(name, expected):
    df, problems = read_acled(FIXTURES / name)
    assert problems == []
    assert list(df.columns) == list(INCIDENT_COLUMNS)
    got = {
        r.event_id: (r.event_date, r.time_precision, r.date_start, r.date_end, r.admin1, r.fatalities, r.inter1,
                     r.interaction)
        for r in df.itertuples()
    }
    assert got == expected
    assert (df["fatalities_low"] == df["fatalities"]).all() and (df["fatalities_high"] == df["fatalities"]).all()
    assert set(df["dataset"]) == {"acled"} and df["quote"].isna().all() and df["article_id"].isna().all()


def test_notes_sources_and_precision_codes_are_kept():
    df, _ = read_acled(FIXTURES / "current.csv")
    row = df.set_index("event_id").loc["IRQ70002"]
    assert row["notes"].endswith('"The device was old," police said.')
    assert row["source"] == "Kurdistan24"
    assert row["geo_precision"] == 1 and row["civilian_targeting"] == "Civilian targeting"
    assert row["assoc_actor_2"] == "Farmers (Iraq)" and row["timestamp"] == 1735051020
    assert df.set_index("event_id").loc["IRQ70001", "source"] == "Shafaq News; Rudaw"


def test_excel_dates_bom_and_crlf_read_the_same_as_the_original():
    original, p1 = read_acled(FIXTURES / "old_schema.csv")
    excel, p2 = read_acled(FIXTURES / "old_schema_excel.csv")
    assert (FIXTURES / "old_schema_excel.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in (FIXTURES / "old_schema_excel.csv").read_bytes()
    assert p1 == p2 == []
    pd.testing.assert_frame_equal(original, excel)


def test_import_then_again_does_not_duplicate(data_dir):
    before = raw_rows(data_dir / "incidents.csv")
    first = import_acled(FIXTURES / "current.csv", data_dir)
    assert (first.added, first.updated, first.unchanged, first.skipped) == (6, 0, 0, 0)
    after_first = (data_dir / "incidents.csv").read_bytes()
    second = import_acled(FIXTURES / "current.csv", data_dir)
    assert (second.added, second.updated, second.unchanged) == (0, 0, 6)
    assert (data_dir / "incidents.csv").read_bytes() == after_first
    table = raw_rows(data_dir / "incidents.csv")
    assert len(table) == len(before) + 6 and table["event_id"].is_unique
    # the rows that were there are written back exactly as they were
    pd.testing.assert_frame_equal(table.iloc[: len(before)][before.columns], before)
    df, problems = read_incidents(data_dir / "incidents.csv")
    assert problems == []


def test_a_newer_export_updates_its_events_and_an_older_one_does_not(data_dir):
    import_acled(FIXTURES / "current.csv", data_dir)
    newer = import_acled(FIXTURES / "current_newer.csv", data_dir)
    assert (newer.added, newer.updated, newer.unchanged) == (1, 1, 1)
    table = raw_rows(data_dir / "incidents.csv").set_index("event_id")
    assert table.loc["IRQ70001", "fatalities"] == "3"
    assert "one of the wounded died later" in table.loc["IRQ70001", "notes"]
    assert "IRQ70007" in table.index
    again_old = import_acled(FIXTURES / "current.csv", data_dir)  # older timestamps: kept newer
    assert (again_old.added, again_old.updated) == (0, 0)
    assert raw_rows(data_dir / "incidents.csv").set_index("event_id").loc["IRQ70001", "fatalities"] == "3"


def test_old_and_excel_copies_of_the_same_events_merge(data_dir):
    assert import_acled(FIXTURES / "old_schema.csv", data_dir).added == 4
    r = import_acled(FIXTURES / "old_schema_excel.csv", data_dir)
    assert (r.added, r.updated, r.unchanged) == (0, 0, 4)


def test_bad_rows_are_reported_by_line_and_the_rest_imports(data_dir):
    r = import_acled(FIXTURES / "bad_rows.csv", data_dir)
    where = [(p.line, p.column) for p in r.problems]
    assert where == [(3, 2), (4, 23), (5, 1), (6, 6)]
    text = [str(p) for p in r.problems]
    assert text[0].startswith(f"{FIXTURES / 'bad_rows.csv'}:3:2: event_date '32-Dec-20'")
    assert "latitude 'north'" in text[1] and "without event_id_cnty" in text[2] and "'Picnic'" in text[3]
    assert (r.added, r.skipped) == (2, 4)
    ids = set(raw_rows(data_dir / "incidents.csv")["event_id"])
    assert {"IRQ80001", "IRQ80006"} <= ids and not ({"IRQ80002", "IRQ80003", "IRQ80005"} & ids)


@pytest.mark.parametrize("content", [None, b"", b"eventid,iyear,country_txt\n1,2019,Iraq\n", b"\x00\xff\x00garbage"])
def test_not_an_acled_export_changes_nothing(data_dir, tmp_path, content):
    path = FIXTURES / "not_acled.csv" if content is None else tmp_path / "x.csv"
    if content is not None:
        path.write_bytes(content)
    before = (data_dir / "incidents.csv").read_bytes()
    with pytest.raises(NotAcledExport, match=str(path)):
        import_acled(path, data_dir)
    assert (data_dir / "incidents.csv").read_bytes() == before
    assert sorted(p.name for p in data_dir.iterdir()) == ["articles.csv", "incidents.csv"]


def test_an_extracted_incident_is_never_overwritten(data_dir, tmp_path):
    src = (FIXTURES / "current_newer.csv").read_text(encoding="utf-8").replace("IRQ70007", "IIM1")
    (tmp_path / "clash.csv").write_text(src, encoding="utf-8")
    before = raw_rows(data_dir / "incidents.csv").set_index("event_id").loc["IIM1"]
    r = import_acled(tmp_path / "clash.csv", data_dir)
    assert any("IIM1" in p.message and "not replaced" in p.message for p in r.problems)
    after = raw_rows(data_dir / "incidents.csv").set_index("event_id").loc["IIM1"]
    pd.testing.assert_series_equal(before, after)


def test_import_into_an_empty_folder_creates_the_table(tmp_path):
    r = import_acled(FIXTURES / "current.csv", tmp_path / "new")
    assert r.added == 6
    assert read_incidents(tmp_path / "new" / "incidents.csv")[1] == []


def test_imported_rows_show_up_in_the_store_with_the_dataset_filter(data_dir, tmp_path, monkeypatch):
    monkeypatch.setenv("INCIDENTS_CACHE_DIR", str(tmp_path / "cache"))
    import_acled(FIXTURES / "current.csv", data_dir)
    s = Store.open(data_dir)
    assert s.run("count", Filters(governorates=None, datasets=("acled",))) == 2 + 6  # IIM3, IIM4 + imported
    assert s.run("count", Filters(governorates=None, datasets=("extracted",))) == 4  # IIM1, IIM2, IIM5, IIM7
    row = s.run("incident", "IRQ70004")
    assert row["admin1"] == "Nineveh" and row["notes"].startswith("In November 2024")


def test_command_line(data_dir, capsys):
    assert main(["import-acled", str(FIXTURES / "bad_rows.csv"), "--data", str(data_dir)]) == 0
    out = capsys.readouterr()
    assert "2 added" in out.out and "bad_rows.csv:3:2:" in out.err
    shutil.copy(data_dir / "incidents.csv", data_dir / "copy.csv")
    assert main(["import-acled", str(FIXTURES / "not_acled.csv"), "--data", str(data_dir)]) == 2
    err = capsys.readouterr().err
    assert "not an ACLED export" in err and "nothing was changed" in err
    assert (data_dir / "incidents.csv").read_bytes() == (data_dir / "copy.csv").read_bytes()


def test_old_schema_rows_get_their_disorder_type_from_their_event_type():
    old, _ = read_acled(FIXTURES / "old_schema.csv")
    assert "disorder_type" not in raw_rows(FIXTURES / "old_schema.csv").columns
    assert old["disorder_type"].notna().all()
    expected = {"Battles": "Political violence", "Explosions/Remote violence": "Political violence",
                "Violence against civilians": "Political violence", "Strategic developments": "Strategic developments"}
    assert (old["disorder_type"] == old["event_type"].map(expected)).all()
    # the current schema's own disorder types are kept as the export writes them
    current, _ = read_acled(FIXTURES / "current.csv")
    raw = raw_rows(FIXTURES / "current.csv").set_index("event_id_cnty")["disorder_type"]
    assert current.set_index("event_id")["disorder_type"].to_dict() == raw.to_dict()


def test_a_demonstration_turned_violent_is_both_kinds_and_a_given_disorder_type_stays():
    from incidents.dataset.disorder import disorder_types

    got = disorder_types(pd.Series([None, None, None, "Demonstrations", None]),
                         pd.Series(["Protests", "Protests", "Riots", "Riots", "Not a type"]),
                         pd.Series(["Peaceful protest", "Excessive force against protesters", "Mob violence",
                                    "Mob violence", None]))
    assert got.tolist()[:4] == ["Demonstrations", "Political violence; Demonstrations",
                                "Political violence; Demonstrations", "Demonstrations"]
    assert pd.isna(got.iloc[4])


def test_an_actor_is_found_under_every_acled_period_of_its_name(data_dir, tmp_path, monkeypatch):
    """ACLED writes "Military Forces of Iraq (2022-)" (and "(2018-)" in the old export) where the
    extracted rows write "Military Forces of Iraq": the filter and its options treat them as one."""
    monkeypatch.setenv("INCIDENTS_CACHE_DIR", str(tmp_path / "cache"))
    for export in ("current.csv", "old_schema.csv"):
        import_acled(FIXTURES / export, data_dir)
    t = raw_rows(data_dir / "incidents.csv")
    army = "Military Forces of Iraq"
    suffixed = {"Military Forces of Iraq (2022-)", "Military Forces of Iraq (2018-)"}
    assert suffixed <= set(t.actor1) | set(t.actor2), "the table keeps ACLED's names as written"
    names = {army} | suffixed
    listed = t.assoc_actor_1.str.split("; ").map(lambda v: bool(names & set(v))) | \
        t.assoc_actor_2.str.split("; ").map(lambda v: bool(names & set(v)))
    expected = t[t.actor1.isin(names) | t.actor2.isin(names) | listed]
    assert set(expected.dataset) == {"acled", "extracted"}
    s = Store.open(data_dir)
    everywhere = Filters(governorates=None, countries=())
    for chosen in (army, "Military Forces of Iraq (2022-)"):
        got = s.run("incidents", replace(everywhere, actors=(chosen,)))
        assert sorted(got.event_id) == sorted(expected.event_id), chosen
    cts = s.run("incidents", replace(everywhere, actors=("Military Forces of Iraq: Counter-Terrorism Service",)))
    assert "IRQ70006" in set(cts.event_id)  # ACLED: "Military Forces of Iraq (2022-): Counter-Terrorism Service"
    actors = s.run("options")["actors"]
    assert army in actors and not any("(20" in a for a in actors)
    assert "Military Forces of the United States" in actors and "Civilians (Iraq)" in actors
