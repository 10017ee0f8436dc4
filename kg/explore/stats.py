"""Counts of a built graph: documents, entities by class, relations, targets, triples.

Entities and relations are counted in the merged layer (each once) where the file has one;
documents and targets by their class, through the index; triples from the store's record."""

from __future__ import annotations

from pathlib import Path

from kg.explore.network import layer
from kg.rdf.ontology import ENTITY_CLASSES, RELATIONS
from kg.rdf.query import open_store, run

ENTITY_COUNTS = """SELECT ?c (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a ?c .
  FILTER(STRSTARTS(STR(?c), STR(kg:)) && ?c NOT IN (kg:Document, kg:Sentence, kg:Evidence, kg:Target)) } GROUP BY ?c"""
RELATION_COUNTS = """SELECT ?p (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o .
  FILTER(?p IN (kg:locatedIn, kg:focusesOn, kg:partOf, kg:issuedBy)) } } GROUP BY ?p"""
CLASS_COUNT = "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a $class }"


def graph_stats(path: Path) -> dict[str, int]:
    store = open_store(path)
    entities = layer(store)
    classes = {c.value.rsplit("#", 1)[-1]: int(n.value) for c, n in run(entities, ENTITY_COUNTS).rows}
    relations = {p.value.rsplit("#", 1)[-1]: int(n.value) for p, n in run(entities, RELATION_COUNTS).rows}
    out = {"documents": _count(store, "kg:Document")}
    out |= {cls: classes.get(cls, 0) for cls in ENTITY_CLASSES}
    out |= {rel: relations.get(rel, 0) for rel in RELATIONS}
    out["targets"] = _count(store, "kg:Target")
    out["triples"] = len(store)
    return out


def _count(store: object, cls: str) -> int:
    return int(run(store, CLASS_COUNT.replace("$class", cls)).rows[0][0].value)
