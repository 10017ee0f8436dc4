"""What changed between two builds: entities, relations and targets added and removed, and
targets whose value changed for the same holder, indicator and year; each with its documents.

Entities are matched by IRI (class and canonical label), relations by their triple, targets by
holder, indicator and year (a target's own IRI names its document, so it cannot match across builds).
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass
from pathlib import Path

from kg.rdf.formats import ResultFormat
from kg.rdf.query import Result, format_result, open_store, run

ENTITIES = """SELECT ?e ?label ?c ?doc WHERE {
  GRAPH ?g { ?e a ?c . ?d a kg:Document ; dcterms:source ?doc }
  FILTER(?c IN (kg:Region, kg:Town, kg:Valley, kg:Park, kg:Company, kg:Industry, kg:Institution, kg:Policy, kg:Person, kg:Event))
  ?e rdfs:label ?label }"""
RELATIONS = """SELECT ?s ?p ?o ?sl ?ol ?doc WHERE {
  GRAPH ?g { ?s ?p ?o . ?d a kg:Document ; dcterms:source ?doc }
  FILTER(?p IN (kg:locatedIn, kg:focusesOn, kg:partOf, kg:issuedBy))
  ?s rdfs:label ?sl . ?o rdfs:label ?ol }"""
TARGETS = """SELECT ?h ?hl ?hc ?indicator ?year ?value ?unit ?doc WHERE {
  GRAPH ?g { ?h kg:hasTarget ?t . ?t kg:value ?value ; kg:unit ?unit . ?d a kg:Document ; dcterms:source ?doc
             OPTIONAL { ?t kg:indicator ?indicator } OPTIONAL { ?t kg:year ?year } }
  ?h rdfs:label ?hl ; a ?hc . FILTER(STRSTARTS(STR(?hc), STR(kg:)) && ?hc != kg:Platform) }"""


@dataclass(frozen=True)
class Change:
    change: str  # added, removed, changed
    kind: str  # entity, relation, target
    cls: str  # the entity's class, the relation's name, the target holder's class
    item: str  # label; head relation tail; holder: indicator (year) [unit]
    iri: str  # the entity, the relation's head, the target's holder
    old: str  # a changed target's values before
    new: str  # and after
    documents: str  # the documents it comes from (removed: in OLD; added: in NEW; changed: both)


@dataclass
class Snapshot:
    entities: dict[str, tuple[str, str, set[str]]]  # iri → label, class, documents
    relations: dict[tuple[str, str, str], tuple[str, set[str]]]  # (s, p, o) → text, documents
    targets: dict[tuple[str, str, str, str], tuple[str, str, dict[str, set[str]]]]  # (holder, indicator, year, unit) → …


def local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1]


def snapshot(path: Path) -> Snapshot:
    store = open_store(path)
    entities: dict[str, tuple[str, str, set[str]]] = {}
    for e, label, c, doc in run(store, ENTITIES).rows:
        entities.setdefault(e.value, (label.value, local(c.value), set()))[2].add(doc.value)
    relations: dict[tuple[str, str, str], tuple[str, set[str]]] = {}
    for s, p, o, sl, ol, doc in run(store, RELATIONS).rows:
        text = f"{sl.value} {local(p.value)} {ol.value}"
        relations.setdefault((s.value, p.value, o.value), (text, set()))[1].add(doc.value)
    targets: dict[tuple[str, str, str, str], tuple[str, str, dict[str, set[str]]]] = {}
    for h, hl, hc, indicator, year, value, unit, doc in run(store, TARGETS).rows:
        key = (h.value, indicator.value if indicator else "", year.value if year else "", unit.value)
        values = targets.setdefault(key, (hl.value, local(hc.value), defaultdict(set)))[2]
        values[value.value].add(doc.value)
    return Snapshot(entities, relations, targets)


def _docs(*sets: set[str]) -> str:
    return " ".join(sorted(set().union(*sets)))


def diff(old_path: Path, new_path: Path) -> list[Change]:
    old, new = snapshot(old_path), snapshot(new_path)
    changes = []
    for change, a, b in (("removed", old, new), ("added", new, old)):
        for iri in a.entities.keys() - b.entities.keys():
            label, cls, docs = a.entities[iri]
            changes.append(Change(change, "entity", cls, label, iri, "", "", _docs(docs)))
        for key in a.relations.keys() - b.relations.keys():
            text, docs = a.relations[key]
            changes.append(Change(change, "relation", local(key[1]), text, key[0], "", "", _docs(docs)))
        for key in a.targets.keys() - b.targets.keys():
            label, cls, values = a.targets[key]
            changes.append(Change(change, "target", cls, _target_text(label, key), key[0], "", "",
                                  _docs(*values.values())))
            changes[-1] = _with_values(changes[-1], values, change)
    for key in old.targets.keys() & new.targets.keys():
        label, cls, before = old.targets[key]
        after = new.targets[key][2]
        if before.keys() != after.keys():
            changes.append(Change("changed", "target", cls, _target_text(label, key), key[0], _values(before), _values(after),
                                  _docs(*before.values(), *after.values())))
    order = {"entity": 0, "relation": 1, "target": 2}
    return sorted(changes, key=lambda c: (order[c.kind], c.change, c.cls, c.item, c.old, c.new))


def _target_text(holder: str, key: tuple[str, str, str, str]) -> str:
    _h, indicator, year, unit = key
    return f"{holder}: {indicator or '(no indicator)'}" + (f" ({year})" if year else "") + f" [{unit}]"


def _values(values: dict[str, set[str]]) -> str:
    return " ".join(sorted(values, key=float))


def _with_values(change: Change, values: dict[str, set[str]], kind: str) -> Change:
    text = _values(values)
    return Change(**(asdict(change) | ({"old": text} if kind == "removed" else {"new": text})))


def summary(changes: list[Change]) -> str:
    """One line per kind and change, with counts by class: "added 12 entities (Company 3, Park 9)"."""
    groups: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for c in changes:
        groups[(c.change, c.kind)][c.cls] += 1
    if not groups:
        return "no differences"
    lines = []
    for (change, kind), counts in sorted(groups.items(), key=lambda g: (g[0][1], g[0][0])):
        total = sum(counts.values())
        plural = {"entity": "entities"}.get(kind, kind + "s") if total != 1 else kind
        lines.append(f"{change} {total} {plural} ({', '.join(f'{k} {n}' for k, n in sorted(counts.items()))})")
    return "\n".join(lines)


COLUMNS = ["change", "kind", "class", "item", "old", "new", "documents", "iri"]


def as_result(changes: list[Change]) -> Result:
    return Result.of_values(COLUMNS, [[c.change, c.kind, c.cls, c.item, c.old, c.new, c.documents, c.iri] for c in changes])


def format_changes(changes: list[Change], fmt: str) -> str:
    if fmt == "json":
        counts: dict[str, dict[str, dict[str, int]]] = defaultdict(lambda: defaultdict(dict))
        for c in changes:
            by_class = counts[c.kind][c.change]
            by_class[c.cls] = by_class.get(c.cls, 0) + 1
        records = [asdict(c) | {"documents": c.documents.split()} for c in changes]
        return json.dumps({"summary": counts, "changes": records}, ensure_ascii=False, indent=1)
    return format_result(as_result(changes), ResultFormat(fmt))
