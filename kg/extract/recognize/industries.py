"""Source ``enumeration``: the items of a list that closes with 产业/领域/集群 (发展A、B和C等产业)."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator

from kg.extract.doc import Mention
from kg.extract.lexicon import Lexicon
from kg.extract.patterns import (
    ENUM_OPENERS,
    ENUM_SEPARATORS,
    INDUSTRY_CLOSERS,
    INDUSTRY_HINTS,
    NOT_SECTOR_ENDS,
    RE_CLAUSE_BREAK,
    RE_SECTOR_ITEM,
    STRAY_PARTICLES,
)
from kg.extract.recognize.common import PLATFORM_SUFFIX_ENDS, Context, last_match, only_generic


def find(ctx: Context) -> Iterable[Mention]:
    return industry_enumerations(ctx.text, ctx.lexicon)


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
    if "的" in item or item.endswith(NOT_SECTOR_ENDS) or only_generic(item):
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
