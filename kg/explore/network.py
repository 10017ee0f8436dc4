"""A built graph as a networkx graph: entities as nodes, relations as edges with evidence.

Used by kg view (subgraphs drawn in a browser), kg path and kg rank.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

from kg.errors import KgError
from kg.rdf.ontology import ENTITY_CLASSES, RELATIONS
from kg.rdf.query import open_store, run
from kg.rdf.store_cache import GraphStore

ENTITIES = """SELECT ?e ?label ?class WHERE {
  ?e a ?class ; rdfs:label ?label .
  FILTER(STRSTARTS(STR(?class), STR(kg:)) && ?class NOT IN (kg:Document, kg:Sentence, kg:Evidence, kg:Target)) }"""
ALIASES = "SELECT DISTINCT ?e ?alias WHERE { ?e skos:altLabel ?alias }"
EDGES = """SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o . FILTER(?p IN (kg:locatedIn, kg:focusesOn, kg:partOf, kg:issuedBy)) }"""
# LATERAL evaluates the inner query once per edge or node with it bound: one sentence each, from
# whichever the store finds first, without joining every edge with every evidence of the union
# (an ORDER BY inside LATERAL makes Oxigraph evaluate the whole inner query per row: do not add one).
EDGE_EVIDENCE = """SELECT ?s ?p ?o ?sentence ?doc WHERE { VALUES (?s ?p ?o) { $edges } LATERAL {
  SELECT ?sentence ?doc WHERE { ?ev rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; prov:wasDerivedFrom ?sent .
  ?sent kg:sentenceText ?sentence ; kg:inDocument ?d . ?d dcterms:source ?doc } LIMIT 1 } }"""
NODE_EVIDENCE = """SELECT ?e ?sentence WHERE { VALUES ?e { $nodes } LATERAL {
  SELECT ?sentence WHERE { ?e kg:mentionedIn ?sent . ?sent kg:sentenceText ?sentence } LIMIT 1 } }"""
BATCH = 500  # entities or relations per evidence query


def load_network(path: Path) -> nx.MultiDiGraph:
    """Nodes keyed by IRI with label, cls, aliases; edges keyed by relation. Read from the merged
    layer (each entity and relation once) where the file has one; evidence comes with add_evidence."""
    store = layer(open_store(path))
    network = nx.MultiDiGraph(source=str(path))
    for iri, label, cls in run(store, ENTITIES).rows:
        network.add_node(iri.value, label=label.value, cls=cls.value.rsplit("#", 1)[-1], aliases=[], sentence="")
    for iri, alias in run(store, ALIASES).rows:
        if iri.value in network:
            network.nodes[iri.value]["aliases"].append(alias.value)
    for s, p, o in run(store, EDGES).rows:
        if s.value in network and o.value in network:
            relation = p.value.rsplit("#", 1)[-1]
            network.add_edge(s.value, o.value, key=relation, relation=relation, sentence="", doc="")
    return network


def layer(store: GraphStore) -> GraphStore:
    """The merged layer of a graph's store where it has one, else the union of its graphs."""
    return store.with_layer(merged=bool(store.meta.get("merged")))


def add_evidence(network: nx.MultiDiGraph, path: Path, nodes: bool = True) -> None:
    """One evidence sentence (and its document) for each edge, and one sentence mentioning each
    node when ``nodes``: fetched for this (small) network only, in batches."""
    store = open_store(path)
    edge_evidence(store, [(u, v, k, data) for u, v, k, data in network.edges(keys=True, data=True)])
    names = list(network) if nodes else []
    for i in range(0, len(names), BATCH):
        values = " ".join(f"<{n}>" for n in names[i:i + BATCH])
        for iri, sentence in run(store, NODE_EVIDENCE.replace("$nodes", values)).rows:
            if iri.value in network and sentence is not None:
                network.nodes[iri.value]["sentence"] = sentence.value


def edge_evidence(store: GraphStore, edges: list[tuple[str, str, str, dict]]) -> None:
    """Set ``sentence`` and ``doc`` in each edge's data (subject, object, relation, data)."""
    found = {}
    for i in range(0, len(edges), BATCH):
        values = " ".join(f"(<{u}> kg:{k} <{v}>)" for u, v, k, _ in edges[i:i + BATCH])
        for s, p, o, sentence, doc in run(store, EDGE_EVIDENCE.replace("$edges", values)).rows:
            found[s.value, o.value, p.value.rsplit("#", 1)[-1]] = (sentence, doc)
    for u, v, k, data in edges:
        sentence, doc = found.get((u, v, k), (None, None))
        data.update(sentence=sentence.value if sentence else "", doc=doc.value if doc else "")


def find_node(network: nx.MultiDiGraph, name: str) -> str:
    """The node whose label (or else alias) is name; a clear error otherwise."""
    by_label = [n for n, data in network.nodes(data=True) if data["label"] == name]
    found = by_label or [n for n, data in network.nodes(data=True) if name in data["aliases"]]
    if not found:
        raise KgError(f"no entity named '{name}' in the graph")
    return min(found, key=lambda n: -network.degree(n))


@dataclass
class Selection:
    """Which part of the network to show; None or empty means no restriction."""

    focus: str | None = None
    hops: int = 1
    types: list[str] = field(default_factory=list)
    relations: list[str] = field(default_factory=list)
    min_degree: int = 0
    limit: int | None = None


def check_names(given: Iterable[str], known: Iterable[str], what: str) -> None:
    unknown = sorted(set(given) - set(known))
    if unknown:
        raise KgError(f"unknown {what} {', '.join(unknown)}; choose from {', '.join(known)}")


def select(network: nx.MultiDiGraph, selection: Selection) -> tuple[nx.MultiDiGraph, list[str]]:
    """The subgraph a selection asks for, and notes on what was left out."""
    check_names(selection.types, ENTITY_CLASSES, "class")
    check_names(selection.relations, RELATIONS, "relation")
    notes: list[str] = []
    sub = network
    if selection.relations:
        sub = _keep_relations(sub, selection.relations)
    if selection.types:
        sub = sub.subgraph(n for n, cls in sub.nodes(data="cls") if cls in selection.types)
    if selection.focus is not None:
        centre = find_node(sub, selection.focus)
        near = nx.single_source_shortest_path_length(sub.to_undirected(as_view=True), centre, cutoff=selection.hops)
        sub = sub.subgraph(near)
    if selection.min_degree:
        sub = sub.subgraph(n for n in sub if sub.degree(n) >= selection.min_degree)
    if selection.limit is not None and sub.number_of_nodes() > selection.limit:
        ranked = sorted(sub, key=lambda n: (-sub.degree(n), sub.nodes[n]["label"]))
        dropped = len(ranked) - selection.limit
        notes.append(f"showing the {selection.limit} best-connected of {len(ranked)} entities; {dropped} left out")
        sub = sub.subgraph(ranked[:selection.limit])
    return nx.MultiDiGraph(sub), notes


def _keep_relations(network: nx.MultiDiGraph, relations: list[str]) -> nx.MultiDiGraph:
    return network.edge_subgraph((u, v, k) for u, v, k in network.edges(keys=True) if k in relations)


def shortest_path(network: nx.MultiDiGraph, source: str, target: str) -> list[tuple[str, str, str, dict]]:
    """Steps (from label, relation with arrow, to label, edge data) along a shortest undirected path."""
    a, b = find_node(network, source), find_node(network, target)
    try:
        nodes = nx.shortest_path(network.to_undirected(as_view=True), a, b)
    except nx.NetworkXNoPath:
        raise KgError(f"no path between '{source}' and '{target}'") from None
    steps, ends = [], []
    for u, v in zip(nodes, nodes[1:], strict=False):
        forward = network.get_edge_data(u, v)
        edges, arrow = (forward, "→") if forward else (network.get_edge_data(v, u), "←")
        data = dict(next(iter(edges.values())))
        steps.append((network.nodes[u]["label"], f"{arrow} {data['relation']} {arrow}", network.nodes[v]["label"], data))
        ends.append((u, v, data["relation"], data) if forward else (v, u, data["relation"], data))
    if network.graph.get("source"):  # evidence for the printed steps only
        edge_evidence(open_store(Path(network.graph["source"])), ends)
    return steps


RANKINGS = {
    "degree": lambda g: dict(g.degree()),
    "pagerank": lambda g: nx.pagerank(nx.DiGraph(g)) if len(g) else {},
    "betweenness": lambda g: nx.betweenness_centrality(nx.Graph(g)),
}


def rank(network: nx.MultiDiGraph, by: str = "degree", cls: str | None = None, top: int = 20) -> list[tuple[str, str, float]]:
    """Top entities (label, class, score) by a centrality measure, optionally of one class."""
    if by not in RANKINGS:
        raise KgError(f"unknown ranking '{by}'; choose from {', '.join(RANKINGS)}")
    if cls is not None:
        check_names([cls], ENTITY_CLASSES, "class")
    scores = RANKINGS[by](network)
    nodes = [n for n in network if cls is None or network.nodes[n]["cls"] == cls]
    nodes.sort(key=lambda n: (-scores[n], network.nodes[n]["label"]))
    return [(network.nodes[n]["label"], network.nodes[n]["cls"], scores[n]) for n in nodes[:top]]
