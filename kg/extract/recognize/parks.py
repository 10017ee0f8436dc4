"""Source ``short-park``: parks named by a place and 园 (海淀园; 天府园、高新园)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from kg.extract.doc import Mention
from kg.extract.lexicon import Lexicon
from kg.extract.patterns import NOT_PARK_HEADS, RE_PARK_LIST, RE_SHORT_PARK
from kg.extract.recognize.common import Context


def find(ctx: Context) -> Iterable[Mention]:
    return short_park_mentions(ctx.text, ctx.lexicon)


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
