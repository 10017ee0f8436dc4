"""Relations (locatedIn, focusesOn, partOf, issuedBy) and targets, each with its sentence.

Stage: reads ``Doc.mentions``, ``Doc.entities`` and ``Doc.subject``; fills
``Doc.relations`` and ``Doc.targets``. Each rule is a small function yielding Relations.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Iterator

from kg.doc import Doc, Entity, Mention, Relation
from kg.lexicon import Lexicon
from kg.patterns import (
    NATIONAL,
    NOT_HOLDING,
    PLACES,
    PLAN_HEADS,
    PLATFORM_KINDS,
    PLATFORM_WORDS,
    PLATFORMS,
    RE_BEFORE_GROUPING,
    RE_BRACKET_AFTER_GROUP,
    RE_BRANCH_VERB,
    RE_BRAND_TITLE,
    RE_CLAUSE_PUNCTUATION,
    RE_COUNTED_KIND,
    RE_EXAMPLES,
    RE_GROUP_PART,
    RE_GROUPING,
    RE_LAYOUT,
    RE_LIST_GAP,
    RE_LIST_JOINER,
    RE_LOCATED,
    RE_PLUS_GROUPING,
    RE_PROBLEM,
    RE_TRAILING_BRACKETS,
)
from kg.quantities import chinese_integer
from kg.resolve import canonical_label, entity_key, key_of
from kg.targets import find_targets

LOCATABLE = PLATFORMS | {"Company", "Institution"}
FOCUSED = PLATFORMS | {"Region", "Company", "Institution"}


def relate(doc: Doc, lexicon: Lexicon) -> Doc:
    relations: dict[tuple[str, str, str], Relation] = {}
    for rule in (region_hierarchy, appositive_location, bracketed_location, explicit_location, nested_platform,
                 grouping_members, layout_members, listed_in_brackets, plan_members, grouping_sections, focus, industry_in_name,
                 subject_location, issuer):
        for r in rule(doc, lexicon):
            if r.head != r.tail:
                relations.setdefault((r.head, r.predicate, r.tail), r)
    return dataclasses.replace(doc, entities=doc.entities + implied_regions(doc, relations.values()),
                               relations=tuple(relations.values()), targets=tuple(find_targets(doc, lexicon)))


def implied_regions(doc: Doc, relations: Iterable[Relation]) -> tuple[Entity, ...]:
    """Regions a relation points to that are named only inside another name (园区(北京),
    关于促进福田区…意见) become entities too, so that no relation ends in an unlabelled node."""
    known = {e.key for e in doc.entities}
    implied: dict[str, Entity] = {}
    for r in relations:
        if r.tail not in known and r.tail not in implied and r.tail.startswith("Region/"):
            implied[r.tail] = Entity(r.tail, r.tail.split("/", 1)[1], "Region", (), (r.sentence,))
    return tuple(implied.values())


# ---------------------------------------------------------------- locatedIn
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
    subject_label = doc.subject.split("/", 1)[1]
    subject_entry = lexicon.region(subject_label)
    if subject_entry and subject_entry.level == "province":
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


# ---------------------------------------------------------------- partOf
def grouping_members(doc: Doc, lexicon: Lexicon) -> Iterator[Relation]:
    """以云栖小镇、西溪谷、杭州云谷“一镇两谷”为主阵地 → each partOf 一镇两谷."""
    for i, mentions in enumerate(doc.mentions_by_sentence()):
        for j, group in enumerate(mentions):
            if group.label != "Policy" or not group.source.startswith(("grouping", "quoted")):
                continue
            k = j - 1
            end = group.start
            if k >= 0 and not RE_BEFORE_GROUPING.fullmatch(doc.text[mentions[k].end : end]):
                continue  # “机器换人”、“工厂物联网”: the last item of a list, not a grouping of it
            gap = RE_BEFORE_GROUPING  # then, between members: 、 和 及 与
            numeric = bool(RE_GROUPING.fullmatch(group.text) or RE_PLUS_GROUPING.fullmatch(group.text))
            while k >= 0 and (mentions[k].label in PLATFORMS or (mentions[k].label == "Policy" and numeric)) \
                    and gap.fullmatch(doc.text[mentions[k].end : end]):  # “蓉漂”“蓉贝”: two names, not a member and its group
                yield Relation(key_of(mentions[k]), "partOf", key_of(group), i, "grouping-list")
                end = mentions[k].start
                k -= 1
                gap = RE_LIST_GAP


def layout_members(doc: Doc, lexicon: Lexicon) -> Iterator[Relation]:
    """国家网络安全产业园区(北京)…揭牌,形成海淀园、通州园、经开区信创园“三园协同”的总体布局:
    the platforms a platform's layout lists are its parts."""
    for i, mentions in enumerate(doc.mentions_by_sentence()):
        owner = mentions[0] if mentions else None
        if owner is None or owner.label not in PLATFORMS or owner.start - doc.sentences[i].start > 2:
            continue
        for j, m in enumerate(mentions[1:], 1):
            listed = m.label in PLATFORMS and (
                (j + 1 < len(mentions) and mentions[j + 1].label in PLATFORMS
                 and RE_LIST_JOINER.fullmatch(doc.text, m.end, mentions[j + 1].start))
                or RE_LIST_JOINER.fullmatch(doc.text, mentions[j - 1].end, m.start))
            opener = RE_LAYOUT.search(doc.text, owner.end, m.start)
            if listed and opener and not re.search(r"[,;。]", doc.text[opener.end() : m.start]):
                yield Relation(key_of(m), "partOf", key_of(owner), i, "layout")
                yield Relation(key_of(m), "locatedIn", key_of(owner), i, "layout")  # a part lies in its whole


def listed_in_brackets(doc: Doc, lexicon: Lexicon) -> Iterator[Relation]:
    """“一城四园”(天府园、高新园、双流园、锦江园) → each partOf 一城四园."""
    for i, mentions in enumerate(doc.mentions_by_sentence()):
        for j, group in enumerate(mentions):
            opening = RE_BRACKET_AFTER_GROUP.match(doc.text, group.end)  # “一区三园”发展格局(中国声谷、…)
            if group.label != "Policy" or not opening:
                continue
            close = doc.text.find(")", opening.end())
            owner = _platform_before(doc, mentions[:j], group, lexicon)
            for m in mentions[j + 1 :]:
                if close < 0 or m.end > close:
                    break
                if m.label in PLATFORMS | {"Policy", "Company", "Institution"}:
                    yield Relation(key_of(m), "partOf", key_of(group), i, "bracketed-list")
                    if owner and m.label in PLATFORMS:  # 成渝…产业园区成都“一城四园”(天府园…): parts of the park too
                        yield Relation(key_of(m), "partOf", key_of(owner), i, "bracketed-list")


def _platform_before(doc: Doc, before: list[Mention], group: Mention, lexicon: Lexicon) -> Mention | None:
    """The platform a grouping belongs to, named right before it (a region may come between)."""
    if before and before[-1].label == "Region" and doc.text[before[-1].end : group.start].strip("“ ") == "":
        group, before = before[-1], before[:-1]  # 园区成都“一城四园”: the city is where, not whose
    if not before or before[-1].label not in PLATFORMS:
        return None
    gap = doc.text[before[-1].end : group.start].strip("“ ")
    return before[-1] if not gap or lexicon.region(gap) else None


def plan_members(doc: Doc, lexicon: Lexicon) -> Iterator[Relation]:
    """In a document that publishes one plan (《…行动计划(2018~2022年)》), the quoted
    programmes it names (“机器换人”, “企业上云”) are parts of that plan."""
    plans = {key_of(m) for m in doc.mentions if m.label == "Policy" and m.source == "quoted"
             and doc.text[m.start - 1 : m.start] == "《" and RE_TRAILING_BRACKETS.sub("", m.text).endswith(PLAN_HEADS)}
    if len(plans) != 1:
        return
    plan = plans.pop()
    for m in doc.mentions:
        quoted = doc.text[m.start - 1 : m.start] == "“" or m.text.startswith("“")  # “工业互联网”专项行动 too
        if m.label == "Policy" and quoted and not RE_GROUPING.fullmatch(canonical_label(m)) \
                and not plan.split("/", 1)[1].startswith(canonical_label(m)):
            yield Relation(key_of(m), "partOf", plan, doc.sentence_of(m.start), "plan-programme")


GROUP_WINDOW = 8  # sentences after the grouping's name in which its members are listed


def grouping_sections(doc: Doc, lexicon: Lexicon) -> Iterator[Relation]:
    """“三城一谷” … 紫金港科技城 … 之江未来城 … 西溪谷: members listed after the grouping,
    matched by the platform word of each part (城, 谷, 园, 镇, 街区) up to its count."""
    sentences = doc.mentions_by_sentence()
    for i, mentions in enumerate(sentences):
        for group in mentions:
            parts = _grouping_parts(group) if group.label == "Policy" else None
            if not parts:
                continue
            seen: set[str] = set()
            window = [m for m in mentions if m.end <= group.start][::-1]
            window += [m for ms in sentences[i : i + GROUP_WINDOW] for m in ms if m.start > group.end]
            for m in window:
                if m.label == "Policy" and _grouping_parts(m):
                    break
                key = key_of(m)
                kinds = PLATFORMS if any(w in PLATFORM_WORDS for w in parts) else PLATFORMS | {"Policy"}
                word = next((w for w in parts if m.label in kinds and canonical_label(m).endswith(w)
                             and parts[w] > 0 and key != key_of(group)), None)
                if word and key not in seen:
                    parts[word] -= 1
                    seen.add(key)
                    yield Relation(key, "partOf", key_of(group), doc.sentence_of(m.start), "grouping-section")


def _grouping_parts(m: Mention) -> dict[str, int] | None:
    """两镇六街区 → {镇: 2, 街区: 6}; 三个年专项行动 → {年专项行动: 3}; None when the name is not a
    numeric grouping."""
    name = canonical_label(m)
    counted = RE_COUNTED_KIND.fullmatch(name)
    if counted:
        number = counted.group(1)
        return {counted.group(2): int(number) if number.isdigit() else chinese_integer(number)}
    parts = RE_GROUP_PART.findall(name)
    if len(parts) < 2 or "".join(n + w for n, w in parts) != name:
        return None
    counts: dict[str, int] = {}
    for number, word in parts:
        value = int(number) if number.isdigit() else chinese_integer(number)
        counts[word] = counts.get(word, 0) + value
    return counts


# ---------------------------------------------------------------- focusesOn
def focus(doc: Doc, lexicon: Lexicon) -> Iterator[Relation]:
    """Industries of a sentence belong to the nearest place or organisation before them, or to
    every member of the list they follow in the same clause (深圳大学、南方科技大学等在人工智能…).
    Examples (以图灵小镇等为代表的小镇经济) hold nothing: the sentence is about the subject."""
    for i, mentions in enumerate(doc.mentions_by_sentence()):
        holders: list[Mention] = []
        aside: Mention | None = None  # the last of a list of partners or exceptions
        for m in mentions:
            if m.label in FOCUSED:
                previous = aside or (holders[-1] if holders else None)
                listed = previous is not None and previous.label == m.label \
                    and RE_LIST_JOINER.fullmatch(doc.text, previous.end, m.start) is not None
                if (listed and aside) or (not listed and doc.text[m.start - 1 : m.start] in NOT_HOLDING):
                    holders, aside = [], m  # 加强与北京、上海…在网络安全领域沟通; 除北京、上海等地外
                    continue
                aside = None
                holders = [] if RE_EXAMPLES.match(doc.text, m.end) else [*holders, m] if listed else [m]
            elif m.label == "Industry":
                for head in _focus_heads(doc, i, mentions, holders, m):
                    yield Relation(head, "focusesOn", key_of(m), i, "sentence-holder" if holders else "document-subject")


def _focus_heads(doc: Doc, i: int, mentions: list[Mention], holders: list[Mention], industry: Mention) -> list[str]:
    """Who develops ``industry``: the holders in its clause, a lone holder that is the topic of an
    earlier clause, else the platform opening the sentence, else the document's region."""
    same_clause = holders and not RE_CLAUSE_PUNCTUATION.search(doc.text, holders[-1].end, industry.start)
    members = holders if same_clause else holders[-1:] if len(holders) == 1 and _topic(doc, holders[0], i) else []
    if _in_brand_title(doc.text, industry):  # 建好区块链产业园,打造“金融科技第一镇”: the sentence's topic earns it
        members = [h for h in mentions[:1] if h.label in FOCUSED]
    if members:
        return [key_of(h) for h in members]
    if RE_PROBLEM.search(doc.sentences[i].text):
        return []  # 人工智能…等新技术领域的网络安全政策机制不完善: a gap, not a focus
    opener = mentions[0]
    if opener.label in PLATFORMS and opener.start - doc.sentences[i].start <= 2 and opener is not industry:
        return [key_of(opener)]  # 梦想小镇位于…,主要发展互联网创业
    return [doc.subject] if doc.subject else []


def _topic(doc: Doc, m: Mention, sentence: int) -> bool:
    """A holder that opens its sentence or clause (钱江世纪城将构筑…) speaks for the clauses after it;
    one after 是/为/位于 (是浙江省首批特色小镇之一) describes the topic instead."""
    before = RE_CLAUSE_PUNCTUATION.split(doc.text[doc.sentences[sentence].start : m.start])[-1]
    return len(before) <= 6 and not before.endswith(("是", "为", "在", "位于", "与", "和", "对"))


def _in_brand_title(text: str, m: Mention) -> bool:
    opening = text.rfind("“", max(0, m.start - 12), m.start)
    closing = text.find("”", m.end, m.end + 12)
    return opening >= 0 and closing >= 0 and "”" not in text[opening : m.start] \
        and bool(RE_BRAND_TITLE.search(text[opening + 1 : closing]))


def industry_in_name(doc: Doc, lexicon: Lexicon) -> Iterator[Relation]:
    """集成电路产业园 focusesOn 集成电路: a platform named after the industry it hosts."""
    industries = {canonical_label(m) for m in doc.mentions if m.label == "Industry"}
    for entity in doc.entities:
        if entity.cls not in PLATFORMS:
            continue
        named = [label for label, end in _industries_in(entity.label, lexicon)
                 if label in industries and not entity.label.startswith(PLATFORM_KINDS, end)]
        for label in named:
            yield Relation(entity.key, "focusesOn", entity_key("Industry", label), entity.sentences[0], "industry-in-name")


def _industries_in(name: str, lexicon: Lexicon) -> list[tuple[str, int]]:
    """Industry names inside a name, with where each ends: longest first, no overlaps."""
    found = sorted(((start, end, lexicon.entries[surface][0].label)
                    for start, end, surface in lexicon.find(name)
                    if lexicon.entries[surface][0].cls == "Industry" and len(surface) >= 2),
                   key=lambda f: f[0] - f[1])
    taken: list[tuple[int, int, str]] = []
    for start, end, label in found:
        if all(end <= s or start >= e for s, e, _ in taken):
            taken.append((start, end, label))
    return [(label, end) for _, end, label in taken]


# ---------------------------------------------------------------- issuedBy


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
