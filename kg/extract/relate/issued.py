"""issuedBy: who issued a policy."""

from __future__ import annotations

from collections.abc import Iterator

from kg.extract.doc import Doc, Mention, Relation
from kg.extract.lexicon import Lexicon
from kg.extract.patterns import NATIONAL
from kg.extract.relate.patterns import RE_ISSUED_QUOTE, RE_ISSUING, RE_LIST_ITEM
from kg.extract.resolve import entity_key, key_of


def _region_in_name(name: str, lexicon: Lexicon) -> tuple[int, str] | None:
    """The first full region name inside a policy's name, from the gazetteer."""
    for _, end, surface in lexicon.find(name):
        entry = lexicon.region(surface)
        if entry and entry.label == surface:
            return end - 1, entity_key("Region", surface)
    return None


LEAD_SENTENCES = 6


def _issuing_organs(doc: Doc) -> list[tuple[int, str]]:
    """Sentences that open with a region's organ issuing something (广东省…领导小组印发), with the region."""
    found = []
    for i, mentions in enumerate(doc.mentions_by_sentence()):
        first = mentions[0] if mentions else None
        if first is not None and first.label == "Region" and first.start - doc.sentences[i].start <= 2 \
                and RE_ISSUING.match(doc.text, first.end):
            found.append((i, key_of(first)))
    return found


def _stated_issuer(doc: Doc, mentions: list[Mention], start: int) -> str | None:
    """福州市人民政府印发《…》: the region right before the verb that issues the policy in its sentence."""
    regions = [m for m in mentions if m.label == "Region" and m.end <= start]
    if regions:
        verb = RE_ISSUING.match(doc.text, regions[-1].end)
        if verb and verb.end() <= start and not any(m.label != "Region" and regions[-1].end <= m.start < verb.end()
                                                    for m in mentions):
            return key_of(regions[-1])
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
    organs = _issuing_organs(doc)
    lead = [key for i, key in organs if i < LEAD_SENTENCES]
    published = {key_of(m) for m in doc.mentions if m.label == "Policy" and RE_ISSUED_QUOTE.search(doc.text, m.start - 4, m.start)}
    for entity in doc.entities:
        if entity.cls != "Policy" or entity.label.startswith(NATIONAL):
            continue
        named = min(((entity.label.find(label), key) for label, key in regions.items() if label in entity.label),
                    default=None) or _region_in_name(entity.label, lexicon)
        if named:
            yield Relation(entity.key, "issuedBy", named[1], entity.sentences[0], "name")
            continue
        stated = _stated_issuer(doc, sentences[entity.sentences[0]], first_start.get(entity.key, 0))
        if stated or (lead and entity.key in published):
            yield Relation(entity.key, "issuedBy", stated or lead[0], entity.sentences[0], "issuing-organ")
            continue
        first = entity.sentences[0]
        start = first_start.get(entity.key, 0)
        before = [m for m in sentences[first] if m.label == "Region" and m.end <= start]
        if before and not RE_LIST_ITEM.search(doc.text, before[-1].end, start):  # 娄底…等“十大产业项目”: an item
            yield Relation(entity.key, "issuedBy", key_of(before[-1]), first, "sentence-region")
        elif doc.subject and doc.subject.startswith("Region/"):  # a platform issues no plans of its own
            yield Relation(entity.key, "issuedBy", doc.subject, first, "document-subject")
