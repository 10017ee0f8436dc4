"""Split the text into sentences and tokens, with offsets into ``Doc.text``.

Stage: reads ``Doc.text``; fills ``Doc.sentences`` and ``Doc.tokens``.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from array import array
from collections.abc import Sequence
from itertools import accumulate

from kg.extract.doc import Doc, Sentence, Token
from kg.extract.lexicon import Lexicon

# A sentence ends after 。！？!?； or at a line break; closing quotes stay with it.
SENTENCE_END = re.compile(r"[。！？!?；;]+[”’)]?|\n+")
# A longer sentence is cut in pieces of at most this many characters, so that the work of the
# later stages, some of it per pair of mentions in a sentence, stays linear in the text: the
# longest sentence of the real texts seen has 501 characters. A piece ends at the last clause
# mark in its second half, else at the last word boundary there, else hard at the bound.
MAX_SENTENCE = 512
CLAUSE_END = re.compile(r"[,，、:：]+[”’)]?\s*")


def split_sentences(text: str, boundaries: Sequence[int] = ()) -> tuple[Sentence, ...]:
    """Sentences of ``text``; ``boundaries``, the offsets between its words in ascending order,
    are where an over-long sentence with no clause mark is cut."""
    sentences: list[Sentence] = []
    start = 0
    for m in SENTENCE_END.finditer(text):
        _append_trimmed(sentences, text, start, m.end(), boundaries)
        start = m.end()
    _append_trimmed(sentences, text, start, len(text), boundaries)
    return tuple(sentences)


def _append_trimmed(sentences: list[Sentence], text: str, start: int, end: int, boundaries: Sequence[int]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    while end - start > MAX_SENTENCE:
        cut = _cut(text, start, boundaries)
        _append_trimmed(sentences, text, start, cut, ())
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        sentences.append(Sentence(start, end, text[start:end]))


def _cut(text: str, start: int, boundaries: Sequence[int]) -> int:
    """Where the piece of an over-long sentence that begins at ``start`` ends."""
    low, high = start + MAX_SENTENCE // 2, start + MAX_SENTENCE
    marks = [m.end() for m in CLAUSE_END.finditer(text, low, high)]
    if marks:
        return marks[-1]
    last = bisect.bisect_right(boundaries, high) - 1  # the last word boundary at or before high
    return boundaries[last] if last >= 0 and boundaries[last] > low else high


def tokenize(text: str, lexicon: Lexicon) -> list[Token]:
    """jieba's dictionary segmentation (no HMM: unknown names stay as single characters).

    One call for the whole text: jieba cuts at every punctuation mark and line break, so no
    token crosses a sentence end, and one call costs a third of one call per sentence.
    """
    if lexicon.segmenter is None:
        return list(text)
    return lexicon.segmenter.cut(text, False)


CHUNK = 1 << 15  # characters cut at once: a long text's words are made a chunk at a time


def _words(text: str, lexicon: Lexicon) -> list[str]:
    """The words of ``text`` in chunks that end at line breaks (where jieba cuts anyway), one string
    object per distinct word: a long text's tokens take a fifth of the memory that one object per
    token would, and the words of one chunk at most are held twice."""
    same: dict[str, str] = {}
    words: list[str] = []
    start = 0
    while start < len(text):
        end = text.find("\n", start + CHUNK) + 1 or len(text)
        chunk = tokenize(text[start:end], lexicon)
        words.extend(map(same.setdefault, chunk, chunk))
        start = end
    return words


def segment(doc: Doc, lexicon: Lexicon) -> Doc:
    tokens = tuple(_words(doc.text, lexicon))
    sentences = split_sentences(doc.text)
    if any(s.end - s.start == MAX_SENTENCE for s in sentences):  # a piece of a longer one: cut it between words
        sentences = split_sentences(doc.text, array("q", accumulate(map(len, tokens))))  # 8 bytes a word
    return dataclasses.replace(doc, sentences=sentences, tokens=tokens)
