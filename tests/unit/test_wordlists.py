"""Word lists kept as data files: read in order without comments, once; every list says where it comes from."""

from __future__ import annotations

import pytest

from incidents import ROOT
from incidents.wordlists import read_list, read_table

LIST_FILES = sorted([*ROOT.glob("incidents/*/words/*.txt"), ROOT / "incidents/dataset/acled_inter_codes.csv"])


def test_list_skips_comments_and_blank_lines_and_keeps_order(tmp_path):
    path = tmp_path / "outlets.txt"
    path.write_text("# where from\n\nZeta News\n  Alpha  \n# a note\nMid\n", encoding="utf-8")
    assert read_list(path) == ("Zeta News", "Alpha", "Mid")


def test_table_rows_are_csv_fields(tmp_path):
    path = tmp_path / "codes.csv"
    path.write_text('# source\nstate forces, 1\n"a, b",2\n', encoding="utf-8")
    assert read_table(path) == (("state forces", "1"), ("a, b", "2"))


def test_a_list_is_read_once(tmp_path):
    path = tmp_path / "once.txt"
    path.write_text("# x\none\n", encoding="utf-8")
    first = read_list(path)
    path.write_text("# x\ntwo\n", encoding="utf-8")
    assert read_list(path) is first


@pytest.mark.parametrize("path", LIST_FILES, ids=lambda p: p.name)
def test_every_list_file_says_where_it_comes_from(path):
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# ") and len(first) > 30
    assert read_list(path)  # and holds entries


def test_the_lists_are_found():
    names = {p.name for p in LIST_FILES}
    assert {"known_outlets.txt", "known_agencies.txt", "domain_words.txt", "acled_inter_codes.csv"} <= names
