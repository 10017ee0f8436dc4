"""focusesOn: the industries of platforms, companies and regions."""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.extract.doc import Doc, Mention, Relation
from kg.extract.lexicon import Lexicon
from kg.extract.patterns import (
    NOT_HOLDING,
    PLATFORM_KINDS,
    PLATFORMS,
    RE_BRAND_TITLE,
    RE_CLAUSE_PUNCTUATION,
    RE_EXAMPLES,
    RE_LIST_JOINER,
    RE_PROBLEM,
    RE_SERVED,
)
from kg.extract.relate.kinds import FOCUSED
from kg.extract.relate.patterns import RE_BACKREFERENCE, RE_COMMA, RE_RELY
from kg.extract.resolve import canonical_label, entity_key, key_of


def focus(doc: Doc, lexicon: Lexicon) -> Iterator[Relation]:
    """Industries of a sentence belong to the nearest place or organisation before them, or to
    every member of the list they follow in the same clause (深圳大学、南方科技大学等在人工智能…).
    Examples (以图灵小镇等为代表的小镇经济) hold nothing: the sentence is about the subject."""
    for i, mentions in enumerate(doc.mentions_by_sentence()):
        holders: list[Mention] = []
        aside: Mention | None = None  # the last of a list of partners or exceptions
        for m in mentions:
            if m.label in FOCUSED:
                previous = aside or (holders[-1] if holders else None)
                listed = previous is not None and previous.label == m.label \
                    and RE_LIST_JOINER.fullmatch(doc.text, previous.end, m.start) is not None
                if (listed and aside) or (not listed and doc.text[m.start - 1 : m.start] in NOT_HOLDING):
                    holders, aside = [], m  # 加强与北京、上海…在网络安全领域沟通; 除北京、上海等地外
                    continue
                aside = None
                holders = [] if RE_EXAMPLES.match(doc.text, m.end) else [*holders, m] if listed else [m]
            elif m.label == "Industry":
                for head in _focus_heads(doc, i, mentions, holders, m):
                    yield Relation(head, "focusesOn", key_of(m), i, "sentence-holder" if holders else "document-subject")


def _focus_heads(doc: Doc, i: int, mentions: list[Mention], holders: list[Mention], industry: Mention) -> list[str]:
    """Who develops ``industry``: the holders in its clause, a lone holder that is the topic of an
    earlier clause, else the platform opening the sentence, else the document's region."""
    same_clause = holders and not RE_CLAUSE_PUNCTUATION.search(doc.text, holders[-1].end, industry.start)
    relied = _relied_on(doc, mentions, industry)
    members = relied if relied else holders if same_clause \
        else holders[-1:] if len(holders) == 1 and _topic(doc, holders[0], i) else []
    clause = _clause_start(doc, i, industry.start)
    if not relied and _backreference(doc, clause, industry):
        return [doc.subject]  # 把园区打造成全国重要数字视频产业聚集区: the platform the text is about
    if _in_brand_title(doc.text, industry):  # 建好区块链产业园,打造“金融科技第一镇”: the sentence's topic earns it
        members = [h for h in mentions[:1] if h.label in FOCUSED]
    if members:
        return [key_of(h) for h in members]
    if RE_PROBLEM.search(doc.sentences[i].text):
        return []  # 人工智能…等新技术领域的网络安全政策机制不完善: a gap, not a focus
    if RE_SERVED.search(doc.text, clause, industry.start):
        return []  # 面向党政、金融、电力等领域的解决方案: sectors served, not developed
    opener = mentions[0]
    if opener.label in PLATFORMS and opener.start - doc.sentences[i].start <= 2 and opener is not industry:
        return [key_of(opener)]  # 梦想小镇位于…,主要发展互联网创业
    return [doc.subject] if doc.subject else []


def _clause_start(doc: Doc, i: int, at: int) -> int:
    """Where the clause that holds offset ``at`` of sentence ``i`` starts: after its last , ; or :."""
    return max(doc.sentences[i].start, *(doc.text.rfind(c, 0, at) + 1 for c in ",，;；:："))


def _backreference(doc: Doc, clause: int, industry: Mention) -> bool:
    """A platform word standing alone (把园区…, 该园区…) in the industry's clause (from ``clause``) names
    the platform the document is about."""
    if not doc.subject or doc.subject.split("/", 1)[0] not in PLATFORMS:
        return False
    return RE_BACKREFERENCE.search(doc.text, clause, industry.start) is not None


def _topic(doc: Doc, m: Mention, sentence: int) -> bool:
    """A holder that opens its sentence or clause (钱江世纪城将构筑…) speaks for the clauses after it;
    one after 是/为/位于 (是浙江省首批特色小镇之一) describes the topic instead."""
    before = RE_CLAUSE_PUNCTUATION.split(doc.text[doc.sentences[sentence].start : m.start])[-1]
    return len(before) <= 6 and not before.endswith(("是", "为", "在", "位于", "与", "和", "对"))


def _relied_on(doc: Doc, mentions: list[Mention], industry: Mention) -> list[Mention]:
    """重点依托马尾区,建设…基地、…示范区: what the opening clause of a part of a sentence (up to
    ';') builds on holds the industries of the clauses after it, whatever those clauses build."""
    start = max(doc.text.rfind(c, 0, industry.start) for c in ";；。\n") + 1
    comma = RE_COMMA.search(doc.text, start, industry.start)
    if not comma:
        return []  # the industry is in the opening clause itself
    opening = [m for m in mentions if start <= m.start < comma.start() and m.label in FOCUSED]
    before = re.split("[:：]", doc.text[start : opening[0].start])[-1] if opening else ""
    if len(before) > 6 or not RE_RELY.search(before):
        return []  # 信息技术产业依托曙光、海光等头部企业: the sector's firms, not its holders
    return opening


def _in_brand_title(text: str, m: Mention) -> bool:
    opening = text.rfind("“", max(0, m.start - 12), m.start)
    closing = text.find("”", m.end, m.end + 12)
    return opening >= 0 and closing >= 0 and "”" not in text[opening : m.start] \
        and bool(RE_BRAND_TITLE.search(text[opening + 1 : closing]))


def industry_in_name(doc: Doc, lexicon: Lexicon) -> Iterator[Relation]:
    """集成电路产业园 focusesOn 集成电路: a platform named after the industry it hosts; a sector of
    four characters or more, written out in the name, counts though the text names it nowhere else
    (生命健康产业园; not 文创 for 文化创意)."""
    industries = {canonical_label(m) for m in doc.mentions if m.label == "Industry"}
    for entity in doc.entities:
        if entity.cls not in PLATFORMS:
            continue
        named = [label for label, end in _industries_in(entity.label, lexicon)
                 if (label in industries or (len(label) >= 4 and label in entity.label))
                 and not entity.label.startswith(PLATFORM_KINDS, end)]
        for label in named:
            yield Relation(entity.key, "focusesOn", entity_key("Industry", label), entity.sentences[0], "industry-in-name")


def _industries_in(name: str, lexicon: Lexicon) -> list[tuple[str, int]]:
    """Industry names inside a name, with where each ends: longest first, no overlaps."""
    found = sorted(((start, end, lexicon.entries[surface][0].label)
                    for start, end, surface in lexicon.find(name)
                    if lexicon.entries[surface][0].cls == "Industry" and len(surface) >= 2),
                   key=lambda f: f[0] - f[1])
    taken: list[tuple[int, int, str]] = []
    for start, end, label in found:
        if all(end <= s or start >= e for s, e, _ in taken):
            taken.append((start, end, label))
    return [(label, end) for _, end, label in taken]
