"""Source ``public:LIST``: names from public lists (universities, national zones, Zhejiang
towns, listed companies, well-known organisations); see kg/extract/gazetteer.py."""

from __future__ import annotations

from collections.abc import Iterator

from kg.extract.doc import Mention
from kg.extract.gazetteer import default_public_lists
from kg.extract.recognize.common import Context

SHORT = 4  # forms this short must start and end on token boundaries: 国网 is not in 我国网络


def find(ctx: Context) -> Iterator[Mention]:
    lists = default_public_lists()
    for start, end, form in lists.find(ctx.text):
        if end - start <= SHORT and (start not in ctx.tokens.boundaries or end not in ctx.tokens.boundaries):
            continue
        listed = lists.forms[form]
        yield Mention(start, end, form, listed.cls, f"public:{listed.rule}", listed.label)
