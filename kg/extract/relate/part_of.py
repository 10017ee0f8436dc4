"""partOf: the members of groupings, layouts and plans."""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.extract.doc import Doc, Mention, Relation
from kg.extract.lexicon import Lexicon
from kg.extract.patterns import (
    PLAN_HEADS,
    PLATFORM_WORDS,
    PLATFORMS,
    RE_BEFORE_GROUPING,
    RE_BRACKET_AFTER_GROUP,
    RE_BRACKETED_PART,
    RE_COUNTED_KIND,
    RE_GROUP_PART,
    RE_GROUPING,
    RE_LAYOUT,
    RE_LIST_GAP,
    RE_LIST_JOINER,
    RE_PLUS_GROUPING,
    RE_TRAILING_BRACKETS,
)
from kg.extract.quantities import chinese_integer
from kg.extract.relate.kinds import held_by_zone, short_part
from kg.extract.relate.patterns import RE_AS, RE_CORE_AFTER, RE_CORE_OF, RE_IS, RE_ONE_OF
from kg.extract.resolve import canonical_label, key_of, speaking_policy


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


def spoken_programmes(doc: Doc, lexicon: Lexicon) -> Iterator[Relation]:
    """《意见》指出,…实施“强产业补链条”计划: the programmes a policy names as it speaks are its parts."""
    for i, mentions in enumerate(doc.mentions_by_sentence()):
        policy = speaking_policy(doc, mentions, doc.sentences[i].start)
        for m in mentions[1:] if policy else ():
            if m.label == "Policy" and key_of(m) != policy and not RE_GROUPING.fullmatch(canonical_label(m)):
                yield Relation(key_of(m), "partOf", policy, i, "spoken-programme")


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


def one_of(doc: Doc, lexicon: Lexicon) -> Iterator[Relation]:
    """绍兴滨海新区位于…,是浙江省大湾区“四新区”之一: the platform the sentence is about is a part
    of the programme."""
    for i, mentions in enumerate(doc.mentions_by_sentence()):
        opener = mentions[0] if mentions else None
        if opener is None or opener.label not in PLATFORMS or opener.start - doc.sentences[i].start > 2:
            continue
        for m in mentions[1:]:
            if m.label == "Policy" and RE_ONE_OF.match(doc.text, m.end) and RE_IS.search(doc.text, opener.end, m.start):
                yield Relation(key_of(opener), "partOf", key_of(m), i, "one-of")


def core_area(doc: Doc, lexicon: Lexicon) -> Iterator[Relation]:
    """以东湖科学城为核心区域的光谷科创大走廊, 重庆高新区作为西部(重庆)科学城核心区: a core area is a
    part of the whole, and lies in it."""
    for i, mentions in enumerate(doc.mentions_by_sentence()):
        for a, b in zip(mentions, mentions[1:], strict=False):
            if a.label not in PLATFORMS or b.label not in PLATFORMS:
                continue
            core = (doc.text[a.start - 1 : a.start] == "以" and RE_CORE_OF.fullmatch(doc.text, a.end, b.start)) \
                or (RE_AS.fullmatch(doc.text, a.end, b.start) and RE_CORE_AFTER.match(doc.text, b.end))
            if core:
                yield Relation(key_of(a), "partOf", key_of(b), i, "core-area")


def named_parts(doc: Doc, lexicon: Lexicon) -> Iterator[Relation]:
    """西部(重庆)科学城 is a part of 西部科学城; 集成电路“万亩千亿”产业平台 of the programme it is named
    after; 中关村科技园区海淀园 of 中关村科技园区."""
    entities = {e.label: e for e in doc.entities}
    for e in doc.entities:
        if e.cls in PLATFORMS and "(" in e.label:
            whole = entities.get(RE_BRACKETED_PART.sub("", e.label))
            if whole and whole.cls in PLATFORMS and whole is not e:
                yield Relation(e.key, "partOf", whole.key, e.sentences[0], "named-part")
    for i, mentions in enumerate(doc.mentions_by_sentence()):
        for a, b in zip(mentions, mentions[1:], strict=False):
            if a.label in PLATFORMS and b.label in PLATFORMS and a.end == b.start \
                    and short_part(b) and not held_by_zone(a, b):
                yield Relation(key_of(b), "partOf", key_of(a), i, "named-part")
        for m in mentions:
            if m.label not in PLATFORMS:
                continue
            for quoted in RE_QUOTED_NAME.findall(m.text):
                programme = entities.get(quoted)
                if programme and programme.cls == "Policy":
                    yield Relation(key_of(m), "partOf", programme.key, i, "named-part")


RE_QUOTED_NAME = re.compile(r"“([^“”]{2,12})”")
