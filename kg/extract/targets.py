"""Quantitative targets: a figure with its unit, year, indicator and the subject that holds it.

Called by the relate stage. A figure belongs to the last platform or region named before
it in its sentence, else to the platform or region that opens its paragraph, else to the
document's subject. Its year is the nearest year before it, else a goal year carried over
semicolons (到2022年,…;…), into a 其中 sentence, or over the bullets of a goals section
(力争到2025年,… / ——…).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator

from kg.extract.doc import Doc, Mention, Target
from kg.extract.lexicon import Lexicon
from kg.extract.patterns import (
    COMPARED,
    LOCATIVES,
    PLACES,
    PLATFORMS,
    RE_BULLET,
    RE_FROM_FIGURE,
    RE_GOAL,
    RE_HEADING,
    RE_INDICATOR_VERB,
    RE_KIND_WORD,
    RE_LIST_JOINER,
    RE_RELATIVE_YEAR,
    RE_SECTION_GOAL,
    RE_YEAR,
    RELATIVE_YEARS,
    SINGLE_CHINESE_DIGITS,
)
from kg.extract.quantities import parse_number, parse_year, read_figure
from kg.extract.recognize.common import last_match
from kg.extract.resolve import ancestors, key_of, speaking_policy
from kg.extract.target_patterns import (
    AREA_AFTER_REGION,
    ASPIRING,
    BASE_BEFORE,
    DEMONSTRATIVES,
    KIND_SUFFIXES,
    PER,
    PHASE_UNITS,
    RE_CLAUSE_END,
    RE_CODE,
    RE_COUNT_AFTER,
    RE_COUNTED_BEFORE,
    RE_DIGIT_RUN,
    RE_GROWTH,
    RE_ISSUED_COUNT,
    RE_LEAD_YEAR,
    RE_MODIFIED_GAP,
    RE_NOT_A_FIGURE,
    RE_NOT_A_FIGURE_HINT,
    RE_OPEN_SPEECH,
    RE_ORDINAL,
    RE_OTHERS_BEFORE,
    RE_PHASE,
    RE_RANGE_JOIN,
    RE_RANK_BEFORE,
    RE_TARGET_QUANTITY,
)

CONTEXT = 120  # characters before a figure searched for its year, indicator and goal words
HOLDERS = PLACES


@dataclasses.dataclass(slots=True)
class Context:
    """What the sentences before a figure say: carried years, the paragraph's topic."""

    carried: int | None = None  # goal year over ';' and into 其中
    section: int | None = None  # goal year of a goals section and its bullets
    topic: Mention | None = None  # the platform or region that opens the paragraph
    headline: Mention | None = None  # the platform that opens the title: 苏州工业园区加快建设…
    named: Mention | None = None  # a holder named by its kind earlier in the sentence (新区…,占GDP比重…)
    clause_holder: Mention | None = None  # the holder of a sentence that ended with ';', for the next one
    company: bool = False  # a company's figures before a ';': the next sentence goes on with them
    company_said: bool = False  # a figure of this sentence was a company's


def find_targets(doc: Doc, lexicon: Lexicon) -> Iterator[Target]:
    mentions = doc.mentions_by_sentence()
    context = Context(headline=_headline(doc))
    seen: dict[tuple[str, object, str], list[Target]] = {}
    found_all: list[Target] = []
    for i, sentence in enumerate(doc.sentences):
        if i == 0 or "\n" in doc.text[doc.sentences[i - 1].end : sentence.start]:
            _new_paragraph(context, sentence.text, mentions[i], sentence.start)
        if context.carried is None and sentence.text.startswith("其中") and i:
            context.carried = _last_year(doc.sentences[i - 1].text)  # 2020年,…。其中海淀区GDP为8504.6亿元
        context.named, context.company_said = None, False
        masked = _no_figures(sentence.text)
        found = [q for q in RE_TARGET_QUANTITY.finditer(masked)
                 if not _range_start(masked, q)] + _ordinals(masked)
        for q in found:
            target = _target(doc, i, q, mentions[i], context, lexicon)
            for each in _each(target) if target else ():
                earlier = repeated_figure(seen, each, len(doc.title))  # the title repeated in the body, one figure said twice
                if earlier is None:
                    found_all.append(each)
                elif earlier.year is None and each.year is not None and earlier in found_all:
                    found_all[found_all.index(earlier)] = each  # the title's figure, said again with its year
        if not sentence.text.endswith((";", "；")):
            context.clause_holder = context.carried = None
            context.company = False
            continue
        context.company = bool(context.company_said)
        own = [m for m in mentions[i] if m.label in HOLDERS and _may_hold(doc.text, m) and not _is_base(doc.text, m)]
        context.clause_holder = own[-1] if own else context.clause_holder
        context.carried = _goal_year(sentence.text) or _lead_year(sentence.text) or context.carried
    yield from found_all


def _no_figures(text: str) -> str:
    """The sentence with web addresses, percent-encoded links, e-mail addresses, dates, telephone
    numbers and codes blanked out (same length): their digits are no figures."""
    if not RE_NOT_A_FIGURE_HINT.search(text):
        return text
    return RE_NOT_A_FIGURE.sub(_blank, text)


def _blank(m: re.Match[str]) -> str:
    word = m.group()
    if word.isalnum() and word.isascii() and not RE_CODE.search(word):
        return word  # 2000GWh, 3000000: letters and digits that are no code
    return " " * len(word)


def _headline(doc: Doc) -> Mention | None:
    """The platform a title is about: the first one it names, if no region comes before it."""
    for m in doc.mentions:
        if m.end > len(doc.title) or m.label == "Region":
            return None
        if m.label in PLATFORMS:
            return m
    return None


def _new_paragraph(context: Context, text: str, mentions: list[Mention], start: int) -> None:
    if RE_HEADING.match(text):
        context.section = None
    elif not RE_BULLET.match(text):
        opening = RE_SECTION_GOAL.match(text)
        context.section = parse_year(opening.group("year")) if opening else None
    first = mentions[0] if mentions else None
    context.topic = first if first and first.label in HOLDERS and first.start - start <= 1 \
        and not (first.label in PLATFORMS and _kind_only(first)) else None


def repeated_figure(seen: dict[tuple[str, object, str], list[Target]], target: Target, title: int) -> Target | None:
    """The target this one says again: a large figure of its holder, or a figure with the same
    indicator, in the same year or, said first in the title without one, in any."""
    earlier = seen.setdefault((target.subject, target.value, target.unit), [])
    again = None
    for t in earlier:
        same = target.value >= 10_000 or bool(t.indicator and target.indicator
                                               and _same_indicator(t.indicator, target.indicator))
        if (same or not t.indicator or not target.indicator) and (target.year is None or t.year == target.year) \
                or same and t.year is None and t.end <= title:
            again = again or t
    earlier.append(target)
    return again


def _same_indicator(a: str, b: str) -> bool:
    """项目总投资 and 绍兴…产业平台项目总投资; not 占比 and 精细化工营收占比."""
    short, long = sorted((a, b), key=len)
    return long.endswith(short) and len(short) >= 4 or a == b


def _range_start(text: str, q: re.Match[str]) -> bool:
    """17.3亿元到300亿元: the first end of a change or a range is said by the second."""
    join = RE_RANGE_JOIN.match(text, q.end())
    nxt = join and RE_TARGET_QUANTITY.match(text, join.end())
    return bool(nxt) and nxt.group("unit") == q.group("unit")


def _ordinals(text: str) -> list[re.Match[str]]:
    """第7家百亿级企业 (the seventh is the count), 位列全球第四 (a rank)."""
    return [m for m in RE_ORDINAL.finditer(text)
            if (m.group("unit") == "家" and parse_number(m.group("num")) > 1)
            or RE_RANK_BEFORE.search(text, 0, m.start())]


def _last_year(text: str) -> int | None:
    found = [y for y in RE_YEAR.finditer(text) if not text[: y.start()].endswith(COMPARED)]
    return parse_year(found[-1].group("year")) if found else None


def _lead_year(text: str) -> int | None:
    """2021年,…;: a year that opens its clause is the year of the clauses after it."""
    lead = last_match(RE_LEAD_YEAR, text)
    return parse_year(lead.group("year")) if lead else None


def _goal_year(text: str) -> int | None:
    own = last_match(RE_YEAR, text)
    return parse_year(own.group("year")) if own and own.group().startswith(("到", "至")) else None


def _each(target: Target) -> Iterator[Target]:
    """国家级技术创新中心、国家级产业创新中心各1家: one target for each item before 各."""
    if not target.indicator.endswith("各"):
        yield target
        return
    for item in RE_LIST_JOINER.split(target.indicator[:-1]):
        if item:
            yield dataclasses.replace(target, indicator=item)


def _target(doc: Doc, index: int, q: re.Match[str], mentions: list[Mention], context: Context,
            lexicon: Lexicon) -> Target | None:
    text = doc.sentences[index].text
    number = q.group("num")
    before = text[max(0, q.start() - CONTEXT) : q.start()]  # bounded: a huge sentence stays linear
    try:
        value = read_figure(number, q.group("mag"), before)
    except ValueError:
        return None  # 10^400亿元, 1e309亿元: a figure that cannot be read whole is none
    if re.fullmatch(f"[{SINGLE_CHINESE_DIGITS}百千]", number) and q.group("unit") != "%" \
            and not RE_ISSUED_COUNT.search(before) and not q.group().startswith("第"):
        return None  # 一批, 两个, 千名干部: quantifiers, not figures (but 出台三个专项政策 counts)
    if RE_DIGIT_RUN.fullmatch(number) or _in_quoted_name(before, text[q.start() : q.start() + CONTEXT]) or before.endswith(PER + DEMONSTRATIVES):
        return None  # 唯一一个, 三四家: words; “9个城市是1个城市”; 每10万人: a denominator; 这12个项目: said before
    at = doc.sentences[index].start + q.start()
    if any(m.label == "Policy" and m.start <= at < m.end for m in mentions):
        return None  # inside a policy's name: 推动经济高质量发展72条
    stops = ",;:()" if before.endswith("各") else ",;:、()"  # A、B各5家: the list is the indicator
    clause_start = max(before.rfind(c) for c in stops) + 1
    own_year = _own_year(before, clause_start)
    if own_year and own_year.end() > clause_start:
        clause_start = own_year.end()
    indicator = RE_INDICATOR_VERB.sub("", RE_FROM_FIGURE.sub("", RE_INDICATOR_VERB.sub("", before[clause_start:])))
    growth = RE_GROWTH.search(before[clause_start:])  # 同比增长8.5%: a growth, kept apart from the level
    if growth and not indicator.endswith(growth.group(1)):
        indicator += growth.group(1)
    indicator = re.sub(r"^(?:力争|预计|将|全年|共|累计|其中|已|目前|全市|全区|全省)+", "", indicator).strip(" “”")
    start = doc.sentences[index].start
    clause_at = start + q.start() - len(before) + clause_start
    if RE_OTHERS_BEFORE.search(before, clause_start) or q.group("unit") in PHASE_UNITS \
            and _project_phase(doc.text, mentions, clause_at, start + q.end()):
        return None  # 仅次于东西城区的10万元均价; 中芯绍兴项目一期投资80亿元: another's figure
    if _company_clause(doc.text, mentions, clause_at, start + q.start()) \
            or (_company_sentence(mentions, start, start + q.start()) and not q.group().startswith("第")
                and not before.endswith("等")) \
            or context.company and not any(m.label in HOLDERS for m in _between(mentions, start, start + q.start())):
        context.company_said = True  # 中国一汽…;销售整车388896辆: the company goes on over ';'
        return None  # 中国一汽实现营业收入6200亿元: a company's own figure, no place's
    subject = _modified(doc, mentions, start + q.end(), text[q.end() :], before[clause_start:]) \
        or _speaking_policy(doc, mentions, start, start + q.start()) \
        or _subject(doc, mentions, start + q.start(), context, lexicon, before[clause_start:], start)
    if not subject:
        return None
    year = parse_year(own_year.group("year")) if own_year else context.carried or context.section
    goal = bool(RE_GOAL.search(before)) or (own_year is None and year is not None)
    if year is None:
        year = _relative_year(doc, text[: q.start()])  # 今年的主要目标是…, in a report dated 2024
    unit = q.group("unit") or ("位" if q.group().startswith("第") else _implied_unit(before[clause_start:] + text[q.end() : q.end() + 8]))
    return Target(subject, indicator, value, unit, year,
                  "goal" if goal else "achieved", start + q.start(), start + q.end(), q.group(), index,
                  "quantity")


def _in_quoted_name(before: str, after: str) -> bool:
    """After an open “ or 《: inside a short quoted name, not a quoted speech (“预计到2023年,经济总量…).”"""
    if before.count("《") > before.count("》"):
        return True
    if before.count("“") <= before.count("”"):
        return False
    return not RE_OPEN_SPEECH.search(before[before.rfind("“") + 1 :] + after.partition("”")[0])


def _implied_unit(clause: str) -> str:
    """GDP超过4万亿, 人口仅313万: the unit a magnitude leaves unsaid."""
    return "人" if "人" in clause else "元"


def _modified(doc: Doc, mentions: list[Mention], end: int, after: str, clause: str) -> str | None:
    """总投资超300亿元、计划用地2000亩的瑞浦新能源产业基地项目: the platform the figure describes."""
    if any(m.label in HOLDERS and m.end <= end and m.start >= end - len(clause) for m in mentions):
        return None  # the clause names its own holder
    for m in mentions:
        if m.start >= end and m.label in PLATFORMS and doc.text[m.start - 1 : m.start] == "的":
            return key_of(m) if RE_MODIFIED_GAP.fullmatch(doc.text, end, m.start) else None
    return None


def _speaking_policy(doc: Doc, mentions: list[Mention], start: int, offset: int) -> str | None:
    """《意见》指出,…培育发展16个产业基地: a policy that opens the sentence and speaks holds its figures."""
    if any(m.label in HOLDERS and m.start < offset for m in mentions[1:]):
        return None
    return speaking_policy(doc, mentions, start)


def _relative_year(doc: Doc, before: str) -> int | None:
    """今年/去年 before a figure, counted from the document's date or the year in its title."""
    said = last_match(RE_RELATIVE_YEAR, before)
    if said is None:
        return None
    dated = doc.date[:4] if doc.date else next((m.group("year") for m in RE_YEAR.finditer(doc.title)), None)
    return parse_year(dated) + RELATIVE_YEARS[said.group()] if dated else None


def _own_year(before: str, clause_start: int) -> re.Match[str] | None:
    """The nearest year before a figure; a compared year (较2020年) only within the figure's clause."""
    for year in reversed(list(RE_YEAR.finditer(before))):
        if year.end() > clause_start or not before[: year.start()].endswith(COMPARED):
            return year
    return None


def _subject(doc: Doc, mentions: list[Mention], offset: int, context: Context, lexicon: Lexicon,
             clause: str = "", sentence_start: int = 0) -> str | None:
    # A、B等5个: the items are counted, not holders (normalised text has no long runs of spaces)
    counted_list = doc.text[max(0, offset - 8) : offset].rstrip().endswith("等")
    holders = [m for m in mentions if m.label in HOLDERS and m.end <= offset and _may_hold(doc.text, m)
               and not _is_base(doc.text, m)]
    in_sentence = [m for m in holders if m.start >= sentence_start]
    carried = None if in_sentence else context.clause_holder  # 汽开区产值…;固定资产投资…: the same holder
    holder = holders[-1] if holders and not counted_list and (in_sentence or not carried) else carried or context.topic or context.headline
    named = next((m for m in (context.headline, context.topic) if m and m.label in PLATFORMS
                  and (kind := RE_KIND_WORD.search(m.text)) and clause.startswith(kind.group())), None)
    # 汽开区规上工业产值…;固定资产投资…: a holder earlier in the sentence goes on holding its figures
    if not any(m.end > min(offset - len(clause), sentence_start) for m in holders) and (named or context.named):
        holder = context.named = named or context.named  # 新区海洋生产总值…: the title's 青岛西海岸新区
    if holder and context.topic and holder.text in context.topic.text:
        holder = context.topic  # 国家级网络安全产业园区 after 国家网络安全产业园区(成渝地区) opened the paragraph
    if holder is None:
        return doc.subject
    if holder.label == "Region" and doc.subject and _is_bare_ancestor(holder, doc.subject, lexicon):
        return doc.subject  # 用好浙江知识产权…综合体 in a report on 西湖区: a modifier, not the holder
    return key_of(holder)


def _company_clause(text: str, mentions: list[Mention], clause_start: int, offset: int) -> bool:
    """The clause before a figure names a company and no place after it (not companies counted:
    引进海尔、西门子等企业120余家)."""
    inside = _between(mentions, clause_start, offset)
    companies = [m for m in inside if m.label == "Company" and text[m.end : m.end + 1] not in ("、", "等")]
    return bool(companies) and not any(m.label in HOLDERS and m.start > companies[-1].start for m in inside)


def _project_phase(text: str, mentions: list[Mention], clause_start: int, end: int) -> bool:
    """A project's phase in the figure's clause, after no place (瓯飞起步区一期2000亩 is the place's)."""
    stop = RE_CLAUSE_END.search(text, end, end + CONTEXT)  # bounded: a huge sentence stays linear
    clause_end = stop.start() if stop else min(len(text), end + CONTEXT)
    return any(text[phase.end() : phase.end() + 1] not in ("等", "、")  # 电厂二期等402万千瓦: a list's sum
               and not any(m.label in HOLDERS and m.end == phase.start() for m in mentions)
               for phase in RE_PHASE.finditer(text, clause_start, clause_end))


def _company_sentence(mentions: list[Mention], sentence_start: int, offset: int) -> bool:
    """The sentence opens with a company and names no place before the figure (中国一汽发布数据:
    9月生产整车…)."""
    inside = _between(mentions, sentence_start, offset)
    return bool(inside) and inside[0].label == "Company" and inside[0].start - sentence_start <= 8 \
        and not any(m.label in HOLDERS for m in inside)


def _between(mentions: list[Mention], start: int, end: int) -> list[Mention]:
    return [m for m in mentions if start <= m.start and m.end <= end]


def _may_hold(text: str, m: Mention) -> bool:
    """Not an item of a list (A、B等5个), not a quoted title (入选“…基地”), not a location (位于…),
    not a kind (建设10个省级数据产业园, 建强产业园区), not one aspired to (争创…示范区)."""
    before = text[max(0, m.start - 12) : m.start]
    return text[m.end : m.end + 1] not in ("、", "等", "”") and before[-1:] != "“" \
        and not (before[-1:] == "、" and RE_COUNT_AFTER.match(text, m.end)) \
        and not before.endswith(LOCATIVES) and not before.endswith(ASPIRING) \
        and not (m.label in PLATFORMS and (RE_COUNTED_BEFORE.search(before) or _kind_only(m)))


def _is_base(text: str, m: Mention) -> bool:
    """占北京市总量的23.56%, 高出北京市2.2个百分点: a region compared with, not the holder."""
    return m.label == "Region" and (text[max(0, m.start - 3) : m.start].endswith(BASE_BEFORE)
                                    or text.startswith(AREA_AFTER_REGION, m.end)
                                    or (text[m.start - 1 : m.start] == "、" and bool(RE_COUNT_AFTER.match(text, m.end))))


def _kind_only(m: Mention) -> bool:
    """强产业园区: one character before a long suffix names a kind, not a platform."""
    return any(m.text.endswith(s) and len(m.text) - len(s) <= 1 for s in KIND_SUFFIXES)


def _is_bare_ancestor(region: Mention, subject: str, lexicon: Lexicon) -> bool:
    entry = lexicon.region(region.text)
    return entry is not None and entry.label != region.text and entry.label in ancestors(subject.split("/", 1)[1], lexicon)
