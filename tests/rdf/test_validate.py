"""kg validate: the sample build conforms to ontology/shapes.ttl; a graph broken by hand in each way is caught."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.rdf.validate import validate

KG = "https://w3id.org/kg/ontology#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
XIHU = "<https://w3id.org/kg/id/region/%E8%A5%BF%E6%B9%96%E5%8C%BA>"
YUNQI = "<https://w3id.org/kg/id/town/%E4%BA%91%E6%A0%96%E5%B0%8F%E9%95%87>"
AI = "<https://w3id.org/kg/id/industry/%E4%BA%BA%E5%B7%A5%E6%99%BA%E8%83%BD>"


@pytest.fixture(scope="module")
def lines(sample_graph):
    return sample_graph.read_text(encoding="utf-8").splitlines(keepends=True)


def test_the_sample_conforms(sample_graph):
    out = CliRunner().invoke(app, ["validate", str(sample_graph), "-f", "tsv"])
    assert out.exit_code == 0 and "conforms: " in out.stderr and "0 violations" in out.stderr
    # warnings only: targets whose text names no indicator
    assert {line.split("\t")[2] for line in out.stdout.splitlines()[1:]} == {"kg:indicator"}


def broken(tmp_path, lines, change):
    path = tmp_path / "broken.nq"
    path.write_text("".join(change(line) for line in lines), encoding="utf-8")
    return path


def caught(path, message):
    report = validate(path)
    assert not report.conforms
    assert any(message in p.message for p in report.problems if p.severity == "Violation"), report.problems[:5]
    return report


def test_an_entity_without_one_of_the_ten_classes(tmp_path, lines):
    path = broken(tmp_path, lines, lambda s: s.replace(f"{YUNQI} <{RDF}type> <{KG}Town>", f"{YUNQI} <{RDF}type> <{KG}Township>"))
    caught(path, "one of the ten classes")


def test_an_entity_without_a_chinese_label(tmp_path, lines):
    path = broken(tmp_path, lines, lambda s: s.replace('"云栖小镇"@zh', '"Yunqi Town"@en') if "rdf-schema#label" in s else s)
    report = caught(path, "exactly one rdfs:label")
    assert any(p.node.startswith("Yunqi Town") for p in report.problems)


def test_a_relation_outside_its_domain_and_range(tmp_path, lines):
    # 人工智能 (an Industry) focusesOn 云栖小镇 (a Town): wrong both ends
    extra = [f"{AI} <{KG}focusesOn> {YUNQI} <https://w3id.org/kg/id/graph/merged> .\n"]
    path = broken(tmp_path, lines + extra, lambda s: s)
    report = caught(path, "focusesOn points to an Industry")
    assert any("only a Region, Town, Valley, Park, Company or Institution focusesOn" in p.message for p in report.problems)


def test_a_target_without_a_decimal_value_or_unit(tmp_path, lines):
    value = re.compile(r'"([0-9.]+)"\^\^<http://www.w3.org/2001/XMLSchema#decimal>')
    path = broken(tmp_path, lines, lambda s: value.sub(r'"\1"', s, count=1) if f"<{KG}value>" in s else s)
    caught(path, "exactly one value, an xsd:decimal")
    path = broken(tmp_path, lines, lambda s: "" if f"<{KG}unit>" in s else s)
    caught(path, "exactly one unit")


def test_a_relation_without_evidence(tmp_path, lines):
    # every Evidence of 云栖小镇 locatedIn 西湖区 loses its sentence
    evidence = {line.split()[0] for line in lines if line.startswith("<https://w3id.org/kg/id/evidence/")
                and f"<{RDF}subject> {YUNQI}" in line}
    located = {line.split()[0] for line in lines if line.split()[0] in evidence and f"<{RDF}object> {XIHU}" in line}
    assert located
    path = broken(tmp_path, lines, lambda s: "" if s.split()[0] in located and "wasDerivedFrom" in s else s)
    report = caught(path, "has no Evidence that reaches a sentence")
    assert any(p.node.startswith("云栖小镇") and p.path == "kg:locatedIn" and p.value == "西湖区" for p in report.problems)


def test_a_malformed_division_code(tmp_path, lines):
    path = broken(tmp_path, lines, lambda s: s.replace('"330106"', '"3301"'))
    out = CliRunner().invoke(app, ["validate", str(path)])
    assert out.exit_code == 1 and "does not conform" in out.stderr and "six digits" in out.stdout


def test_warnings_fail_only_when_strict(sample_graph):
    out = CliRunner().invoke(app, ["validate", str(sample_graph), "--strict", "-f", "csv"])
    assert out.exit_code == 1 and "kg:indicator" in out.stdout
