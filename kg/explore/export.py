"""Tables for spreadsheets (CSV, UTF-8 with a byte-order mark so that Excel reads Chinese) and
network files for Gephi (GEXF) and Cytoscape (GraphML)."""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from pathlib import Path

import networkx as nx

from kg.errors import KgError
from kg.rdf.formats import atomic_file
from kg.rdf.query import open_store, run

CLASSES = "kg:Region, kg:Town, kg:Valley, kg:Park, kg:Company, kg:Industry, kg:Institution, kg:Policy, kg:Person, kg:Event"
ENTITIES = f"""SELECT ?e ?label ?c (GROUP_CONCAT(DISTINCT ?alias; separator="|") AS ?aliases)
  (SAMPLE(?code) AS ?division_code) (SAMPLE(?level) AS ?division_level) WHERE {{
  ?e a ?c ; rdfs:label ?label . FILTER(?c IN ({CLASSES}))
  OPTIONAL {{ ?e skos:altLabel ?alias }} OPTIONAL {{ ?e kg:divisionCode ?code }} OPTIONAL {{ ?e kg:divisionLevel ?level }}
}} GROUP BY ?e ?label ?c ORDER BY ?c ?label"""
ENTITY_DOCS = """SELECT DISTINCT ?e ?doc WHERE { ?e kg:mentionedIn/kg:inDocument/dcterms:source ?doc }"""
RELATIONS = """SELECT DISTINCT ?s ?sl ?p ?o ?ol ?rule ?sentence ?doc WHERE {
  ?ev a kg:Evidence ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; kg:rule ?rule ; prov:wasDerivedFrom ?sent .
  ?sent kg:sentenceText ?sentence ; kg:inDocument/dcterms:source ?doc . ?s rdfs:label ?sl . ?o rdfs:label ?ol
} ORDER BY ?sl ?p ?ol ?doc ?sentence"""
TARGETS = """SELECT DISTINCT ?t ?h ?hl ?indicator ?value ?unit ?year ?kind ?written ?sentence ?doc WHERE {
  ?h kg:hasTarget ?t ; rdfs:label ?hl . ?t kg:value ?value ; kg:unit ?unit ; prov:wasDerivedFrom ?sent .
  ?sent kg:sentenceText ?sentence ; kg:inDocument/dcterms:source ?doc .
  OPTIONAL { ?t kg:indicator ?indicator } OPTIONAL { ?t kg:year ?year } OPTIONAL { ?t kg:targetKind ?kind }
  OPTIONAL { ?t kg:evidenceText ?written }
} ORDER BY ?hl ?year ?indicator ?doc"""
DOCUMENTS = """SELECT ?d ?doc ?title ?date ?about (COUNT(DISTINCT ?e) AS ?entities) WHERE {
  ?d a kg:Document ; dcterms:source ?doc ; dcterms:title ?title .
  OPTIONAL { ?d dcterms:date ?date } OPTIONAL { ?d kg:about/rdfs:label ?about }
  OPTIONAL { ?e kg:mentionedIn/kg:inDocument ?d }
} GROUP BY ?d ?doc ?title ?date ?about ORDER BY ?doc"""
NETWORK = """SELECT DISTINCT ?s ?p ?o ?doc WHERE {
  GRAPH ?g { ?s ?p ?o . ?d a kg:Document ; dcterms:source ?doc } FILTER(?p IN (kg:locatedIn, kg:focusesOn, kg:partOf, kg:issuedBy)) }"""

FILES = {
    "entities.csv": ["iri", "label", "class", "aliases", "division_code", "division_level", "documents"],
    "relations.csv": ["head", "head_iri", "relation", "tail", "tail_iri", "rule", "sentence", "document"],
    "targets.csv": ["holder", "holder_iri", "indicator", "value", "unit", "year", "kind", "as_written", "sentence", "document"],
    "documents.csv": ["document", "iri", "title", "date", "about", "entities"],
}
RE_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


def cell(term: object) -> str:
    """A term as a CSV cell; text that a spreadsheet would run as a formula gets a leading '."""
    if term is None:
        return ""
    text = str(getattr(term, "value", term))
    if text[:1] in ("=", "+", "-", "@") and not RE_NUMBER.match(text):
        return "'" + text
    return text


def local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1]


def tables(graph: Path) -> dict[str, list[list[str]]]:
    """The four tables of a graph, rows of strings, in FILES' column order."""
    store = open_store(graph)
    docs: dict[str, set[str]] = defaultdict(set)
    for e, doc in run(store, ENTITY_DOCS).rows:
        docs[e.value].add(doc.value)
    entities = [[e.value, cell(label), local(c.value), cell(aliases), cell(code), cell(level), " ".join(sorted(docs[e.value]))]
                for e, label, c, aliases, code, level in run(store, ENTITIES).rows]
    relations = [[cell(sl), s.value, local(p.value), cell(ol), o.value, cell(rule), cell(sentence), cell(doc)]
                 for s, sl, p, o, ol, rule, sentence, doc in run(store, RELATIONS).rows]
    targets = [[cell(hl), h.value, cell(indicator), cell(value), cell(unit), cell(year), cell(kind), cell(written), cell(sentence), cell(doc)]
               for _t, h, hl, indicator, value, unit, year, kind, written, sentence, doc in run(store, TARGETS).rows]
    documents = [[cell(doc), d.value, cell(title), cell(date), cell(about), cell(n)]
                 for d, doc, title, date, about, n in run(store, DOCUMENTS).rows]
    return {"entities.csv": entities, "relations.csv": relations, "targets.csv": targets, "documents.csv": documents}


def export_tables(graph: Path, folder: Path) -> dict[str, int]:
    """Write the four CSV files into ``folder`` (made if missing); returns the rows of each."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise KgError(f"cannot make {folder}: {e.strerror}") from None
    counts = {}
    for name, rows in tables(graph).items():
        with atomic_file(folder / name) as part, part.open("w", encoding="utf-8-sig", newline="") as f:
            writer = csv.writer(f)
            writer.writerow(FILES[name])
            writer.writerows(rows)
        counts[name] = len(rows)
    return counts


def network(graph: Path) -> nx.MultiDiGraph:
    """The merged network: entities as nodes (label, class, degree, documents, division code),
    relations as edges (relation, documents: how many documents state it)."""
    store = open_store(graph)
    net = nx.MultiDiGraph()
    docs: dict[str, set[str]] = defaultdict(set)
    for e, doc in run(store, ENTITY_DOCS).rows:
        docs[e.value].add(doc.value)
    for e, label, c, _aliases, code, level in run(store, ENTITIES).rows:
        net.add_node(e.value, label=label.value, cls=local(c.value), documents=len(docs[e.value]),
                     division_code=cell(code), division_level=cell(level))
    edges: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for s, p, o, doc in run(store, NETWORK).rows:
        edges[(s.value, local(p.value), o.value)].add(doc.value)
    for (s, relation, o), documents in sorted(edges.items()):
        if s in net and o in net:
            net.add_edge(s, o, key=relation, relation=relation, documents=len(documents))
    for node, degree in net.degree():
        net.nodes[node]["degree"] = degree
    return net


def write_network(net: nx.MultiDiGraph, path: Path, kind: str) -> None:
    """kind: gexf or graphml. The class attribute is named "class" in the file."""
    out = nx.MultiDiGraph()
    out.add_nodes_from((n, {("class" if k == "cls" else k): v for k, v in data.items()}) for n, data in net.nodes(data=True))
    out.add_edges_from(net.edges(keys=True, data=True))
    try:
        with atomic_file(path) as part:
            (nx.write_gexf if kind == "gexf" else nx.write_graphml)(out, str(part))
    except OSError as e:
        raise KgError(f"cannot write {path}: {e.strerror}") from None
