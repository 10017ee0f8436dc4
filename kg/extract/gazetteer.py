"""Public lists of names (universities, national zones, Zhejiang towns, listed companies, and a
curated list of well-known organisations), generated into kg/data/lexicon by
scripts/make_public_lexicons.py. Each row keeps where the organisation or zone lies.

Kept apart from the Lexicon on purpose: these names are not added to the segmenter (thousands of
company names would change how every sentence is cut), and each list is its own rule in the
evidence (``public:university`` …), so that a wrong fact can be traced to its list.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

import ahocorasick_rs

from kg.extract.lexicon import read_tsv, shipped_data

# file → (rule name, class or None when the row names it, columns of places, innermost first)
LISTS: dict[str, tuple[str, str | None, tuple[str, ...]]] = {
    "university.tsv": ("university", "Institution", ("city", "province")),
    "national_zone.tsv": ("zone", "Park", ("city", "province")),
    "zhejiang_town.tsv": ("town", "Town", ("county", "city")),
    "listed_company.tsv": ("company", "Company", ("city", "province")),
    "curated_org.tsv": ("organisation", None, ("city",)),
}
# A guarded (ordinary-word or two-character) form counts only before one of these.
COMPANY_CUES = ("公司", "集团", "股份", "控股", "有限")
HALFWIDTH = str.maketrans("（）", "()")


@dataclass(frozen=True, slots=True)
class Listed:
    label: str
    cls: str
    rule: str
    places: tuple[str, ...]  # region labels where it lies, innermost first


@dataclass
class PublicLists:
    forms: dict[str, Listed] = field(default_factory=dict)  # surface form → its row (first list wins)
    guarded: set[str] = field(default_factory=set)  # forms that need a company cue after them
    by_label: dict[str, Listed] = field(default_factory=dict)

    def add(self, form: str, listed: Listed, guarded: bool = False) -> None:
        if form and form not in self.forms:
            self.forms[form] = listed
            if guarded:
                self.guarded.add(form)

    @functools.cached_property
    def _matcher(self) -> tuple[ahocorasick_rs.AhoCorasick, list[str]]:
        forms = list(self.forms)
        return ahocorasick_rs.AhoCorasick(forms, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest), forms

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """Leftmost-longest matches as (start, end, form); guarded forms only before a company cue."""
        matcher, forms = self._matcher
        found = []
        for i, start, end in matcher.find_matches_as_indexes(text):
            form = forms[i]
            if form in self.guarded and not text.startswith(COMPANY_CUES, end):
                continue
            found.append((start, end, form))
        return found


def _columns(header: list[str], *names: str) -> list[int | None]:
    return [header.index(name) if name in header else None for name in names]


def _cell(row: list[str], index: int | None) -> str:
    return row[index].strip() if index is not None and index < len(row) else ""


def load_public_lists(data_dir: Path | None = None) -> PublicLists:
    folder = (data_dir or shipped_data()) / "lexicon"
    lists = PublicLists()
    for name, (rule, cls, place_columns) in LISTS.items():
        path = folder / name
        header = [line[2:].split("\t") for line in path.read_text(encoding="utf-8").splitlines()
                  if line.startswith("# label\t")][0]
        cls_at, aliases_at, cue_at = _columns(header, "class", "aliases", "cue_aliases")
        places_at = _columns(header, *place_columns)
        for row in read_tsv(path):
            label = row[0].translate(HALFWIDTH)  # the text is normalised so: 中国地质大学(北京)
            listed = Listed(label, cls or _cell(row, cls_at), rule, tuple(p for i in places_at if (p := _cell(row, i))))
            cue = set(filter(None, _cell(row, cue_at).split("|")))
            lists.by_label.setdefault(label, listed)
            lists.add(label, listed, guarded=label in cue)
            for form in filter(None, _cell(row, aliases_at).split("|")):
                if not (listed.places and form.startswith(listed.places[0]) and len(listed.places[0]) > 2):
                    lists.add(form, listed)  # 西湖区云栖小镇: the district stays a region of its own
            for form in cue - {label}:
                lists.add(form, listed, guarded=True)
    return lists


@functools.cache
def default_public_lists() -> PublicLists:
    return load_public_lists()
