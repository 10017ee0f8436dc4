"""Source ``suffix:X``: a name grown leftwards from its suffix (杭州中俄人才创业园)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from kg.extract.doc import Mention
from kg.extract.lexicon import Lexicon
from kg.extract.patterns import (
    COMMON_VALLEY_WORDS,
    CONTAINER_ENDS,
    DESIGNATION_SUFFIXES,
    EVENT_KIND_WORDS,
    EVENT_NAME_WORDS,
    FUND_KIND_WORDS,
    GENERIC_PARTS,
    NOT_A_PLATFORM_AFTER,
    NOT_VALLEY_BEFORE,
    NOT_VALLEY_ENDS,
    PLATFORMS,
    POLICY_NAME_WORDS,
    RE_BRACKETED,
    RE_BRACKETED_PART,
    RE_BRAND_VERB,
    RE_BUILDING_VERB,
    RE_CONJUNCTION,
    RE_COUNT_OF_KINDS,
    RE_LEADING_YEAR,
    RE_MILITARY,
    RE_NAME_WORD,
    RE_NAMED_CENTRE,
    RE_NOT_A_COMPANY,
    RE_QUOTED_HEAD,
    RE_QUOTED_SLOGAN_HEAD,
    RE_SIZE_WORD,
    RE_TIME_WORD,
    RE_TWO_LETTERS,
    SECTOR_BASE_SUFFIXES,
    SECTOR_KIND_WORDS,
    TOWN_KIND_WORDS,
    WEAK_SUFFIXES,
    ZONE_WORDS,
)
from kg.extract.recognize.common import HAN, MAX_NAME, RE_SUFFIX, SUFFIX_CLASS, Context, TokenIndex, only_generic
from kg.extract.recognize.industries import is_sector


def find(ctx: Context) -> Iterable[Mention]:
    return suffix_mentions(ctx.text, ctx.tokens, ctx.lexicon, [m for m in ctx.candidates if m.source == "lexicon" and m.label == "Region"])


def suffix_mentions(text: str, tokens: TokenIndex, lexicon: Lexicon,
                    regions: list[Mention]) -> Iterator[Mention]:
    """A name grown leftwards from its suffix (杭州中俄人才创业园) over name-like tokens."""
    region_ends = {m.end: m for m in regions if m.text == m.canonical and m.text[-1] in "省市区县"}
    for m in RE_SUFFIX.finditer(text):
        if m.end() not in tokens.boundaries:
            continue
        cls = SUFFIX_CLASS[m.group()]
        start = grow_left(text, m.start(), tokens, lexicon, region_ends, cls)
        unopened = text.find(")", start, m.start())
        if unopened >= 0 and "(" not in text[start:unopened]:
            start = unopened + 1  # 高新区(2022年)上合示范区: what a bracket closes before the name is not in it
        name = text[start : m.end()]
        if (cls in PLATFORMS and RE_MILITARY.search(name)) or (cls == "Company" and RE_NOT_A_COMPANY.search(name)):
            continue  # 乌代德空军基地: a military base, no platform; 二十国集团, 犯罪集团: no companies
        if cls in PLATFORMS and text.startswith(NOT_A_PLATFORM_AFTER, m.end()):
            continue  # 西湖大学云谷校区: a campus, 紫金港路: a road
        if cls not in PLATFORMS and (after := RE_SUFFIX.match(text, m.end())) and SUFFIX_CLASS[after.group()] in PLATFORMS:
            continue  # 玉皇山南基金小镇: a town named after what it gathers, not a fund
        edition = start
        if cls == "Event":
            start += len(RE_LEADING_YEAR.match(name).group())  # 2021湖北…推介会: the edition, not the name
            name = text[start : m.end()]
            if "届" not in text[edition:start]:
                edition = start  # 第十三届…论坛 is the name's alias, with its edition; a year is not
        quoted = RE_QUOTED_HEAD.search(text, max(0, start - 14), start)  # “巅峰极客”网络安全技能挑战赛
        if cls in PLATFORMS and quoted and start == m.start() and RE_QUOTED_SLOGAN_HEAD.fullmatch(quoted.group()):
            continue  # “五好”园区: a programme named by its quoted slogan, not a platform
        full = quoted.group(1) + name if quoted else name
        sector = _sector_of_base(text, start, m.start(), m.group(), tokens, lexicon) if cls in PLATFORMS else None
        if sector:  # 打造化工新材料产业基地: the sector the base is for, not a platform's name
            yield Mention(sector[0], sector[1], text[sector[0] : sector[1]], "Industry", "sector-base")
            continue
        if m.group() in DESIGNATION_SUFFIXES and _sector_kind(start, m.start(), tokens, lexicon):
            continue  # 电子信息产业知名品牌示范区, 人工智能应用中试基地: a kind of platform for a sector, no name
        if _is_name(full, m.group(), cls, lexicon) and not _is_brand_title(text, start, m.end()):
            end = m.end() + _bracketed_place(text, m.end(), lexicon) if cls in PLATFORMS else m.end()
            first = quoted.start() if quoted else edition
            yield Mention(first, end, text[first:end], cls, f"suffix:{m.group()}",
                          quoted.group(1) + text[start:end] if quoted else text[start:end] if first != start else "")


def _is_brand_title(text: str, start: int, end: int) -> bool:
    """打造…的“世界级滨水新城”: a quoted title that a clause aims at, not a place's name."""
    if text[start - 1 : start] != "“" or text[end : end + 1] != "”":
        return False
    clause_start = max(text.rfind(c, max(0, start - 40), start) for c in ",;。\n") + 1
    return bool(RE_BRAND_VERB.search(text, clause_start, start))


def _bracketed_place(text: str, pos: int, lexicon: Lexicon) -> int:
    """国家网络安全产业园区(北京): a region in brackets right after a platform is part of its name."""
    m = RE_BRACKETED.match(text, pos)
    if m and (lexicon.region(m.group(1)) or m.group(1).endswith("地区")):
        return m.end() - pos
    return 0


def grow_left(text: str, suffix_start: int, tokens: TokenIndex, lexicon: Lexicon,
              region_ends: dict[int, Mention], cls: str) -> int:
    i = tokens.at(suffix_start)
    start = min(tokens.starts[i], suffix_start) if tokens.tokens else suffix_start
    if start < suffix_start and text[start:suffix_start + 1] in COMMON_VALLEY_WORDS:
        return suffix_start
    closed = False  # passed a ")" on the way: its "(" is inside the name (黄石(光谷)产业投资推介会)
    while i > 0:
        if cls in PLATFORMS and start in region_ends and not _generic_name(text[start:suffix_start]):
            break  # 西湖区云栖小镇: the district is a container, not part of the name (北京市新技术产业开发试验区: it is)
        word, word_start = tokens.tokens[i - 1], tokens.starts[i - 1]
        if tokens.starts[i] != start or not _name_like(word, lexicon, cls) or (word == "(" and not closed):
            break  # (央行金融科技研究院): a name in brackets starts after them
        closed = closed or word == ")"
        if cls in PLATFORMS and _is_container(word, lexicon) and not _generic_name(text[start:suffix_start]):
            break  # 高新区天府软件园, 台北市内湖科技园区: a container named before the platform
        if len(word) > 1 and word == text[suffix_start : suffix_start + len(word)]:
            break  # 深圳金融科技研究院央行金融科技研究院: the same suffix ends another name
        if suffix_start - word_start > MAX_NAME:
            break
        start = word_start
        i -= 1
    return start


def _generic_name(head: str) -> bool:
    """新技术产业开发(试验区): six characters or more of generic words need their region to be a name
    (北京市新技术产业开发试验区); fewer make a kind whose region is its container (余杭区未来科技城)."""
    return len(head) >= 6 and only_generic(head, platform=True)


def _is_container(word: str, lexicon: Lexicon) -> bool:
    """A full region name (西湖区, any …省/市/县) or a bare platform word such as 高新区; not 杭州, which
    opens names (杭州中俄人才创业园)."""
    if len(word) < 2:
        return False
    return word.endswith(CONTAINER_ENDS) or word in ZONE_WORDS \
        or any(e.cls == "Region" and e.label == word for e in lexicon.entries.get(word, ()))


def _name_like(word: str, lexicon: Lexicon, cls: str) -> bool:
    if cls in PLATFORMS and RE_TIME_WORD.fullmatch(word):
        return False  # 未来十五年重庆高新区: a time, not part of a platform's name (三年行动计划 keeps it)
    if cls == "Policy" and (word in POLICY_NAME_WORDS or word.isdigit()):
        return True  # 平台建设三年行动计划, 促进大数据产业发展专项政策, 工业信息安全3年行动计划
    if cls == "Event" and word in EVENT_NAME_WORDS:
        return True  # 数字经济暨数字丝绸之路国际会议, 中国金融科技发展论坛
    if word in lexicon.boundary_words:
        return False
    return bool(RE_NAME_WORD.fullmatch(word))


def _is_name(name: str, suffix: str, cls: str, lexicon: Lexicon) -> bool:
    head = name[: -len(suffix)]
    if not HAN.search(head) and not RE_TWO_LETTERS.search(head):
        return False
    if len(head) < 2 and (suffix in WEAK_SUFFIXES or len(suffix) < 2):
        return False
    if head.endswith("(") or head.startswith(("一流", "世界一流")):
        return False  # 企业研发中心(研究院, 一流网络安全学院: an aside or an aim, not a name
    if head in GENERIC_PARTS or (only_generic(head) and len(head) < 6):
        return False  # 省级特色小镇 is a kind; 国际金融科技生态园, six characters of modifiers, a name
    plain = RE_BRACKETED_PART.sub("", head)  # 学生实训(实习)基地
    kind = only_generic(plain, platform=True) and not (only_generic(plain) and len(plain) >= 6) \
        and not _bracketed_region(head, lexicon)  # 中国(绵阳)科技城: the place in brackets names it
    if cls in PLATFORMS and (kind or RE_CONJUNCTION.search(head, 1) or RE_COUNT_OF_KINDS.search(head)):
        return False  # 人才培养基地 is a kind; 深圳与伦敦金融城 two places; 四大产业片区 a count of kinds
    if suffix == "中心" and (len(head) < 3 or not RE_NAMED_CENTRE.search(head)):
        return False  # 数据中心, 运营中心: kinds; 中信银行信用卡中心 a name
    if cls == "Company" and only_generic(_without_leading_region(head, lexicon) or "名",
                                         extra=FUND_KIND_WORDS if suffix.endswith(("基金", "证券")) else frozenset()):
        return False  # 香港虚拟银行: a place and a kind; 政府投资基金: a kind of fund
    if (cls == "Event" and only_generic(head, extra=EVENT_KIND_WORDS)) or (cls == "Town" and only_generic(head, extra=TOWN_KIND_WORDS)):
        return False  # 高峰论坛, 周年大会: a kind of meeting; 江南水乡, 海滨小镇: a kind of town
    if suffix == "谷" and (name[-2] in NOT_VALLEY_BEFORE or name.endswith(NOT_VALLEY_ENDS)
                          or any(lexicon.region(name[-n:]) for n in (2, 3))):
        return False  # 稻谷, 移峰填谷, 大峡谷; 曼谷, 北京平谷: places
    return name not in COMMON_VALLEY_WORDS


def _bracketed_region(head: str, lexicon: Lexicon) -> bool:
    return any(lexicon.region(m.group(1)) for m in RE_BRACKETED.finditer(head))


def _without_leading_region(head: str, lexicon: Lexicon) -> str:
    for length in (4, 3, 2):
        if len(head) > length and lexicon.region(head[:length]):
            return head[length:]
    return head


def _sector_of_base(text: str, start: int, suffix_start: int, suffix: str, tokens: TokenIndex,
                    lexicon: Lexicon) -> tuple[int, int] | None:
    """打造化工新材料产业基地, 建设纺织产业基地, 打造罗源湾千亿钢铁产业基地: a base described by its
    sector after a verb of building is no named platform; its sector (the longest run of
    dictionary words at the end of the head that reads as a sector) is an industry.
    瑞浦新能源产业基地 keeps its name: 瑞浦 is no dictionary word."""
    if suffix not in SECTOR_BASE_SUFFIXES or not RE_BUILDING_VERB.search(text, max(0, start - 4), start):
        return None
    end = suffix_start - 2 if text.startswith("产业", suffix_start - 2) else suffix_start
    i = tokens.at(start)
    while i < len(tokens.tokens) and tokens.starts[i] < end:
        first = tokens.starts[i]
        words = [w for w in tokens.tokens[tokens.at(first) : tokens.at(end - 1) + 1]]
        if end - first >= 2 and all(lexicon.word_freq.get(w) for w in words) and not _place_or_size(words, lexicon) \
                and is_sector(text[first:end], lexicon):
            prefix = tokens.tokens[tokens.at(start) : i]
            return (first, end) if all(lexicon.word_freq.get(w) or w.isdigit() for w in prefix) else None
        i += 1
    return None


def _place_or_size(words: list[str], lexicon: Lexicon) -> bool:
    """A place's name (罗源, 罗源湾) or a size (千亿, 万亩) among the words: they describe the base, not its sector."""
    return any(RE_SIZE_WORD.fullmatch(w) or any(e.cls == "Region" for e in lexicon.entries.get(w, ())) for w in words)


def _sector_kind(start: int, suffix_start: int, tokens: TokenIndex, lexicon: Lexicon) -> bool:
    """Every word before the suffix is a sector or a generic word: a kind, not a name."""
    if suffix_start - start < 2:
        return False
    words = tokens.tokens[tokens.at(start) : tokens.at(suffix_start - 1) + 1]
    if not any(is_sector(w, lexicon) for w in words):
        return False
    return all(only_generic(w, platform=True, extra=SECTOR_KIND_WORDS) or is_sector(w, lexicon) for w in words)

