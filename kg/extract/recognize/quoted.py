"""Source ``quoted``: names in quotation marks and book-title marks (“八八战略”, 《…规划》)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from kg.extract.doc import Mention
from kg.extract.patterns import (
    DOCUMENT_HEADS,
    PLATFORMS,
    POLICY_HEADS,
    PUBLICATION_HEADS,
    QUOTED,
    RE_BRAND_TITLE,
    RE_GROUPING,
    RE_HEADLINE,
    RE_PLUS_GROUPING,
    RE_POLICY_AFTER,
    RE_POLICY_BEFORE,
    RE_POLICY_BEFORE_SINGLE,
    RE_POLICY_HEAD_AFTER,
    RE_POLICY_WORD_AFTER,
    RE_QUOTED_COUNT,
    RE_QUOTED_EVENT,
    RE_SENTENCE_PUNCTUATION,
    RE_SINGLE_QUOTED,
    RE_TRAILING_BRACKETS,
)
from kg.extract.recognize.common import RE_SUFFIX_AT_END, SUFFIX_CLASS, Context


def find(ctx: Context) -> Iterable[Mention]:
    return quoted_mentions(ctx.text)


def quoted_mentions(text: str) -> Iterator[Mention]:
    for m in QUOTED.finditer(text):
        group = next(i for i in (1, 2, 3) if m.group(i))
        name = m.group(group).strip()
        cls = classify_quoted(name, book_title=group == 2)
        platform = (suffix := RE_SUFFIX_AT_END.search(name)) and SUFFIX_CLASS[suffix.group()] in PLATFORMS \
            and not RE_QUOTED_COUNT.fullmatch(name)
        head = ""
        if cls is None and group == 1 and not platform and _short_name(name):
            head_after = RE_POLICY_HEAD_AFTER.match(text, m.end())
            if head_after or RE_POLICY_WORD_AFTER.match(text, m.end()):
                cls, head = "Policy", head_after.group() if head_after else ""  # “双千”计划: 双千计划, also 双千
        if cls is None and group == 1 and not platform and _policy_context(text, m.start(), m.end(), name):
            cls = "Policy"  # (实施“光谷科技创新大走廊”: a platform, which the suffix rule names)
        if cls == "Policy" and group == 1 and not head and (head_after := RE_POLICY_HEAD_AFTER.match(text, m.end())):
            head = head_after.group()  # “强产业补链条”计划: the word for what it is belongs to its name
        if cls:
            start = m.start(group)
            yield Mention(start, start + len(name), name, cls, "quoted", name + head if head else "")
    for m in RE_SINGLE_QUOTED.finditer(text):  # ‘一城多园’模式, ‘科教兴国’: single quotes, nested in a quotation
        name = m.group(1)
        head_after = RE_POLICY_HEAD_AFTER.match(text, m.end())
        if _short_name(name) and (head_after or RE_POLICY_WORD_AFTER.match(text, m.end()) or classify_quoted(name)
                                  or RE_POLICY_BEFORE_SINGLE.search(text, max(0, m.start() - 4), m.start())):
            yield Mention(m.start(1), m.end(1), name, "Policy", "quoted", name + head_after.group() if head_after else "")


def _short_name(name: str) -> bool:
    """A name a programme could have: short, one phrase, no brand title."""
    return 2 <= len(name) <= 12 and not RE_BRAND_TITLE.search(name) and not RE_SENTENCE_PUNCTUATION.search(name) \
        and "、" not in name


def classify_quoted(name: str, book_title: bool = False) -> str | None:
    """“八八战略” → Policy; “数字经济第一城” → None (a brand title, not an entity)."""
    if RE_SENTENCE_PUNCTUATION.search(name) or (len(name) > 25 and not book_title):
        return None
    if RE_BRAND_TITLE.search(name) and not book_title:
        return None
    if any(len(part) > 8 for part in name.split("、")):
        if "、" in name:
            return None
    if book_title and name.endswith(PUBLICATION_HEADS):
        return None
    if not book_title and RE_QUOTED_EVENT.fullmatch(name):
        return "Event"  # “深圳·绍兴周”, “创投天府·周周见”: a named series of events
    if RE_GROUPING.fullmatch(name) or RE_PLUS_GROUPING.fullmatch(name) or RE_QUOTED_COUNT.fullmatch(name):
        return "Policy"
    bare = RE_TRAILING_BRACKETS.sub("", name)
    if book_title:  # 《…意见》, 《中共中央 国务院关于…的意见》; not 《新闻联播》 or a headline (《把握首要任务 推动高质量发展》)
        strong = bare.endswith(DOCUMENT_HEADS) or RE_TRAILING_BRACKETS.search(name) is not None
        return "Policy" if strong or (bare.endswith(POLICY_HEADS) and not RE_HEADLINE.search(name)) else None
    if bare.endswith(POLICY_HEADS):
        return "Policy"
    return None


def _policy_context(text: str, start: int, end: int, name: str) -> bool:
    """“117N”高能级科创平台体系, 大力实施“百个项目”: a short quoted name that its context
    calls a programme, a system, a campaign or a brand."""
    if len(name) > 12 or RE_BRAND_TITLE.search(name) or "、" in name:
        return False
    return bool(RE_POLICY_AFTER.match(text, end) or RE_POLICY_BEFORE.search(text, max(0, start - 6), start + 1))
