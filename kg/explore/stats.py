"""Counts of a built graph: documents, entities by class, relations, targets, triples."""

from __future__ import annotations

from pathlib import Path

from kg.rdf.ontology import ENTITY_CLASSES, RELATIONS
from kg.rdf.query import open_store, run

STATS_QUERY = """
SELECT ?what (COUNT(DISTINCT ?x) AS ?n) WHERE {
  { ?x a kg:Document . BIND("documents" AS ?what) }
  UNION { ?x a ?c . FILTER(STRSTARTS(STR(?c), STR(kg:)) && ?c NOT IN (kg:Document, kg:Sentence, kg:Evidence, kg:Target))
          BIND(STRAFTER(STR(?c), "#") AS ?what) }
  UNION { ?x a kg:Target . BIND("targets" AS ?what) }
  UNION { ?s ?p ?o . FILTER(?p IN (kg:locatedIn, kg:focusesOn, kg:partOf, kg:issuedBy))
          BIND(CONCAT(STR(?s), " ", STR(?p), " ", STR(?o)) AS ?x) BIND(STRAFTER(STR(?p), "#") AS ?what) }
} GROUP BY ?what
"""


def graph_stats(path: Path) -> dict[str, int]:
    store = open_store(path)
    counts = {row[0].value: int(row[1].value) for row in run(store, STATS_QUERY).rows}
    out = {"documents": counts.get("documents", 0)}
    out |= {cls: counts.get(cls, 0) for cls in ENTITY_CLASSES}
    out |= {rel: counts.get(rel, 0) for rel in RELATIONS}
    out["targets"] = counts.get("targets", 0)
    out["triples"] = len(store)
    return out
