"""End to end on the sample corpus: build, query, and (where the gold is at hand) score."""

from __future__ import annotations

import subprocess
import sys

import pytest

from kg.rdf.query import query_file
from tests.conftest import GOLD


def test_sample_build_counts(sample_build):
    assert sample_build.documents == 10 and not sample_build.skipped
    assert set(sample_build.entities) >= {"Region", "Town", "Valley", "Park", "Company", "Industry",
                                          "Institution", "Policy", "Person", "Event"}


def test_sample_query_evidence(sample_graph):
    q = """SELECT ?text WHERE { ?e a kg:Evidence ; rdf:subject ?s ; rdf:predicate kg:locatedIn ;
             prov:wasDerivedFrom ?sent . ?s rdfs:label "云栖小镇"@zh . ?sent kg:sentenceText ?text }"""
    rows = query_file(sample_graph, q).rows
    assert rows and all("云栖" in r[0].value or "西湖" in r[0].value or "小镇" in r[0].value for r in rows)


@pytest.mark.skipif(not (GOLD / "score.py").exists(), reason="gold annotations not beside the repository")
def test_sample_scores_do_not_regress(sample_graph):
    out = subprocess.run([sys.executable, str(GOLD / "score.py"), str(sample_graph), str(GOLD / "gold")],
                         capture_output=True, text=True, check=True).stdout
    last = out.strip().splitlines()[-1]
    ents, rels, tgts = (float(x.split("=")[1]) for x in last.split()[1::2])
    assert ents >= 0.93 and rels >= 0.80 and tgts >= 0.87, last
    per_class = {line.split()[0]: float(line.split()[3]) for line in out.splitlines()[1:11]}
    assert len(per_class) == 10 and min(per_class.values()) >= 0.85, per_class
