"""kg export: CSV tables with a BOM, GEXF and GraphML read back with the standard readers."""

from __future__ import annotations

import csv

import networkx as nx
import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.explore.export import FILES, cell
from kg.explore.network import layer
from kg.rdf.ontology import ENTITY_CLASSES
from kg.rdf.query import open_store, run


@pytest.fixture(scope="module")
def exported(sample_graph, tmp_path_factory):
    folder = tmp_path_factory.mktemp("export")
    out = CliRunner().invoke(app, ["export", str(sample_graph), "--to", str(folder / "tables"),
                                   "--to-gexf", str(folder / "net.gexf"), "--to-graphml", str(folder / "net.graphml")])
    assert out.exit_code == 0, out.stderr
    assert f"entities.csv {entity_count(sample_graph)} rows" in out.stderr
    return folder


def entity_count(graph):
    """The sample build's entities, counted by a query of its own (not by the exporter)."""
    store = layer(open_store(graph))
    query = "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a ?c FILTER(?c IN ($classes)) }"
    return int(run(store, query.replace("$classes", ", ".join(f"kg:{c}" for c in ENTITY_CLASSES))).rows[0][0].value)


def read(path):
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # Excel reads Chinese only with the BOM
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def test_tables(exported):
    tables = {name: read(exported / "tables" / name) for name in FILES}
    for name, rows in tables.items():
        assert rows and list(rows[0]) == FILES[name]
    entities = {row["label"]: row for row in tables["entities.csv"]}
    assert entities["西湖区"]["class"] == "Region" and entities["西湖区"]["division_code"] == "330106"
    assert entities["西湖区"]["division_level"] == "county" and "西湖" in entities["西湖区"]["aliases"].split("|")
    assert "002_409b9f81b8dfc1c4.txt" in entities["西湖区"]["documents"].split()
    assert all(row["division_code"] for row in tables["entities.csv"] if row["class"] == "Region")
    assert entities["蒋村街道"]["division_code"] == "330106011" and entities["蒋村街道"]["division_level"] == "street"
    yunqi = [r for r in tables["relations.csv"] if (r["head"], r["relation"], r["tail"]) == ("云栖小镇", "locatedIn", "西湖区")]
    assert yunqi and all(r["sentence"] and r["document"] and r["rule"] for r in yunqi)
    assert ("萧山区", "数字经济总量", "72000000000", "元", "2022") in {
        (r["holder"], r["indicator"], r["value"], r["unit"], r["year"]) for r in tables["targets.csv"]}
    assert len(tables["documents.csv"]) == 10 and all(r["title"] for r in tables["documents.csv"])


def test_network_files(exported, sample_graph):
    for net in (nx.read_gexf(exported / "net.gexf"), nx.read_graphml(exported / "net.graphml")):
        assert net.number_of_nodes() == entity_count(sample_graph) > 400 and net.is_directed()
        by_label = {data["label"]: data for _n, data in net.nodes(data=True)}
        xihu = by_label["西湖区"]
        assert xihu["class"] == "Region" and int(xihu["degree"]) > 10 and int(xihu["documents"]) >= 3
        assert str(xihu["division_code"]) == "330106"
        edges = [data for _a, _b, data in net.edges(data=True)]
        assert {e["relation"] for e in edges} == {"locatedIn", "focusesOn", "partOf", "issuedBy"}
        assert all(int(e["documents"]) >= 1 for e in edges)


def test_cells_and_errors(sample_graph, tmp_path):
    assert cell("=SUM(A1)") == "'=SUM(A1)" and cell("-5") == "-5" and cell(None) == ""
    out = CliRunner().invoke(app, ["export", str(sample_graph)])
    assert out.exit_code != 0
    blocked = tmp_path / "file"
    blocked.write_text("x")
    out = CliRunner().invoke(app, ["export", str(sample_graph), "--to", str(blocked / "sub")])
    assert out.exit_code == 1 and out.stderr.startswith("Error:")
