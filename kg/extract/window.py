"""A very large document, a window at a time: memory bounded by the window, not the document.

A document of more than ``WINDOW`` characters is cut, before normalisation, at a run of line
breaks (and spaces) between two lines whose edge characters normalisation keeps as they are
(``EDGE``: no space, no control character, no ``?`` or ``)`` that pinyin debris could end in).
Such a cut changes nothing: normalising each piece and joining the pieces with their line breaks
(two at most, as ``collapse_whitespace`` leaves them) gives ``normalize`` of the whole text, and
since no sentence or token crosses a line break, segmenting each piece gives the whole text's
sentences and tokens, offset. Each piece then goes through the other stages as a document of
its own, and :class:`Merged` adds it to one Doc, offsets and sentence indexes made global,
entities of the same key merged. Only the merged results are kept: no token, mention or window
text outlives its window.

What a window cannot see: recognition and relation rules read one window at a time (a short form
defined in an earlier window is not known in a later one). The title and the lead are in the
first window, which decides the document's subject for all (body mentions of later windows do
not weigh in) and alone gives the subject's region (rule ``document-region``); later windows have
no title (no headline platform holds their figures). A figure said again in a later window is
dropped as the whole-document rule drops it (``targets.repeated_figure``).

A document that fits one window, or has no such cut (one long line), goes through ``process``.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator, Mapping

from kg.extract.doc import Doc, Entity, Relation, Sentence, Target
from kg.extract.lexicon import Lexicon, default_lexicon
from kg.extract.normalize import find_date, find_title, normalize
from kg.extract.pipeline import STAGES, process
from kg.extract.targets import repeated_figure

WINDOW = 500_000  # characters of raw text a window holds at least (about 1.5 MB of UTF-8 Chinese)

# Characters that normalisation keeps, and keeps not blank: CJK ideographs and punctuation, full-width
# and printable ASCII characters but "?" and ")" (pinyin debris reads the character beside those).
EDGE = ("[\u4e00-\u9fff\u3001-\u3003\u3008-\u3011\u2014\u2018\u2019\u201c\u201d\u2026\u00b7"
        "\uff01-\uff08\uff0a-\uff1e\uff20-\uff5e\x21-\x28\x2a-\x3e\x40-\x7e]")
# Line breaks, and the spaces that collapse_whitespace strips at the edges of lines, between two such characters.
SPACES = "[ \t\u3000\u00a0]*"
CUT = re.compile(f"(?<={EDGE}){SPACES}(?:(?:\r\n?|\n){SPACES})+(?={EDGE})")
LINE_BREAK = re.compile("\r\n?|\n")
DATE_SPAN = 600  # find_date reads this many characters of the normalised text
UNCITED = Sentence(0, 0, "")  # stands for every sentence no statement of the merged Doc cites
SUBJECT_ONLY_RULES = frozenset({"document-region"})  # what only the first window may say


def raw_pieces(raw: str, window: int = WINDOW) -> Iterator[tuple[str, str]]:
    """``raw`` in pieces of at least ``window`` characters, each with the line breaks that join it
    to the next in the normalised text ("" after the last)."""
    start = 0
    while True:
        m = CUT.search(raw, start + window) if start + window < len(raw) else None
        if m is None:
            yield raw[start:], ""
            return
        yield raw[start : m.start()], "\n" * min(len(LINE_BREAK.findall(m.group())), 2)
        start = m.end()


def normalized_pieces(raw: str, words: Mapping[str, int] | None = None, window: int = WINDOW) -> Iterator[tuple[str, str]]:
    """The normalised text in pieces: ``"".join(t + j for t, j in ...) == normalize(raw)``."""
    for piece, junction in raw_pieces(raw, window):
        yield normalize(piece, words), junction


def process_in_windows(doc: Doc, lexicon: Lexicon | None = None, window: int | None = None) -> Doc:
    """``process``, a window at a time when the document is larger than one. The merged Doc has no
    raw text, normalised text, tokens or mentions, and of its sentences only those that its
    entities, relations and targets cite (the others are ``UNCITED``): what N-Quads are made of."""
    lexicon, window = lexicon or default_lexicon(), window or WINDOW
    pieces = raw_pieces(doc.raw, window)
    if not next(pieces)[1]:  # one piece: the whole document at once
        return process(doc, lexicon)
    texts = normalized_pieces(doc.raw, lexicon.word_freq, window)
    head = [next(texts)]
    while sum(len(t) + len(j) for t, j in head) < DATE_SPAN and head[-1][1]:
        head.append(next(texts))
    prefix = "".join(t + j for t, j in head)[:DATE_SPAN]
    title, date = find_title(head[0][0]), find_date(prefix)
    merged = Merged(dataclasses.replace(doc, raw="", title=title, date=date))
    for text, junction in _windows(head, texts):
        part = Doc(doc.doc_id, doc.path, "", title if merged.windows == 0 else "", date, text)
        merged.add(_stages(part, lexicon, merged))
        merged.advance(len(text) + len(junction))
    return merged.doc()


def _windows(head: list[tuple[str, str]], rest: Iterator[tuple[str, str]]) -> Iterator[tuple[str, str]]:
    """The pieces read ahead, then the others; none kept once given out."""
    while head:
        yield head.pop(0)
    yield from rest


def _stages(part: Doc, lexicon: Lexicon, merged: Merged) -> Doc:
    for name, stage in STAGES:
        if name == "normalize":
            continue
        part = stage(part, lexicon)
        if name == "resolve" and merged.windows:
            part = dataclasses.replace(part, subject=merged.subject)  # the first window's
    return part


class Merged:
    """The windows' results added up, as one Doc. Offsets and sentence indexes become global;
    an entity found in several windows is one, its aliases, sentences and rules joined (an entity
    only implied by relations keeps the sentence of the first), its division code the first found;
    a relation is kept once, from the first window that has it."""

    def __init__(self, doc: Doc) -> None:
        self.base = doc
        self.windows = 0
        self.offset = 0  # characters of the normalised text before the current window
        self.sentence_count = 0
        self.subject: str | None = None
        self.cited: dict[int, Sentence] = {}
        # key → (the first, aliases, sentences and rules of the windows that name it, [code, first sentence])
        self.entities: dict[str, tuple[Entity, set[str], set[int], set[str], list]] = {}
        self.relations: dict[tuple[str, str, str], Relation] = {}
        self.targets: list[Target] = []
        self.seen_targets: dict[tuple[str, object, str], list[Target]] = {}

    def add(self, part: Doc) -> None:
        """One window's Doc, after all stages; call ``advance`` after it."""
        first = self.sentence_count
        if self.windows == 0:
            self.subject = part.subject
        for e in part.entities:
            entry = self.entities.setdefault(e.key, (e, set(), set(), set(), [e.code, first + e.sentences[0]]))
            entry[1].update(e.aliases)
            if e.rules:  # named in the window; else implied by a relation (relate.implied_entities)
                entry[2].update(first + i for i in e.sentences)
                entry[3].update(e.rules)
            if not entry[4][0]:
                entry[4][0] = e.code
        for r in part.relations:
            if self.windows and r.rule in SUBJECT_ONLY_RULES:
                continue
            self.relations.setdefault((r.head, r.predicate, r.tail), dataclasses.replace(r, sentence=first + r.sentence))
        for t in part.targets:
            self._add_target(dataclasses.replace(t, start=t.start + self.offset, end=t.end + self.offset,
                                                 sentence=first + t.sentence))
        used = {i for e in part.entities for i in e.sentences} | {r.sentence for r in part.relations} \
            | {t.sentence for t in part.targets}
        for i in used:
            s = part.sentences[i]
            self.cited[first + i] = Sentence(s.start + self.offset, s.end + self.offset, s.text)
        self.sentence_count += len(part.sentences)

    def _add_target(self, target: Target) -> None:
        """Kept unless a figure of an earlier window says it again (the rule ``find_targets`` applies
        within a document); one said first without its year gives way to the one with it."""
        earlier = repeated_figure(self.seen_targets, target, len(self.base.title))
        if earlier is None:
            self.targets.append(target)
        elif earlier.year is None and target.year is not None and earlier in self.targets:
            self.targets[self.targets.index(earlier)] = target

    def advance(self, characters: int) -> None:
        self.windows += 1
        self.offset += characters

    def doc(self) -> Doc:
        entities = tuple(Entity(e.key, e.label, e.cls, tuple(sorted(aliases)), tuple(sorted(sentences or (first[1],))),
                                tuple(sorted(rules)), first[0])
                         for e, aliases, sentences, rules, first in self.entities.values())
        sentences = tuple(self.cited.get(i, UNCITED) for i in range(self.sentence_count))
        return dataclasses.replace(self.base, text="", sentences=sentences, entities=entities,
                                   relations=tuple(self.relations.values()), targets=tuple(self.targets),
                                   subject=self.subject)
