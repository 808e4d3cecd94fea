"""Metadata sidecars (incidents/corpus/metadata.py, extract/build --metadata): parsing, bad rows by line, filling, disagreements."""

from __future__ import annotations

import csv
import shutil

import pytest

from incidents import ROOT
from incidents.corpus.articles import load_corpus
from incidents.corpus.metadata import apply_metadata, parse_published, read_metadata
from incidents.dataset.build import extract

REAL = ROOT / "tests" / "fixtures" / "real" / "incoming"
# The Defense Post's page states its date only in its address (/2022/12/20/): the text has none
W015 = "w015_defensepost_diyala_albu_bali_village_attack.txt"


@pytest.mark.parametrize(("value", "expected"), [
    ("2019-05-16", ("2019-05-16", "day")),
    ("2019-05", ("2019-05", "month")),
    ("2019-05-16T08:30", ("2019-05-16T08:30", "minute")),
    ("2019-05-16 08:30:12", ("2019-05-16T08:30:12", "second")),
    ("", ("", "")),
    ("16/05/2019", None),
    ("2019-13-01", None),
    ("yesterday", None),
])
def test_published_values(value, expected):
    assert parse_published(value) == expected


def _sidecar(tmp_path, rows, header=("file", "url", "outlet", "published", "title")):
    path = tmp_path / "meta.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        w.writerows(rows)
    return path


def test_bad_rows_are_reported_by_line_and_column_and_the_rest_applies(tmp_path):
    path = _sidecar(tmp_path, [
        ["a.txt", "https://example.org/a", "Shafaq News", "2024-12-19", ""],
        ["b.txt", "https://example.org/b", "", "19/12/2024", ""],
        ["c.txt", "javascript:alert(1)", "", "", ""],
        ["a.txt", "", "Rudaw", "", ""],
    ])
    meta, problems = read_metadata(path)
    assert set(meta) == {"a.txt"} and meta["a.txt"].outlet == "Shafaq News"
    found = [(p.line, p.column) for p in problems]
    assert found == [(3, 4), (4, 2), (5, 1)]
    assert "not an ISO date" in problems[0].message and "http or https" in problems[1].message


def test_a_sidecar_without_a_file_column_says_so(tmp_path):
    meta, problems = read_metadata(_sidecar(tmp_path, [["x"]], header=("name",)))
    assert meta == {} and problems[0].line == 1 and "no 'file' column" in problems[0].message


def test_metadata_fills_the_date_and_address_the_text_lacks(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(REAL / W015, folder / W015)
    articles, _ = load_corpus([folder])
    assert articles[0].published == ""
    meta, _ = read_metadata(_sidecar(tmp_path, [[W015, "https://thedefensepost.com/2022/12/20/jihadists-kill-iraq-civilians",
                                                   "The Defense Post", "2022-12-20", ""]]))
    filled, problems = apply_metadata(articles, meta)
    a = filled[0]
    assert (a.published, a.published_precision, a.date_source) == ("2022-12-20", "day", "metadata")
    assert a.url.startswith("https://thedefensepost.com/") and a.outlet == "The Defense Post"
    assert a.text == articles[0].text and a.article_id == articles[0].article_id   # offsets unchanged


def test_a_disagreeing_date_is_reported_once_and_the_metadata_wins(tmp_path):
    name = "w005_afp_kirkuk_wadi_al_naft_barracks_attack.txt"   # its header says 2023-06-11
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(REAL / name, folder / name)
    articles, _ = load_corpus([folder])
    meta, _ = read_metadata(_sidecar(tmp_path, [[name, "", "", "2023-06-12", ""]]))
    filled, problems = apply_metadata(articles, meta)
    assert filled[0].published == "2023-06-12" and filled[0].date_source == "metadata"
    assert len(problems) == 1 and "2023-06-11" in problems[0].message and "2023-06-12" in problems[0].message


def test_extract_with_a_sidecar_dates_the_incidents_and_records_the_source(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(REAL / W015, folder / W015)
    plain = extract([folder], tmp_path / "plain")
    side = _sidecar(tmp_path, [[W015, "https://thedefensepost.com/2022/12/20/x", "The Defense Post", "2022-12-20", ""]])
    with_meta = extract([folder], tmp_path / "meta", metadata_path=side)
    assert plain.incidents and with_meta.incidents

    def read(d: str, f: str) -> list[dict[str, str]]:
        with (tmp_path / d / f).open(encoding="utf-8", newline="") as fh:
            return list(csv.DictReader(fh))

    assert all(r["date_start"] == "" for r in read("plain", "incidents.csv"))
    dated = [r for r in read("meta", "incidents.csv") if r["date_start"]]
    assert dated and all("2022-12-1" in r["date_start"] or r["date_start"] == "2022-12-20" for r in dated)
    art = read("meta", "articles.csv")[0]
    assert art["date_source"] == "metadata" and art["url"] == "https://thedefensepost.com/2022/12/20/x"
