"""Relations (locatedIn, focusesOn, partOf, issuedBy) and targets, each with its sentence.

Stage: reads ``Doc.mentions``, ``Doc.entities`` and ``Doc.subject``; fills
``Doc.relations`` and ``Doc.targets``. Each rule is a small function from a Doc to Relations,
in one module per relation; ``RULES`` lists them in the order their relations are kept, and
``FALLBACKS`` the rules of the document's subject, which see what the others found.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping

from kg.extract.doc import Doc, Entity, Relation
from kg.extract.lexicon import Lexicon
from kg.extract.relate import focus, issued, located, part_of, subject
from kg.extract.resolve import region_code
from kg.extract.targets import find_targets

Rule = Callable[[Doc, Lexicon], Iterable[Relation]]
Fallback = Callable[[Doc, Lexicon, Mapping[tuple[str, str, str], Relation]], Iterable[Relation]]

RULES: tuple[Rule, ...] = (
    located.region_hierarchy, located.appositive_location, located.bracketed_location, located.explicit_location,
    located.nested_platform, located.region_apposition, located.region_prefix, located.back_reference_location,
    located.built_in, located.public_list_place,
    part_of.grouping_members, part_of.layout_members, part_of.listed_in_brackets, part_of.plan_members, part_of.spoken_programmes,
    part_of.grouping_sections, part_of.one_of, part_of.core_area, part_of.named_parts,
    focus.focus, focus.industry_in_name,
    issued.issuer,
)
# Rules that see what the others found: the document's subject fills what the text leaves open.
FALLBACKS: tuple[Fallback, ...] = (subject.platform_region, subject.subject_location)


def relate(doc: Doc, lexicon: Lexicon) -> Doc:
    relations: dict[tuple[str, str, str], Relation] = {}
    for rule in RULES:
        for r in rule(doc, lexicon):
            if r.head != r.tail:
                relations.setdefault((r.head, r.predicate, r.tail), r)
    for fallback in FALLBACKS:
        for r in list(fallback(doc, lexicon, relations)):
            if r.head != r.tail:
                relations.setdefault((r.head, r.predicate, r.tail), r)
    implied = implied_entities(doc, relations.values(), lexicon)
    if implied:  # 西部(成都)科学城 → 成都市, which lies in 四川省 like any region the text names
        implied_keys = {e.key for e in implied}
        widened = dataclasses.replace(doc, entities=doc.entities + implied)
        for r in located.region_hierarchy(widened, lexicon):
            if r.head in implied_keys:
                relations.setdefault((r.head, r.predicate, r.tail), r)
        implied += implied_entities(widened, relations.values(), lexicon)
    return dataclasses.replace(doc, entities=doc.entities + implied,
                               relations=tuple(relations.values()), targets=tuple(find_targets(doc, lexicon)))


IMPLIED_CLASSES = ("Region", "Industry")  # the classes a relation may name only inside another name


def implied_entities(doc: Doc, relations: Iterable[Relation], lexicon: Lexicon | None = None) -> tuple[Entity, ...]:
    """Regions and industries a relation points to that are named only inside another name (园区(北京),
    关于促进福田区…意见, 生命健康产业园) become entities too, so that no relation ends in an unlabelled node."""
    known = {e.key for e in doc.entities}
    implied: dict[str, Entity] = {}
    for r in relations:
        cls, label = r.tail.split("/", 1)
        if r.tail in known or r.tail in implied or cls not in IMPLIED_CLASSES:
            continue
        code = region_code(r.tail, {e.label for e in doc.entities if e.cls == "Region"}, lexicon) \
            if cls == "Region" and lexicon else ""
        implied[r.tail] = Entity(r.tail, label, cls, (), (r.sentence,), (), code)
    return tuple(implied.values())
