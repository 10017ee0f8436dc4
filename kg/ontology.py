"""The project's namespace as a closed set of terms, checked against ontology/kg.ttl."""

from __future__ import annotations

import importlib.resources
from pathlib import Path

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DefinedNamespace

from kg.patterns import CLASSES

BASE = "https://w3id.org/kg/"
ID = Namespace(BASE + "id/")


class KG(DefinedNamespace):
    """Terms of ontology/kg.ttl; a misspelt term fails where it is used."""

    _fail = True
    _NS = Namespace(BASE + "ontology#")

    Region: URIRef
    Platform: URIRef
    Town: URIRef
    Valley: URIRef
    Park: URIRef
    Company: URIRef
    Industry: URIRef
    Institution: URIRef
    Policy: URIRef
    Person: URIRef
    Event: URIRef
    Target: URIRef
    Document: URIRef
    Sentence: URIRef
    Evidence: URIRef
    locatedIn: URIRef
    focusesOn: URIRef
    partOf: URIRef
    issuedBy: URIRef
    hasTarget: URIRef
    indicator: URIRef
    value: URIRef
    unit: URIRef
    year: URIRef
    targetKind: URIRef
    mentionedIn: URIRef
    sentenceText: URIRef
    start: URIRef
    end: URIRef
    rule: URIRef
    evidenceText: URIRef
    inDocument: URIRef
    about: URIRef


ENTITY_CLASSES = CLASSES  # the ten of the graph contract
RELATIONS = ("locatedIn", "focusesOn", "partOf", "issuedBy")


def ontology_path() -> Path:
    """ontology/kg.ttl as shipped inside the package (a copy of the top-level file)."""
    packaged = importlib.resources.files("kg").joinpath("ontology/kg.ttl")
    if packaged.is_file():
        return Path(str(packaged))
    return Path(__file__).resolve().parent.parent / "ontology" / "kg.ttl"


def load_ontology() -> Graph:
    return Graph().parse(ontology_path(), format="turtle")


def declared_terms(ontology: Graph) -> set[str]:
    """Local names of everything the Turtle declares in our namespace."""
    ns = str(KG._NS)
    return {str(s)[len(ns):] for s in ontology.subjects() if str(s).startswith(ns)}
