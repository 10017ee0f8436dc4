"""issuedBy: who issued a policy."""

from __future__ import annotations

from collections.abc import Iterator

from kg.extract.doc import Doc, Relation
from kg.extract.lexicon import Lexicon
from kg.extract.patterns import NATIONAL
from kg.extract.resolve import entity_key, key_of


def _region_in_name(name: str, lexicon: Lexicon) -> tuple[int, str] | None:
    """The first full region name inside a policy's name, from the gazetteer."""
    for _, end, surface in lexicon.find(name):
        entry = lexicon.region(surface)
        if entry and entry.label == surface:
            return end - 1, entity_key("Region", surface)
    return None


def issuer(doc: Doc, lexicon: Lexicon) -> Iterator[Relation]:
    """A policy is issued by the region its name contains (关于促进福田区…的若干意见), else by
    the region named before it in its sentence, else by the document's subject; national
    documents (国务院…, 国家…) by none of ours."""
    regions = {e.label: e.key for e in doc.entities if e.cls == "Region"}
    sentences = doc.mentions_by_sentence()
    first_start: dict[str, int] = {}
    for m in doc.mentions:
        if m.label == "Policy":
            first_start.setdefault(key_of(m), m.start)
    for entity in doc.entities:
        if entity.cls != "Policy" or entity.label.startswith(NATIONAL):
            continue
        named = min(((entity.label.find(label), key) for label, key in regions.items() if label in entity.label),
                    default=None) or _region_in_name(entity.label, lexicon)
        if named:
            yield Relation(entity.key, "issuedBy", named[1], entity.sentences[0], "name")
            continue
        first = entity.sentences[0]
        before = [m for m in sentences[first] if m.label == "Region" and m.end <= first_start.get(entity.key, 0)]
        if before:
            yield Relation(entity.key, "issuedBy", key_of(before[-1]), first, "sentence-region")
        elif doc.subject:
            yield Relation(entity.key, "issuedBy", doc.subject, first, "document-subject")
