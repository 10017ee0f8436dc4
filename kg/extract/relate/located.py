"""locatedIn: regions within regions, stated locations, platforms within platforms, the document's subject."""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.extract.doc import Doc, Mention, Relation
from kg.extract.gazetteer import default_public_lists
from kg.extract.lexicon import Lexicon
from kg.extract.patterns import PLACES, PLATFORMS, RE_BRANCH_VERB, RE_LOCATED
from kg.extract.relate.kinds import LOCATABLE, held_by_zone
from kg.extract.relate.patterns import (
    GENERIC_PLATFORM_TAILS,
    KIN_REGION_WORDS,
    NAME_PREFIXES,
    RE_BACK_LOCATED,
    RE_BUILT_IN,
    RE_LOCATED_TAIL,
    RE_SEAT,
    WIDE_KINDS,
)
from kg.extract.resolve import canonical_label, entity_key, key_of


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
            if a.label == "Region" or b.label in {"Company", "Institution"} or (gap == "" and held_by_zone(a, b)):
                yield Relation(key_of(b), "locatedIn", key_of(a), doc.sentence_of(b.start), "appositive")


def bracketed_location(doc: Doc, lexicon: Lexicon) -> Iterator[Relation]:
    """国家网络安全产业园区(北京) lies in 北京市, 西部(成都)科学城 in 成都市."""
    for m in doc.mentions:
        inner = re.search(r"\(([^()]+)\)", m.text) if m.label in PLATFORMS else None
        region = lexicon.region(inner.group(1)) if inner else None
        if region:
            yield Relation(key_of(m), "locatedIn", entity_key("Region", region.label), doc.sentence_of(m.start), "bracketed")


def region_apposition(doc: Doc, lexicon: Lexicon) -> Iterator[Relation]:
    """禅城区石湾镇街道, 顺德区北滘镇、陈村镇、乐从镇: towns and streets, which the gazetteer does
    not hold, named right after their district."""
    for i, mentions in enumerate(doc.mentions_by_sentence()):
        for j, a in enumerate(mentions):
            if a.label != "Region" or lexicon.region(canonical_label(a)) is None:
                continue
            previous = a
            for b in mentions[j + 1 :]:
                label = canonical_label(b)
                gap = doc.text[previous.end : b.start]
                if b.label not in ("Region", "Town") or gap not in (("",) if previous is a else ("、", "和", "及")) \
                        or lexicon.region(label) is not None or not label.endswith(KIN_REGION_WORDS):
                    break
                yield Relation(key_of(b), "locatedIn", key_of(a), i, "region-apposition")
                previous = b


def region_prefix(doc: Doc, lexicon: Lexicon) -> Iterator[Relation]:
    """宜昌高新区 lies in 宜昌市, 中国绵阳科技城 in 绵阳市, 包头稀土研究院 in 包头市: a platform or
    institution named after its region (a county's only when the document names the county)."""
    named = {e.label for e in doc.entities if e.cls == "Region"}
    for entity in doc.entities:
        town = entity.cls == "Region" and entity.label.endswith(KIN_REGION_WORDS) and not lexicon.region(entity.label)
        if entity.cls in PLATFORMS or entity.cls == "Institution" or town:  # 禅城区石湾镇街道 too
            region = _region_prefix(entity.label, lexicon, named, entity.cls == "Institution")
            if region:
                yield Relation(entity.key, "locatedIn", entity_key("Region", region), entity.sentences[0], "region-prefix")


def _region_prefix(name: str, lexicon: Lexicon, named: set[str], institution: bool) -> str | None:
    start = next((len(p) for p in NAME_PREFIXES if name.startswith(p)), 0)
    found = [(end, surface) for s, end, surface in lexicon.find(name) if s == start and lexicon.region(surface)]
    if not found:
        return None
    end, surface = max(found)
    entry = lexicon.region(surface, named)
    if entry is None or len(name) - end < 2 or name[end] in "(（" or (institution and entry.level == "province"):
        return None
    return entry.label if entry.label in named or entry.level != "county" or surface == entry.label else None


def explicit_location(doc: Doc, lexicon: Lexicon) -> Iterator[Relation]:
    """X位于Y / X落户Y / X坐落于Y."""
    for i, mentions in enumerate(doc.mentions_by_sentence()):
        for j, (a, b) in enumerate(zip(mentions, mentions[1:], strict=False)):
            gap = doc.text[a.end : b.start]
            stated = (len(gap) <= 4 and RE_LOCATED.search(gap)) or RE_LOCATED_TAIL.fullmatch(gap) or RE_SEAT.fullmatch(gap)
            if a.label in LOCATABLE and b.label in PLACES and stated:
                place = _innermost(doc, mentions[j + 1 :])
                if not RE_BRANCH_VERB.match(doc.text, place.end):
                    yield Relation(key_of(a), "locatedIn", key_of(place), i, "explicit")


def back_reference_location(doc: Doc, lexicon: Lexicon) -> Iterator[Relation]:
    """该园区位于长沙市开福区: the platform the document is about lies there."""
    if not doc.subject or doc.subject.split("/", 1)[0] not in PLATFORMS:
        return
    for i, mentions in enumerate(doc.mentions_by_sentence()):
        for found in RE_BACK_LOCATED.finditer(doc.text, doc.sentences[i].start, doc.sentences[i].end):
            chain = [m for m in mentions if m.start >= found.end()]
            if chain and chain[0].start == found.end() and chain[0].label in PLACES:
                yield Relation(doc.subject, "locatedIn", key_of(_innermost(doc, chain)), i, "back-reference")


def built_in(doc: Doc, lexicon: Lexicon) -> Iterator[Relation]:
    """在龙湾区建设瑞浦新能源产业基地: what is built in a region lies there."""
    for i, mentions in enumerate(doc.mentions_by_sentence()):
        for a, b in zip(mentions, mentions[1:], strict=False):
            if a.label == "Region" and doc.text[a.start - 1 : a.start] == "在" and b.label in PLATFORMS \
                    and RE_BUILT_IN.fullmatch(doc.text, a.end, b.start):
                yield Relation(key_of(b), "locatedIn", key_of(a), i, "built-in")


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
                    and len(inner.label) > len(outer.label) + 1 and inner.label[len(outer.label) :] not in GENERIC_PLATFORM_TAILS \
                    and not inner.label.endswith(WIDE_KINDS):
                yield Relation(inner.key, "locatedIn", outer.key, inner.sentences[0], "nested-name")


PUBLIC_PLACES = ("public:zone", "public:town")


def public_list_place(doc: Doc, lexicon: Lexicon) -> Iterator[Relation]:
    """What a public list says of a place: a national zone's city, a Zhejiang town's county, when the
    document names that region too (rule ``public-list``). Not an organisation's seat: a text names
    companies and universities from elsewhere (a commentator's university, a partner's seat)."""
    lists = default_public_lists()
    regions = {e.label for e in doc.entities if e.cls == "Region"}
    for entity in doc.entities:
        listed = lists.by_label.get(entity.label) if any(r in PUBLIC_PLACES for r in entity.rules) else None
        place = next((p for p in listed.places if p in regions), None) if listed else None
        if place:
            yield Relation(entity.key, "locatedIn", entity_key("Region", place), entity.sentences[0], "public-list")
