"""The classes that each relation accepts, and kinds of platform that decide between relations."""

from __future__ import annotations

from kg.extract.doc import Mention
from kg.extract.patterns import PLATFORMS
from kg.extract.relate.patterns import PART_SUFFIXES, ZONE_ENDS
from kg.extract.resolve import canonical_label

LOCATABLE = PLATFORMS | {"Company", "Institution"}
FOCUSED = PLATFORMS | {"Region", "Company", "Institution"}


def short_part(b: Mention) -> bool:
    """海淀园, 天城北园: a short park named as a part of the platform before it."""
    label = canonical_label(b)
    return label.endswith(PART_SUFFIXES) and len(label) <= 4


def held_by_zone(a: Mention, b: Mention) -> bool:
    """空港新区天城北园: a zone holds the short park that follows it (it lies there); 中关村科技园区海淀园:
    a park of parks has it as a part."""
    return a.label in PLATFORMS and short_part(b) and canonical_label(a).endswith(ZONE_ENDS)
