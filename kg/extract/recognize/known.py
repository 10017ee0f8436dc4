"""Source ``lexicon``: names the lexicons know (regions checked for plausibility)."""

from __future__ import annotations

from collections.abc import Iterable

from kg.extract.doc import Mention
from kg.extract.lexicon import Entry, Lexicon
from kg.extract.patterns import COMMON_WORD_COUNTIES, NOT_AFTER_BARE_REGION, NOT_SECTOR_AFTER
from kg.extract.recognize.common import HAN, Context, TokenIndex


def find(ctx: Context) -> Iterable[Mention]:
    return lexicon_mentions(ctx.text, ctx.lexicon, ctx.tokens)


def lexicon_mentions(text: str, lexicon: Lexicon, tokens: TokenIndex) -> list[Mention]:
    """At each token boundary, the longest lexicon surface that also ends on one (and is plausible)."""
    longest: dict[int, tuple[int, str]] = {}
    said = _Said(text)
    for start, end, surface in lexicon.find(text):
        if start not in tokens.boundaries or end not in tokens.boundaries or longest.get(start, (0,))[0] >= end:
            continue
        entry = lexicon.entries[surface][0]
        if entry.cls == "Region" and not _region_at(text, start, end, surface, entry, lexicon, tokens, said):
            continue
        if entry.cls == "Industry" and text.startswith(NOT_SECTOR_AFTER, end) and not surface.endswith(("产业", "行业")):
            continue  # 科技服务体系健全, 提升科技服务能力: a system or a capacity, not the sector
        longest[start] = (end, surface)
    return [Mention(start, end, surface, lexicon.entries[surface][0].cls, "lexicon", lexicon.entries[surface][0].label)
            for start, (end, surface) in sorted(longest.items())]


class _Said(dict[str, bool]):
    """Whether a text names a string, each string looked up once: a long text names the same few
    cities next to hundreds of its districts."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def __missing__(self, name: str) -> bool:
        self[name] = found = bool(name) and name in self.text
        return found


def _region_at(text: str, start: int, end: int, surface: str, entry: Entry, lexicon: Lexicon,
               tokens: TokenIndex, said: _Said) -> bool:
    if surface != entry.label and text[end : end + 1] in NOT_AFTER_BARE_REGION:
        return False
    if surface in COMMON_WORD_COUNTIES:
        return any(_after_city(text, start, e, lexicon) for e in lexicon.entries[surface])
    if surface in lexicon.bare_region_forms and any(_after_city(text, start, e, lexicon) for e in lexicon.entries[surface]):
        return True  # 长沙宁乡, 温州龙湾: a bare county right after its city
    before = _word_before(text, start, tokens)
    listed = "、" in (text[start - 1 : start], text[end : end + 1])
    return any(_region_plausible(e, surface, said, lexicon, before, listed) for e in lexicon.entries[surface])


FULL_NAME_ENDS = ("县", "市", "区", "旗")


def _after_city(text: str, start: int, entry: Entry, lexicon: Lexicon) -> bool:
    """Whether the county ``entry`` follows its city's full or bare name: 大同市城区, 大同城区."""
    cities = (entry.parent, lexicon.region_bare.get(entry.parent, ""))
    return entry.level == "county" and any(c and text.endswith(c, 0, start) for c in cities)


def _word_before(text: str, start: int, tokens: TokenIndex) -> str:
    if start == 0 or not tokens.tokens:
        return ""
    return tokens.tokens[tokens.at(start - 1)]


def _region_plausible(entry: Entry, surface: str, said: _Said, lexicon: Lexicon, before: str,
                      listed: bool = False) -> bool:
    """A county needs its city named too, or to open a phrase: 新兴区 in 智慧产业新兴区 is not one.
    A bare county name (西湖) needs its full name in the text, or to be listed (南山、罗湖、前海等)
    in a text that names its city."""
    if entry.level != "county":
        return True
    if surface in lexicon.bare_region_forms and not said[entry.label] and not listed:
        return False  # 西湖 alone is a lake; a district only beside 西湖区
    full = surface == entry.label or surface.endswith(FULL_NAME_ENDS)  # a former full name: 宁乡县 of 宁乡市
    if full and (not HAN.match(before or "。") or before in lexicon.boundary_words
                                   or (before in lexicon.entries and before != surface)):
        return True
    parent = lexicon.region(entry.parent)
    names = {entry.parent, lexicon.region_bare.get(entry.parent, "")}
    if parent and parent.parent:
        names |= {parent.parent, lexicon.region_bare.get(parent.parent, "")}
    return any(said[n] for n in names)
