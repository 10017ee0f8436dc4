"""IRIs of the graph as plain strings: what writing N-Quads needs, without importing rdflib.

kg/rdf/ontology.py makes the same terms a closed rdflib namespace, checked against ontology/kg.ttl.
"""

from __future__ import annotations

from kg.extract.doc import TOWNSHIP_SUFFIXES

BASE = "https://w3id.org/kg/"
ID = BASE + "id/"  # entities, documents, evidence and targets
KG = BASE + "ontology#"

# Every term of our ontology: classes first, then properties.
TERMS = (
    "Region", "Platform", "Town", "Valley", "Park", "Company", "Industry", "Institution", "Policy",
    "Person", "Event", "Target", "Document", "Sentence", "Evidence",
    "locatedIn", "focusesOn", "partOf", "issuedBy", "hasTarget", "indicator", "value", "unit", "year",
    "targetKind", "mentionedIn", "recognizedBy", "sentenceText", "start", "end", "rule", "evidenceText", "inDocument", "about",
    "divisionCode", "divisionLevel",
)

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
PROV = "http://www.w3.org/ns/prov#"
DCTERMS = "http://purl.org/dc/terms/"

PREFIXES = {"kg": KG, "kgid": ID, "skos": SKOS, "prov": PROV, "dcterms": DCTERMS}


def division_level(label: str, code: str) -> str:
    """A region's level from its code: six digits are GB/T 2260 (xx0000 province, xxxx00 city, else
    county), nine are the statistics code of a township (``street``); without a code, ``street`` for a
    township-level name; "" when neither tells.

    >>> division_level("西湖区", "330106"), division_level("杭州市", "330100"), division_level("蒋村街道", "330106011")
    ('county', 'city', 'street')
    >>> division_level("蒋村街道", ""), division_level("城区", "")
    ('street', '')
    """
    if len(code) == 9:
        return "street"
    if code:
        return "province" if code.endswith("0000") else "city" if code.endswith("00") else "county"
    return "street" if label.endswith(TOWNSHIP_SUFFIXES) else ""


def division_lines(iri: str, label: str, code: str, end: str) -> list[str]:
    """A Region's kg:divisionCode and kg:divisionLevel statements (codes and levels are ASCII: no escaping)."""
    level = division_level(label, code)
    lines = [f'{iri} <{KG}divisionCode> "{code}"{end}'] if code else []
    return lines + ([f'{iri} <{KG}divisionLevel> "{level}"{end}'] if level else [])
