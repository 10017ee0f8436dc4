"""The project's namespace as a closed set of terms, checked against ontology/kg.ttl."""

from __future__ import annotations

import importlib.resources
from pathlib import Path

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DefinedNamespace

from kg.extract.doc import CLASSES
from kg.rdf import vocabulary

ID = Namespace(vocabulary.ID)


# A closed namespace: a misspelt term fails where it is used. Made from vocabulary.TERMS, which
# writing N-Quads uses without rdflib; tests check both against ontology/kg.ttl.
KG = type("KG", (DefinedNamespace,), {
    "__doc__": "Terms of ontology/kg.ttl.",
    "__annotations__": dict.fromkeys(vocabulary.TERMS, URIRef),
    "_fail": True,
    "_NS": Namespace(vocabulary.KG),
})


ENTITY_CLASSES = CLASSES  # the ten of the graph contract
RELATIONS = ("locatedIn", "focusesOn", "partOf", "issuedBy")


def ontology_path() -> Path:
    """ontology/kg.ttl as shipped inside the package (a copy of the top-level file)."""
    packaged = importlib.resources.files("kg").joinpath("ontology/kg.ttl")
    if packaged.is_file():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[2] / "ontology" / "kg.ttl"


def load_ontology() -> Graph:
    return Graph().parse(ontology_path(), format="turtle")


def declared_terms(ontology: Graph) -> set[str]:
    """Local names of everything the Turtle declares in our namespace."""
    ns = str(KG._NS)
    return {str(s)[len(ns):] for s in ontology.subjects() if str(s).startswith(ns)}
