"""Find mentions: each source proposes candidates under its rule name; ``choose`` keeps the best.

Stage: reads ``Doc.text`` and ``Doc.tokens``; fills ``Doc.mentions``. A source is a function
from a :class:`Context` (the Doc, the lexicon, and the candidates so far) to mentions whose
``source`` names the rule; a new source is one more module and one more line in ``SOURCES``.
Candidates from all sources compete; the longest wins, then the more trusted rule.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable

from kg.extract.doc import Doc, Mention
from kg.extract.lexicon import Lexicon
from kg.extract.recognize import (
    ellipsis,
    groupings,
    industries,
    known,
    listed,
    names,
    parks,
    persons,
    programmes,
    public,
    quoted,
    shortforms,
    suffix,
    townships,
)
from kg.extract.recognize.choose import choose
from kg.extract.recognize.common import Context, TokenIndex

Source = Callable[[Context], Iterable[Mention]]

# In order: later sources may read earlier candidates (suffix reads regions, ellipsis reads names).
SOURCES: tuple[Source, ...] = (
    known.find,  # lexicon
    public.find,  # public:university, public:zone, public:town, public:company, public:organisation
    quoted.find,  # quoted
    groupings.find,  # grouping
    suffix.find,  # suffix:X
    programmes.find,  # programme, strategy
    persons.find,  # person:title, person:before-title
    parks.find,  # short-park
    townships.find,  # township
    industries.find,  # enumeration, sector-object, sector-head, heading
    listed.find,  # listed-org
    ellipsis.find,  # ellipsis
    shortforms.find,  # short-form
    names.find,  # model:person, model:org (off with kg build --no-model)
)


def recognize(doc: Doc, lexicon: Lexicon) -> Doc:
    ctx = Context(doc, lexicon, TokenIndex(doc.tokens), [])
    for source in SOURCES:
        ctx.candidates.extend(source(ctx))
    return dataclasses.replace(doc, mentions=tuple(choose(ctx.candidates)))


__all__ = ["SOURCES", "Context", "Source", "choose", "recognize"]
