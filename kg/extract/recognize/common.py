"""Shared by the sources: token offsets, suffix tables, and tests of generic words."""

from __future__ import annotations

import bisect
import dataclasses
import functools
import re
from array import array
from itertools import accumulate

from kg.extract.doc import Doc, Mention
from kg.extract.lexicon import Lexicon
from kg.extract.patterns import GENERIC_PARTS, PLATFORM_GENERIC_PARTS, PLATFORMS, SUFFIX_CLASSES

MAX_NAME = 18
# Longest first: at one position 科技园区 must win over 科技园.
RE_SUFFIX = re.compile("|".join(re.escape(s) for s, _ in sorted(SUFFIX_CLASSES, key=lambda sc: -len(sc[0]))))
SUFFIX_CLASS = dict(SUFFIX_CLASSES)
PLATFORM_SUFFIX_ENDS = tuple(s for s, c in SUFFIX_CLASSES if c in PLATFORMS)
RE_SUFFIX_AT_END = re.compile("(?:" + RE_SUFFIX.pattern + ")$")
HAN = re.compile(r"[\u4e00-\u9fff]")


class Boundaries:
    """The offsets between tokens, as one byte per character (``offset in boundaries``): a set of
    ints would take sixty times the room."""

    def __init__(self, starts: array[int]) -> None:
        self._at = bytearray(starts[-1] + 1 if starts else 1)
        for start in starts:
            self._at[start] = 1

    def __contains__(self, offset: object) -> bool:
        return isinstance(offset, int) and 0 <= offset < len(self._at) and self._at[offset] == 1


class TokenIndex:
    """Token boundaries and lookups by character offset."""

    def __init__(self, tokens: tuple[str, ...]) -> None:
        self.tokens = tokens
        self.starts = array("q", accumulate(map(len, tokens), initial=0))  # one more: the text's end
        self.boundaries = Boundaries(self.starts)

    def at(self, offset: int) -> int:
        """Index of the token that holds character ``offset``."""
        return min(max(bisect.bisect_right(self.starts, offset) - 1, 0), max(len(self.tokens) - 1, 0))


@functools.cache
def _generic_re(platform: bool = False, extra: frozenset[str] = frozenset()) -> re.Pattern[str]:
    parts = sorted(GENERIC_PARTS | (PLATFORM_GENERIC_PARTS if platform else set()) | extra, key=len, reverse=True)
    return re.compile("(?:" + "|".join(map(re.escape, parts)) + ")+")


def only_generic(head: str, platform: bool = False, extra: frozenset[str] = frozenset()) -> bool:
    """Only generic words (省级, 特色 …); with ``platform``, also those of platforms' kinds (人才, 孵化);
    with ``extra``, words a caller adds (知名品牌 for a designation)."""
    return bool(_generic_re(platform, extra).fullmatch(head))


def common_word(name: str, lexicon: Lexicon) -> bool:
    """Not a person's name: a common word that opens with a surname (关于, 党组, 连续), or a conjunction
    before a word (和支持, 和中方)."""
    return name in lexicon.not_names or name[:2] in lexicon.not_names \
        or (name[0] in "和与及" and len(name) > 2 and bool(lexicon.word_freq.get(name[1:])))


def last_match(pattern: str | re.Pattern[str], text: str) -> re.Match[str] | None:
    """The last non-overlapping match of ``pattern`` in ``text``."""
    last = None
    for last in (pattern if isinstance(pattern, re.Pattern) else re.compile(pattern)).finditer(text):  # noqa: B007
        pass
    return last


def after_last_verb(item: str, lexicon: Lexicon, keep: tuple[str, ...] = ()) -> str:
    """What follows the last boundary word of ``item`` (促进工程机械 → 工程机械); words in ``keep``
    open the name rather than end the clause (加快现代装备 → 现代装备 with the sector modifiers)."""
    cut = 0
    for verb in lexicon.boundary_pattern.finditer(item):
        if verb.group() not in keep:
            cut = verb.end()
    while cut < len(item) and item[cut] in "了着过的":
        cut += 1
    return item[cut:]


@dataclasses.dataclass
class Context:
    """What every source reads: the Doc, the lexicon, token offsets, and the candidates found so far."""

    doc: Doc
    lexicon: Lexicon
    tokens: TokenIndex
    candidates: list[Mention]

    @property
    def text(self) -> str:
        return self.doc.text
