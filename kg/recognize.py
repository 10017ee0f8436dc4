"""Find mentions: lexicon hits, quoted names, suffix grammar, titles, enumerations.

Stage: reads ``Doc.text`` and ``Doc.tokens``; fills ``Doc.mentions``. Candidates from
all rules compete; the longest wins, then the more trusted rule (leftmost-longest).
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import re
from collections.abc import Iterator
from itertools import accumulate

from kg.doc import Doc, Mention
from kg.lexicon import Entry, Lexicon
from kg.patterns import (
    COMMON_VALLEY_WORDS,
    CONTAINER_ENDS,
    ENUM_OPENERS,
    ENUM_SEPARATORS,
    EVENT_NAME_WORDS,
    GENERIC_PARTS,
    INDUSTRY_CLOSERS,
    INDUSTRY_HINTS,
    LISTED_KIND,
    NAME_END,
    NOT_A_PLATFORM_AFTER,
    NOT_AFTER_BARE_REGION,
    NOT_PARK_HEADS,
    NOT_SECTOR_ENDS,
    PERSON_TITLES,
    PLATFORM_GENERIC_PARTS,
    PLATFORMS,
    POLICY_HEADS,
    POLICY_NAME_WORDS,
    PUBLICATION_HEADS,
    QUOTED,
    RE_BRACKETED,
    RE_BRACKETED_PART,
    RE_BRAND_TITLE,
    RE_BRAND_VERB,
    RE_CLAUSE_BREAK,
    RE_CONJUNCTION,
    RE_COUNT_OF_KINDS,
    RE_GROUPING,
    RE_LEADING_YEAR,
    RE_LISTED_ORGS,
    RE_NAME_WORD,
    RE_NAMED_CENTRE,
    RE_NUMBERED_MEASURES,
    RE_PARK_LIST,
    RE_PLUS_GROUPING,
    RE_POLICY_AFTER,
    RE_POLICY_BEFORE,
    RE_QUOTED_HEAD,
    RE_SECTOR_ITEM,
    RE_SENTENCE_PUNCTUATION,
    RE_SHORT_PARK,
    RE_TRAILING_BRACKETS,
    RE_TWO_LETTERS,
    STRAY_PARTICLES,
    SUFFIX_CLASSES,
    SURNAMES,
    WEAK_SUFFIXES,
    ZONE_WORDS,
)

RULE_PRIORITY = {"lexicon": 0, "quoted": 1, "grouping": 1, "suffix": 2, "person": 2,
                 "ellipsis": 3, "short-park": 3, "listed-org": 4, "enumeration": 4}
MAX_NAME = 18
# Longest first: at one position 科技园区 must win over 科技园.
RE_SUFFIX = re.compile("|".join(re.escape(s) for s, _ in sorted(SUFFIX_CLASSES, key=lambda sc: -len(sc[0]))))
SUFFIX_CLASS = dict(SUFFIX_CLASSES)
PLATFORM_SUFFIX_ENDS = tuple(s for s, c in SUFFIX_CLASSES if c in PLATFORMS)
RE_SUFFIX_AT_END = re.compile("(?:" + RE_SUFFIX.pattern + ")$")
HAN = re.compile(r"[\u4e00-\u9fff]")


def recognize(doc: Doc, lexicon: Lexicon) -> Doc:
    tokens = _TokenIndex(doc.tokens)
    known = lexicon_mentions(doc.text, lexicon, tokens)
    regions = [m for m in known if m.label == "Region"]
    candidates = [
        *known,
        *quoted_mentions(doc.text),
        *grouping_mentions(doc.text),
        *numbered_measures(doc.text),
        *suffix_mentions(doc.text, tokens, lexicon, regions),
        *person_mentions(doc.text),
        *short_park_mentions(doc.text, lexicon),
        *industry_enumerations(doc.text, lexicon),
        *listed_organisations(doc.text, lexicon),
    ]
    candidates += ellipsis_mentions(doc.text, candidates, lexicon)
    return dataclasses.replace(doc, mentions=tuple(choose(candidates)))


def choose(candidates: list[Mention]) -> list[Mention]:
    """Leftmost-longest: longer spans first, then trusted rules; no overlaps."""
    taken: list[Mention] = []
    used = bytearray(max((m.end for m in candidates), default=0))
    for m in sorted(candidates, key=lambda m: (m.start - m.end, _priority(m.source), m.start)):
        if not any(used[m.start : m.end]):
            taken.append(m)
            used[m.start : m.end] = b"\x01" * (m.end - m.start)
    return sorted(taken, key=lambda m: m.start)


@functools.cache
def _priority(source: str) -> int:
    return RULE_PRIORITY[source.split(":")[0]]


class _TokenIndex:
    """Token boundaries and lookups by character offset."""

    def __init__(self, tokens: tuple[str, ...]) -> None:
        self.tokens = tokens
        self.starts = list(accumulate(map(len, tokens), initial=0))  # one more: the text's end
        self.boundaries = set(self.starts)

    def at(self, offset: int) -> int:
        """Index of the token that holds character ``offset``."""
        return min(max(bisect.bisect_right(self.starts, offset) - 1, 0), max(len(self.tokens) - 1, 0))


# ---------------------------------------------------------------- lexicon
def lexicon_mentions(text: str, lexicon: Lexicon, tokens: _TokenIndex) -> list[Mention]:
    """At each token boundary, the longest lexicon surface that also ends on one (and is plausible)."""
    longest: dict[int, tuple[int, str]] = {}
    for start, end, surface in lexicon.find(text):
        if start not in tokens.boundaries or end not in tokens.boundaries or longest.get(start, (0,))[0] >= end:
            continue
        entry = lexicon.entries[surface][0]
        if entry.cls == "Region" and not _region_at(text, start, end, surface, entry, lexicon, tokens):
            continue
        longest[start] = (end, surface)
    return [Mention(start, end, surface, lexicon.entries[surface][0].cls, "lexicon", lexicon.entries[surface][0].label)
            for start, (end, surface) in sorted(longest.items())]


def _region_at(text: str, start: int, end: int, surface: str, entry: Entry, lexicon: Lexicon,
               tokens: _TokenIndex) -> bool:
    if surface != entry.label and text[end : end + 1] in NOT_AFTER_BARE_REGION:
        return False
    before = _word_before(text, start, tokens)
    listed = "、" in (text[start - 1 : start], text[end : end + 1])
    return any(_region_plausible(e, surface, text, lexicon, before, listed) for e in lexicon.entries[surface])


def _word_before(text: str, start: int, tokens: _TokenIndex) -> str:
    if start == 0 or not tokens.tokens:
        return ""
    return tokens.tokens[tokens.at(start - 1)]


def _region_plausible(entry: Entry, surface: str, text: str, lexicon: Lexicon, before: str,
                      listed: bool = False) -> bool:
    """A county needs its city named too, or to open a phrase: 新兴区 in 智慧产业新兴区 is not one.
    A bare county name (西湖) needs its full name in the text, or to be listed (南山、罗湖、前海等)
    in a text that names its city."""
    if entry.level != "county":
        return True
    if surface in lexicon.bare_region_forms and entry.label not in text and not listed:
        return False  # 西湖 alone is a lake; a district only beside 西湖区
    if surface == entry.label and (not HAN.match(before or "。") or before in lexicon.boundary_words
                                   or (before in lexicon.entries and before != surface)):
        return True
    parent = lexicon.region(entry.parent)
    names = {entry.parent, lexicon.region_bare.get(entry.parent, "")}
    if parent and parent.parent:
        names |= {parent.parent, lexicon.region_bare.get(parent.parent, "")}
    return any(n and n in text for n in names)


# ---------------------------------------------------------------- quoted names
def quoted_mentions(text: str) -> Iterator[Mention]:
    for m in QUOTED.finditer(text):
        group = next(i for i in (1, 2, 3) if m.group(i))
        name = m.group(group).strip()
        cls = classify_quoted(name, book_title=group == 2)
        platform = (suffix := RE_SUFFIX_AT_END.search(name)) and SUFFIX_CLASS[suffix.group()] in PLATFORMS
        if cls is None and group == 1 and not platform and _policy_context(text, m.start(), m.end(), name):
            cls = "Policy"  # (实施“光谷科技创新大走廊”: a platform, which the suffix rule names)
        if cls:
            start = m.start(group)
            yield Mention(start, start + len(name), name, cls, "quoted")


def classify_quoted(name: str, book_title: bool = False) -> str | None:
    """“八八战略” → Policy; “数字经济第一城” → None (a brand title, not an entity)."""
    if RE_SENTENCE_PUNCTUATION.search(name) or (len(name) > 25 and not book_title):
        return None
    if RE_BRAND_TITLE.search(name) and not book_title:
        return None
    if any(len(part) > 8 for part in name.split("、")):
        if "、" in name:
            return None
    if book_title and name.endswith(PUBLICATION_HEADS):
        return None
    if RE_GROUPING.fullmatch(name) or RE_PLUS_GROUPING.fullmatch(name):
        return "Policy"
    bare = RE_TRAILING_BRACKETS.sub("", name)
    if bare.endswith(POLICY_HEADS) or book_title:
        return "Policy"
    return None


def _policy_context(text: str, start: int, end: int, name: str) -> bool:
    """“117N”高能级科创平台体系, 大力实施“百个项目”: a short quoted name that its context
    calls a programme, a system, a campaign or a brand."""
    if len(name) > 12 or RE_BRAND_TITLE.search(name) or "、" in name:
        return False
    return bool(RE_POLICY_AFTER.match(text, end) or RE_POLICY_BEFORE.search(text, max(0, start - 6), start + 1))


def grouping_mentions(text: str) -> Iterator[Mention]:
    """一镇两谷, 六园一街, 3+N: platform groupings named by numbers."""
    for regex in (RE_GROUPING, RE_PLUS_GROUPING):
        for m in regex.finditer(text):
            yield Mention(m.start(), m.end(), m.group(), "Policy", "grouping")


def numbered_measures(text: str) -> Iterator[Mention]:
    """发布了推动经济高质量发展72条: a policy named by its count of articles."""
    for m in RE_NUMBERED_MEASURES.finditer(text):
        yield Mention(m.start(1), m.end(1), m.group(1), "Policy", "grouping")


# ---------------------------------------------------------------- suffix grammar
def suffix_mentions(text: str, tokens: _TokenIndex, lexicon: Lexicon,
                    regions: list[Mention]) -> Iterator[Mention]:
    """A name grown leftwards from its suffix (杭州中俄人才创业园) over name-like tokens."""
    region_ends = {m.end: m for m in regions if m.text == m.canonical and m.text[-1] in "省市区县"}
    for m in RE_SUFFIX.finditer(text):
        if m.end() not in tokens.boundaries:
            continue
        cls = SUFFIX_CLASS[m.group()]
        start = grow_left(text, m.start(), tokens, lexicon, region_ends, cls)
        name = text[start : m.end()]
        if cls in PLATFORMS and text.startswith(NOT_A_PLATFORM_AFTER, m.end()):
            continue  # 西湖大学云谷校区: a campus, 紫金港路: a road
        if cls == "Event":
            start += len(RE_LEADING_YEAR.match(name).group())  # 2021湖北…推介会: the edition, not the name
            name = text[start : m.end()]
        quoted = RE_QUOTED_HEAD.search(text, max(0, start - 14), start)  # “巅峰极客”网络安全技能挑战赛
        full = quoted.group(1) + name if quoted else name
        if _is_name(full, m.group(), cls, lexicon) and not _is_brand_title(text, start, m.end()):
            end = m.end() + _bracketed_place(text, m.end(), lexicon) if cls in PLATFORMS else m.end()
            first = quoted.start() if quoted else start
            yield Mention(first, end, text[first:end], cls, f"suffix:{m.group()}",
                          quoted.group(1) + text[start:end] if quoted else "")


def _is_brand_title(text: str, start: int, end: int) -> bool:
    """打造…的“世界级滨水新城”: a quoted title that a clause aims at, not a place's name."""
    if text[start - 1 : start] != "“" or text[end : end + 1] != "”":
        return False
    clause_start = max(text.rfind(c, max(0, start - 40), start) for c in ",;。\n") + 1
    return bool(RE_BRAND_VERB.search(text, clause_start, start))


def _bracketed_place(text: str, pos: int, lexicon: Lexicon) -> int:
    """国家网络安全产业园区(北京): a region in brackets right after a platform is part of its name."""
    m = RE_BRACKETED.match(text, pos)
    if m and (lexicon.region(m.group(1)) or m.group(1).endswith("地区")):
        return m.end() - pos
    return 0


def grow_left(text: str, suffix_start: int, tokens: _TokenIndex, lexicon: Lexicon,
              region_ends: dict[int, Mention], cls: str) -> int:
    i = tokens.at(suffix_start)
    start = min(tokens.starts[i], suffix_start) if tokens.tokens else suffix_start
    if start < suffix_start and text[start:suffix_start + 1] in COMMON_VALLEY_WORDS:
        return suffix_start
    closed = False  # passed a ")" on the way: its "(" is inside the name (黄石(光谷)产业投资推介会)
    while i > 0:
        if cls in PLATFORMS and start in region_ends:
            break  # 西湖区云栖小镇: the district is a container, not part of the name
        word, word_start = tokens.tokens[i - 1], tokens.starts[i - 1]
        if tokens.starts[i] != start or not _name_like(word, lexicon, cls) or (word == "(" and not closed):
            break  # (央行金融科技研究院): a name in brackets starts after them
        closed = closed or word == ")"
        if cls in PLATFORMS and _is_container(word, lexicon):
            break  # 高新区天府软件园, 台北市内湖科技园区: a container named before the platform
        if len(word) > 1 and word == text[suffix_start : suffix_start + len(word)]:
            break  # 深圳金融科技研究院央行金融科技研究院: the same suffix ends another name
        if suffix_start - word_start > MAX_NAME:
            break
        start = word_start
        i -= 1
    return start


def _is_container(word: str, lexicon: Lexicon) -> bool:
    """A full region name (西湖区, any …省/市/县) or a bare platform word such as 高新区; not 杭州, which
    opens names (杭州中俄人才创业园)."""
    if len(word) < 2:
        return False
    return word.endswith(CONTAINER_ENDS) or word in ZONE_WORDS \
        or any(e.cls == "Region" and e.label == word for e in lexicon.entries.get(word, ()))


def _name_like(word: str, lexicon: Lexicon, cls: str) -> bool:
    if cls == "Policy" and (word in POLICY_NAME_WORDS or word.isdigit()):
        return True  # 平台建设三年行动计划, 促进大数据产业发展专项政策, 工业信息安全3年行动计划
    if cls == "Event" and word in EVENT_NAME_WORDS:
        return True  # 数字经济暨数字丝绸之路国际会议, 中国金融科技发展论坛
    if word in lexicon.boundary_words:
        return False
    return bool(RE_NAME_WORD.fullmatch(word))


def _is_name(name: str, suffix: str, cls: str, lexicon: Lexicon) -> bool:
    head = name[: -len(suffix)]
    if not HAN.search(head) and not RE_TWO_LETTERS.search(head):
        return False
    if len(head) < 2 and (suffix in WEAK_SUFFIXES or len(suffix) < 2):
        return False
    if head.endswith("(") or head.startswith(("一流", "世界一流")):
        return False  # 企业研发中心(研究院, 一流网络安全学院: an aside or an aim, not a name
    if head in GENERIC_PARTS or (_only_generic(head) and len(head) < 6):
        return False  # 省级特色小镇 is a kind; 国际金融科技生态园, six characters of modifiers, a name
    plain = RE_BRACKETED_PART.sub("", head)  # 学生实训(实习)基地
    kind = _only_generic(plain, platform=True) and not (_only_generic(plain) and len(plain) >= 6)
    if cls in PLATFORMS and (kind or RE_CONJUNCTION.search(head, 1) or RE_COUNT_OF_KINDS.search(head)):
        return False  # 人才培养基地 is a kind; 深圳与伦敦金融城 two places; 四大产业片区 a count of kinds
    if suffix == "中心" and (len(head) < 3 or not RE_NAMED_CENTRE.search(head)):
        return False  # 数据中心, 运营中心: kinds; 中信银行信用卡中心 a name
    if cls == "Company" and _only_generic(_without_leading_region(head, lexicon) or "名"):
        return False  # 香港虚拟银行: a place and a kind
    return name not in COMMON_VALLEY_WORDS


def _without_leading_region(head: str, lexicon: Lexicon) -> str:
    for length in (4, 3, 2):
        if len(head) > length and lexicon.region(head[:length]):
            return head[length:]
    return head


@functools.cache
def _generic_re(platform: bool = False) -> re.Pattern[str]:
    parts = sorted(GENERIC_PARTS | (PLATFORM_GENERIC_PARTS if platform else set()), key=len, reverse=True)
    return re.compile("(?:" + "|".join(map(re.escape, parts)) + ")+")


def _only_generic(head: str, platform: bool = False) -> bool:
    return bool(_generic_re(platform).fullmatch(head))


# ---------------------------------------------------------------- short park names


def short_park_mentions(text: str, lexicon: Lexicon) -> Iterator[Mention]:
    """Parks named by place and 园: 海淀园 (a district's bare name), and lists such as
    天府园、高新园、双流园、锦江园, whose members vouch for each other."""
    for m in RE_PARK_LIST.finditer(text):
        pos = m.start()
        for item in m.group().split("、"):
            if item[:2] not in NOT_PARK_HEADS:
                yield Mention(pos, pos + len(item), item, "Park", "short-park")
            pos += len(item) + 1
    for m in RE_SHORT_PARK.finditer(text):
        if m.group(1) in lexicon.bare_region_forms:
            yield Mention(m.start(), m.end(), m.group(), "Park", "short-park")


# ---------------------------------------------------------------- people
def person_mentions(text: str) -> Iterator[Mention]:
    titles = "|".join(sorted(PERSON_TITLES, key=len, reverse=True))
    for m in re.finditer(rf"(?:{titles}) ?", text):
        pos = m.end()
        while True:
            name = _name_at(text, pos)
            if not name:
                break
            yield Mention(pos, pos + len(name), name, "Person", "person:title")
            if text[pos + len(name) : pos + len(name) + 1] != "、":
                break
            pos += len(name) + 1
    for m in re.finditer(r"(?<![\u4e00-\u9fff])([\u4e00-\u9fff]{2,3})(?:总书记|书记|市长|区长|省长|院士|董事长)", text):
        if m.group(1)[0] in SURNAMES and not m.group(1).endswith(("委", "副", "市", "区", "省")):
            yield Mention(m.start(1), m.end(1), m.group(1), "Person", "person:before-title")


def _name_at(text: str, pos: int) -> str:
    if pos >= len(text) or text[pos] not in SURNAMES:
        return ""
    for length in (3, 2):
        name = text[pos : pos + length]
        rest = text[pos + length :]
        if HAN.fullmatch(name[-1]) and len(name) == length and (not rest or NAME_END.match(rest)) \
                and not NAME_END.match(name[-1]):  # 万鼎等: 等 ends the name, it is not part of it
            return name
    return ""


# ---------------------------------------------------------------- industries
def industry_enumerations(text: str, lexicon: Lexicon) -> Iterator[Mention]:
    """发展A、B和C等产业 → A, B, C."""
    closers = "|".join(INDUSTRY_CLOSERS)
    openers = "|".join(sorted(ENUM_OPENERS, key=len, reverse=True))
    clause_breaks = [b.start() for b in RE_CLAUSE_BREAK.finditer(text)]
    for m in re.finditer(rf"(?:等|为代表的|为主的)?(?:{closers})", text):
        if m.end() < len(text) and text[m.end()] in "化园区城基":
            continue  # 产业化, 产业园: not a sector word here
        before = bisect.bisect_left(clause_breaks, m.start())
        clause_start = clause_breaks[before - 1] + 1 if before else 0
        clause = text[clause_start : m.start()]
        if text.startswith("于一体", m.end()) or "于一体" in text[m.end() : m.end() + 12]:
            continue  # 集教育、科研、产业…于一体: facets of a place, not its sectors
        opener = last_match(openers, clause)
        list_start = clause_start + (opener.end() if opener else 0)
        list_end = m.start()
        cut = text.rfind("等", list_start, list_end)
        yield from _list_items(text, list_start, cut if cut > list_start else list_end, lexicon)


def last_match(pattern: str | re.Pattern[str], text: str) -> re.Match[str] | None:
    """The last non-overlapping match of ``pattern`` in ``text``."""
    return next(iter(reversed(list(re.finditer(pattern, text)))), None)


def _list_items(text: str, start: int, end: int, lexicon: Lexicon) -> Iterator[Mention]:
    parts = ENUM_SEPARATORS.split(text[start:end])
    pos = start
    for part in parts:
        item_start = text.index(part, pos) if part else pos
        pos = item_start + len(part)
        item = part.strip()
        if _stray_first_char(item, lexicon):
            item_start, item = item_start + 1, item[1:]  # 了制造, 集教育: a particle left from the clause
        if _industry_like(item, lexicon) and (len(parts) > 1 or item in lexicon.entries):
            yield Mention(item_start, item_start + len(item), item, "Industry", "enumeration")


def _stray_first_char(item: str, lexicon: Lexicon) -> bool:
    """了制造 (形成了制造、…): a particle that makes no word with the next character."""
    return len(item) >= 3 and item[0] in STRAY_PARTICLES and not lexicon.word_freq.get(item[:2])


def _industry_like(item: str, lexicon: Lexicon) -> bool:
    if not 2 <= len(item) <= 8 or not RE_SECTOR_ITEM.fullmatch(item):
        return False
    if "的" in item or item.endswith(NOT_SECTOR_ENDS) or _only_generic(item):
        return False
    if lexicon.boundary_pattern.search(item, 1) or _names_a_region(item, lexicon):
        return False  # 成都市促进大数据, 信息化部网络安全: a clause, not a sector
    if item.endswith(PLATFORM_SUFFIX_ENDS):
        return False  # 经济技术开发区: a platform, not a sector
    if item not in lexicon.entries and not INDUSTRY_HINTS.search(item):
        return False
    return not item.startswith(lexicon.boundary_prefixes) \
        and item[0] not in "以在和与及为是将把对从向由于各该"


def _names_a_region(item: str, lexicon: Lexicon) -> bool:
    return "部" in item or any(len(surface) > 2 and surface[-1] in "省市区县" and lexicon.region(surface)
                               for _, _, surface in lexicon.find(item))


# ---------------------------------------------------------------- organisations named in a list


def listed_organisations(text: str, lexicon: Lexicon) -> Iterator[Mention]:
    """信达生物、亚盛医药等企业 → two companies; 西湖大学、之江实验室等高校 → institutions.
    Names without a suffix, vouched for by the kind that closes their list."""
    for m in RE_LISTED_ORGS.finditer(text):
        cls = LISTED_KIND[m.group(2)]
        pos = m.start(1)
        for item in m.group(1).split("、"):
            first = _after_last_verb(item, lexicon) if pos == m.start(1) else item  # 引进信达生物: not 引进
            if _organisation_like(first, lexicon):
                yield Mention(pos + len(item) - len(first), pos + len(item), first, cls, "listed-org")
            pos += len(item) + 1


def _after_last_verb(item: str, lexicon: Lexicon) -> str:
    cut = 0
    for verb in lexicon.boundary_pattern.finditer(item):
        cut = verb.end()
    while cut < len(item) and item[cut] in "了着过的":
        cut += 1
    return item[cut:]


def _organisation_like(item: str, lexicon: Lexicon) -> bool:
    if len(item) < 2 or item.startswith(lexicon.boundary_prefixes) or item[0] in "以在和与及为是将把对从向由于各该等":
        return False
    entry = lexicon.entries.get(item)
    return not (entry and entry[0].cls in ("Region", "Industry")) and not _only_generic(item)


# ---------------------------------------------------------------- ellipsis
def ellipsis_mentions(text: str, candidates: list[Mention], lexicon: Lexicon) -> list[Mention]:
    """转塘、曙光路艺术街区 → 转塘艺术街区; 西溪谷金融、云谷等特色小镇 → each a 小镇."""
    found = []
    for m in candidates:
        if m.label in PLATFORMS and m.source.startswith("suffix"):
            found += _shared_tail(text, m)
    return found + list(_listed_before_deng(text, lexicon))


def _shared_tail(text: str, m: Mention) -> list[Mention]:
    head = re.match(r"[\u4e00-\u9fff]{2,3}?(?:路|街|镇|村|港|湾|湖|山)", m.text)
    if not head or text[m.start - 1 : m.start] != "、":
        return []
    tail = m.text[head.end():]
    item = re.search(r"(?:^|[,，、。;:“\s]|和|与|及)([\u4e00-\u9fff]{2,4})$", text[max(0, m.start - 8) : m.start - 1])
    if not item or not tail:
        return []
    start = m.start - 1 - len(item.group(1))
    return [Mention(start, m.start - 1, item.group(1), m.label, "ellipsis", item.group(1) + tail)]


PLATFORM_SUFFIXES = "|".join(PLATFORM_SUFFIX_ENDS)
RE_LIST_THEN_KIND = re.compile(
    # at most 30 items, taken possessively: a long list without 等 must not backtrack
    rf"((?:[\u4e00-\u9fff]{{2,8}}、){{1,30}}+[\u4e00-\u9fff]{{2,8}})等(?:[^,，。、]{{0,6}}?)({PLATFORM_SUFFIXES})"
)


def _listed_before_deng(text: str, lexicon: Lexicon) -> Iterator[Mention]:
    for m in RE_LIST_THEN_KIND.finditer(text):
        suffix = m.group(2)
        if not _only_generic(text[m.end(1) + 1 : m.start(2)] or "特色"):
            continue
        pos = m.start(1)
        for item in m.group(1).split("、"):
            name = _after_last_verb(item, lexicon) if pos == m.start(1) else item  # 建成天府软件园: not 建成
            start = pos + len(item) - len(name)
            # 文三街、天府软件园等…街区/产业园区: names that end in a platform word already keep them
            own = RE_SUFFIX_AT_END.search(name)
            named = name.endswith((suffix, suffix[0])) or (own and SUFFIX_CLASS[own.group()] == SUFFIX_CLASS[suffix])
            if len(name) >= 2:
                yield Mention(start, start + len(name), name, SUFFIX_CLASS[suffix], "ellipsis",
                              name if named else name + suffix)
            pos += len(item) + 1
