"""Relations the document's subject implies, for what the text places nowhere else.

These rules run after the others and see what they found (``found``): a platform, company or
institution with a stated place keeps it, and a whole that others belong to is not put inside
the subject (中关村科技园区, of which 海淀园 is a part, in a text about 海淀区).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from kg.extract.doc import Doc, Relation
from kg.extract.lexicon import Lexicon
from kg.extract.patterns import PLACES, PLATFORMS, RE_BRANCH_VERB
from kg.extract.resolve import ancestors, entity_key, key_of, region_subject

Found = Mapping[tuple[str, str, str], Relation]


def subject_is_platform(doc: Doc) -> bool:
    return bool(doc.subject) and doc.subject.split("/", 1)[0] in PLATFORMS


def subject_location(doc: Doc, lexicon: Lexicon, found: Found) -> Iterator[Relation]:
    """A platform, company or institution of a document about one region or platform lies in
    it, unless the text places it elsewhere or it is a whole that others are part of."""
    if not doc.subject:
        return
    around = _around(doc, lexicon, found)
    placed = {head for head, predicate, tail in found if predicate == "locatedIn" and tail not in around}
    wholes = {tail for _, predicate, tail in found if predicate == "partOf"}
    wholes |= {tail for head, predicate, tail in found if predicate == "locatedIn" and head == doc.subject}
    skip = placed | wholes | _visitors(doc) | {doc.subject}
    for entity in doc.entities:
        if entity.cls in PLATFORMS | {"Company", "Institution"} and entity.key not in skip:
            yield Relation(entity.key, "locatedIn", doc.subject, entity.sentences[0], "document-subject")


def _around(doc: Doc, lexicon: Lexicon, found: Found) -> set[str]:
    """The regions around the subject: a place stated as one of them is no place at all."""
    assert doc.subject
    regions = {doc.subject} if doc.subject.startswith("Region/") else \
        {tail for head, predicate, tail in found if head == doc.subject and predicate == "locatedIn"}
    return regions | {entity_key("Region", a) for r in regions for a in ancestors(r.split("/", 1)[1], lexicon)}


def platform_region(doc: Doc, lexicon: Lexicon, found: Found) -> Iterator[Relation]:
    """临港新片区 in a text about it that names 上海 most: the platform lies in the region the
    text is otherwise about, unless its place is stated."""
    if not subject_is_platform(doc) or any(h == doc.subject and p == "locatedIn" for h, p, _ in found):
        return
    region = region_subject(doc, lexicon)
    if region and region in {e.key for e in doc.entities}:
        first = next((e.sentences[0] for e in doc.entities if e.key == doc.subject), 0)
        yield Relation(doc.subject, "locatedIn", region, first, "document-region")


def _visitors(doc: Doc) -> set[str]:
    """Organisations that only set something up here (清华大学在萧山成立智库平台): they lie elsewhere."""
    setting_up: set[str] = set()
    staying: set[str] = set()
    for mentions in doc.mentions_by_sentence():
        for j, m in enumerate(mentions):
            if m.label not in ("Company", "Institution"):
                continue
            nxt = mentions[j + 1] if j + 1 < len(mentions) else None
            there = nxt is not None and doc.text[m.end : nxt.start] == "在" and nxt.label in PLACES
            (setting_up if there and RE_BRANCH_VERB.match(doc.text, nxt.end) else staying).add(key_of(m))
    return setting_up - staying
