"""Source ``township``: towns and townships of a district (顺德区北滘镇、陈村镇、乐从镇), which are
regions the gazetteer does not hold: two characters and 镇 right after a county-level region, and
the items of the list it opens."""

from __future__ import annotations

from collections.abc import Iterator

from kg.extract.doc import Mention
from kg.extract.patterns import RE_TOWNSHIP_LIST
from kg.extract.recognize.common import Context


def find(ctx: Context) -> Iterator[Mention]:
    counties = {m.end for m in ctx.candidates if m.source == "lexicon" and m.label == "Region" and m.text[-1] in "区县市"}
    for m in RE_TOWNSHIP_LIST.finditer(ctx.text):
        if m.start() not in counties:
            continue
        pos = m.start()
        for item in m.group().split("、"):
            yield Mention(pos, pos + len(item), item, "Region", "township")
            pos += len(item) + 1
