"""Source ``listed-org``: organisations without a suffix, vouched for by the kind closing their list."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from kg.extract.doc import Mention
from kg.extract.lexicon import Lexicon
from kg.extract.patterns import LISTED_KIND, RE_BEFORE_LIST, RE_LISTED_ORGS
from kg.extract.recognize.common import Context, after_last_verb, only_generic


def find(ctx: Context) -> Iterable[Mention]:
    return listed_organisations(ctx.text, ctx.lexicon)


def listed_organisations(text: str, lexicon: Lexicon) -> Iterator[Mention]:
    """信达生物、亚盛医药等企业 → two companies; 西湖大学、之江实验室等高校 → institutions.
    Names without a suffix, vouched for by the kind that closes their list."""
    for m in RE_LISTED_ORGS.finditer(text):
        cls = LISTED_KIND[m.group(3)]
        pos = m.start(1)
        for item in m.group(1).split("、"):
            # 引进信达生物: not 引进; …项目和浙江医药, 园区内的中芯国际: the list starts after 和, 的
            first = after_last_verb(RE_BEFORE_LIST.split(item)[-1], lexicon) if pos == m.start(1) else item
            if _organisation_like(first, lexicon):
                yield Mention(pos + len(item) - len(first), pos + len(item), first, cls, "listed-org")
            pos += len(item) + 1


def _organisation_like(item: str, lexicon: Lexicon) -> bool:
    if len(item) < 2 or item.startswith(lexicon.boundary_prefixes) or item[0] in "以在和与及为是将把对从向由于各该等":
        return False
    entry = lexicon.entries.get(item)
    return not (entry and entry[0].cls in ("Region", "Industry")) and not only_generic(item)
