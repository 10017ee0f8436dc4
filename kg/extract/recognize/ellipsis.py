"""Sources ``ellipsis``: names that share a tail (转塘、曙光路艺术街区), and ``kind-list``: names listed
before their kind (A、B等特色小镇, 武汉东湖、襄阳、宜昌3家高新区), which the list makes platforms even
where an item alone would be a region."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from kg.extract.doc import Mention
from kg.extract.lexicon import Lexicon
from kg.extract.patterns import PLATFORMS
from kg.extract.recognize.common import PLATFORM_SUFFIX_ENDS, RE_SUFFIX_AT_END, SUFFIX_CLASS, Context, after_last_verb, only_generic


def find(ctx: Context) -> Iterable[Mention]:
    return ellipsis_mentions(ctx.text, ctx.candidates, ctx.lexicon)


def ellipsis_mentions(text: str, candidates: list[Mention], lexicon: Lexicon) -> list[Mention]:
    """转塘、曙光路艺术街区 → 转塘艺术街区; 西溪谷金融、云谷等特色小镇 → each a 小镇."""
    found = []
    for m in candidates:
        if m.label in PLATFORMS and m.source.startswith("suffix"):
            found += _shared_tail(text, m, lexicon)
    return found + list(_listed_before_deng(text, lexicon))


def _shared_tail(text: str, m: Mention, lexicon: Lexicon) -> list[Mention]:
    """转塘、曙光路艺术街区: the item before 、 takes the name's tail after its place word; so does
    长乐 in 长乐、罗源新型建材产业园, where both items are places of the gazetteer."""
    if text[m.start - 1 : m.start] != "、":
        return []
    head = re.match(r"[\u4e00-\u9fff]{2,3}?(?:路|街|镇|村|港|湾|湖|山)", m.text)
    item = re.search(r"(?:^|[,，、。;:“\s]|和|与|及)([\u4e00-\u9fff]{2,4})$", text[max(0, m.start - 8) : m.start - 1])
    if not head and item:
        place = next((m.text[:n] for n in (3, 2) if lexicon.region(m.text[:n])), "")
        head = re.match(re.escape(place), m.text) if place and lexicon.region(item.group(1)) else None
    if not head or not item:
        return []
    tail = m.text[head.end():]
    if not tail:
        return []
    start = m.start - 1 - len(item.group(1))
    return [Mention(start, m.start - 1, item.group(1), m.label, "ellipsis", item.group(1) + tail)]
PLATFORM_SUFFIXES = "|".join(PLATFORM_SUFFIX_ENDS)
RE_LIST_THEN_KIND = re.compile(
    # at most 30 items, taken possessively: a long list without 等 must not backtrack
    # and closed by 等 or by their count (武汉东湖、襄阳、宜昌3家高新区)
    rf"((?:[\u4e00-\u9fff]{{2,8}}、){{1,30}}+[\u4e00-\u9fff]{{2,8}})(等|\d+家|[两三四五六七八九十]+家)(?:[^,，。、]{{0,6}}?)({PLATFORM_SUFFIXES})"
)


def _listed_before_deng(text: str, lexicon: Lexicon) -> Iterator[Mention]:
    for m in RE_LIST_THEN_KIND.finditer(text):
        suffix = m.group(3)
        if not only_generic(text[m.end(2) : m.start(3)] or "特色"):
            continue
        pos = m.start(1)
        for item in m.group(1).split("、"):
            name = after_last_verb(item, lexicon) if pos == m.start(1) else item  # 建成天府软件园: not 建成
            start = pos + len(item) - len(name)
            # 文三街、天府软件园等…街区/产业园区: names that end in a platform word already keep them
            own = RE_SUFFIX_AT_END.search(name)
            named = name.endswith((suffix, suffix[0])) or (own and SUFFIX_CLASS[own.group()] == SUFFIX_CLASS[suffix])
            if len(name) >= 2:
                yield Mention(start, start + len(name), name, SUFFIX_CLASS[suffix], "kind-list",
                              name if named else name + suffix)
            pos += len(item) + 1
