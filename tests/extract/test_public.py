"""Public lists as a recognition source (kg/extract/gazetteer.py, kg/extract/recognize/public.py)."""

from __future__ import annotations

import pytest

from kg.extract.gazetteer import default_public_lists
from kg.extract.pipeline import process_text


def found(text: str) -> dict[str, tuple[str, tuple[str, ...]]]:
    return {e.label: (e.cls, e.rules) for e in process_text(text).entities}


@pytest.mark.parametrize("text, label, cls, rule", [
    ("合作单位有中国地质大学(北京)的团队。", "中国地质大学(北京)", "Institution", "public:university"),
    ("项目落户宜昌高新区,总投资10亿元。", "宜昌高新技术产业开发区", "Park", "public:zone"),
    ("中芯国际将在当地扩产。", "中芯国际", "Company", "public:company"),
    ("大疆将在当地设立区域总部。", "深圳市大疆创新科技有限公司", "Company", "public:organisation"),
])
def test_names_from_public_lists_carry_their_list(text, label, cls, rule):
    entities = found(text)
    assert label in entities, entities
    assert entities[label][0] == cls and rule in entities[label][1]


@pytest.mark.parametrize("text, wrong", [
    ("我国网络安全产业规模不断扩大。", "国家电网有限公司"),  # 国网 is no word here
    ("苹果、梨等水果丰收。", "苹果公司"),  # an ordinary word, without a company cue after it
])
def test_guarded_forms_need_a_cue(text, wrong):
    assert wrong not in found(text)


def test_every_row_keeps_where_it_lies():
    lists = default_public_lists()
    assert lists.by_label["浙江大学"].places[-1] == "浙江省"
    assert lists.forms["宜昌高新区"].places[0] == "宜昌市"
