"""Source ``model:person`` and ``model:org``: people and organisations tagged by the trained name
model (kg/extract/namemodel.py), for names that no list holds and no suffix marks.

The model runs only on sentences where a name is likely (a title or role word, a verb of
speaking, an organisation suffix): a fifth to a third of a text. Its PER spans are kept when the
context vouches for a person (a title before, a verb of speaking or a title after, or a list
with such a name), which drops brands and places it takes for people; a name cut short (曹和 for
曹和家) is extended. Its ORG spans count only when they end in an organisation suffix.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.extract.doc import Mention
from kg.extract.patterns import (
    COMPOUND_SURNAMES,
    MODEL_CUES,
    NAME_CONTINUES,
    ORG_SUFFIX_CLASS,
    PERSON_BYLINE,
    PERSON_TITLE_AFTER,
    PERSON_TITLE_BEFORE,
    SURNAMES,
)
from kg.extract.recognize.common import HAN, Context, only_generic

RE_CUE = re.compile("|".join(sorted(map(re.escape, MODEL_CUES), key=len, reverse=True)))
RE_ORG_SUFFIX = re.compile("(?:" + "|".join(sorted(map(re.escape, ORG_SUFFIX_CLASS), key=len, reverse=True)) + ")$")
RE_ALL_HAN = re.compile(r"[\u4e00-\u9fff]+")
RE_NOT_ONE_NAME = re.compile("[和与及、]|联合|携手|子公司|分公司")


def find(ctx: Context) -> Iterator[Mention]:
    if not ctx.lexicon.name_model:
        return
    text = ctx.text
    sentences = [s for s in ctx.doc.sentences if RE_CUE.search(s.text)]
    if not sentences:
        return
    from kg.extract.namemodel import name_model  # the model loads on the first sentence that needs it

    tagged = name_model().spans([s.text for s in sentences], keep={"PER", "ORG"})
    people: list[tuple[int, int, bool, bool]] = []  # start, end, vouched for, in a list
    for sentence, spans in zip(sentences, tagged, strict=True):
        for k, (a, b, tag) in enumerate(spans):
            start, end = sentence.start + a, sentence.start + b
            if tag == "ORG":
                yield from _organisation(text, start, end, ctx)
                continue
            end = _extended(text, start, end, spans[k + 1] if k + 1 < len(spans) else None, sentence.start)
            if _person_like(text, start, end):
                vouched = bool(PERSON_TITLE_BEFORE.search(text, max(0, start - 8), start) or PERSON_TITLE_AFTER.match(text, end))
                listed = "、" in (text[start - 1 : start], text[end : end + 1])
                people.append((start, end, vouched, listed))
    names = {text[a:b] for a, b, vouched, _ in people if vouched}
    sentences_with = {ctx.doc.sentence_of(a) for a, b, vouched, _ in people if vouched} if names else set()
    for a, b, vouched, listed in people:
        if vouched or text[a:b] in names or (listed and ctx.doc.sentence_of(a) in sentences_with):
            yield Mention(a, b, text[a:b], "Person", "model:person")


def _extended(text: str, start: int, end: int, following: tuple[int, int, str] | None, offset: int) -> int:
    """曹和 | 家 | 、: a two-character name whose next one-character word ends the phrase was cut short."""
    if end - start != 2 or following is None or following[1] - following[0] != 1:
        return end
    char, after = text[end : end + 1], text[end + 1 : end + 2]
    if HAN.fullmatch(char) and char not in NAME_CONTINUES and (after in "、,，。;；)”等" or PERSON_TITLE_AFTER.match(text, end + 1)):
        return end + 1
    return end


def _person_like(text: str, start: int, end: int) -> bool:
    name = text[start:end]
    if not 2 <= len(name) <= 4 or not RE_ALL_HAN.fullmatch(name):
        return False
    if name[0] not in SURNAMES and name[:2] not in COMPOUND_SURNAMES:
        return False
    if PERSON_BYLINE.search(text, max(0, start - 8), start):
        return False  # 记者 王某: who wrote the story, not who is in it
    return not (text[start - 1 : start] in "“‘《" and text[end : end + 1] in "”’》")  # “凌云”: a brand


def _organisation(text: str, start: int, end: int, ctx: Context) -> Iterator[Mention]:
    """An ORG span that ends in an organisation suffix, and whose head is a name: not only
    generic words (金融科技公司), no verb or conjunction inside (A分公司联合B集团)."""
    name = text[start:end]
    suffix = RE_ORG_SUFFIX.search(name)
    if not suffix or not RE_ALL_HAN.fullmatch(name):
        return
    head = name[: suffix.start()]
    if len(head) < 2 or only_generic(head) or RE_NOT_ONE_NAME.search(head) or ctx.lexicon.boundary_pattern.search(head):
        return
    if end not in ctx.tokens.boundaries or start not in ctx.tokens.boundaries:
        return
    yield Mention(start, end, name, ORG_SUFFIX_CLASS[suffix.group()], "model:org")
