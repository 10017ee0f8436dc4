"""Dictionaries from ``kg/data``, and a jieba Tokenizer of our own that knows them.

``default_lexicon()`` is the one cached global; tests build small Lexicons by hand.
"""

from __future__ import annotations

import functools
import importlib.resources
import logging
import re
from collections.abc import Container, Iterator, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import ahocorasick_rs

from kg.errors import LexiconError
from kg.extract.patterns import CLASSES, SUFFIX_CLASSES, TOWNSHIP_SUFFIXES

if TYPE_CHECKING:
    import jieba
    import rjieba

CLASS_FILES = {
    "industry.tsv": "Industry",
    "company.tsv": "Company",
    "institution.tsv": "Institution",
    "policy.tsv": "Policy",
    "event.tsv": "Event",
}


@dataclass(frozen=True, slots=True)
class Entry:
    label: str  # the full name
    cls: str
    level: str = ""  # province | city | county for regions
    parent: str = ""  # the containing region's label
    code: str = ""  # the six-digit GB/T 2260 division code, for regions


def _rank_regions(bucket: list[Entry], surface: str) -> None:
    """Among the regions a surface names, the one it names in full first, then the higher level:
    bare 河北 is 河北省 before 天津's 河北区, 西安 is 西安市 before 辽源's 西安区. Other entries keep
    their places."""
    at = [i for i, e in enumerate(bucket) if e.cls == "Region"]
    ranked = sorted((bucket[i] for i in at), key=lambda e: (e.label != surface, LEVEL_RANK.get(e.level, len(LEVEL_RANK))))
    for i, e in zip(at, ranked, strict=True):
        bucket[i] = e


LEVEL_RANK = {"province": 0, "city": 1, "county": 2}  # a region's level, higher first


@dataclass
class Lexicon:
    """Surface form → entries; region hierarchy; boundary words; a tokenizer."""

    entries: dict[str, list[Entry]] = field(default_factory=dict)
    boundary_words: frozenset[str] = frozenset()
    segmenter: rjieba.Jieba | None = None  # jieba's algorithm and dictionary in Rust (jieba-rs), for tokens
    bare_region_forms: frozenset[str] = frozenset()  # 萧山, 西湖: need their full form nearby
    region_bare: dict[str, str] = field(default_factory=dict)  # 杭州市 → 杭州
    name_model: bool = True  # run the trained name model (kg build --no-model turns it off)
    not_names: frozenset[str] = frozenset()  # common words that open with a surname (关于, 党组): no one the model may name
    data_dir: Path | None = None  # where township.tsv is read from, when a township first needs it (kg/data by default)

    def add(self, surface: str, entry: Entry) -> None:
        bucket = self.entries.setdefault(surface, [])
        if entry not in bucket:
            bucket.append(entry)
            if entry.cls == "Region":
                _rank_regions(bucket, surface)

    @functools.cached_property
    def _matcher(self) -> tuple[ahocorasick_rs.AhoCorasick, list[str]]:
        surfaces = list(self.entries)
        return ahocorasick_rs.AhoCorasick(surfaces, matchkind=ahocorasick_rs.MatchKind.Standard), surfaces

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """Every surface form in ``text``, overlapping ones too, as (start, end, surface), by end
        and longest first: Aho-Corasick, one pass over the text (ahocorasick-rs, in Rust)."""
        matcher, surfaces = self._matcher
        found = [(start, end, surfaces[i]) for i, start, end in matcher.find_matches_as_indexes(text, overlapping=True)]
        return sorted(found, key=lambda f: (f[1], f[0]))

    @functools.cached_property
    def boundary_pattern(self) -> re.Pattern[str]:
        """Boundary words of two or more characters, longest first, as one regex."""
        return re.compile("|".join(map(re.escape, sorted(self.boundary_prefixes, key=len, reverse=True))))

    @functools.cached_property
    def boundary_prefixes(self) -> tuple[str, ...]:
        """Boundary words of two or more characters, for one str.startswith call."""
        return tuple(w for w in self.boundary_words if len(w) > 1)

    def region(self, label: str, named: Container[str] = ()) -> Entry | None:
        """The region a surface form names, full (北京市) or bare (北京); among namesakes
        (南山区 of 深圳市 and of 鹤岗市), the one whose parent or grandparent is ``named``."""
        entries = [e for e in self.entries.get(label, ()) if e.cls == "Region"]
        if len(entries) > 1 and named:
            for entry in entries:
                parent = self.region(entry.parent) if entry.parent else None
                if entry.parent in named or (parent and parent.parent in named):
                    return entry
        return entries[0] if entries else None

    @functools.cached_property
    def townships(self) -> dict[str, tuple[str, ...]]:
        """Township name → its nine-digit statistics division codes (namesakes each keep theirs), read from
        township.tsv on first use: most documents name no township."""
        path = (self.data_dir or shipped_data()) / "lexicon" / "township.tsv"
        codes: dict[str, list[str]] = {}
        for code, name, *_ in read_tsv(path) if path.is_file() else ():
            codes.setdefault(name, []).append(code)
        return {name: tuple(found) for name, found in codes.items()}

    @functools.cached_property
    def region_by_code(self) -> dict[str, Entry]:
        """Division code → the region that has it, for placing a township by its code's first six digits."""
        return {e.code: e for bucket in self.entries.values() for e in bucket if e.cls == "Region" and e.code}

    def township_code(self, label: str, named: AbstractSet[str] = frozenset()) -> str:
        """A township's nine-digit code: its name's only one, else the namesake's whose county (the code's
        first six digits), else whose city, else whose province is ``named``; "" for a namesake the text
        does not place. A name the table lacks may open with the regions that place it.

        >>> lexicon = Lexicon(entries={"西湖区": [Entry("西湖区", "Region", "county", "杭州市", "330106")]})
        >>> lexicon.township_code("蒋村街道", {"西湖区"}), lexicon.township_code("蒋村街道"), lexicon.township_code("西湖区蒋村街道")
        ('330106011', '', '330106011')
        """
        if not label.endswith(TOWNSHIP_SUFFIXES):
            return ""
        codes = self.townships.get(label, ())
        if not codes:  # 杭州市西湖区蒋村街道: the regions written before it place it
            heads, rest = self._region_head(label)
            return (self.township_code(rest, heads) or self.township_code(rest, named | heads)) if heads else ""
        if len(codes) == 1:
            return codes[0]
        for around in (self._county_of, self._city_of, self._province_of):
            placed = [code for code in codes if around(code) & named]
            if placed:
                return placed[0] if len(placed) == 1 else ""  # two namesakes placed alike: neither
        return ""

    def _region_head(self, label: str) -> tuple[frozenset[str], str]:
        """The regions a township's name opens with (杭州市 of 杭州市西湖区蒋村街道; 西安市 and 西安区 for the
        bare 西安), and the rest; nothing when no region opens it."""
        for end in range(len(label) - 2, 1, -1):
            heads = frozenset(e.label for e in self.entries.get(label[:end], ()) if e.cls == "Region")
            if heads:
                return heads, label[end:]
        return frozenset(), label

    def _county_of(self, code: str) -> set[str]:
        county = self.region_by_code.get(code[:6])
        return {county.label} if county else set()

    def _city_of(self, code: str) -> set[str]:
        """The city a township lies in: its county's parent (北京市 for 东城区), and the region coded xxxx00."""
        county, city = self.region_by_code.get(code[:6]), self.region_by_code.get(code[:4] + "00")
        return {label for label in (county.parent if county else "", city.label if city else "") if label}

    def _province_of(self, code: str) -> set[str]:
        province = self.region_by_code.get(code[:2] + "0000")
        return {province.label} if province else set()

    @functools.cached_property
    def tokenizer(self) -> jieba.Tokenizer:
        """A private jieba Tokenizer with our words, built on first use; the build itself uses jieba-rs."""
        return make_tokenizer(self)

    @functools.cached_property
    def word_freq(self) -> Mapping[str, int]:
        """The words jieba's dictionary (with ours) knows, each as 1: asked of jieba-rs, which holds
        the same dictionary, so jieba's own never needs loading to build."""
        return DictionaryWords(self.segmenter) if self.segmenter is not None else {}


class DictionaryWords(Mapping[str, int]):
    def __init__(self, segmenter: rjieba.Jieba) -> None:
        self._segmenter = segmenter

    def __getitem__(self, word: str) -> int:
        if not self._segmenter.has_word(word):
            raise KeyError(word)
        return 1

    def __iter__(self) -> Iterator[str]:
        raise TypeError("the dictionary can be asked about words, not listed")

    def __len__(self) -> int:
        return 1  # never empty


def shipped_data() -> Path:
    """The data folder shipped in the package (kg/data)."""
    return Path(str(importlib.resources.files("kg").joinpath("data")))


def read_tsv(path: Path) -> list[list[str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(line.split("\t"))
    return rows


def parse_user_lexicon(text: str, name: str = "lexicon") -> list[tuple[str, str, str]]:
    """A user's lexicon: TSV lines of label, class and aliases (|-separated, optional); # comments.

    >>> parse_user_lexicon("# mine\\n未来科技城\\tPark\\t杭州未来科技城|未来城\\n")
    [('未来科技城', 'Park', '杭州未来科技城|未来城')]
    """
    rows = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = [f.strip() for f in line.split("\t")]
        if len(fields) < 2 or not fields[0]:
            raise LexiconError(f"{name} line {number}: expected label<TAB>class[<TAB>aliases]")
        if fields[1] not in CLASSES:
            raise LexiconError(f"{name} line {number}: unknown class {fields[1]!r} (one of {', '.join(CLASSES)})")
        rows.append((fields[0], fields[1], fields[2] if len(fields) > 2 else ""))
    return rows


def load_lexicon(data_dir: Path | None = None, tokenizer: bool = True, user: tuple[str, ...] = (),
                 name_model: bool = True) -> Lexicon:
    """The lexicon in ``data_dir`` (kg/data by default), with users' own lexicons (TSV texts) first:
    where a user's entry and a shipped one share a surface form, the user's wins."""
    data = data_dir or shipped_data()
    lexicon = Lexicon(name_model=name_model, data_dir=data)
    for index, text in enumerate(user):
        for label, cls, aliases in parse_user_lexicon(text, f"lexicon {index + 1}"):
            _add_with_aliases(lexicon, label, aliases, Entry(label, cls))
    for name, cls in CLASS_FILES.items():
        for row in read_tsv(data / "lexicon" / name):
            _add_with_aliases(lexicon, row[0], row[1] if len(row) > 1 else "", Entry(row[0], cls))
    for row in read_tsv(data / "lexicon" / "platform.tsv"):
        _add_with_aliases(lexicon, row[0], row[2] if len(row) > 2 else "", Entry(row[0], row[1]))
    bare = set()
    for label, aliases, level, parent, *code in read_tsv(data / "lexicon" / "region.tsv"):
        # aliases: the bare form first (宁乡; empty when there is none), then former full names (宁乡县)
        short, *former = aliases.split("|")
        entry = Entry(label, "Region", level, parent, code[0] if code else "")
        lexicon.add(label, entry)
        for alias in filter(None, (short, *former)):
            lexicon.add(alias, entry)
        if short:
            lexicon.region_bare[label] = short
            if level == "county":
                bare.add(short)
    lexicon.bare_region_forms = frozenset(bare)
    words = (data / "boundary.txt").read_text(encoding="utf-8").split()
    lexicon.boundary_words = frozenset(w for w in words if not w.startswith("#"))
    lines = (data / "not_names.txt").read_text(encoding="utf-8").splitlines()
    lexicon.not_names = frozenset(w for w in lines if w and not w.startswith("#"))
    if tokenizer:
        lexicon.segmenter = make_segmenter(lexicon)
    return lexicon


def _add_with_aliases(lexicon: Lexicon, label: str, aliases: str, entry: Entry) -> None:
    lexicon.add(label, entry)
    for alias in filter(None, aliases.split("|")):
        lexicon.add(alias, entry)


def make_tokenizer(lexicon: Lexicon) -> jieba.Tokenizer:
    """A private jieba Tokenizer that keeps our names and suffixes whole."""
    import jieba  # only tests and baselines need jieba itself: the build segments with jieba-rs

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    for surface in lexicon.entries:
        if len(surface) > 1:
            tokenizer.add_word(surface, freq=max(tokenizer.suggest_freq(surface), 1000))
    for suffix, _cls in SUFFIX_CLASSES:
        if len(suffix) > 1:
            tokenizer.add_word(suffix, freq=1000)
    for word in lexicon.boundary_words:
        if len(word) > 1 and not tokenizer.FREQ.get(word):  # prefixes of longer words are in FREQ at 0
            tokenizer.add_word(word, freq=max(tokenizer.suggest_freq(word), 1000))
    list(tokenizer.cut("作为"))  # warm up once, at load
    return tokenizer


def make_segmenter(lexicon: Lexicon) -> rjieba.Jieba:
    """jieba-rs with jieba's dictionary and our words: jieba's tokens (without HMM), seven times faster."""
    segmenter = _fresh_jieba()
    for surface in lexicon.entries:
        if len(surface) > 1:
            segmenter.add_word(surface, max(segmenter.suggest_freq(surface), 1000), None)
    for suffix, _cls in SUFFIX_CLASSES:
        if len(suffix) > 1:
            segmenter.add_word(suffix, 1000, None)
    for word in lexicon.boundary_words:  # 获批 whole, so that a name grown leftwards stops before it
        if len(word) > 1 and not segmenter.has_word(word):
            segmenter.add_word(word, max(segmenter.suggest_freq(word), 1000), None)
    return segmenter


_default_jieba_taken = False


def _fresh_jieba() -> rjieba.Jieba:
    """A Jieba with only jieba's dictionary. Importing rjieba already loads one (0.1 s, its
    module-level default): the first lexicon takes that one rather than loading the dictionary
    again. rjieba is imported here, not at the top: a rebuild from the cache needs no tokens."""
    import rjieba

    global _default_jieba_taken
    default = None if _default_jieba_taken else getattr(rjieba, "_DEFAULT_JIEBA", None)
    _default_jieba_taken = True
    return default if default is not None else rjieba.Jieba()


@functools.cache
def default_lexicon(user: tuple[str, ...] = (), name_model: bool = True) -> Lexicon:
    """The lexicon shipped in kg/data, with users' own (TSV texts), loaded once per process;
    ``name_model`` False leaves the trained name model out of recognition."""
    return load_lexicon(user=user, name_model=name_model)
