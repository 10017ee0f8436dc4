from __future__ import annotations

from decimal import Decimal

import pytest

from kg.pipeline import process_text


def relations(text: str) -> set[tuple[str, str, str]]:
    doc = process_text(text)
    label = {e.key: e.label for e in doc.entities}
    return {(label[r.head], r.predicate, label[r.tail]) for r in doc.relations}


@pytest.mark.parametrize("text, expected", [
    ("西湖区云栖小镇聚焦云计算。", ("云栖小镇", "locatedIn", "西湖区")),
    ("杭州市萧山区的图灵小镇发展人工智能。", ("图灵小镇", "locatedIn", "萧山区")),
    ("杭州市萧山区推进建设。", ("萧山区", "locatedIn", "杭州市")),
    ("杭州市西湖区云栖小镇聚焦云计算、大数据等产业。", ("云栖小镇", "focusesOn", "大数据")),
    ("西湖区以云栖小镇、西溪谷、杭州云谷“一镇两谷”为主阵地。", ("西溪谷", "partOf", "一镇两谷")),
    ("西湖区实施“西湖英才计划”。", ("西湖英才计划", "issuedBy", "西湖区")),
], ids=lambda v: "".join(v) if isinstance(v, tuple) else v[:12])
def test_relation_found(text, expected):
    assert expected in relations(text)


def test_relation_not_across_sentences():
    found = relations("云栖小镇建设加快。萧山区发展人工智能。")
    assert ("云栖小镇", "focusesOn", "人工智能") not in found


def test_target_value_unit_year():
    doc = process_text("杭州市发展数字经济。到2022年数字经济总量达1.2万亿元以上。")
    target = next(t for t in doc.targets if t.unit == "元")
    assert (target.indicator, target.value, target.year, target.kind) == ("数字经济总量", Decimal("1200000000000"), 2022, "goal")
    assert doc.text[target.start:target.end] == target.text
    assert target.subject == "Region/杭州市"
