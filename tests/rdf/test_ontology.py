from __future__ import annotations

import subprocess
import sys

from rdflib import OWL, RDF

from kg.rdf.ontology import ENTITY_CLASSES, KG, RELATIONS, declared_terms, load_ontology


def test_code_terms_match_turtle():
    assert declared_terms(load_ontology()) == set(KG.__annotations__)


def test_contract_classes_and_relations_declared():
    ontology = load_ontology()
    for cls in ENTITY_CLASSES:
        assert (KG[cls], RDF.type, OWL.Class) in ontology
    for rel in RELATIONS:
        assert (KG[rel], RDF.type, OWL.ObjectProperty) in ontology


def test_every_term_has_labels_in_both_languages_and_a_comment():
    from rdflib import RDFS

    ontology = load_ontology()
    for term in KG.__annotations__:
        langs = {lit.language for lit in ontology.objects(KG[term], RDFS.label)}
        assert {"zh", "en"} <= langs, term
        assert list(ontology.objects(KG[term], RDFS.comment)), term


def test_ontology_loads_from_outside_the_repo(tmp_path):
    code = "from kg.rdf.ontology import load_ontology; print(len(load_ontology()))"
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert int(out.stdout) > 100
