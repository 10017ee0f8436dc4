"""The pipeline: a tuple of stages, applied to one Doc at a time."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from kg.extract.doc import Doc
from kg.extract.lexicon import Lexicon, default_lexicon
from kg.extract.normalize import normalize_doc
from kg.extract.recognize import recognize
from kg.extract.relate import relate
from kg.extract.resolve import resolve
from kg.extract.segment import segment

Stage = Callable[[Doc, Lexicon], Doc]


def _normalize(doc: Doc, lexicon: Lexicon) -> Doc:
    return normalize_doc(doc, lexicon.word_freq)


STAGES: tuple[tuple[str, Stage], ...] = (
    ("normalize", _normalize),
    ("segment", segment),
    ("recognize", recognize),
    ("resolve", resolve),
    ("relate", relate),
)
STAGE_NAMES = tuple(name for name, _ in STAGES)


def process(doc: Doc, lexicon: Lexicon | None = None, *, until: str | None = None) -> Doc:
    """Run the stages over one Doc, stopping after ``until`` if given."""
    lexicon = lexicon or default_lexicon()
    for name, stage in STAGES:
        doc = stage(doc, lexicon)
        if name == until:
            break
    return doc


def process_text(text: str, doc_id: str = "text", lexicon: Lexicon | None = None) -> Doc:
    """The whole pipeline over a string: handy in notebooks and tests.

    >>> doc = process_text("西湖区云栖小镇聚焦云计算、大数据等产业。")
    >>> sorted(e.label for e in doc.entities)
    ['云栖小镇', '云计算', '大数据', '西湖区']
    """
    return process(Doc(doc_id=doc_id, path=doc_id, raw=text), lexicon)


def process_docs(docs: Iterable[Doc], lexicon: Lexicon | None = None) -> Iterator[Doc]:
    lexicon = lexicon or default_lexicon()
    for doc in docs:
        yield process(doc, lexicon)
