"""Docs → RDF: one named graph per document; labels, relations, targets, provenance.

IRIs are derived from class and canonical label (entities) or document id, so the
same entity has the same IRI on every run and from any corpus.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from decimal import Decimal
from urllib.parse import quote

from rdflib import RDF, RDFS, XSD, Dataset, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS

from kg.doc import Doc, Relation, Target
from kg.ontology import ID, KG

Triple = tuple[URIRef, URIRef, URIRef | Literal]


def entity_iri(key: str) -> URIRef:
    """Region/西湖区 → https://w3id.org/kg/id/region/%E8%A5%BF%E6%B9%96%E5%8C%BA"""
    cls, label = key.split("/", 1)
    return ID[f"{cls.lower()}/{quote(label, safe='')}"]


def doc_iri(doc: Doc) -> URIRef:
    return ID[f"doc/{quote(doc.doc_id, safe='/')}"]


def graph_iri(doc: Doc) -> URIRef:
    return ID[f"graph/{quote(doc.doc_id, safe='/')}"]


def sentence_iri(doc: Doc, index: int) -> URIRef:
    return URIRef(f"{doc_iri(doc)}#s{index}")


def _fact_iri(kind: str, *parts: object) -> URIRef:
    digest = hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:16]
    return ID[f"{kind}/{digest}"]


def doc_triples(doc: Doc) -> Iterator[Triple]:
    """Every triple of one document's named graph."""
    yield from _document(doc)
    for entity in doc.entities:
        iri = entity_iri(entity.key)
        yield iri, RDF.type, KG[entity.cls]
        yield iri, RDFS.label, Literal(entity.label, lang="zh")
        yield iri, SKOS.prefLabel, Literal(entity.label, lang="zh")
        for alias in entity.aliases:
            yield iri, SKOS.altLabel, Literal(alias, lang="zh")
        for index in entity.sentences:
            yield iri, KG.mentionedIn, sentence_iri(doc, index)
    for relation in doc.relations:
        yield from _relation(doc, relation)
    for target in doc.targets:
        yield from _target(doc, target)


def _document(doc: Doc) -> Iterator[Triple]:
    iri = doc_iri(doc)
    yield iri, RDF.type, KG.Document
    yield iri, DCTERMS.title, Literal(doc.title, lang="zh")
    yield iri, DCTERMS.source, Literal(doc.doc_id)
    if doc.date:
        yield iri, DCTERMS.date, Literal(doc.date, datatype=XSD.date)
    if doc.subject:
        yield iri, KG.about, entity_iri(doc.subject)
    used = {i for e in doc.entities for i in e.sentences}
    used |= {r.sentence for r in doc.relations} | {t.sentence for t in doc.targets}
    for index in sorted(used):
        sentence = doc.sentences[index]
        s_iri = sentence_iri(doc, index)
        yield s_iri, RDF.type, KG.Sentence
        yield s_iri, KG.inDocument, iri
        yield s_iri, KG.sentenceText, Literal(sentence.text, lang="zh")
        yield s_iri, KG.start, Literal(sentence.start)
        yield s_iri, KG.end, Literal(sentence.end)


def _relation(doc: Doc, relation: Relation) -> Iterator[Triple]:
    head, tail = entity_iri(relation.head), entity_iri(relation.tail)
    predicate = KG[relation.predicate]
    yield head, predicate, tail
    evidence = _fact_iri("evidence", doc.doc_id, relation.head, relation.predicate,
                         relation.tail, relation.sentence)
    yield evidence, RDF.type, KG.Evidence
    yield evidence, RDF.subject, head
    yield evidence, RDF.predicate, predicate
    yield evidence, RDF.object, tail
    yield evidence, PROV.wasDerivedFrom, sentence_iri(doc, relation.sentence)
    yield evidence, KG.rule, Literal(relation.rule)


def decimal_lexical(value: Decimal) -> str:
    """The canonical xsd:decimal form, with a point (1200000000000.0, 56.7): it survives Turtle's shorthand.

    >>> decimal_lexical(Decimal("5E+10")), decimal_lexical(Decimal("56.70"))
    ('50000000000.0', '56.7')
    """
    text = format(value, "f")
    if "." not in text:
        return text + ".0"
    text = text.rstrip("0")
    return text + "0" if text.endswith(".") else text


def _target(doc: Doc, target: Target) -> Iterator[Triple]:
    iri = _fact_iri("target", doc.doc_id, target.subject, target.start, target.end)
    yield entity_iri(target.subject), KG.hasTarget, iri
    yield iri, RDF.type, KG.Target
    if target.indicator:
        yield iri, KG.indicator, Literal(target.indicator, lang="zh")
    yield iri, KG.value, Literal(decimal_lexical(target.value), datatype=XSD.decimal)
    yield iri, KG.unit, Literal(target.unit)
    if target.year:
        yield iri, KG.year, Literal(f"{target.year:04d}", datatype=XSD.gYear)
    yield iri, KG.targetKind, Literal(target.kind)
    yield iri, KG.evidenceText, Literal(target.text, lang="zh")
    yield iri, KG.start, Literal(target.start)
    yield iri, KG.end, Literal(target.end)
    yield iri, KG.rule, Literal(target.rule)
    yield iri, PROV.wasDerivedFrom, sentence_iri(doc, target.sentence)


PREFIXES = {"kg": str(KG._NS), "kgid": str(ID), "skos": str(SKOS), "prov": str(PROV),
            "dcterms": str(DCTERMS)}


def new_dataset() -> Dataset:
    dataset = Dataset()
    for prefix, ns in PREFIXES.items():
        dataset.bind(prefix, ns)
    return dataset


def add_doc(dataset: Dataset, doc: Doc) -> int:
    """Add one document's named graph; returns its triple count."""
    graph = dataset.graph(graph_iri(doc))
    before = len(graph)
    for triple in doc_triples(doc):
        graph.add(triple)
    return len(graph) - before


def to_dataset(docs: Iterable[Doc]) -> Dataset:
    dataset = new_dataset()
    for doc in docs:
        add_doc(dataset, doc)
    return dataset
