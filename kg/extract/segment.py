"""Split the text into sentences and tokens, with offsets into ``Doc.text``.

Stage: reads ``Doc.text``; fills ``Doc.sentences`` and ``Doc.tokens``.
"""

from __future__ import annotations

import dataclasses
import re

from kg.extract.doc import Doc, Sentence, Token
from kg.extract.lexicon import Lexicon

# A sentence ends after 。！？!?； or at a line break; closing quotes stay with it.
SENTENCE_END = re.compile(r"[。！？!?；;]+[”’)]?|\n+")


def split_sentences(text: str) -> tuple[Sentence, ...]:
    sentences = []
    start = 0
    for m in SENTENCE_END.finditer(text):
        _append_trimmed(sentences, text, start, m.end())
        start = m.end()
    _append_trimmed(sentences, text, start, len(text))
    return tuple(sentences)


def _append_trimmed(sentences: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        sentences.append(Sentence(start, end, text[start:end]))


def tokenize(text: str, lexicon: Lexicon) -> list[Token]:
    """jieba's dictionary segmentation (no HMM: unknown names stay as single characters).

    One call for the whole text: jieba cuts at every punctuation mark and line break, so no
    token crosses a sentence end, and one call costs a third of one call per sentence.
    """
    if lexicon.segmenter is None:
        return list(text)
    return lexicon.segmenter.cut(text, False)


def segment(doc: Doc, lexicon: Lexicon) -> Doc:
    return dataclasses.replace(doc, sentences=split_sentences(doc.text), tokens=tuple(tokenize(doc.text, lexicon)))
