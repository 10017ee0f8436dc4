"""Source ``model:person``: people tagged by the trained name model (kg/extract/namemodel.py), for
names that no rule delimits with confidence.

The model is costly, so it reads only short windows of one length (one batch, no padding) around
the places where a person is likely and the rules found none: a surname right after a title or
role word (主任徐波; a person is first named with a title, and later uses follow). Windows
before verbs of speaking (,陆瑜表示) found no one more on the sample or the development set, and
cost four windows in ten.
A PER span the model puts there is kept when it looks like a name (a known surname, two to four
Han characters, not a byline, not a quoted brand); a name cut short (曹和 for 曹和家) is extended.
Later uses of a name found so are mentions too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.extract.doc import Mention
from kg.extract.patterns import RE_HAN_WORD
from kg.extract.person_patterns import COMPOUND_SURNAMES, NAME_CONTINUES, PERSON_BYLINE, PERSON_TITLE_AFTER, SURNAMES, TITLES
from kg.extract.recognize.common import HAN, Context, common_word

WINDOW = 12  # characters the model reads around a likely name
BEFORE = 4  # of which before the name's first character
_SURNAME = "[" + "".join(sorted(SURNAMES)) + "]"
RE_AFTER_TITLE = re.compile("(?:" + "|".join(sorted(TITLES, key=len, reverse=True)) + ")[、,，\\s]?(?=" + _SURNAME + ")")


def find(ctx: Context) -> Iterator[Mention]:
    if not ctx.lexicon.name_model:
        return
    text = ctx.text
    people = [m for m in ctx.candidates if m.label == "Person"]
    starts = sorted({m.end() for m in RE_AFTER_TITLE.finditer(text)})
    first: dict[str, int] = {}  # one window per name: 主席习近平 said twenty times is one question
    for s in starts:
        if not any(p.start <= s < p.end for p in people):  # the rules have it
            first.setdefault(text[s : s + 3], s)
    windows = [_window(text, s) for s in first.values()]
    if not windows:
        return
    from kg.extract.namemodel import name_model  # the model loads on the first window that needs it

    found: dict[str, tuple[int, int]] = {}
    for (offset, name_start), spans in zip(windows, name_model().spans([text[o : o + WINDOW] for o, _ in windows], keep={"PER"}),
                                           strict=True):
        for k, (a, b, _tag) in enumerate(spans):
            start, end = offset + a, offset + b
            if start != name_start:
                continue
            end = _extended(text, start, end, spans[k + 1] if k + 1 < len(spans) else None)
            if _person_like(text, start, end) and not common_word(text[start:end], ctx.lexicon):
                found.setdefault(text[start:end], (start, end))
    for name, (start, end) in found.items():
        yield Mention(start, end, name, "Person", "model:person")
        for later in re.compile(re.escape(name)).finditer(text, end):  # 陆瑜表示… 陆瑜说: the same person
            yield Mention(later.start(), later.end(), name, "Person", "model:person")


def _window(text: str, name_start: int) -> tuple[int, int]:
    """(offset, name start) of the window of WINDOW characters around a likely name (the whole
    text, if shorter)."""
    return max(0, min(name_start - BEFORE, len(text) - WINDOW)), name_start


def _extended(text: str, start: int, end: int, following: tuple[int, int, str] | None) -> int:
    """曹和 | 家 | 、: a two-character name whose next one-character word ends the phrase was cut short."""
    if end - start != 2 or following is None or following[1] - following[0] != 1:
        return end
    char, after = text[end : end + 1], text[end + 1 : end + 2]
    if HAN.fullmatch(char) and char not in NAME_CONTINUES and (after in "、,，。;；)”等" or PERSON_TITLE_AFTER.match(text, end + 1)):
        return end + 1
    return end


def _person_like(text: str, start: int, end: int) -> bool:
    name = text[start:end]
    if not 2 <= len(name) <= 4 or not RE_HAN_WORD.fullmatch(name):
        return False
    if name[0] not in SURNAMES and name[:2] not in COMPOUND_SURNAMES:
        return False
    if PERSON_BYLINE.search(text, max(0, start - 8), start):
        return False  # 记者 王某: who wrote the story, not who is in it
    return not (text[start - 1 : start] in "“‘《" and text[end : end + 1] in "”’》")  # “凌云”: a brand
