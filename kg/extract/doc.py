"""The document object that flows through the pipeline, and what stages attach to it.

Every offset (``start``, ``end``) points into ``Doc.text``, the normalised text, so
``doc.text[m.start:m.end] == m.text`` holds for every span.
"""

from __future__ import annotations

import bisect
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from typing import Any

# The ten entity classes of the graph contract.
CLASSES = ("Region", "Town", "Valley", "Park", "Company", "Industry", "Institution",
           "Policy", "Person", "Event")
# Township level, below GB/T 2260's counties: coded in township.tsv (nine digits), level "street".
TOWNSHIP_SUFFIXES = ("街道", "镇", "乡")


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str


# A token is a word of the text: the tokens, joined, are ``Doc.text``, so a token's offset is the
# sum of the lengths before it. Plain strings: a document has thousands, and wrapping each
# with its offsets took a third of the segment stage.
Token = str


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of text that names an entity of one class."""

    start: int
    end: int
    text: str
    label: str  # the class: Town, Valley, Park, ...
    source: str  # the rule or lexicon that found it
    canonical: str = ""  # full name when the span is a short form (浙大 → 浙江大学)


@dataclass(frozen=True, slots=True)
class Entity:
    """One thing in the world, as named in one document."""

    key: str  # class/label: the identity used for IRIs
    label: str
    cls: str
    aliases: tuple[str, ...] = ()
    sentences: tuple[int, ...] = ()  # indexes into Doc.sentences
    rules: tuple[str, ...] = ()  # the recognition rules that found its mentions (Mention.source)
    code: str = ""  # a Region's six-digit GB/T 2260 division code, where the lexicon has it


@dataclass(frozen=True, slots=True)
class Relation:
    head: str  # Entity.key
    predicate: str  # locatedIn, focusesOn, partOf, issuedBy
    tail: str
    sentence: int  # index into Doc.sentences
    rule: str


@dataclass(frozen=True, slots=True)
class Target:
    subject: str  # Entity.key
    indicator: str
    value: Decimal
    unit: str
    year: int | None
    kind: str  # "goal" or "achieved"
    start: int
    end: int
    text: str
    sentence: int
    rule: str


@dataclass(frozen=True, slots=True)
class Doc:
    doc_id: str
    path: str
    raw: str
    title: str = ""
    date: str | None = None
    text: str = ""
    sentences: tuple[Sentence, ...] = ()
    tokens: tuple[Token, ...] = ()  # "".join(tokens) == text
    mentions: tuple[Mention, ...] = ()
    entities: tuple[Entity, ...] = ()
    relations: tuple[Relation, ...] = ()
    targets: tuple[Target, ...] = ()
    subject: str | None = None  # Entity.key of the region or platform the document is about
    warnings: tuple[str, ...] = field(default=())
    # mentions_by_sentence(), made once: each relation rule asks for it. Not an init field,
    # so dataclasses.replace() starts a new Doc without it.
    _by_sentence: list[list[Mention]] | None = field(default=None, init=False, repr=False, compare=False)

    def sentence_of(self, offset: int) -> int:
        """Index of the sentence that holds character ``offset`` (the last one if none does)."""
        i = bisect.bisect_right(self.sentences, offset, key=lambda s: s.start) - 1
        if i >= 0 and offset < self.sentences[i].end:
            return i
        return max(len(self.sentences) - 1, 0)

    def mentions_by_sentence(self) -> list[list[Mention]]:
        """Mentions grouped by sentence, in one pass: both are in text order. Do not change the lists."""
        if self._by_sentence is None:
            object.__setattr__(self, "_by_sentence", self._group_mentions())
        return self._by_sentence

    def _group_mentions(self) -> list[list[Mention]]:
        groups: list[list[Mention]] = [[] for _ in self.sentences]
        for m, i in zip(self.mentions, self.mention_sentences(), strict=True):
            groups[i].append(m)
        return groups

    def mention_sentences(self) -> list[int]:
        """The sentence of each mention, in one pass: both are in text order."""
        indexes = []
        i = 0
        for m in self.mentions:
            while i < len(self.sentences) and self.sentences[i].end <= m.start:
                i += 1
            inside = i < len(self.sentences) and self.sentences[i].start <= m.start
            indexes.append(i if inside else self.sentence_of(m.start))
        return indexes

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("raw")
        data.pop("tokens")
        data.pop("_by_sentence")
        for t in data["targets"]:
            t["value"] = str(t["value"])
        return data
