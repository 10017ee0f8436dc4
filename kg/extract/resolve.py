"""Resolve mentions to entities: canonical labels, aliases, the document's subject.

Stage: reads ``Doc.mentions``; fills ``Doc.entities`` and ``Doc.subject``.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter, defaultdict
from collections.abc import Iterator

from kg.extract.doc import Doc, Entity, Mention
from kg.extract.lexicon import LEVEL_RANK, Lexicon
from kg.extract.patterns import (
    DOCUMENT_HEADS,
    PLATFORMS,
    RE_BRACKETED_PART,
    RE_SHORT_NAME,
    RE_VENUE,
)
from kg.extract.target_patterns import RE_POLICY_SPEAKS

RE_BACK_REFERENCE = re.compile(r"该(?:园区|新区|片区|开发区|高新区|区|园)|(?<![\u4e00-\u9fff])(?:园区|新片区|全区)")

def canonical_label(m: Mention) -> str:
    """The full name: the lexicon's, the ellipsis's, or the span without quotes."""
    return RE_QUOTE_MARKS.sub("", m.canonical or m.text).strip()  # “十五五”规划纲要 → 十五五规划纲要


RE_QUOTE_MARKS = re.compile("[“”\"《》]")


def entity_key(cls: str, label: str) -> str:
    return f"{cls}/{label}"


def resolve(doc: Doc, lexicon: Lexicon) -> Doc:
    doc, heads = _document_heads(doc)
    labels = [canonical_label(m) for m in doc.mentions]
    same = _region_prefixed(doc.mentions, labels, lexicon) | _bracketed_names(doc, labels) | heads
    named = [same.get((m.label, label), (m.label, label)) for m, label in zip(doc.mentions, labels, strict=True)]
    labels = [label for _, label in named]
    keys = [entity_key(cls, label) for cls, label in named]
    aliases: dict[str, set[str]] = defaultdict(set)
    sentences: dict[str, set[int]] = defaultdict(set)
    rules: dict[str, set[str]] = defaultdict(set)
    for m, label, key, sentence in zip(doc.mentions, labels, keys, doc.mention_sentences(), strict=True):
        if m.text != label:
            aliases[key].add(m.text)
        short = doc.text.startswith("(", m.end) and RE_SHORT_NAME.match(doc.text[m.end : m.end + 20])
        if short:
            aliases[key].add(short.group(1))
        if m.label == "Region" and m.canonical and lexicon.region(m.canonical):
            bare = _bare_region(m.canonical, lexicon)
            if bare:
                aliases[key].add(bare)
        sentences[key].add(sentence)
        rules[key].add(m.source)
    regions = {label for cls, label in named if cls == "Region"}
    entities = tuple(
        Entity(key, key.split("/", 1)[1], key.split("/", 1)[0],
               tuple(sorted(aliases[key])), tuple(sorted(sentences[key])), tuple(sorted(rules[key])),
               region_code(key, regions, lexicon))
        for key in dict.fromkeys(keys)
    )
    # Mentions carry the class and label they resolved to, so that later stages name the same entity.
    mentions = tuple(m if (m.label, canonical_label(m)) == (cls, label) else dataclasses.replace(m, label=cls, canonical=label)
                     for m, (cls, label) in zip(doc.mentions, named, strict=True))
    resolved = dataclasses.replace(doc, mentions=mentions, entities=entities)
    return dataclasses.replace(resolved, subject=find_subject(resolved, lexicon))


def region_code(key: str, named: set[str], lexicon: Lexicon) -> str:
    """A Region's GB/T 2260 code from the lexicon; among namesakes, the one whose parent the text names.
    A township (街道, 镇, 乡) has a nine-digit statistics code instead, placed by its county or city."""
    cls, label = key.split("/", 1)
    entry = lexicon.region(label, named) if cls == "Region" else None
    if entry is None:
        return lexicon.township_code(label, named) if cls == "Region" else ""
    parents = {entry.parent, getattr(lexicon.region(entry.parent), "parent", "")} if entry.parent else set()
    namesakes = {e.code for e in lexicon.entries.get(label, ()) if e.cls == "Region"}
    return entry.code if len(namesakes) == 1 or parents & named else ""  # an unplaced namesake gets none


def key_of(m: Mention) -> str:
    return entity_key(m.label, canonical_label(m))


def _document_heads(doc: Doc) -> tuple[Doc, dict[tuple[str, str], tuple[str, str]]]:
    """《意见》 after 《关于加快培育一批产业基地…的意见》: the one policy of the document that ends so, whose
    alias it is; 《条例》, 《意见》 alone, when no one policy ends so, name nothing the graph can hold."""
    policies = {canonical_label(m) for m in doc.mentions if m.label == "Policy"}
    same = {}
    for head in policies & set(DOCUMENT_HEADS):
        full = [label for label in policies if label.endswith(head) and label != head]
        if len(full) == 1:
            same[("Policy", head)] = ("Policy", full[0])
    bare = {label for label in policies & set(DOCUMENT_HEADS) if ("Policy", label) not in same}
    if bare:
        doc = dataclasses.replace(doc, mentions=tuple(m for m in doc.mentions
                                                      if not (m.label == "Policy" and canonical_label(m) in bare)))
    return doc, same


def _bracketed_names(doc: Doc, labels: list[str]) -> dict[tuple[str, str], tuple[str, str]]:
    """深圳金融科技研究院(央行金融科技研究院), 东湖新技术开发区(中国光谷): one thing, two names; the first
    is the label and the class (platforms of any kind: a park may be known as a valley)."""
    same: dict[tuple[str, str], tuple[str, str]] = {}
    for i, (m, after) in enumerate(zip(doc.mentions, doc.mentions[1:], strict=False)):
        kin = after.label == m.label or (after.label in PLATFORMS and m.label in PLATFORMS)
        if kin and after.start == m.end + 1 and doc.text[m.end] == "(" \
                and doc.text[after.end : after.end + 1] == ")" and labels[i] != labels[i + 1]:
            same.setdefault((after.label, labels[i + 1]), (m.label, labels[i]))
    return same


def _region_prefixed(mentions: tuple[Mention, ...], labels: list[str], lexicon: Lexicon) -> dict[tuple[str, str], tuple[str, str]]:
    """临空经济区 beside 黄石临空经济区, 软件谷 beside 中国(南京)软件谷, in one document: the short form
    names the same platform."""
    names = {(m.label, label) for m, label in zip(mentions, labels, strict=True) if m.label in PLATFORMS}
    full: dict[tuple[str, str], tuple[str, str]] = {}
    for cls, label in names:
        if len(label) < 3:
            continue
        for other_cls, other in names:
            if other_cls != cls or other == label or not other.endswith(label):
                continue
            head = RE_BRACKETED_PART.sub("", other[: -len(label)])
            if head and (head == "中国" or lexicon.region(head)):
                full[(cls, label)] = (cls, other)
    return full


def _bare_region(label: str, lexicon: Lexicon) -> str:
    return lexicon.region_bare.get(label, "")


def ancestors(label: str, lexicon: Lexicon) -> set[str]:
    """The regions that contain a region, from the gazetteer: 西湖区 → {杭州市, 浙江省}."""
    found: set[str] = set()
    entry = lexicon.region(label)
    while entry and entry.parent and entry.parent not in found:
        found.add(entry.parent)
        entry = lexicon.region(entry.parent)
    return found


def _region_spans(doc: Doc, lexicon: Lexicon) -> Iterator[tuple[int, int, str]]:
    """Region mentions, and regions named inside other names in the title (…暨黄石(光谷)产业投资推介会)."""
    taken = set()
    for m in doc.mentions:
        if m.label == "Region":
            taken.add(m.start)
            yield m.start, m.end, canonical_label(m)
    for start, end, surface in lexicon.find(doc.title):
        entry = lexicon.region(surface)
        if entry and start not in taken and (entry.level != "county" or surface == entry.label):
            yield start, end, entry.label


MIN_SUBJECT_WEIGHT = 1  # one mention in the title or lead, or five in the body


def find_subject(doc: Doc, lexicon: Lexicon) -> str | None:
    """What the document is about: a platform that opens the title or dominates the lead
    (马栏山视频文创产业园深圳推介; 临港新片区 four times in the lead, 该区 counting for it), else the
    region named in the title, else most often in the lead."""
    region = region_subject(doc, lexicon)
    platform = _platform_subject(doc, lexicon, region)
    return platform or region


def _lead_end(doc: Doc) -> int:
    return doc.sentences[min(len(doc.sentences), LEAD_SENTENCES) - 1].end if doc.sentences else 0


LEAD_SENTENCES = 6
MIN_PLATFORM_WEIGHT = 3  # a platform is the subject when named at least three times in the lead


def _platform_subject(doc: Doc, lexicon: Lexicon, region: str | None) -> str | None:
    platforms = [m for m in doc.mentions if m.label in PLATFORMS]
    if not platforms:
        return None
    title_end = len(doc.title)
    first = platforms[0]
    if not doc.text[: first.start].strip() and first.start < title_end and not _is_region_name(first, lexicon):
        return key_of(first)  # the title opens with it
    lead_end = _lead_end(doc)
    counts: Counter[str] = Counter()
    for m in platforms:
        if m.start < lead_end:
            counts[key_of(m)] += 2 if m.start < title_end else 1
    if not counts:
        return None
    (best, weight), *rest = counts.most_common()
    weight += len(RE_BACK_REFERENCE.findall(doc.text, 0, lead_end))
    runner_up = max((c for _, c in rest), default=0)
    rival = _region_weight(doc, lexicon, region) if region else 0
    if weight >= MIN_PLATFORM_WEIGHT and weight >= 2 * runner_up and weight >= 1.5 * rival:
        return best
    return None


def _is_region_name(m: Mention, lexicon: Lexicon) -> bool:
    return lexicon.region(canonical_label(m)) is not None


def _region_weight(doc: Doc, lexicon: Lexicon, region: str) -> float:
    """How often the region subject is named in the title and lead, as find_subject weighs it."""
    label = region.split("/", 1)[1]
    lead_end = _lead_end(doc)
    return sum(3 if start < len(doc.title) else 1 for start, _, found in _region_spans(doc, lexicon)
               if found == label and start < lead_end)


def region_subject(doc: Doc, lexicon: Lexicon) -> str | None:
    """The region the document is about: named in the title, else most often in the lead."""
    lead_end = _lead_end(doc)
    counts: Counter[str] = Counter()
    for start, end, label in _region_spans(doc, lexicon):
        weight = 3 if start < len(doc.title) else 1 if start < lead_end else 0.2
        if RE_VENUE.match(doc.text, end) and doc.text[start - 1 : start] in ("在", "于"):
            weight /= 10  # 推介会在武汉举行: where it happened, not what it is about
        counts[label] += weight
    if not counts:
        return None

    def rank(label: str) -> tuple[float, int]:
        entry = lexicon.region(label)
        return (counts[label], LEVEL_RANK.get(entry.level if entry else "", LEVEL_RANK["county"]))  # the lower level first

    ranked = sorted(counts, key=rank, reverse=True)
    around = ancestors(ranked[0], lexicon)  # 湖北省 in a report on 黄石市 does not compete with it
    rivals = [counts[label] for label in ranked[1:] if label not in around]
    best, runner_up = counts[ranked[0]], max(rivals, default=0)
    if best < MIN_SUBJECT_WEIGHT or best < 1.5 * runner_up:
        return None  # a national overview or a tour of provinces is about no one region
    return entity_key("Region", ranked[0])


def speaking_policy(doc: Doc, mentions: list[Mention], start: int) -> str | None:
    """The policy that opens a sentence and speaks (《意见》指出, 规划提出): its key (a bare 《意见》 already
    names the document's one 意见, see ``_document_heads``), the 方案 named in full before for a bare 《方案》."""
    first = mentions[0] if mentions else None
    if first is None or first.label != "Policy" or first.start - start > 1 or not RE_POLICY_SPEAKS.match(doc.text, first.end):
        return None
    named = [e.key for e in doc.entities if e.cls == "Policy" and e.label.endswith(first.text) and e.label != first.text]
    return min(named, key=len, default=None) if first.text in ("方案", "规划", "计划") \
        and len(named) == 1 else key_of(first)
