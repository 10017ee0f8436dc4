"""SHACL validation of a build against ontology/shapes.ttl (the graph contract).

pyshacl checks the SHACL Core shapes. The SHACL-SPARQL constraints (every relation has evidence)
are evaluated here with Oxigraph over the whole graph at once, with ``$this`` left free: the
same answers as pyshacl's, which runs rdflib's engine once per focus node and takes minutes.
"""

from __future__ import annotations

import importlib.resources
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import RDFS, Graph, Literal, Namespace, URIRef

from kg.errors import KgError
from kg.rdf.formats import read_dataset
from kg.rdf.query import open_store, run
from kg.rdf.vocabulary import PREFIXES, RDF, XSD

SH = Namespace("http://www.w3.org/ns/shacl#")
SHORT = PREFIXES | {"rdf": RDF, "rdfs": str(RDFS), "xsd": XSD}


@dataclass(frozen=True, order=True)
class Problem:
    severity: str  # Violation, Warning, Info
    node: str  # the focus node: its label where it has one, else its IRI
    path: str  # the property, shortened (kg:locatedIn)
    value: str
    message: str


@dataclass
class Report:
    conforms: bool
    triples: int
    problems: list[Problem] = field(default_factory=list)

    def count(self, severity: str) -> int:
        return sum(p.severity == severity for p in self.problems)


def shapes_path() -> Path:
    """ontology/shapes.ttl as shipped inside the package (a copy of the top-level file)."""
    packaged = importlib.resources.files("kg").joinpath("ontology/shapes.ttl")
    if packaged.is_file():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[2] / "ontology" / "shapes.ttl"


def union_graph(path: Path) -> Graph:
    """All the triples of a build, its named graphs merged: evidence in a document's graph grounds
    a relation that the merged layer states too."""
    try:
        dataset = read_dataset(path)
    except (SyntaxError, ValueError, OSError) as e:
        raise KgError(f"cannot read {path}: {e}") from None
    graph = Graph()
    for s, p, o, _g in dataset.quads((None, None, None, None)):
        graph.add((s, p, o))
    return graph


def validate(path: Path, strict: bool = False) -> Report:
    """Check a graph file against the shapes; warnings (a Target without an indicator) fail only with ``strict``."""
    from pyshacl import validate as shacl

    data = union_graph(path)
    shapes = Graph().parse(shapes_path(), format="turtle")
    constraints = [(shape, c) for shape, c in shapes.subject_objects(SH.sparql)]
    for shape, c in constraints:
        shapes.remove((shape, SH.sparql, c))
    _conforms, results, _text = shacl(data, shacl_graph=shapes, advanced=True)
    problems = {_problem(data, results, r) for r in results.subjects(SH.resultSeverity)}
    if constraints:
        store = open_store(path)
        for _shape, c in constraints:
            problems |= _sparql_problems(data, store, str(shapes.value(c, SH.select)), str(shapes.value(c, SH.message) or ""))
    failing = {"Violation", "Warning"} if strict else {"Violation"}
    return Report(not any(p.severity in failing for p in problems), len(data), sorted(problems))


def _sparql_problems(data: Graph, store: object, select: str, message: str) -> set[Problem]:
    """A SHACL-SPARQL constraint's SELECT over every focus node at once ($this free)."""
    problems = set()
    result = run(store, select.replace("$this", "?this"))
    for row in result.rows:
        values = {v: term for v, term in zip(result.variables, row, strict=True) if term is not None}
        focus = URIRef(values["this"].value)
        text = message
        for name, term in values.items():
            text = text.replace("{$" + name + "}" if name == "this" else "{?" + name + "}", _label(data, URIRef(term.value)))
        path = short(values["path"].value) if "path" in values else short(values["p"].value) if "p" in values else ""
        problems.add(Problem("Violation", _node(data, focus), path, _label(data, URIRef(values["value"].value)), text))
    return problems


def _label(data: Graph, term: URIRef) -> str:
    label = data.value(term, RDFS.label)
    return str(label) if label is not None else short(term)


def _node(data: Graph, focus: object) -> str:
    label = data.value(focus, RDFS.label)
    return f"{label} <{focus}>" if label is not None else f"<{focus}>"


def _problem(data: Graph, results: Graph, result: URIRef) -> Problem:
    severity = str(results.value(result, SH.resultSeverity)).rsplit("#", 1)[-1]
    node = _node(data, results.value(result, SH.focusNode))
    path = results.value(result, SH.resultPath)
    value = results.value(result, SH.value)
    message = results.value(result, SH.resultMessage) or ""
    return Problem(severity, node, short(path) if path is not None else "", _text(value), str(message))


def short(term: object) -> str:
    text = str(term)
    for prefix, ns in SHORT.items():
        if text.startswith(ns):
            return f"{prefix}:{text[len(ns):]}"
    return f"<{text}>"


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, Literal):
        return str(value) + (f"@{value.language}" if value.language else f"^^{short(value.datatype)}" if value.datatype else "")
    return short(value)
