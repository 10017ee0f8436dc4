from __future__ import annotations

from kg.extract.doc import Doc
from kg.extract.pipeline import process
from kg.extract.segment import split_sentences


def test_sentences_split_on_ends_and_lines():
    text = "第一句。第二句!\n标题\n“引号句。”后面"
    assert [s.text for s in split_sentences(text)] == ["第一句。", "第二句!", "标题", "“引号句。”", "后面"]


def test_offsets_point_into_text(lexicon):
    doc = process(Doc("d", "d", "西湖区云栖小镇聚焦云计算。\n萧山区发展人工智能!"), lexicon, until="recognize")
    for s in doc.sentences:
        assert doc.text[s.start:s.end] == s.text
    assert "".join(doc.tokens) == doc.text
    for m in doc.mentions:
        assert doc.text[m.start:m.end] == m.text


def test_tokenizer_is_private(lexicon):
    import jieba

    assert lexicon.tokenizer is not jieba.dt
    assert "杭州中俄人才创业园" not in jieba.dt.FREQ
