"""A network as one self-contained HTML page drawn by vis-network (the copy pyvis ships).

pyvis's own template links Bootstrap and vis from CDNs and its add_node/add_edge are
quadratic, so the page is written here: node and edge lists are built directly,
vis-network's JS and CSS are inlined, and no request leaves the page. Above
PHYSICS_LIMIT nodes the layout is precomputed and physics is off, so large views are
drawn once and stay still.
"""

from __future__ import annotations

import html
import importlib.resources
import json
import math
import re
from functools import cache
from pathlib import Path

import networkx as nx

from kg.rdf.formats import write_atomic

PHYSICS_LIMIT = 300
CORE_SIZE = 300  # nodes placed by the force layout in a large view; the rest around them
CLASS_STYLES = {  # colour, vis-network shape (shapes that keep their label outside, so size means degree)
    "Region": ("#4e79a7", "square"),
    "Town": ("#f28e2b", "dot"),
    "Valley": ("#59a14f", "dot"),
    "Park": ("#76b7b2", "diamond"),
    "Company": ("#e15759", "dot"),
    "Industry": ("#edc948", "triangle"),
    "Institution": ("#b07aa1", "star"),
    "Policy": ("#ff9da7", "hexagon"),
    "Person": ("#9c755f", "triangleDown"),
    "Event": ("#bab0ac", "diamond"),
}
RE_SLOT = re.compile(r"\{\{([A-Z_]+)\}\}")
EDGE_COLOURS = {"locatedIn": "#4e79a7", "focusesOn": "#edc948", "partOf": "#59a14f", "issuedBy": "#ff9da7"}


@cache
def _asset(name: str) -> str:
    """A file of pyvis's bundled vis-network, or of our own template folder."""
    if name.startswith("vis-network"):
        return importlib.resources.files("pyvis").joinpath(f"templates/lib/vis-9.1.2/{name}").read_text("utf-8")
    return importlib.resources.files("kg").joinpath(f"data/view/{name}").read_text("utf-8")


def layout(network: nx.MultiDiGraph, seed: int = 7) -> dict[str, tuple[float, float]]:
    """Positions in pixels. The largest component is drawn by a force layout (of its
    best-connected nodes only when large, with every other node on a ring around its
    best-connected neighbour: linear time, where a full force layout of 10,000 nodes
    takes minutes); smaller components sit on a spiral around it."""
    simple = nx.Graph(network)
    components = sorted(nx.connected_components(simple), key=len, reverse=True)
    positions: dict[str, tuple[float, float]] = {}
    radius = 0.0
    golden = math.pi * (3 - math.sqrt(5))
    for i, component in enumerate(components):
        placed = _component_layout(simple.subgraph(component), seed)
        if i == 0:
            positions.update(placed)
            radius = max((math.hypot(x, y) for x, y in placed.values()), default=0.0) + 150
            continue
        ring = radius + 60 * math.sqrt(i)
        cx, cy = ring * math.cos(i * golden), ring * math.sin(i * golden)
        positions.update({n: (cx + x, cy + y) for n, (x, y) in placed.items()})
    return positions


def _component_layout(component: nx.Graph, seed: int) -> dict[str, tuple[float, float]]:
    if len(component) == 1:
        return {next(iter(component)): (0.0, 0.0)}
    spread = 45.0 * math.sqrt(len(component))
    if len(component) <= CORE_SIZE:
        return _scaled(nx.spring_layout(component, seed=seed), spread)
    core = sorted(component, key=lambda n: -component.degree(n))[:CORE_SIZE]
    positions = _scaled(nx.spring_layout(component.subgraph(core), seed=seed), spread)
    _place_around(component, positions)
    return positions


def _scaled(positions: dict, spread: float) -> dict[str, tuple[float, float]]:
    return {n: (float(x) * spread, float(y) * spread) for n, (x, y) in positions.items()}


def _place_around(graph: nx.Graph, positions: dict) -> None:
    """Breadth-first from the placed nodes: children on a ring around their parent."""
    frontier = list(positions)
    while frontier:
        children: dict[str, list[str]] = {}
        claimed: set[str] = set()
        for parent in frontier:
            for child in graph[parent]:
                if child not in positions and child not in claimed:
                    claimed.add(child)
                    children.setdefault(parent, []).append(child)
        frontier = []
        for parent, kids in children.items():
            px, py = positions[parent]
            ring = 60 + 12 * math.sqrt(len(kids))
            for i, kid in enumerate(kids):
                angle = 2 * math.pi * i / len(kids) + 0.3
                positions[kid] = (px + ring * math.cos(angle), py + ring * math.sin(angle))
                frontier.append(kid)


def page_data(network: nx.MultiDiGraph, title: str) -> dict:
    """What the page script reads: nodes, edges, class styles, and whether physics runs."""
    physics = len(network) <= PHYSICS_LIMIT
    positions = layout(network)
    nodes = []
    for index, (iri, data) in enumerate(network.nodes(data=True)):
        x, y = positions[iri]
        nodes.append({"id": index, "iri": iri, "label": data["label"], "cls": data["cls"],
                      "aliases": data.get("aliases", []), "sentence": data.get("sentence", ""),
                      "degree": network.degree(iri), "x": round(x, 1), "y": round(y, 1)})
    ids = {iri: index for index, iri in enumerate(network)}
    edges = [{"from": ids[u], "to": ids[v], "label": data["relation"], "sentence": data.get("sentence", ""),
              "doc": data.get("doc", "")} for u, v, data in network.edges(data=True)]
    return {"title": title, "physics": physics, "nodes": nodes, "edges": edges,
            "classes": {cls: {"color": c, "shape": s} for cls, (c, s) in CLASS_STYLES.items()},
            "edgeColors": EDGE_COLOURS}


def _script_json(data: dict) -> str:
    """JSON that cannot end its <script> element or open a comment: <, > and & as \\u escapes."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def render_html(network: nx.MultiDiGraph, title: str = "kg view") -> str:
    """One UTF-8 page with vis-network, the data and the page script inlined."""
    parts = {
        "TITLE": html.escape(title),
        "VIS_CSS": _asset("vis-network.css"),
        "PAGE_CSS": _asset("page.css"),
        "VIS_JS": _asset("vis-network.min.js"),
        "DATA": _script_json(page_data(network, title)),
        "PAGE_JS": _asset("page.js"),
    }
    # One pass over the template's own slots: a slot's name inside a title, a sentence or an asset is text
    return RE_SLOT.sub(lambda slot: parts[slot[1]] if slot[1] in parts else slot[0], _asset("page.html"))


def write_view(network: nx.MultiDiGraph, output: Path, title: str = "kg view") -> None:
    write_atomic(output, render_html(network, title).encode("utf-8"))
