"""Source ``short-park``: parks named by a place and 园 (海淀园; 天府园、高新园)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from kg.extract.doc import Mention
from kg.extract.lexicon import Lexicon
from kg.extract.patterns import NOT_PARK_HEADS, NOT_PART_ENDS, RE_PARK_LIST, RE_PARK_PART, RE_SHORT_PARK
from kg.extract.recognize.common import Context


def find(ctx: Context) -> Iterable[Mention]:
    yield from short_park_mentions(ctx.text, ctx.lexicon)
    yield from park_parts(ctx)


def park_parts(ctx: Context) -> Iterator[Mention]:
    """空港新区天城北园, 福州高新区海西园: a park of two or three characters and 园 right after
    the platform it belongs to."""
    text, boundary = ctx.text, ctx.lexicon.boundary_words
    for c in ctx.candidates:
        if c.label != "Park":
            continue
        m = RE_PARK_PART.match(text, c.end)
        if m and m.group(1)[-1] not in NOT_PART_ENDS and m.group(1)[:2] not in NOT_PARK_HEADS \
                and not any(w in boundary for w in (m.group(1)[:2], m.group(1)[-2:], m.group(1)[0])):
            yield Mention(m.start(), m.end(), m.group(), "Park", "short-park")


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
