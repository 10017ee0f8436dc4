"""An entity card: class, aliases, relations and targets, each with its evidence sentence."""

from __future__ import annotations

from pathlib import Path

from kg.errors import KgError
from kg.rdf.query import open_store, run

FIND = """SELECT DISTINCT ?e ?label ?class WHERE {
  { ?e rdfs:label ?name } UNION { ?e skos:altLabel ?name }
  FILTER(STR(?name) = $name) ?e rdfs:label ?label ; a ?class .
  FILTER(STRSTARTS(STR(?class), STR(kg:)) && ?class != kg:Target) } ORDER BY ?e"""
ALIASES = "SELECT DISTINCT ?alias WHERE { $e skos:altLabel ?alias } ORDER BY ?alias"
RELATIONS = """SELECT DISTINCT ?dir ?p ?other ?sentence ?doc ?rule WHERE {
  { ?ev rdf:subject $e ; rdf:object ?x BIND("→" AS ?dir) }
  UNION { ?ev rdf:object $e ; rdf:subject ?x BIND("←" AS ?dir) }
  ?ev a kg:Evidence ; rdf:predicate ?p ; kg:rule ?rule ; prov:wasDerivedFrom ?sent .
  ?x rdfs:label ?other . ?sent kg:sentenceText ?sentence ; kg:inDocument/dcterms:source ?doc .
} ORDER BY ?dir ?p ?other ?doc"""
TARGETS = """SELECT DISTINCT ?indicator ?value ?unit ?year ?kind ?sentence ?doc WHERE {
  $e kg:hasTarget ?t . ?t kg:value ?value ; kg:unit ?unit ; kg:targetKind ?kind ;
     prov:wasDerivedFrom ?sent . ?sent kg:sentenceText ?sentence ; kg:inDocument/dcterms:source ?doc .
  OPTIONAL { ?t kg:indicator ?indicator } OPTIONAL { ?t kg:year ?year } } ORDER BY ?year ?indicator"""


def _bind(query: str, **values: str) -> str:
    for name, value in values.items():
        query = query.replace(f"${name}", value)
    return query


def _literal(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def explain(graph: Path, name: str) -> str:
    store = open_store(graph)
    found = run(store, _bind(FIND, name=_literal(name))).rows
    if not found:
        raise KgError(f"no entity named '{name}' in {graph}; try kg query to list labels")
    return "\n\n".join(_card(store, row) for row in found)


def _card(store: object, row: list) -> str:
    iri, label, cls = row[0], row[1].value, row[2].value.rsplit("#", 1)[-1]
    e = f"<{iri.value}>"
    aliases = [r[0].value for r in run(store, _bind(ALIASES, e=e)).rows]
    lines = [f"{label} ({cls})  {iri.value}"]
    if aliases:
        lines.append("  aliases: " + ", ".join(aliases))
    for direction, p, other, sentence, doc, rule in run(store, _bind(RELATIONS, e=e)).rows:
        pred = p.value.rsplit("#", 1)[-1]
        lines.append(f"  {direction.value} {pred} {other.value}  [{rule.value}, {doc.value}]")
        lines.append(f"      “{sentence.value}”")
    for indicator, value, unit, year, kind, sentence, doc in run(store, _bind(TARGETS, e=e)).rows:
        when = f" ({year.value})" if year else ""
        what = indicator.value if indicator else ""
        lines.append(f"  target{when}: {what} {value.value} {unit.value} [{kind.value}, {doc.value}]")
        lines.append(f"      “{sentence.value}”")
    return "\n".join(lines)
