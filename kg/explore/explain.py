"""An entity card: class, aliases, relations and targets, each with its evidence sentences.

The entity, its aliases and its relations come from the merged layer (each once); evidence is
fetched for this entity only. However often an entity is mentioned, the card stays short: each
relation gives its number of evidence sentences and documents and the few sentences found in the
most documents (``all`` prints every one), and the most recent targets are shown."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from kg.errors import KgError
from kg.explore.network import layer
from kg.rdf.query import open_store, run

FIND = """SELECT DISTINCT ?e ?label ?class WHERE {
  { ?e rdfs:label ?name } UNION { ?e skos:altLabel ?name }
  FILTER(STR(?name) = $name) ?e rdfs:label ?label ; a ?class .
  FILTER(STRSTARTS(STR(?class), STR(kg:)) && ?class != kg:Target) } ORDER BY ?e"""
ALIASES = "SELECT DISTINCT ?alias WHERE { $e skos:altLabel ?alias } ORDER BY ?alias"
# Evidence, sentences and targets live in their document's graph: matching them GRAPH by GRAPH
# spares the union of graphs its deduplication (on a million triples, 1.8 s → under 1 s a card).
RELATIONS = """SELECT ?dir ?p ?x (COUNT(DISTINCT ?sent) AS ?ns) (COUNT(DISTINCT ?g) AS ?nd) WHERE { GRAPH ?g {
  { ?ev rdf:subject $e ; rdf:object ?x ; rdf:predicate ?p ; prov:wasDerivedFrom ?sent BIND("→" AS ?dir) }
  UNION { ?ev rdf:object $e ; rdf:subject ?x ; rdf:predicate ?p ; prov:wasDerivedFrom ?sent BIND("←" AS ?dir) } } }
  GROUP BY ?dir ?p ?x"""
EVIDENCE = """SELECT ?dir ?p ?x ?text (SAMPLE(?rule) AS ?r) (MIN(?doc) AS ?first) (COUNT(DISTINCT ?g) AS ?nd) WHERE {
  VALUES (?dir ?p ?x) { $relations } GRAPH ?g {
  { ?ev rdf:subject $e ; rdf:object ?x BIND("→" AS ?dir) } UNION { ?ev rdf:object $e ; rdf:subject ?x BIND("←" AS ?dir) }
  ?ev rdf:predicate ?p ; kg:rule ?rule ; prov:wasDerivedFrom ?sent .
  ?sent kg:sentenceText ?text ; kg:inDocument ?d . ?d dcterms:source ?doc } } GROUP BY ?dir ?p ?x ?text"""
LABELS = "SELECT ?x ?label WHERE { VALUES ?x { $others } ?x rdfs:label ?label }"
TARGET_LIST = "SELECT ?t ?year WHERE { GRAPH ?g { $e kg:hasTarget ?t OPTIONAL { ?t kg:year ?year } } }"
TARGETS = """SELECT DISTINCT ?indicator ?value ?unit ?year ?kind ?sentence ?doc WHERE {
  VALUES ?t { $targets } ?t kg:value ?value ; kg:unit ?unit ; kg:targetKind ?kind ;
     prov:wasDerivedFrom ?sent . ?sent kg:sentenceText ?sentence ; kg:inDocument ?d . ?d dcterms:source ?doc .
  OPTIONAL { ?t kg:indicator ?indicator } OPTIONAL { ?t kg:year ?year } } ORDER BY DESC(?year) ?indicator ?doc"""
SENTENCES = 2  # evidence sentences per relation on a card
RELATION_LINES = 10  # related entities per relation and direction on a card
TARGET_LINES = 10  # targets on a card


def _relation(direction: str, pred: str, other: str, sentences: int, docs: int, evidence: list, all_evidence: bool) -> list[str]:
    """One relation: its counts, and its evidence sentences, those found in the most documents first."""
    shown = evidence if all_evidence else evidence[:SENTENCES]
    count = f"  ({sentences} sentences in {docs} documents)" if sentences > 1 or docs > 1 else ""
    lines = [f"  {direction} {pred} {other}{count}"]
    for in_docs, first, text, rule in shown:
        more = f" and {-in_docs - 1} more" if in_docs < -1 else ""
        lines.append(f"      “{text}”  [{rule}, {first}{more}]")
    if len(shown) < len(evidence):
        lines.append(f"      … {len(evidence) - len(shown)} more sentences (--all)")
    return lines


def _bind(query: str, **values: str) -> str:
    for name, value in values.items():
        query = query.replace(f"${name}", value)
    return query


def _literal(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def explain(graph: Path, name: str, all_evidence: bool = False) -> str:
    store = open_store(graph)
    found = run(layer(store), _bind(FIND, name=_literal(name))).rows
    if not found:
        raise KgError(f"no entity named '{name}' in {graph}; try kg query to list labels")
    return "\n\n".join(_card(store, row, all_evidence) for row in found)


def _card(store: object, row: list, all_evidence: bool) -> str:
    iri, label, cls = row[0], row[1].value, row[2].value.rsplit("#", 1)[-1]
    e = f"<{iri.value}>"
    aliases = [r[0].value for r in run(layer(store), _bind(ALIASES, e=e)).rows]
    lines = [f"{label} ({cls})  {iri.value}"]
    if aliases:
        lines.append("  aliases: " + ", ".join(aliases))
    groups: dict[tuple[str, str], list] = defaultdict(list)
    for direction, p, other, sentences, docs in run(store, _bind(RELATIONS, e=e)).rows:
        groups[direction.value, p.value].append([-int(docs.value), -int(sentences.value), other.value])
    others = " ".join(sorted({f"<{o[2]}>" for group in groups.values() for o in group}))
    labels = {x.value: lab.value for x, lab in run(layer(store), _bind(LABELS, others=others)).rows} if others else {}
    shown = {}
    for key, group in groups.items():
        group.sort(key=lambda o: (o[0], o[1], labels.get(o[2], o[2])))
        shown[key] = group if all_evidence else group[:RELATION_LINES]
    values = " ".join(f'("{d}" <{p}> <{o[2]}>)' for (d, p), group in shown.items() for o in group)
    evidence: dict[tuple[str, str, str], list] = defaultdict(list)
    for direction, p, other, text, rule, doc, docs in run(store, _bind(EVIDENCE, e=e, relations=values)).rows if values else []:
        evidence[direction.value, p.value, other.value].append((-int(docs.value), doc.value, text.value, rule.value))
    for (direction, p), group in sorted(shown.items(), key=lambda g: (g[0][0], g[0][1])):
        pred = p.rsplit("#", 1)[-1]
        for docs, sentences, other in group:
            lines.extend(_relation(direction, pred, labels.get(other, other), -sentences, -docs,
                                   sorted(evidence[direction, p, other]), all_evidence))
        if len(shown[direction, p]) < len(groups[direction, p]):
            lines.append(f"  {direction} {pred} … {len(groups[direction, p]) - len(shown[direction, p])} more (--all)")
    years = {t.value: int(year.value) if year else -1 for t, year in run(store, _bind(TARGET_LIST, e=e)).rows}
    targets = [f"<{t}>" for t in sorted(years, key=lambda t: (-years[t], t))]  # the most recent first
    listed = targets if all_evidence else targets[:TARGET_LINES]
    rows = run(store, _bind(TARGETS, targets=" ".join(listed))).rows if listed else []
    for indicator, value, unit, year, kind, sentence, doc in rows:
        when = f" ({year.value})" if year else ""
        what = indicator.value if indicator else ""
        lines.append(f"  target{when}: {what} {value.value} {unit.value} [{kind.value}, {doc.value}]")
        lines.append(f"      “{sentence.value}”")
    if len(listed) < len(targets):
        lines.append(f"  … {len(targets) - len(listed)} more targets (--all)")
    return "\n".join(lines)
