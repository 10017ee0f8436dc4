"""Hostile text through the whole pipeline: control characters, lone surrogates, unreadable
figures, sentences without an end (issue 18: items 6, 10, 19, 20)."""

from __future__ import annotations

import re
import shutil
import subprocess
import time
import xml.etree.ElementTree as ET
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.corpus import read_doc
from kg.extract.doc import Doc
from kg.extract.pipeline import process, process_text
from kg.extract.segment import MAX_SENTENCE
from kg.rdf.graph import decimal_lexical, doc_nquads, layer_ntriples

CONTROLS = Path(__file__).parent.parent / "data" / "bad" / "controls.txt"
NOT_TEXT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff\ud800-\udfff]")


@pytest.fixture(scope="module")
def controls_doc(lexicon) -> Doc:
    raw = read_doc(CONTROLS, "controls").raw
    assert "\x00" in raw and "\f" in raw and "\ufffe" in raw  # the file still holds what it tests
    return process(Doc("controls", str(CONTROLS), raw), lexicon)


def test_control_characters_reach_no_literal(controls_doc):
    assert not NOT_TEXT.search(controls_doc.text)
    store = ox.Store()
    store.load(doc_nquads(controls_doc) + layer_ntriples(controls_doc), format=ox.RdfFormat.N_QUADS,
               to_graph=ox.DefaultGraph())
    literals = [q.object.value for q in store if isinstance(q.object, ox.Literal)]
    assert literals and not [v for v in literals if NOT_TEXT.search(v)]
    labels = {q.object.value for q in store.quads_for_pattern(None, ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"), None)}
    assert {"云栖小镇", "信息港小镇", "梦想小镇"} <= labels  # U+FFFE inside a name, a vertical tab before one


def test_form_feed_ends_a_sentence(controls_doc):
    texts = [s.text for s in controls_doc.sentences]
    assert "第一页:西湖区紫金港科技城聚焦人工智能产业" in texts


def test_sparql_xml_results_parse(controls_doc):
    store = ox.Store()
    store.load(doc_nquads(controls_doc), format=ox.RdfFormat.N_QUADS)
    results = store.query("SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }")
    root = ET.fromstring(results.serialize(format=ox.QueryResultsFormat.XML))
    assert len(root.findall(".//{http://www.w3.org/2005/sparql-results#}result")) == len(doc_nquads(controls_doc).splitlines())


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """controls.txt built by `kg build` into each format."""
    root = tmp_path_factory.mktemp("controls")
    (root / "corpus").mkdir()
    shutil.copy(CONTROLS, root / "corpus")
    for ext in ("nq", "ttl", "nt", "trig"):
        result = CliRunner().invoke(app, ["build", str(root / "corpus"), "-o", str(root / f"g.{ext}"), "--no-cache"])
        assert result.exit_code == 0, result.output
    return root


@pytest.mark.skipif(shutil.which("rapper") is None, reason="rapper (raptor2-utils) not installed")
@pytest.mark.parametrize("ext, syntax", [("nq", "nquads"), ("ttl", "turtle"), ("nt", "ntriples"), ("trig", "trig")])
def test_rapper_accepts_every_format(built, ext, syntax):
    run = subprocess.run(["rapper", "-q", "-i", syntax, "-c", str(built / f"g.{ext}")], capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr


def test_lone_surrogates_are_replaced():
    doc = process_text("西湖区\udcff云栖小镇\ud800聚焦云计算。")
    assert doc.text == "西湖区\ufffd云栖小镇\ufffd聚焦云计算。"
    assert {e.label for e in doc.entities} >= {"西湖区", "云栖小镇"}
    doc_nquads(doc).decode("utf-8")


@pytest.mark.parametrize("figure", ["10^400亿元", "1e309亿元", "1E+309亿元", "2**64亿元"])
def test_a_figure_that_cannot_be_read_whole_is_no_target(figure):
    doc = process_text(f"杭州市西湖区2025年GDP达到{figure}。西湖区2024年GDP达到300亿元。")
    assert [(t.text, t.value) for t in doc.targets] == [("300亿元", Decimal("30000000000"))]


@pytest.mark.parametrize("figure, value", [
    ("12345678901234567890123456789012亿元", "1234567890123456789012345678901200000000"),
    ("1234567890123456.7890123456789012亿元", "123456789012345678901234.56789012"),
])
def test_targets_keep_every_digit(figure, value):
    doc = process_text(f"杭州市西湖区2025年GDP达到{figure}。")
    assert [format(t.value, "f") for t in doc.targets] == [value]
    assert f'"{decimal_lexical(Decimal(value))}"' in doc_nquads(doc).decode("utf-8")


def _one_sentence(size: int) -> str:
    corpus = Path(__file__).parent.parent.parent / "corpus"
    text = re.sub(r"[。！？!?；;\n]+", ",", "".join(p.read_text(encoding="utf-8") for p in sorted(corpus.iterdir())))
    return (text * (size // len(text) + 1))[:size]


def test_a_sentence_without_an_end_costs_linear_time(lexicon):
    def seconds(text: str) -> float:
        best = float("inf")
        for _ in range(2):
            began = time.perf_counter()
            doc = process(Doc("long", "long", text), lexicon)
            best = min(best, time.perf_counter() - began)
        assert max(s.end - s.start for s in doc.sentences) <= MAX_SENTENCE
        return best

    seconds(_one_sentence(2_000))  # warm: the name model loads
    small, large = seconds(_one_sentence(20_000)), seconds(_one_sentence(80_000))
    assert large < 7 * small + 0.05, (small, large)  # ×4 the text: ×4 the time (×12 before: quadratic)
