from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import RDF, Dataset, Graph, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from kg.build import build
from kg.rdf.formats import RDF_FORMATS, read_dataset
from kg.rdf.graph import entity_iri
from kg.rdf.ontology import ID, KG
from kg.rdf.query import MERGED
from tests.conftest import TINY_CORPUS

CLASSES = {"Region", "Town", "Valley", "Park", "Company", "Industry", "Institution", "Policy", "Person", "Event"}
RELATIONS = {"locatedIn", "focusesOn", "partOf", "issuedBy"}


@pytest.fixture(scope="module")
def tiny_dataset(tiny_graph: Path) -> Dataset:
    return read_dataset(tiny_graph)


def _union(dataset: Dataset) -> Graph:
    g = Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


@pytest.mark.parametrize("ext", list(RDF_FORMATS))
def test_format_round_trips(tiny_dataset, tmp_path, ext):
    path = tmp_path / f"g.{ext}"
    build(TINY_CORPUS, path, cache_dir=tmp_path / "cache")
    back = read_dataset(path)
    expected, got = _union(tiny_dataset), _union(back)
    if not isomorphic(expected, got):
        _, only_expected, only_got = graph_diff(to_isomorphic(expected), to_isomorphic(got))
        pytest.fail(f"only in expected: {list(only_expected)[:5]} only in read: {list(only_got)[:5]}")
    if RDF_FORMATS[ext].quads:
        names = {g.identifier for g in tiny_dataset.graphs() if len(g)}
        assert names == {g.identifier for g in back.graphs() if len(g)}


def test_one_named_graph_per_document_and_the_merged_layer(tiny_dataset):
    named = {str(g.identifier) for g in tiny_dataset.graphs() if len(g) and "graph/" in str(g.identifier)}
    assert named == {MERGED.value} | {f"{ID}graph/{p.name}" for p in TINY_CORPUS.iterdir()}


def test_merged_layer_holds_each_entity_and_relation_once_without_provenance(tiny_dataset):
    merged = tiny_dataset.graph(URIRef(MERGED.value))
    documents = [g for g in tiny_dataset.graphs() if len(g) and str(g.identifier) not in (MERGED.value,)]
    stated = {(s, p, o) for g in documents for s, p, o in g if p == RDF.type and str(o).removeprefix(str(KG._NS)) in CLASSES}
    stated |= {(s, p, o) for g in documents for s, p, o in g if str(p).removeprefix(str(KG._NS)) in RELATIONS
               and not str(s).startswith(f"{ID}evidence/")}
    assert stated and stated <= set(merged)
    assert not list(merged.triples((None, URIRef(KG["mentionedIn"]), None)))
    assert not list(merged.triples((None, URIRef(KG["hasTarget"]), None)))


def test_every_iri_is_valid_for_strict_parsers(tiny_dataset):
    for quad in tiny_dataset.quads((None, None, None, None)):
        for term in quad:
            if isinstance(term, URIRef):
                pyoxigraph.NamedNode(str(term))
                assert str(term).isascii() and " " not in str(term)


def test_iris_are_stable():
    assert entity_iri("Region/西湖区").value == "https://w3id.org/kg/id/region/%E8%A5%BF%E6%B9%96%E5%8C%BA"


def test_entities_trace_to_sentences(tiny_dataset):
    town = URIRef(entity_iri("Town/云栖小镇").value)
    union = _union(tiny_dataset)
    assert (town, RDF.type, KG.Town) in union
    sentences = list(union.objects(town, KG.mentionedIn))
    assert sentences and all(list(union.objects(s, KG.sentenceText)) for s in sentences)


@pytest.mark.skipif(not shutil.which("rapper"), reason="rapper (raptor2-utils) not installed")
@pytest.mark.parametrize("ext, syntax", [("ttl", "turtle"), ("nt", "ntriples"), ("nq", "nquads"), ("trig", "trig")])
def test_rapper_parses_output(tiny_dataset, tmp_path, ext, syntax):
    path: Path = tmp_path / f"g.{ext}"
    build(TINY_CORPUS, path)
    run = subprocess.run(["rapper", "-i", syntax, "-c", str(path)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert "error" not in run.stderr.lower()
