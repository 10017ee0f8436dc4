"""Source ``person:…``: people named beside a title (书记王某, 王某院士)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from kg.extract.doc import Mention
from kg.extract.person_patterns import NAME_END, NOT_NAME_END, PERSON_TITLES, SURNAMES
from kg.extract.recognize.common import HAN, Context, common_word


def find(ctx: Context) -> Iterable[Mention]:
    return (m for m in person_mentions(ctx.text) if not common_word(m.text, ctx.lexicon))


def person_mentions(text: str) -> Iterator[Mention]:
    titles = "|".join(sorted(PERSON_TITLES, key=len, reverse=True))
    for m in re.finditer(rf"(?:{titles}) ?", text):
        pos = m.end()
        while True:
            name = _name_at(text, pos)
            if not name:
                break
            yield Mention(pos, pos + len(name), name, "Person", "person:title", name.replace(" ", "") if " " in name else "")
            if text[pos + len(name) : pos + len(name) + 1] != "、":
                break
            pos += len(name) + 1
    for m in re.finditer(r"(?<![\u4e00-\u9fff])([\u4e00-\u9fff]{2,3})(?:总书记|书记|市长|区长|省长|院士|董事长)", text):
        if m.group(1)[0] in SURNAMES and not m.group(1).endswith(("委", "副", "市", "区", "省")):
            yield Mention(m.start(1), m.end(1), m.group(1), "Person", "person:before-title")


def _name_at(text: str, pos: int) -> str:
    if pos >= len(text) or text[pos] not in SURNAMES:
        return ""
    for length in (3, 2):
        name = text[pos : pos + length]
        if length == 3 and name[-1:] in NOT_NAME_END:
            continue  # 蔡奇陪同, 王毅将, 戴冰摄: a word after a two-character name
        rest = text[pos + length :]
        if rest.startswith("摄") or (" " in name and not (length == 3 and name[1] == " ")):
            continue  # 记者 霍艳恩摄: who took the photograph; 龚 正: a two-character name spaced out
        if HAN.fullmatch(name[-1]) and len(name) == length and (not rest or NAME_END.match(rest)) \
                and not NAME_END.match(name[-1]):  # 万鼎等: 等 ends the name, it is not part of it
            return name
    return ""
