"""A very large document, a window at a time (kg/extract/window.py): the same text, sentences and
offsets as the whole, the same entities and relations where each window reads as the whole does."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pyoxigraph as ox
import pytest

import kg.rdf.graph
from kg.executors import extract
from kg.extract import window
from kg.extract.doc import Doc
from kg.extract.normalize import normalize
from kg.extract.pipeline import process
from kg.extract.segment import segment
from kg.extract.window import UNCITED, normalized_pieces, process_in_windows, raw_pieces
from kg.rdf.graph import doc_nquads, layer_ntriples, unique_lines

SAMPLE = Path(__file__).parent.parent.parent / "corpus"
# What normalisation rewrites, next to the line breaks a cut may fall on: traditional text, pinyin
# debris at a line's start and end, spaces and blank lines of spaces, CR LF, a form feed, full-width
# forms, zero-width characters, more than two blank lines.
HOSTILE = ("西湖區(qū)全力建設杭州雲谷。\r\n\r\n  局?jǐn)?shù)據中心 ２０２５年\u200b投產。\n\n\n\n"
           "?jǐn)?shù)據\n杭州市 于 2019 年成立。\f第二页(qū)\n(qū)西湖区\n \n\u3000\n"
           "ＡＢＣ公司“在”滨江区。\n\n萧山区(xiāo)\n\n\n杭州\n")


def sample(name: str = "002_409b9f81b8dfc1c4.txt") -> str:
    return (SAMPLE / name).read_text(encoding="utf-8")


def joined(pieces: list[tuple[str, str]]) -> str:
    return "".join(text + junction for text, junction in pieces)


@pytest.mark.parametrize("size", [1, 2, 5, 17, 40])
def test_pieces_normalise_to_the_whole_text(lexicon, size):
    raw = HOSTILE * 3
    pieces = list(normalized_pieces(raw, lexicon.word_freq, size))
    assert len(pieces) > 3
    assert joined(pieces) == normalize(raw, lexicon.word_freq)
    assert all(junction in ("\n", "\n\n") for _, junction in pieces[:-1]) and pieces[-1][1] == ""


def test_a_real_text_in_pieces_has_the_whole_texts_sentences(lexicon):
    raw = "\n\n".join(sample(p.name) for p in sorted(SAMPLE.iterdir()))
    whole = segment(Doc("d", "d", "", text=normalize(raw, lexicon.word_freq)), lexicon)
    found, offset = [], 0
    pieces = list(normalized_pieces(raw, lexicon.word_freq, 2_000))
    for text, junction in pieces:
        part = segment(Doc("d", "d", "", text=text), lexicon)
        found += [dataclasses.replace(s, start=s.start + offset, end=s.end + offset) for s in part.sentences]
        offset += len(text) + len(junction)
    assert len(pieces) > 10
    assert found == list(whole.sentences)


def test_cuts_fall_on_line_breaks_between_characters_normalisation_keeps():
    raw = "甲乙丙。\n?jǐn)\n\u3000\u3000丁 \n戊(qū)\n己\n \n\n\n庚\r\n辛"
    assert list(raw_pieces(raw, 1)) == [("甲乙丙。\n?jǐn)\n\u3000\u3000丁", "\n"), ("戊(qū)\n己", "\n\n"),
                                        ("庚", "\n"), ("辛", "")]
    assert list(raw_pieces("一行没有换行" * 10, 5)) == [("一行没有换行" * 10, "")]


def test_a_document_within_one_window_goes_through_process_unchanged(lexicon):
    doc = Doc("d", "d", sample())
    assert process_in_windows(doc, lexicon) == process(doc, lexicon)
    assert process_in_windows(doc, lexicon, window=len(doc.raw)) == process(doc, lexicon)


def facts(doc: Doc) -> tuple[set, set, list]:
    entities = {(e.key, e.label, e.cls, e.aliases, e.sentences, e.rules, e.code) for e in doc.entities}
    relations = {(r.head, r.predicate, r.tail, r.sentence, r.rule) for r in doc.relations}
    targets = [(t.subject, t.indicator, t.value, t.unit, t.year, t.kind, t.start, t.end, t.sentence) for t in doc.targets]
    return entities, relations, targets


@pytest.mark.parametrize("name", ["002_409b9f81b8dfc1c4.txt", "004_86cf43385ed0ea00.txt",
                                  "12_shenzhen_jinrong_keji_guihua.txt"])
def test_copies_of_a_text_a_window_each_give_what_the_whole_gives(lexicon, name):
    text = sample(name)
    raw = "\n\n".join([text] * 4)
    whole = process(Doc("d", "d", raw), lexicon)
    windowed = process_in_windows(Doc("d", "d", raw), lexicon, window=len(text))
    assert len(windowed.sentences) == len(whole.sentences)
    assert (windowed.title, windowed.date, windowed.subject) == (whole.title, whole.date, whole.subject)
    assert facts(windowed) == facts(whole)
    assert [e.key for e in windowed.entities] == [e.key for e in whole.entities]
    assert doc_nquads(windowed) == doc_nquads(whole)  # each document writes its statements in one order
    assert layer_ntriples(windowed) == layer_ntriples(whole)


def test_windows_cut_anywhere_keep_offsets_sentences_and_entities(lexicon):
    text = sample("12_shenzhen_jinrong_keji_guihua.txt")
    raw = "\n\n".join([text] * 3)
    whole = process(Doc("d", "d", raw), lexicon)
    windowed = process_in_windows(Doc("d", "d", raw), lexicon, window=len(text) // 3)
    cited = {i for e in windowed.entities for i in e.sentences} | {r.sentence for r in windowed.relations} \
        | {t.sentence for t in windowed.targets}
    assert all(windowed.sentences[i] == whole.sentences[i] for i in cited)
    assert all(windowed.sentences[i] is UNCITED for i in set(range(len(windowed.sentences))) - cited)
    for r in windowed.relations:  # the evidence names both ends (or the head and the document's subject)
        said = whole.sentences[r.sentence].text
        assert r.rule.startswith("document-") or all(
            any(form in said for form in (e.label, *e.aliases)) for e in windowed.entities if e.key in (r.head,))
    for t in windowed.targets:
        assert whole.text[t.start:t.end] == t.text and whole.sentences[t.sentence].start <= t.start
    assert {e.key for e in windowed.entities} == {e.key for e in whole.entities}
    assert len({e.key for e in windowed.entities}) == len(windowed.entities)


def test_a_large_document_through_extract_gives_one_graph_of_unique_statements(monkeypatch, tmp_path):
    text = sample("004_86cf43385ed0ea00.txt")
    data = "\n\n".join([text] * 6).encode("utf-8")
    whole = extract("big.txt", str(tmp_path / "big.txt"), data, name_model=False)
    monkeypatch.setattr(window, "WINDOW", len(text))  # a copy a window
    windowed = extract("big.txt", str(tmp_path / "big.txt"), data, name_model=False)
    lines = windowed.nquads.splitlines()
    assert len(lines) == len(set(lines)) == windowed.triples
    quads = list(ox.parse(windowed.nquads, format=ox.RdfFormat.N_QUADS))
    assert {q.graph_name.value for q in quads} == {"https://w3id.org/kg/id/graph/big.txt"}
    typed = [q.subject.value for q in quads if q.predicate.value.endswith("#type") and "/id/doc/" not in q.subject.value
             and "#s" not in q.subject.value and q.object.value.split("#")[1] not in ("Evidence", "Target")]
    assert len(typed) == len(set(typed)) == len(windowed.entities)
    assert {key for key, _ in windowed.entities} == {key for key, _ in whole.entities}


def test_unique_lines_is_exact_when_hashes_collide(monkeypatch):
    lines = [b"a\n", b"b\n", b"a\n", b"c\n", b"b\n", b"c\n", b"d\n"]
    assert unique_lines(lines) == b"a\nb\nc\nd\n"
    monkeypatch.setattr(kg.rdf.graph, "hash", lambda line: 0, raising=False)  # every line collides
    assert unique_lines(lines) == b"a\nb\nc\nd\n"
