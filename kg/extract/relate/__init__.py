"""Relations (locatedIn, focusesOn, partOf, issuedBy) and targets, each with its sentence.

Stage: reads ``Doc.mentions``, ``Doc.entities`` and ``Doc.subject``; fills
``Doc.relations`` and ``Doc.targets``. Each rule is a small function from a Doc to Relations,
in one module per relation; ``RULES`` lists them in the order their relations are kept.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable

from kg.extract.doc import Doc, Entity, Relation
from kg.extract.lexicon import Lexicon
from kg.extract.relate import focus, issued, located, part_of
from kg.extract.targets import find_targets

Rule = Callable[[Doc, Lexicon], Iterable[Relation]]

RULES: tuple[Rule, ...] = (
    located.region_hierarchy, located.appositive_location, located.bracketed_location, located.explicit_location,
    located.nested_platform,
    part_of.grouping_members, part_of.layout_members, part_of.listed_in_brackets, part_of.plan_members,
    part_of.grouping_sections,
    focus.focus, focus.industry_in_name,
    located.subject_location,
    issued.issuer,
)


def relate(doc: Doc, lexicon: Lexicon) -> Doc:
    relations: dict[tuple[str, str, str], Relation] = {}
    for rule in RULES:
        for r in rule(doc, lexicon):
            if r.head != r.tail:
                relations.setdefault((r.head, r.predicate, r.tail), r)
    return dataclasses.replace(doc, entities=doc.entities + implied_regions(doc, relations.values()),
                               relations=tuple(relations.values()), targets=tuple(find_targets(doc, lexicon)))


def implied_regions(doc: Doc, relations: Iterable[Relation]) -> tuple[Entity, ...]:
    """Regions a relation points to that are named only inside another name (园区(北京),
    关于促进福田区…意见) become entities too, so that no relation ends in an unlabelled node."""
    known = {e.key for e in doc.entities}
    implied: dict[str, Entity] = {}
    for r in relations:
        if r.tail not in known and r.tail not in implied and r.tail.startswith("Region/"):
            implied[r.tail] = Entity(r.tail, r.tail.split("/", 1)[1], "Region", (), (r.sentence,))
    return tuple(implied.values())
