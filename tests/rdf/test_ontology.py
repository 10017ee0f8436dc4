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


def test_every_region_of_the_sample_has_its_division_code(sample_graph):
    """GB/T 2260 codes from cpca's table (namesakes keep their own); township-level 蒋村街道 has the statistics
    bureau's nine-digit code, 西湖区's (GB/T 2260 ends at counties)."""
    import pyoxigraph as ox

    store = ox.Store()
    store.bulk_load(path=str(sample_graph), format=ox.RdfFormat.N_QUADS)
    rows = store.query("""PREFIX kg: <https://w3id.org/kg/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT DISTINCT ?label ?code ?level WHERE { ?r a kg:Region ; rdfs:label ?label
        OPTIONAL { ?r kg:divisionCode ?code } OPTIONAL { ?r kg:divisionLevel ?level } }""", use_default_graph_as_union=True)
    found = {row[0].value: (row[1].value if row[1] else "", row[2].value if row[2] else "") for row in rows}
    assert found["西湖区"] == ("330106", "county") and found["杭州市"] == ("330100", "city") and found["浙江省"] == ("330000", "province")
    assert found["南山区"] == ("440305", "county")  # 深圳市's, not 鹤岗市's 230404
    assert found["蒋村街道"] == ("330106011", "street")  # not 西安市鄠邑区's namesake, 610118013
    assert all(code for code, _level in found.values()), found
