"""Source ``short-form``: a platform named in full once and then without its place (长春汽开区 …
汽开区, 临港新片区 … 新片区): the later bare form names the same platform."""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.extract.doc import Mention
from kg.extract.patterns import PLATFORMS
from kg.extract.recognize.common import RE_SUFFIX_AT_END, Context

MIN_SHORT = 3  # 汽开区, 新片区: shorter bare forms (园区) name kinds


def find(ctx: Context) -> Iterator[Mention]:
    text, lexicon = ctx.text, ctx.lexicon
    full: dict[str, set[str]] = {}  # bare form → the full names it may stand for
    classes: dict[str, str] = {}
    for m in ctx.candidates:
        if m.label not in PLATFORMS or not RE_SUFFIX_AT_END.search(m.text):
            continue
        for length in (3, 2):
            place, rest = m.text[:length], m.text[length:]
            if len(rest) >= MIN_SHORT and lexicon.region(place) and not lexicon.region(rest):
                full.setdefault(rest, set()).add(m.canonical or m.text)
                classes.setdefault(m.canonical or m.text, m.label)
                break
    for rest, names in full.items():
        if len(names) != 1:
            continue  # two 高新区 in one text: the bare form is ambiguous
        (name,) = names
        for m in re.finditer(re.escape(rest), text):
            if text[max(0, m.start() - len(name) + len(rest)) : m.end()] != name and m.start() in ctx.tokens.boundaries:
                yield Mention(m.start(), m.end(), rest, classes[name], "short-form", name)

