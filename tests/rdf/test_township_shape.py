"""The graph contract for division codes: six digits (GB/T 2260) or nine for townships (statistics division code)."""

from __future__ import annotations

from kg.rdf.validate import validate
from kg.rdf.vocabulary import KG

JIANGCUN = "<https://w3id.org/kg/id/region/%E8%92%8B%E6%9D%91%E8%A1%97%E9%81%93>"


def test_the_sample_township_has_a_nine_digit_code_and_the_street_level(sample_graph):
    lines = set(sample_graph.read_text(encoding="utf-8").splitlines())
    merged = "<https://w3id.org/kg/id/graph/merged> ."
    assert f'{JIANGCUN} <{KG}divisionCode> "330106011" {merged}' in lines
    assert f'{JIANGCUN} <{KG}divisionLevel> "street" {merged}' in lines


def test_a_code_of_neither_six_nor_nine_digits_is_caught(tmp_path, sample_graph):
    text = sample_graph.read_text(encoding="utf-8")
    assert '"330106011"' in text
    path = tmp_path / "broken.nq"
    path.write_text(text.replace('"330106011"', '"33010601"'), encoding="utf-8")
    report = validate(path)
    assert not report.conforms
    assert any("six digits (GB/T 2260) or nine for townships" in p.message and p.value == "33010601"
               for p in report.problems if p.severity == "Violation"), report.problems[:5]
