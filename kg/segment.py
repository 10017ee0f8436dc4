"""Split the text into sentences and tokens, with offsets into ``Doc.text``.

Stage: reads ``Doc.text``; fills ``Doc.sentences`` and ``Doc.tokens``.
"""

from __future__ import annotations

import dataclasses
import re

from kg.doc import Doc, Sentence, Token
from kg.lexicon import Lexicon

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


def tokenize(text: str, lexicon: Lexicon, offset: int = 0) -> list[Token]:
    """jieba's dictionary segmentation (no HMM: unknown names stay as single characters)."""
    if lexicon.segmenter is None:
        return [Token(offset + i, offset + i + 1, c) for i, c in enumerate(text)]
    return [
        Token(offset + start, offset + end, word)
        for word, start, end in lexicon.segmenter.tokenize(text, "default", False)
    ]


def segment(doc: Doc, lexicon: Lexicon) -> Doc:
    sentences = split_sentences(doc.text)
    tokens = [t for s in sentences for t in tokenize(s.text, lexicon, s.start)]
    return dataclasses.replace(doc, sentences=sentences, tokens=tuple(tokens))
