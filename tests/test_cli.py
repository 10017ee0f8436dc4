from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from kg.cli import app
from tests.conftest import TINY_CORPUS

runner = CliRunner()

TOWNS = "SELECT DISTINCT ?label WHERE { ?t a kg:Town ; rdfs:label ?label } ORDER BY ?label"


def test_build_writes_graph_and_summary(tmp_path):
    out = tmp_path / "g.ttl"
    result = runner.invoke(app, ["build", str(TINY_CORPUS), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.stat().st_size > 0
    assert "Built 5 documents" in result.stderr and "entities" in result.stderr


def test_build_store_writes_the_query_store_that_later_commands_open(tmp_path):
    from kg.rdf.store_cache import META, open_graph, store_home

    out = tmp_path / "g.nq"
    result = runner.invoke(app, ["build", str(TINY_CORPUS), "-o", str(out), "--store"])
    assert result.exit_code == 0, result.output
    [store] = [p for p in store_home(out).iterdir() if p.is_dir()]
    assert (store / META).is_file() and "Query store ready in" in result.stderr and str(store) in result.stderr
    built = (store / META).stat().st_mtime_ns
    query = runner.invoke(app, ["query", str(out), "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--format", "csv"])
    assert query.exit_code == 0 and int(query.stdout.split()[1]) > 100
    assert open_graph(out).folder == store and (store / META).stat().st_mtime_ns == built  # opened, not rebuilt
    again = runner.invoke(app, ["build", str(TINY_CORPUS), "-o", str(out), "--store", "--no-cache"])
    assert again.exit_code == 0, again.output
    assert [p for p in store_home(out).iterdir() if p.is_dir()] != [store]  # the new file's store replaced the old


def test_build_unknown_extension_is_one_line_error(tmp_path):
    result = runner.invoke(app, ["build", str(TINY_CORPUS), "-o", str(tmp_path / "g.ttx")])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: cannot tell the RDF format from")
    assert "Traceback" not in result.output


def test_build_reports_bad_file_and_strict_fails(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "ok.txt").write_text("西湖区云栖小镇\n聚焦云计算。", encoding="utf-8")
    (corpus / "bad.txt").write_bytes(b"\x00\x01binary")
    result = runner.invoke(app, ["build", str(corpus), "-o", str(tmp_path / "g.nq")])
    assert result.exit_code == 0
    assert "Warning: skipped" in result.stderr and "bad.txt: binary file" in result.stderr
    assert "(1 skipped)" in result.stderr
    strict = runner.invoke(app, ["build", str(corpus), "-o", str(tmp_path / "s.nq"), "--strict"])
    assert strict.exit_code == 1 and "bad.txt: binary file" in strict.stderr
    assert not (tmp_path / "s.nq").exists()


@pytest.mark.parametrize("fmt", ["table", "csv", "tsv", "json"])
def test_query_formats(tiny_graph, fmt):
    result = runner.invoke(app, ["query", str(tiny_graph), TOWNS, "--format", fmt])
    assert result.exit_code == 0, result.output
    out = result.stdout
    if fmt == "json":
        data = json.loads(out)
        labels = [b["label"]["value"] for b in data["results"]["bindings"]]
        assert data["head"]["vars"] == ["label"] and "\\u" not in out
    elif fmt in ("csv", "tsv"):
        rows = list(csv.reader(io.StringIO(out), delimiter="," if fmt == "csv" else "\t"))
        assert rows[0] == ["label"]
        labels = [r[0] for r in rows[1:]]
    else:
        labels = [line.strip() for line in out.splitlines()[2:]]
    assert "云栖小镇" in labels and "图灵小镇" in labels


def test_query_syntax_error(tiny_graph):
    result = runner.invoke(app, ["query", str(tiny_graph), "SELECT ?s WHERE { ?s a kg:Town"])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: SPARQL syntax error")
    assert len(result.stderr.strip().splitlines()) == 1


def test_query_refuses_update(tiny_graph):
    result = runner.invoke(app, ["query", str(tiny_graph), "INSERT DATA { <a:b> <a:c> <a:d> }"])
    assert result.exit_code == 1 and "read-only" in result.stderr


def test_query_file_and_missing_graph(tiny_graph, tmp_path):
    rq = tmp_path / "q.rq"
    rq.write_text(TOWNS, encoding="utf-8")
    assert "云栖小镇" in runner.invoke(app, ["query", str(tiny_graph), str(rq)]).stdout
    missing = runner.invoke(app, ["query", str(tmp_path / "none.nq"), TOWNS])
    assert missing.exit_code == 2


def test_query_merged_gives_the_distinct_answers_of_the_whole_file_once_each(tiny_graph, tmp_path):
    relations = "SELECT ?a ?p ?b WHERE { ?a ?p ?b FILTER(?p IN (kg:locatedIn, kg:focusesOn, kg:partOf, kg:issuedBy)) }"

    def rows(*extra: str) -> list[str]:
        result = runner.invoke(app, ["query", str(tiny_graph), relations, "--format", "csv", *extra])
        assert result.exit_code == 0, result.output
        return result.stdout.splitlines()[1:]

    whole, merged = rows(), rows("--merged")
    assert len(merged) == len(set(merged)) == len(whole) == len(set(whole))  # the union has each triple once
    assert set(merged) == set(whole)
    provenance = runner.invoke(app, ["query", str(tiny_graph), "SELECT * WHERE { ?e kg:mentionedIn ?s }", "--merged"])
    assert provenance.exit_code == 0 and len(provenance.stdout.splitlines()) == 2  # a header: no provenance
    old = tmp_path / "old.nq"
    old.write_text("<https://example.org/a> <https://example.org/b> <https://example.org/c> <https://example.org/g> .\n")
    missing = runner.invoke(app, ["query", str(old), relations, "--merged"])
    assert missing.exit_code == 1 and "no merged layer" in missing.stderr


def test_stats(tiny_graph):
    result = runner.invoke(app, ["stats", str(tiny_graph), "--format", "json"])
    counts = json.loads(result.stdout)
    assert counts["documents"] == 5 and counts["Town"] >= 3 and counts["triples"] > 100


def test_extract_prints_entities(tmp_path):
    result = runner.invoke(app, ["extract", str(TINY_CORPUS / "gb18030.txt")])
    data = json.loads(result.stdout)
    assert {"图灵小镇", "萧山区", "人工智能"} <= {e["label"] for e in data["entities"]}


def test_module_entry_point_and_usage_exit_code():
    run = subprocess.run([sys.executable, "-m", "kg", "--version"], capture_output=True, text=True)
    assert run.returncode == 0 and run.stdout.startswith("kg ")
    bad = subprocess.run([sys.executable, "-m", "kg", "query"], capture_output=True, text=True)
    assert bad.returncode == 2
