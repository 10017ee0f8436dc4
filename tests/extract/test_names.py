"""The trained name model as a recognition source (kg/extract/recognize/names.py)."""

from __future__ import annotations

import pytest

from kg.extract.lexicon import default_lexicon
from kg.extract.namemodel import name_model
from kg.extract.pipeline import process_text


def people(text: str, model: bool = True) -> list[tuple[str, tuple[str, ...]]]:
    doc = process_text(text, lexicon=default_lexicon((), model))
    return [(e.label, e.rules) for e in doc.entities if e.cls == "Person"]


def test_batched_tags_equal_one_sentence_at_a_time():
    """Batching must not change any sentence's tags (only sentences of one length share a batch)."""
    model = name_model()
    sentences = ["区投资促进服务中心主任徐波表示,项目进展顺利。", "杨金鸢指出,园区要加快发展。", "今天天气很好。",
                 "中国科学院院士张锐在包头稀土研究院作报告,他说稀土产业前景广阔。"]
    together = model.spans(sentences)
    alone = [model.spans([s])[0] for s in sentences]
    assert together == alone
    assert (11, 13, "PER") in together[0]


@pytest.mark.parametrize("text, name", [
    ("临港新片区管委会高科处处长陆瑜接受采访时表示,项目进展顺利。", "陆瑜"),  # a title the rules do not know
    ("国际市场研究所副所长白明看来,海淀区发展很快。", "白明"),  # … and no verb of speaking they know
])
def test_people_the_rules_miss_are_found_by_the_model(text, name):
    assert (name, ("model:person",)) in people(text)
    assert name not in [label for label, _ in people(text, model=False)]


@pytest.mark.parametrize("text", [
    "记者王明 摄。园区产业不断壮大,企业表示满意。",  # a byline, not a person of the story
    "“凌云”品牌表示将扩大生产。",  # a quoted brand
    "向东发展,园区主任表示支持。",  # a direction, not a name
])
def test_no_person_without_a_context_that_vouches_for_one(text):
    assert [label for label, rules in people(text) if "model:person" in rules] == []


def test_no_model_leaves_the_model_out():
    text = "临港新片区管委会高科处处长陆瑜接受采访时表示,项目进展顺利。"
    assert people(text, model=False) == []
