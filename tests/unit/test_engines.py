"""Connection URLs (what each names, passwords masked in every message), the Spark settings, the
secrets file, and ``load`` into a Parquet folder (no Spark needed to write it): idempotent, only
what changed, old files kept one load. The engines themselves are tested in tests/postgres and
tests/spark; here a real refused connection shows what a page or the command says."""

from __future__ import annotations

import shutil

import pandas as pd
import pyarrow.parquet as pq
import pytest
from builders import tiny

from incidents import ROOT
from incidents.__main__ import main
from incidents.dataset import synth
from incidents.store import engines, spark
from incidents.store.load import StoreError
from incidents.store.push import fingerprints, push
from incidents.store.store import Store

SECRET = "s3cr%40t"  # url-encoded "s3cr@t"
REFUSED = f"postgresql://analyst:{SECRET}@127.0.0.1:1/incidents"  # port 1: nothing listens there


@pytest.fixture(autouse=True)
def _cache_in_tmp(tmp_path_factory, monkeypatch):
    monkeypatch.setenv("INCIDENTS_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "store-cache"))
    monkeypatch.delenv("INCIDENTS_DB", raising=False)


@pytest.fixture
def data_dir(tmp_path):
    d = tmp_path / "data"
    d.mkdir()
    for name in ("incidents.csv", "articles.csv"):
        shutil.copyfile(ROOT / "data" / name, d / name)
    return d


@pytest.mark.parametrize("url, shown", [
    ("postgresql://me:pw@db.example:5432/x", "postgresql://me:***@db.example:5432/x"),
    (REFUSED, "postgresql://analyst:***@127.0.0.1:1/incidents"),
    ("postgresql://me@db/x?sslmode=require&password=pw", "postgresql://me@db/x?sslmode=require&password=***"),
    ("postgres://db/x", "postgres://db/x"),
    ("pyspark:///srv/iim?spark.master=local[1]", "pyspark:///srv/iim?spark.master=local[1]"),
    ("duckdb://", "duckdb://"),
])
def test_mask_hides_passwords_only(url, shown):
    assert engines.mask(url) == shown


@pytest.mark.parametrize("url, kind", [
    (None, "duckdb"), ("", "duckdb"), (" duckdb:// ", "duckdb"), ("postgresql://u:p@h/db", "postgres"),
    ("postgres://h/db", "postgres"), ("postgresql+psycopg://h/db", "postgres"), ("pyspark:///tmp/x", "pyspark"),
])
def test_parse_tells_the_engines_apart(url, kind):
    assert engines.parse(url).kind == kind


def test_parse_reads_the_spark_folder_and_settings():
    t = engines.parse("pyspark:///srv/iim%20tables?spark.master=spark://head:7077&spark.executor.memory=2g")
    assert str(t.folder) == "/srv/iim tables"
    assert t.settings == {"spark.master": "spark://head:7077", "spark.executor.memory": "2g"}


@pytest.mark.parametrize("url, words", [
    (f"mysql://u:{SECRET}@h/db", "is not understood: use duckdb://"),
    ("duckdb:///tmp/x.duckdb", "duckdb:// takes no path"),
    ("pyspark://", "names no folder"),
    (f"postgresql://u:{SECRET}@/db", "names no server"),
])
def test_parse_refuses_what_it_cannot_open_without_the_password(url, words):
    with pytest.raises(StoreError, match=words) as err:
        engines.parse(url)
    assert SECRET not in str(err.value) and "s3cr@t" not in str(err.value)


def test_spark_settings_local_by_default_and_given_ones_win():
    local = spark.settings({})
    assert local["spark.master"] == "local[2]" and local["spark.driver.host"] == "127.0.0.1"
    assert local["spark.ui.enabled"] == "false"
    cluster = spark.settings({"spark.master": "spark://head:7077", "spark.ui.enabled": "true"})
    assert "spark.driver.host" not in cluster and cluster["spark.ui.enabled"] == "true"


def test_secrets_url_reads_the_connection_section_later_file_wins(tmp_path):
    home, work = tmp_path / "home", tmp_path / "work"
    for folder, url in ((home, "postgresql://h/home"), (work, "postgresql://h/work")):
        (folder / ".streamlit").mkdir(parents=True)
        (folder / ".streamlit" / "secrets.toml").write_text(f'[connections.incidents]\nurl = "{url}"\n')
    assert engines.secrets_url([home, work]) == "postgresql://h/work"
    (work / ".streamlit" / "secrets.toml").write_text("[connections.incidents\nbroken")
    assert engines.secrets_url([home, work]) == "postgresql://h/home"
    assert engines.secrets_url([tmp_path / "nowhere"]) == ""


def test_a_refused_connection_is_a_store_error_naming_the_masked_url(data_dir):
    with pytest.raises(StoreError) as err:
        Store.open(url=REFUSED)
    message = str(err.value)
    assert message.startswith("Could not connect to postgresql://analyst:***@127.0.0.1:1/incidents: ")
    assert "refused" in message.lower() and SECRET not in message and "s3cr@t" not in message


def test_incidents_db_is_the_default_url(monkeypatch):
    monkeypatch.setenv("INCIDENTS_DB", REFUSED)
    with pytest.raises(StoreError, match=r"postgresql://analyst:\*\*\*@127\.0\.0\.1:1/incidents"):
        Store.open()


def test_an_empty_spark_folder_says_to_load_without_starting_spark(tmp_path):
    with pytest.raises(StoreError, match="no tables in .*python -m incidents load --to URL"):
        Store.open(url=f"pyspark://{tmp_path}")


def _files(folder):
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.parquet"))}


def test_load_into_a_parquet_folder_writes_the_store_tables(data_dir, tmp_path):
    target = tmp_path / "spark"
    report = push(f"pyspark://{target}", data_dir)
    duck = Store.open(data_dir)
    assert report.written == {"incidents": 16, "articles": 6, "load_problems": 0} and report.unchanged == []
    meta = spark.read_meta(target)
    assert {k: v["fingerprint"] for k, v in meta.items()} == fingerprints(data_dir)
    for name in ("incidents", "articles"):
        written = pq.read_table(target / meta[name]["file"]).to_pandas()
        expected = duck.con.con.sql(f"SELECT * FROM {name}").to_arrow_table().to_pandas()
        pd.testing.assert_frame_equal(written, expected)
    assert engines.fingerprint(engines.parse(f"pyspark://{target}")) == tuple(sorted(fingerprints(data_dir).items()))


def test_a_second_load_writes_nothing_and_a_changed_file_replaces_only_its_table(data_dir, tmp_path):
    url = f"pyspark://{tmp_path / 'spark'}"
    push(url, data_dir)
    before = _files(tmp_path / "spark")
    again = push(url, data_dir)
    assert again.written == {} and again.unchanged == ["incidents", "articles", "load_problems"]
    assert _files(tmp_path / "spark") == before
    assert again.summary() == f"load: incidents, articles, load_problems unchanged -> {url}"

    inc, art = tiny()
    synth.write(tmp_path / "other", inc, art)
    shutil.copyfile(tmp_path / "other" / "articles.csv", data_dir / "articles.csv")
    changed = push(url, data_dir)
    assert set(changed.written) == {"articles", "load_problems"} and changed.unchanged == ["incidents"]
    after = _files(tmp_path / "spark")
    assert {n: b for n, b in after.items() if n.startswith("incidents-")} == \
           {n: b for n, b in before.items() if n.startswith("incidents-")}
    old_articles = next(n for n in before if n.startswith("articles-"))
    assert old_articles in after, "the files of the load before are kept one load longer"
    shutil.copyfile(ROOT / "data" / "articles.csv", data_dir / "articles.csv")
    push(url, data_dir)
    assert len([n for n in _files(tmp_path / "spark") if n.startswith("articles-")]) == 2


def test_load_command_prints_one_line_and_says_what_is_wrong(data_dir, tmp_path, capsys):
    target = tmp_path / "spark"
    assert main(["load", "--to", f"pyspark://{target}", "--data", str(data_dir)]) == 0
    assert capsys.readouterr().out.strip() == (f"load: incidents written (16 rows); articles written (6 rows); "
                                              f"load_problems written (0 rows) -> pyspark://{target}")
    assert main(["load", "--data", str(data_dir)]) == 2
    assert "give --to URL" in capsys.readouterr().err
    assert main(["load", "--to", REFUSED, "--data", str(data_dir)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("load: Could not read what was loaded into postgresql://analyst:***@127.0.0.1:1/")
    assert SECRET not in err
    assert main(["load", "--to", "duckdb://", "--data", str(data_dir)]) == 1
    assert "nothing to load" in capsys.readouterr().err
    assert main(["load", "--to", f"pyspark://{target}", "--data", str(tmp_path / "nowhere")]) == 1
    assert "does not exist" in capsys.readouterr().err


def test_load_takes_its_url_from_incidents_db(data_dir, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("INCIDENTS_DB", f"pyspark://{tmp_path / 'spark'}")
    assert main(["load", "--data", str(data_dir)]) == 0
    assert "incidents written (16 rows)" in capsys.readouterr().out


def test_spark_without_java_says_what_to_install(data_dir, tmp_path, monkeypatch):
    push(f"pyspark://{tmp_path / 'spark'}", data_dir)
    monkeypatch.setenv("PATH", str(tmp_path / "no-bin"))
    monkeypatch.delenv("JAVA_HOME", raising=False)
    with pytest.raises(StoreError, match="needs a Java runtime for Spark: apt-get install default-jre-headless"):
        Store.open(url=f"pyspark://{tmp_path / 'spark'}")


def test_serves_probe_opens_the_tables_where_the_pages_do(data_dir, tmp_path, monkeypatch):
    from incidents.serving.server import probe_tables

    monkeypatch.setenv("INCIDENTS_DATA_DIR", str(data_dir))
    monkeypatch.setenv("INCIDENTS_DB", REFUSED)
    ok, line = probe_tables(timeout=120)
    assert not ok and line.startswith("the incident tables cannot be opened: Could not connect to "
                                      "postgresql://analyst:***@127.0.0.1:1/incidents: ")
    assert SECRET not in line
