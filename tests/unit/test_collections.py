"""Collections (.jsonl, .json, .csv) with bad records in the middle, field names, values left out; folders
with links that cannot be followed. The good records are the real fixtures of tests/fixtures/formats."""

from __future__ import annotations

import json
import os

import pytest

from incidents import ROOT
from incidents.corpus.articles import load_corpus, load_file
from incidents.corpus.collection import load_csv, load_json, load_jsonl

FORMATS = ROOT / "tests" / "fixtures" / "formats"
REAL = ROOT / "tests" / "fixtures" / "real" / "incoming"
JSONL = (FORMATS / "collection.jsonl").read_text(encoding="utf-8").splitlines()


def _where(problems):
    return [(p.line, p.column) for p in problems]


def test_a_bad_json_line_in_the_middle_is_reported_by_line_and_the_rest_loads(tmp_path):
    path = tmp_path / "export.jsonl"
    path.write_text("\n".join([JSONL[0], '{"title": "cut short", "maintext": "Gunmen attacked', "", JSONL[1],
                               '["not", "an", "object"]', '{"title": "no text at all"}', JSONL[2]]) + "\n",
                    encoding="utf-8")
    articles, problems = load_file(path)
    assert [a.record for a in articles] == ["line 1", "line 4", "line 7"]
    bad = [p for p in problems if "the metadata" not in p.message]  # outlet wordings aside
    assert _where(bad) == [(2, 36), (5, 1), (6, 1)]  # column 36: where the cut string opens
    assert [str(p).split(": ", 1)[1] for p in bad] == [
        "not valid JSON (Unterminated string starting at): record skipped",
        "the record is a JSON list, not an object: skipped",
        "no text (fields text, body, content or maintext): skipped",
    ]
    assert str(bad[0]).startswith(f"{path}:2:36: ")


def test_a_bad_csv_record_in_the_middle_is_reported_at_its_first_physical_line(tmp_path):
    lines = (FORMATS / "collection.csv").read_text(encoding="utf-8").split("\n")
    second = next(k for k, line in enumerate(lines) if k > 1 and line.startswith("http"))
    ragged = 'https://example.org/x,"A title",2024-01-01,Outlet,"Some text of a record",notes,one field too many'
    path = tmp_path / "sheet.csv"
    path.write_text("\n".join(lines[:second] + [ragged] + lines[second:]), encoding="utf-8")
    articles, problems = load_file(path)
    assert len(articles) == 3 and [a.record for a in articles][1] == f"line {second + 2}"
    bad = [p for p in problems if "the metadata" not in p.message]
    assert _where(bad) == [(second + 1, 1)] and "the record has 7 fields, the header 6" in bad[0].message


def test_an_open_quote_swallowing_the_next_records_is_reported_and_they_are_read_again(tmp_path):
    path = tmp_path / "sheet.csv"
    path.write_text('url,title,published,text\n'
                    'https://example.org/a,A,2024-01-01,"Gunmen killed two soldiers near Mosul on Friday.\n'
                    'https://example.org/b,B,2024-01-02,"Jets struck a hideout in Anbar on Sunday, killing five."\n'
                    'https://example.org/c,C,2024-01-03,"A roadside bomb wounded three soldiers near Tarmiyah."\n',
                    encoding="utf-8")
    articles, problems = load_file(path)
    assert [(a.record, a.url) for a in articles] == [("line 3", "https://example.org/b"),
                                                     ("line 4", "https://example.org/c")]
    assert _where(problems[:1]) == [(2, 1)] and "not closed" in problems[0].message
    # the quote swallowed line 3 (it closed at the quote that opens B's text): that line is read again
    assert "the 1 record on the line after it was read again" in problems[0].message


def test_a_csv_without_a_text_column_is_not_an_article_collection():
    articles, problems = load_csv("file,url,outlet\na.txt,https://example.org,Rudaw\n", "meta.csv", "meta.csv")
    assert articles == [] and _where(problems) == [(1, 1)]
    assert problems[0].message.startswith("no text column (text, body, content or maintext) in the header")


def test_a_json_array_names_records_by_position_and_problems_by_the_line_of_their_brace():
    records = json.loads((FORMATS / "collection.json").read_text(encoding="utf-8"))
    text = "[\n" + ",\n".join([json.dumps(records[0]), '  {"title": "no text"}', '  "a string"',
                               json.dumps(records[1])]) + "\n]\n"
    articles, problems = load_json(text, "export.json", "export.json")
    assert [a.record for a in articles] == ["record 1", "record 4"]
    assert [a.first_line for a in articles] == [2, 5]
    assert [(p.line, p.column, p.message) for p in problems if "the metadata" not in p.message] == [
        (3, 3, "no text (fields text, body, content or maintext): skipped"),
        (4, 3, "the record is a JSON str, not an object: skipped"),
    ]


def test_a_json_array_broken_in_the_middle_keeps_the_records_before_the_error():
    records = json.loads((FORMATS / "collection.json").read_text(encoding="utf-8"))
    text = "[\n" + json.dumps(records[0]) + ',\n{"title": "x", "body": "Gunmen attacked\n' + json.dumps(records[1]) + "]"
    articles, problems = load_json(text, "export.json", "export.json")
    assert [a.record for a in articles] == ["record 1"]
    broken = [p for p in problems if "not valid JSON" in p.message]
    assert [(p.line, p.column) for p in broken] == [(3, 40)]  # the line break inside the string
    assert "in record 2: it and the records after it are not read" in broken[0].message


@pytest.mark.parametrize(("record", "problem"), [
    ({"content": "Gunmen killed two soldiers near Mosul on Friday, police said.", "datePublished": "19/12/2024"},
     "datePublished '19/12/2024' is not an ISO date"),
    ({"Body": "Gunmen killed two soldiers near Mosul on Friday, police said.", "URL": "javascript:alert(1)"},
     "url 'javascript:alert(1)' is not an http or https address: left out"),
    ({"text": "Gunmen killed two soldiers near Mosul on Friday, police said.", "outlet": 5},
     "outlet is int, not text: left out"),
])
def test_a_bad_value_is_left_out_and_the_article_still_loads(record, problem):
    articles, problems = load_jsonl(json.dumps(record), "x.jsonl", "x.jsonl")
    assert len(articles) == 1 and articles[0].url == "" and articles[0].published == ""
    assert [p.message.startswith(problem) for p in problems] == [True]


@pytest.mark.parametrize(("fields", "outlet", "published"), [
    ({"text": "T", "outlet": "Rudaw", "published": "2024-03-12"}, "Rudaw", "2024-03-12"),
    ({"body": "T", "source": "Kurdistan24", "date": "2024-03-12T10:41"}, "Kurdistan24", "2024-03-12T10:41"),
    ({"content": "T", "site_name": "Shafaq News", "publish_date": "2024-03-12 10:41:07"}, "Shafaq News",
     "2024-03-12T10:41:07"),
    ({"maintext": "T", "source_domain": "ina.iq", "date_publish": "2024-03"}, "ina.iq", "2024-03"),
])
def test_field_names_of_the_usual_exports(fields, outlet, published):
    fields = {k: ("Gunmen killed two soldiers near Mosul on Friday, police said." if v == "T" else v)
              for k, v in fields.items()}
    (article,), problems = load_jsonl(json.dumps(fields), "x.jsonl", "x.jsonl")
    assert problems == [] and (article.outlet, article.published, article.date_source) == (outlet, published, "metadata")


def test_the_same_text_in_two_records_is_loaded_once(tmp_path):
    path = tmp_path / "twice.jsonl"
    path.write_text(JSONL[0] + "\n" + JSONL[0] + "\n", encoding="utf-8")
    articles, problems = load_corpus([path])
    assert len(articles) == 1
    assert [p for p in problems if "word for word" in p.message][0].message == (
        "line 2 repeats twice.jsonl line 1 word for word: skipped")


def test_empty_collections_say_so():
    for load, text in ((load_jsonl, "\n\n"), (load_json, "[]"), (load_csv, "title,text\n")):
        articles, problems = load(text, "x", "x")
        assert articles == [] and [p.message for p in problems] == ["no records: the collection is empty"]


# --------------------------------------------------------------------------- folders


def test_links_that_cannot_be_followed_are_reported_and_the_rest_loads(tmp_path):
    (tmp_path / "a.txt").write_bytes((REAL / "q002_rudaw_kirkuk_dibis_soldiers_killed.txt").read_bytes())
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.jsonl").write_text(JSONL[1] + "\n", encoding="utf-8")
    os.symlink(tmp_path / "gone.txt", tmp_path / "dangling.txt")
    os.symlink(tmp_path / "loop.txt", tmp_path / "loop.txt")
    os.symlink(tmp_path, tmp_path / "sub" / "back")        # a cycle: the folder itself
    os.symlink(tmp_path / "sub", tmp_path / "also")         # a second way into sub: read again, its articles repeat
    articles, problems = load_corpus([tmp_path])
    assert sorted(a.file for a in articles) == ["a.txt", "also/b.jsonl"]
    messages = {os.path.basename(p.path): p.message for p in problems}
    assert messages["dangling.txt"].startswith("dangling symbolic link")
    assert messages["loop.txt"].startswith("symbolic link loop")
    assert messages["back"].startswith("symbolic link back to a folder being scanned")
    assert "repeats also/b.jsonl line 1 word for word" in messages["b.jsonl"]


def test_a_dangling_link_named_on_the_command_line_says_what_it_is(tmp_path):
    os.symlink(tmp_path / "gone.html", tmp_path / "page.html")
    articles, problems = load_corpus([tmp_path / "page.html", tmp_path / "missing.txt"])
    assert articles == [] and [p.message.split(":")[0] for p in problems] == ["dangling symbolic link",
                                                                              "no such file or folder"]


def test_a_folder_of_every_suffix_is_read_recursively():
    articles, problems = load_corpus([FORMATS])
    # the saved pages' main text and the JSON bodies, each under its headline, are the same texts word for
    # word (and Rudaw's .txt in the CSV has no chrome): each loaded once, the repeats reported
    assert sorted(a.file for a in articles) == ["collection.csv"] * 3 + ["collection.json"] * 2
    repeats = sorted(os.path.basename(p.path) for p in problems if "word for word" in p.message)
    assert repeats == ["collection.json"] + ["collection.jsonl"] * 3 + [
        "rudaw_kirkuk_dibis.html", "wtop_tarmiyah_ambush.htm", "xinhua_baiji_brothers.html"]
    # the sidecar sits in the folder too: reported as no collection, not silently read or skipped
    others = [p for p in problems if "word for word" not in p.message and "the metadata" not in p.message]
    assert [(os.path.basename(p.path), p.line) for p in others] == [("sidecar.csv", 1)]
    articles, problems = load_corpus([FORMATS], exclude=[FORMATS / "sidecar.csv"])
    assert len(articles) == 5 and not any("sidecar" in p.path for p in problems)
