"""Normalise text: small ``str -> str`` steps composed in a fixed order.

Stage: reads ``Doc.raw``; fills ``Doc.text``, ``Doc.title`` and ``Doc.date``.
"""

from __future__ import annotations

import dataclasses
import functools
import importlib.resources
import re
from collections.abc import Callable, Mapping

from kg.extract.doc import Doc

ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
# Characters no output may hold (XML 1.0 and N-Triples/Turtle refuse or discourage them): control
# characters but tab and line breaks, non-characters (U+FFFE, U+FDD0…) and lone surrogates (a
# file decoded with surrogateescape, a string from a program). Line breaks by another name
# (a form feed between pdftotext's pages, a vertical tab, NEL, U+2028/9) become "\n"; a lone
# surrogate, a character lost, becomes U+FFFD as a decoder would write it; the rest go.
LINE_BREAKS = re.compile("[\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
SURROGATES = re.compile("[\ud800-\udfff]")
NOT_TEXT = re.compile("[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f\ufdd0-\ufdef"
                      + "".join(f"\\U{plane:04x}fffe\\U{plane:04x}ffff" for plane in range(17)) + "]")
UNWANTED = re.compile("|".join(p.pattern for p in (LINE_BREAKS, SURROGATES, NOT_TEXT)))
PINYIN_LETTERS = "a-zü\u00e0-\u00fc\u0100-\u01dc"
# 區(qū): a character followed by its own reading in brackets (said again: 區(qū)(qū)).
READING_AFTER_CHAR = re.compile(rf"([\u4e00-\u9fff])\(([{PINYIN_LETTERS}]{{1,7}})\)(?:\(\2\))*")
# 局?jǐn)?shù)據: a lost character, leaving '?' and readings; the last reading is its own.
READING_PROBE = re.compile(rf"\([{PINYIN_LETTERS}]")
LOST_CHAR = re.compile(rf"(?:\?([{PINYIN_LETTERS}]{{1,7}})\))+")
DATE = re.compile(r"(20\d\d|19\d\d)[-/.年](\d{1,2})[-/.月](\d{1,2})")


def remove_control_characters(text: str) -> str:
    """Characters that are not text out, line breaks as "\\n", lone surrogates as U+FFFD.

    >>> remove_control_characters("第一页\\f第二页\\x00\\ufffe\\udcff")
    '第一页\\n第二页\\ufffd'
    """
    if not UNWANTED.search(text):  # most texts: one look, no copies
        return text
    text = SURROGATES.sub("\ufffd", LINE_BREAKS.sub("\n", text))
    return NOT_TEXT.sub("", text)


def remove_zero_width(text: str) -> str:
    return ZERO_WIDTH.sub("", text).replace("\r\n", "\n").replace("\r", "\n")


def fullwidth_to_halfwidth(text: str) -> str:
    """ＡＢ１（） → AB1(); the ideographic space becomes a plain space."""
    return _replace_each(FULLWIDTH, text)


FULLWIDTH = {chr(cp): chr(cp - 0xFEE0) for cp in range(0xFF01, 0xFF5F)} | {"\u3000": " "}


def _replace_each(table: dict[str, str], text: str) -> str:
    """str.translate, five times faster: a regex finds the few characters to replace, where
    translate looks every character up in the table."""
    return _pattern_of(tuple(table)).sub(lambda m: table[m.group()], text)


@functools.cache
def _pattern_of(chars: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("[" + "".join(re.escape(c) for c in chars) + "]")


# Variants that OpenCC's t2s leaves alone (陜西省 in Big5 gateways' output).
VARIANTS = {"陜": "陕", "峯": "峰"}


@functools.cache
def _t2s() -> Callable[[str], str]:
    import opencc

    convert = opencc.OpenCC("t2s").convert
    return lambda text: _replace_each(VARIANTS, convert(text))


def to_simplified(text: str) -> str:
    """Traditional characters to simplified, only in the lines that are traditional: t2s also
    rewrites characters that simplified text uses (a person named 王乾 would become 王干). A line is
    traditional when t2s changes a character outside GB2312, the simplified character set.

    >>> to_simplified("西湖區的數字經濟"), to_simplified("副区长王乾表示,杭州市西湖区的产业不断壮大。")
    ('西湖区的数字经济', '副区长王乾表示,杭州市西湖区的产业不断壮大。')
    """
    simplified = _t2s_fixed(text)
    if simplified == text:
        return text
    lines, converted = text.split("\n"), simplified.split("\n")
    if len(lines) != len(converted):
        return simplified
    return "\n".join(new if new != old and _traditional(old, new) else old for old, new in zip(lines, converted, strict=True))


def _traditional(line: str, simplified: str) -> bool:
    if len(line) != len(simplified):
        return True  # a phrase rewritten: only traditional text has those
    return any(a != b and not _in_gb2312(a) for a, b in zip(line, simplified, strict=True))


@functools.cache
def _in_gb2312(char: str) -> bool:
    try:
        char.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def _t2s_fixed(text: str) -> str:
    """OpenCC t2s, repeated to a fixed point: a few characters take two steps (薴 → 苧 → 苎)."""
    convert = _t2s()
    for _ in range(3):
        simplified = convert(text)
        if simplified == text:
            break
        text = simplified
    return text


@functools.cache
def _chars_by_reading() -> dict[str, str]:
    """Tone-marked reading → the characters that have it (kg/data/readings.tsv, from pypinyin)."""
    lines = importlib.resources.files("kg").joinpath("data", "readings.tsv").read_text(encoding="utf-8").splitlines()
    return dict(line.split("\t", 1) for line in lines if line and not line.startswith("#"))


def strip_pinyin_debris(text: str, words: Mapping[str, int] | None = None) -> str:
    """西湖區(qū) → 西湖區; 局?jǐn)?shù)據 → 局数据 when exactly one dictionary word fits."""
    if READING_PROBE.search(text):  # most texts have no debris: a quick look before the slow pattern
        text = READING_AFTER_CHAR.sub(_drop_own_reading, text)
    if "?" not in text:
        return text
    return LOST_CHAR.sub(lambda m: _restore_lost_char(m, words if words is not None else {}), text)


def _drop_own_reading(m: re.Match[str]) -> str:
    char, reading = m.group(1), m.group(2)
    return char if char in _chars_by_reading().get(reading, "") else m.group(0)


def _restore_lost_char(m: re.Match[str], words: Mapping[str, int]) -> str:
    before = m.string[m.start() - 1 : m.start()]
    after = m.string[m.end() : m.end() + 1]
    candidates = _chars_by_reading().get(m.group(1), "")
    # The word with the preceding character decides first, then the following one.
    for word_of in (lambda c: before + c, lambda c: c + after):
        fits = {c for c in candidates if words.get(word_of(c))}
        if len(fits) == 1:
            return fits.pop()
    return "?"


QUOTES = {"「": "“", "」": "”", "『": "“", "』": "”", "〈": "《", "〉": "》"}


def unify_quotes(text: str) -> str:
    return _replace_each(QUOTES, text)


SPACES = re.compile(r"[ \t\u00a0]+")
# Scraped text spaces Arabic figures off from the Chinese around them (于 2019 年, 18 名).
SPACED_FIGURE = re.compile(r"(?<=[\u4e00-\u9fff]) (?=[\d.%]*\d)|(?<=[\d%]) (?=[\u4e00-\u9fff])")


def collapse_whitespace(text: str) -> str:
    """One space at most, none around figures in Chinese text; blank lines at most two.

    >>> collapse_whitespace("于  2019 年,共 18 名")
    '于2019年,共18名'
    """
    lines = (_collapse_spaces(line).strip() for line in text.split("\n"))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _collapse_spaces(line: str) -> str:
    if " " not in line and "\t" not in line and "\u00a0" not in line:
        return line  # most lines of Chinese text: nothing to do, and the patterns cost more than the look
    return SPACED_FIGURE.sub("", SPACES.sub(" ", line))


def normalize(text: str, words: Mapping[str, int] | None = None) -> str:
    """The steps in order; idempotent: normalize(normalize(t)) == normalize(t).

    >>> normalize("西湖區(qū)（杭州）")
    '西湖区(杭州)'
    """
    text = remove_control_characters(text)
    text = remove_zero_width(text)
    text = fullwidth_to_halfwidth(text)
    text = to_simplified(text)
    text = strip_pinyin_debris(text, words)
    text = unify_quotes(text)
    return collapse_whitespace(text)


def find_date(text: str) -> str | None:
    """The first date in the document's opening lines, as YYYY-MM-DD."""
    m = DATE.search(text[:600])
    if not m:
        return None
    y, mo, d = (int(x) for x in m.groups())
    return f"{y:04d}-{mo:02d}-{d:02d}" if 1 <= mo <= 12 and 1 <= d <= 31 else None


FIRST_LINE = re.compile(r"\S[^\n]*")


def find_title(text: str) -> str:
    """The first line that is not blank (found without splitting a long text into lines)."""
    m = FIRST_LINE.search(text)
    return m.group().strip() if m else ""


def normalize_doc(doc: Doc, words: Mapping[str, int] | None = None) -> Doc:
    text = normalize(doc.raw, words)
    return dataclasses.replace(doc, text=text, title=find_title(text), date=find_date(text))
