"""locatedIn: regions within regions, stated locations, platforms within platforms, the document's subject."""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.extract.doc import Doc, Mention, Relation
from kg.extract.lexicon import Lexicon
from kg.extract.patterns import PLACES, PLATFORMS, RE_BRANCH_VERB, RE_LOCATED
from kg.extract.relate.kinds import LOCATABLE
from kg.extract.resolve import entity_key, key_of


def region_hierarchy(doc: Doc, lexicon: Lexicon) -> Iterator[Relation]:
    """萧山区 locatedIn 杭州市, when both are named in the document."""
    named = {e.label: e for e in doc.entities if e.cls == "Region"}
    for label, entity in named.items():
        entry = lexicon.region(label, named)
        parent = entry.parent if entry else ""
        while parent and parent not in named and not _said(doc.text, parent, lexicon):
            grand = lexicon.region(parent)
            parent = grand.parent if grand else ""
        if parent:
            yield Relation(entity.key, "locatedIn", entity_key("Region", parent),
                           entity.sentences[0], "gazetteer")


def _said(text: str, region: str, lexicon: Lexicon) -> bool:
    """A province or city named anywhere in the text, if only inside another name (湖北武黄同城…推介会)."""
    entry = lexicon.region(region)
    bare = lexicon.region_bare.get(region, "")
    return entry is not None and entry.level != "county" and (region in text or (len(bare) >= 2 and bare in text))


def appositive_location(doc: Doc, lexicon: Lexicon) -> Iterator[Relation]:
    """西湖区云栖小镇, 萧山的图灵小镇: a region right before a place."""
    for a, b in zip(doc.mentions, doc.mentions[1:], strict=False):
        gap = doc.text[a.end : b.start]
        if a.label in PLACES and b.label in LOCATABLE and gap in ("", "的"):
            if a.label == "Region" or b.label in {"Company", "Institution"}:
                yield Relation(key_of(b), "locatedIn", key_of(a), doc.sentence_of(b.start), "appositive")


def bracketed_location(doc: Doc, lexicon: Lexicon) -> Iterator[Relation]:
    """国家网络安全产业园区(北京) lies in 北京市."""
    for m in doc.mentions:
        inner = re.search(r"\(([^()]+)\)$", m.text) if m.label in PLATFORMS else None
        region = lexicon.region(inner.group(1)) if inner else None
        if region:
            yield Relation(key_of(m), "locatedIn", entity_key("Region", region.label), doc.sentence_of(m.start), "bracketed")


def explicit_location(doc: Doc, lexicon: Lexicon) -> Iterator[Relation]:
    """X位于Y / X落户Y / X坐落于Y."""
    for i, mentions in enumerate(doc.mentions_by_sentence()):
        for j, (a, b) in enumerate(zip(mentions, mentions[1:], strict=False)):
            gap = doc.text[a.end : b.start]
            if a.label in LOCATABLE and b.label in PLACES and len(gap) <= 4 and RE_LOCATED.search(gap):
                place = _innermost(doc, mentions[j + 1 :])
                if not RE_BRANCH_VERB.match(doc.text, place.end):
                    yield Relation(key_of(a), "locatedIn", key_of(place), i, "explicit")


def _innermost(doc: Doc, chain: list[Mention]) -> Mention:
    """位于杭州市余杭区未来科技城: the last of places named one after the other, the nearest container."""
    last = chain[0]
    for m in chain[1:]:
        if m.start != last.end or m.label not in PLACES:
            break
        last = m
    return last


def nested_platform(doc: Doc, lexicon: Lexicon) -> Iterator[Relation]:
    """钱江世纪城国际人才创业社区 lies in 钱江世纪城."""
    places = [e for e in doc.entities if e.cls in PLATFORMS | {"Institution", "Company"}]
    for inner in places:
        for outer in places:
            if outer.cls in PLATFORMS and outer is not inner and inner.label.startswith(outer.label) \
                    and len(inner.label) > len(outer.label) + 1:
                yield Relation(inner.key, "locatedIn", outer.key, inner.sentences[0], "nested-name")


def subject_location(doc: Doc, lexicon: Lexicon) -> Iterator[Relation]:
    """A platform of a document about one region lies in that region, unless placed elsewhere."""
    if not doc.subject:
        return
    visitors = _visitors(doc)
    for entity in doc.entities:
        if entity.cls in PLATFORMS | {"Company", "Institution"} and entity.key not in (doc.subject, *visitors):
            yield Relation(entity.key, "locatedIn", doc.subject, entity.sentences[0], "document-subject")


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
