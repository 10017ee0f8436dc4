"""Source ``enumeration``: the items of a list that closes with 产业/领域/集群 (发展A、B和C等产业)."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from kg.extract.doc import Mention
from kg.extract.lexicon import Lexicon
from kg.extract.patterns import (
    ENUM_OPENERS,
    ENUM_SEPARATORS,
    INDUSTRY_CLOSERS,
    INDUSTRY_HINTS,
    NOT_SECTOR_ENDS,
    RE_CLAUSE_BREAK,
    RE_CLAUSE_INSIDE,
    RE_HAN_WORD,
    RE_LIST_COUNT,
    RE_LIST_QUOTE,
    RE_LIST_SEPARATORS,
    RE_NOT_A_SECTOR_WORD,
    RE_NOT_SECTOR_HEAD,
    RE_PLATFORM_IN_ITEM,
    RE_SECTOR_HEADING,
    RE_SECTOR_ITEM,
    RE_SECTOR_WORD,
    SECTOR_HUA,
    SECTOR_MODIFIERS,
    STRAY_PARTICLES,
)
from kg.extract.recognize.common import PLATFORM_SUFFIX_ENDS, Context, after_last_verb, last_match, only_generic


def find(ctx: Context) -> Iterator[Mention]:
    # “汉孝随襄十”新能源与智能网联汽车、“武鄂黄黄咸”光电子信息…: a quoted place group before each item
    # is blanked out (same length), so that its quotes do not break the list
    text = RE_LIST_QUOTE.sub(lambda m: "\u3000" * len(m.group()), ctx.text)
    yield from industry_enumerations(text, ctx.lexicon)
    yield from sector_heads(ctx)
    for m in RE_SECTOR_OBJECT.finditer(text):  # 大力发展新型储能,: one sector after a verb of growing it
        yield from _sector_objects(m.start(1), m.group(1), ctx.lexicon)
    for m in RE_SECTOR_PLACE.finditer(text):  # 打造车规级芯片集聚地: the sector a place is built for
        name = m.group(1)
        if is_sector(name, ctx.lexicon) and name not in ctx.lexicon.entries and not RE_NOT_SECTOR_OBJECT.search(name):
            yield Mention(m.start(1), m.end(1), name, "Industry", "sector-base")
    for m in RE_SECTOR_OF_LIST.finditer(text):  # 天兵科技、天章卫星等商业航天企业: the list's sector
        if is_sector(m.group(1), ctx.lexicon) and m.group(1) not in ctx.lexicon.entries:
            yield Mention(m.start(1), m.end(1), m.group(1), "Industry", "enumeration")
    for m in RE_SECTOR_HEADING.finditer(text):  # 纺织化纤产业: heads a paragraph of a plan
        if industry_like(m.group(1), ctx.lexicon, vouched=True):
            yield Mention(m.start(1), m.end(1), m.group(1), "Industry", "heading")


RE_SECTOR_OBJECT = re.compile(r"(?:大力发展|加快发展|重点发展|积极发展|培育壮大|发展壮大)"
                              r"([\u4e00-\u9fff]{2,8}?(?:、[\u4e00-\u9fff]{2,8}?){0,5})(?=[,，。;；])")
RE_SECTOR_OBJECT_TAIL = re.compile("(?:支柱产业|产业集群|产业)$")
RE_NOT_SECTOR_OBJECT = re.compile("事业|主体|产品|集群|人才|等|[和与及]")  # 教育事业, 新型农业经营主体, 文化产业和旅游业


def _sector_objects(start: int, span: str, lexicon: Lexicon) -> Iterator[Mention]:
    """The sector, or the list of sectors (重点发展高端电力、智慧装备、增材制造。), that a verb of
    growing takes as its whole object: a list counts once one item reads as a sector and every
    item could be one."""
    items, pos = [], start
    for part in span.split("、"):
        name = RE_SECTOR_OBJECT_TAIL.sub("", part)  # 现代物流产业 → 现代物流
        if RE_NOT_SECTOR_OBJECT.search(name) or (name in lexicon.entries and len(span) == len(part)):
            return  # 教育事业 …; a lone lexicon entry is found by the lexicon
        items.append((pos, name))
        pos += len(part) + 1
    if not any(is_sector(name, lexicon) for _, name in items):
        return
    if len(items) > 1 and not all(industry_like(name, lexicon, vouched=True) or is_sector(name, lexicon) for _, name in items):
        return
    for item_start, name in items:
        if name not in lexicon.entries:
            yield Mention(item_start, item_start + len(name), name, "Industry", "sector-object")


RE_SECTOR_PLACE = re.compile(r"(?:打造|建设|建成|培育)(?:全国|全球|世界|国际|国内|重要|领先|一流|最大|的)*"
                             r"([\u4e00-\u9fff]{2,8}?)(?:产业)?(?:集聚地|集聚区|聚集区|集聚高地|高地)")
RE_SECTOR_OF_LIST = re.compile(r"等([\u4e00-\u9fff]{2,6}?)(?:优质|重点|骨干|头部|知名|优势|领军|龙头|领域)?企业")
RE_OPENERS = re.compile("|".join(re.escape(o) if o != "以" else "以(?!及)" for o in sorted(ENUM_OPENERS, key=len, reverse=True)))
RE_CLOSERS = re.compile("(?:等|为代表的|为主的)?(?:" + "|".join(INDUSTRY_CLOSERS) + ")")


def industry_enumerations(text: str, lexicon: Lexicon) -> Iterator[Mention]:
    """发展A、B和C等产业 → A, B, C. A list closed by 等 or a count (A、B等传统产业, A、B…5大行业)
    vouches for its items once one of them reads as a sector."""
    clause_breaks = [b.start() for b in RE_CLAUSE_BREAK.finditer(text)]
    for m in RE_CLOSERS.finditer(text):
        if RE_NOT_A_SECTOR_WORD.match(text, m.end()):
            continue  # 产业化, 产业园, 产业基地: not a sector word here
        # 中芯国际、长电科技等集成电路产业项目, 等平台经济企业: the list names projects or firms, not sectors;
        # but a counted list of projects or platforms (集成电路和高端生物医药两个产业平台) names them by their sectors
        head = RE_NOT_SECTOR_HEAD.match(text, m.end())
        if head and head.group() not in ("项目", "平台"):
            continue
        projects = head is not None
        before = bisect.bisect_left(clause_breaks, m.start())
        clause_start = clause_breaks[before - 1] + 1 if before else 0
        clause = text[clause_start : m.start()]
        if text.startswith("于一体", m.end()) or "于一体" in text[m.end() : m.end() + 12]:
            continue  # 集教育、科研、产业…于一体: facets of a place, not its sectors
        opener = last_match(RE_OPENERS, clause)
        list_start = clause_start + (opener.end() if opener else 0)
        list_end = m.start() - (text[m.start() - 1 : m.start()] == "全" and m.group().endswith("链"))  # …汽车全产业链
        count = RE_LIST_COUNT.search(text, list_start, list_end)
        if projects and not count:
            continue
        cut = text.rfind("等", list_start, list_end)
        kind = text[cut + 1 : list_end] if cut > list_start else ""
        closed = bool(count) or (cut > list_start and list_end - cut <= 7)
        # 等传统产业, 等优势产业: the kind of the list says its items are sectors
        vouched = bool(count) or (closed and m.group().endswith(("产业", "行业", "集群")) and not RE_CLAUSE_INSIDE.search(kind))
        if count:
            list_end = count.start()
        elif cut > list_start:
            list_end = cut
        yield from _list_items(text, list_start, list_end, lexicon, closed and not projects, vouched and not projects)


def _list_items(text: str, start: int, end: int, lexicon: Lexicon, closed: bool = False,
                vouched: bool = False) -> Iterator[Mention]:
    span = text[start:end]
    parts = (RE_LIST_SEPARATORS if "、" in span else ENUM_SEPARATORS).split(span)
    items = []
    pos = start
    for part in parts:
        item_start = text.index(part, pos) if part else pos
        pos = item_start + len(part)
        item = part.strip()
        item_start += len(part) - len(part.lstrip())
        place = _leading_place(item, lexicon)
        region = None
        if place:  # 曾都移动应急装备, 西安高新区光电子: a place glued to its sector
            if place[1]:
                region = Mention(item_start, item_start + len(place[0]), place[0], "Region", "enumeration", place[1])
            item_start, item = item_start + len(place[0]), item[len(place[0]) :]
        if _stray_first_char(item, lexicon):
            item_start, item = item_start + 1, item[1:]  # 了制造, 集教育: a particle left from the clause
        if not items and item.startswith(lexicon.boundary_prefixes) and not item.startswith(SECTOR_MODIFIERS):
            rest = after_last_verb(item, lexicon, SECTOR_MODIFIERS)  # 促进工程机械: the list starts after the verb
            if len(rest) >= 2:
                item_start, item = item_start + len(item) - len(rest), rest
        items.append((item_start, item, region))
    sectors = [industry_like(item, lexicon) for _, item, _ in items]
    vouched = len(items) > 1 and (vouched or (closed and any(sectors)))
    for (item_start, item, region), sector in zip(items, sectors, strict=True):
        if (sector and (len(parts) > 1 or item in lexicon.entries)) or (vouched and industry_like(item, lexicon, vouched=True)):
            if region:
                yield region  # the place glued to a sector is one only beside one
            yield Mention(item_start, item_start + len(item), item, "Industry", "enumeration")


def _leading_place(item: str, lexicon: Lexicon) -> tuple[str, str] | None:
    """The region (with its full name) or platform that opens a list item before a sector of at
    least two characters: 曾都移动应急装备 → (曾都, 曾都区); 西安高新区光电子 → (西安高新区, "")."""
    suffix = RE_PLATFORM_IN_ITEM.search(item)
    if suffix and len(item) - suffix.end() >= 2:
        return item[: suffix.end()], ""
    for start, end, surface in lexicon.find(item[:4]):
        region = lexicon.region(surface)
        if start == 0 and region and region.level == "county" and len(item) - end >= 2 \
                and not any(lexicon.word_freq.get(item[: end + n]) for n in (1, 2)):  # 新兴产业: a word, not 新兴区
            return surface, region.label
    return None


def _stray_first_char(item: str, lexicon: Lexicon) -> bool:
    """了制造 (形成了制造、…): a particle that makes no word with the next character."""
    return len(item) >= 3 and item[0] in STRAY_PARTICLES and not lexicon.word_freq.get(item[:2])


def industry_like(item: str, lexicon: Lexicon, vouched: bool = False) -> bool:
    """A sector name: a lexicon entry or a word of sectors (制造, 医药 …); in a list that vouches
    for its items (A、B等传统产业), any short name that is no clause, place or platform. Two sectors
    joined by 与 name one (新能源与智能网联汽车, 生物医药与健康)."""
    left, joined, right = item.partition("与")
    if joined and len(item) > 8 and "与" not in right:
        return industry_like(left, lexicon) and industry_like(right, lexicon)
    if not 2 <= len(item) <= 8 or not RE_SECTOR_ITEM.fullmatch(item):
        return False
    if "的" in item or (item.endswith(NOT_SECTOR_ENDS) and not item.endswith(SECTOR_HUA)) or only_generic(item):
        return False
    if lexicon.boundary_pattern.search(item, 1) or _names_a_region(item, lexicon):
        return False  # 成都市促进大数据, 信息化部网络安全: a clause, not a sector
    if item.endswith(PLATFORM_SUFFIX_ENDS):
        return False  # 经济技术开发区: a platform, not a sector
    if item not in lexicon.entries and not INDUSTRY_HINTS.search(item) and not vouched:
        return False
    if item in lexicon.entries and lexicon.entries[item][0].cls in ("Region", "Company", "Institution", "Park"):
        return False  # 天门 in 枣阳、天门等经济强县: a place
    return not (item.startswith(lexicon.boundary_prefixes) and not item.startswith(SECTOR_MODIFIERS)) \
        and item[0] not in "以在和与及为是将把对从向由于各该"


def _names_a_region(item: str, lexicon: Lexicon) -> bool:
    return "部" in item or any(len(surface) > 2 and surface[-1] in "省市区县" and lexicon.region(surface)
                               for _, _, surface in lexicon.find(item))


def is_sector(item: str, lexicon: Lexicon) -> bool:
    """A sector's name: an Industry of the lexicon, or a name that reads as one and that the
    lexicon knows as nothing else (北交所 is a company, 浙江 a region)."""
    entries = lexicon.entries.get(item)
    if entries:
        return entries[0].cls == "Industry"
    return industry_like(item, lexicon)


def sector_heads(ctx: Context) -> Iterator[Mention]:
    """发展稀土产业, 稀土功能材料产业全覆盖: the words right before 产业, each a sector's word, a
    modifier or a generic word, that together read as a sector name an industry (rule
    ``sector-head``)."""
    text, tokens, lexicon = ctx.text, ctx.tokens, ctx.lexicon
    for m in RE_SECTOR_WORD.finditer(text):
        if not m.start() or m.start() not in tokens.boundaries:
            continue
        i = tokens.at(m.start() - 1)
        first = i + 1
        while first > 0 and i - first < 2 and _sector_word(tokens.tokens[first - 1], lexicon):
            first -= 1
        while first <= i and not is_sector(tokens.tokens[first], lexicon) and not tokens.tokens[first].startswith(SECTOR_MODIFIERS):
            first += 1  # a name opens with a sector's word or a modifier, not with 功能, 体系
        if first <= i and not only_generic(tokens.tokens[i]):  # 人工智能核心产业: the sector is 人工智能
            start = tokens.starts[first]
            item = text[start : m.start()]
            if len(item) >= 2 and is_sector(item, lexicon) and item not in lexicon.entries:
                yield Mention(start, m.start(), item, "Industry", "sector-head")


def _sector_word(word: str, lexicon: Lexicon) -> bool:
    return bool(RE_HAN_WORD.fullmatch(word)) and word not in lexicon.boundary_words \
        and (is_sector(word, lexicon) or only_generic(word) or word.startswith(SECTOR_MODIFIERS))
