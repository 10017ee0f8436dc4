"""kg diff: the sample build against a build of the sample without two documents."""

from __future__ import annotations

import json
import shutil
from collections import defaultdict

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from kg.build import build
from kg.cli import app
from kg.explore.diff import diff
from tests.conftest import SAMPLE_CORPUS

LEFT_OUT = ("08_huangshi_guanggu_tuijiehui.txt", "12_shenzhen_jinrong_keji_guihua.txt")
KG = "https://w3id.org/kg/ontology#"
RELATIONS = {KG + p for p in ("locatedIn", "focusesOn", "partOf", "issuedBy")}


@pytest.fixture(scope="module")
def smaller_graph(tmp_path_factory):
    corpus = tmp_path_factory.mktemp("smaller")
    for path in SAMPLE_CORPUS.iterdir():
        if path.name not in LEFT_OUT:
            shutil.copy(path, corpus / path.name)
    return build(corpus, tmp_path_factory.mktemp("smaller-out") / "smaller.nq").output


def only_in_left_out(graph):
    """What the sample's graph holds only in the graphs of the two documents: entities, relations, targets' holders."""
    store = ox.Store()
    store.bulk_load(path=str(graph), format=ox.RdfFormat.N_QUADS)
    where: dict[tuple, set[str]] = defaultdict(set)
    for q in store.quads_for_pattern(None, None, None):
        if not q.graph_name.value.startswith("https://w3id.org/kg/id/graph/") or q.graph_name.value.endswith("/merged"):
            continue
        doc = q.graph_name.value.rsplit("/", 1)[-1]
        if q.predicate.value.endswith("#type") and q.object.value.startswith(KG) and q.object.value[len(KG):][0].isupper() \
                and q.object.value[len(KG):] not in ("Document", "Sentence", "Evidence", "Target"):
            where[("entity", q.subject.value)].add(doc)
        elif q.predicate.value in RELATIONS:
            where[("relation", q.subject.value, q.predicate.value, q.object.value)].add(doc)
    return {key for key, docs in where.items() if docs <= set(LEFT_OUT)}


def test_diff_reports_exactly_what_the_two_documents_bring(sample_graph, smaller_graph):
    changes = diff(smaller_graph, sample_graph)
    assert {c.change for c in changes} == {"added"}
    found = {("entity", c.iri) for c in changes if c.kind == "entity"}
    expected = only_in_left_out(sample_graph)
    assert {k for k in found if k[0] == "entity"} == {k for k in expected if k[0] == "entity"}
    assert len([c for c in changes if c.kind == "relation"]) == len([k for k in expected if k[0] == "relation"])
    assert all(set(c.documents.split()) <= set(LEFT_OUT) and c.documents for c in changes)
    targets = [c for c in changes if c.kind == "target"]
    assert targets and all(c.new for c in targets)
    assert any(c.item.startswith("黄石市") for c in targets)
    # the other way round: the same things, removed
    back = diff(sample_graph, smaller_graph)
    assert sorted((c.kind, c.item) for c in back) == sorted((c.kind, c.item) for c in changes)
    assert {c.change for c in back} == {"removed"}


def test_a_changed_target_value(tmp_path, sample_graph):
    text = sample_graph.read_text(encoding="utf-8")
    assert '"72000000000.0"^^' in text  # 萧山区's 数字经济总量 in 2022
    changed = tmp_path / "changed.nq"
    changed.write_text(text.replace('"72000000000.0"^^', '"80000000000.0"^^'), encoding="utf-8")
    changes = diff(sample_graph, changed)
    assert [(c.change, c.item, c.old, c.new) for c in changes] == [
        ("changed", "萧山区: 数字经济总量 (2022) [元]", "72000000000", "80000000000")]


def test_cli(sample_graph, smaller_graph):
    runner = CliRunner()
    out = runner.invoke(app, ["diff", str(smaller_graph), str(sample_graph), "-f", "json"])
    assert out.exit_code == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["summary"]["entity"]["added"]["Region"] >= 1 and data["changes"][0]["documents"]
    assert "added" in out.stderr and "entities (" in out.stderr
    csv_out = runner.invoke(app, ["diff", str(smaller_graph), str(sample_graph), "-f", "csv"])
    assert csv_out.stdout.startswith("change,kind,class,item,old,new,documents,iri")
    same = runner.invoke(app, ["diff", str(sample_graph), str(sample_graph)])
    assert same.exit_code == 0 and same.stdout == "" and "no differences" in same.stderr
    bad = runner.invoke(app, ["diff", str(sample_graph), str(sample_graph), "-f", "xml"])
    assert bad.exit_code != 0
