from __future__ import annotations

from itertools import accumulate

from kg.extract.doc import Doc
from kg.extract.pipeline import process
from kg.extract.segment import MAX_SENTENCE, split_sentences


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


def test_over_long_sentence_is_cut_at_clause_marks():
    text = "西湖区云栖小镇聚焦云计算,大数据产业、" * 300  # 5,700 characters, no sentence end
    sentences = split_sentences(text)
    assert len(sentences) > 1 and all(len(s.text) <= MAX_SENTENCE for s in sentences)
    assert all(s.text.endswith((",", "、")) for s in sentences[:-1])
    assert all(text[s.start:s.end] == s.text for s in sentences)
    assert "".join(s.text for s in sentences) == text


def test_over_long_sentence_without_clause_marks_is_cut_between_words(lexicon):
    doc = process(Doc("d", "d", "西湖区云栖小镇聚焦云计算大数据产业" * 200 + "。短句。"), lexicon, until="segment")
    boundaries = set(accumulate(map(len, doc.tokens)))
    assert all(len(s.text) <= MAX_SENTENCE for s in doc.sentences)
    assert all(s.end in boundaries for s in doc.sentences)
    assert doc.sentences[-1].text == "短句。"
    assert "".join(s.text for s in doc.sentences) == doc.text


def test_over_long_word_is_cut_hard_at_the_bound():
    sentences = split_sentences("a" * 1300)
    assert [len(s.text) for s in sentences] == [MAX_SENTENCE, MAX_SENTENCE, 1300 - 2 * MAX_SENTENCE]


def test_sentences_of_real_length_are_not_cut():
    text = "杭州市西湖区," * (MAX_SENTENCE // 7) + "。"
    assert len(text) <= MAX_SENTENCE and [s.text for s in split_sentences(text)] == [text]
