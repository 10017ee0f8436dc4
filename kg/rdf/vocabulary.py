"""IRIs of the graph as plain strings: what writing N-Quads needs, without importing rdflib.

kg/rdf/ontology.py makes the same terms a closed rdflib namespace, checked against ontology/kg.ttl.
"""

from __future__ import annotations

BASE = "https://w3id.org/kg/"
ID = BASE + "id/"  # entities, documents, evidence and targets
KG = BASE + "ontology#"

# Every term of our ontology: classes first, then properties.
TERMS = (
    "Region", "Platform", "Town", "Valley", "Park", "Company", "Industry", "Institution", "Policy",
    "Person", "Event", "Target", "Document", "Sentence", "Evidence",
    "locatedIn", "focusesOn", "partOf", "issuedBy", "hasTarget", "indicator", "value", "unit", "year",
    "targetKind", "mentionedIn", "recognizedBy", "sentenceText", "start", "end", "rule", "evidenceText", "inDocument", "about",
)

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
PROV = "http://www.w3.org/ns/prov#"
DCTERMS = "http://purl.org/dc/terms/"

PREFIXES = {"kg": KG, "kgid": ID, "skos": SKOS, "prov": PROV, "dcterms": DCTERMS}
