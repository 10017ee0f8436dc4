"""Docs → N-Quads: one named graph per document; labels, relations, targets, provenance.

IRIs are derived from class and canonical label (entities) or document id, so the
same entity has the same IRI on every run and from any corpus. Terms are written
straight in N-Triples syntax (IRIs percent-encoded, so ASCII; literals escaped), a
document at a time: making an Oxigraph object per term took a fifth of a build. Tests
parse the output with Oxigraph, strictly. rdflib is used only where a caller asks for
an rdflib Dataset (to_dataset).
"""

from __future__ import annotations

import functools
import hashlib
import io
import re
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import TYPE_CHECKING
from urllib.parse import quote

from kg.extract.doc import Doc, Entity, Relation, Target
from kg.rdf.vocabulary import DCTERMS, ID, KG, PREFIXES, PROV, RDF, RDFS, SKOS, TERMS, XSD, division_lines

if TYPE_CHECKING:
    import pyoxigraph as ox
    from rdflib import Dataset

ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


RE_NEEDS_ESCAPE = re.compile(r'["\\\n\r]')


def plain(text: str) -> str:
    return '"' + (text.translate(ESCAPES) if RE_NEEDS_ESCAPE.search(text) else text) + '"'


# Terms used for every statement, made once.
TYPE, LABEL, PREF_LABEL, ALT_LABEL = f"<{RDF}type>", f"<{RDFS}label>", f"<{SKOS}prefLabel>", f"<{SKOS}altLabel>"
SUBJECT, PREDICATE, OBJECT = f"<{RDF}subject>", f"<{RDF}predicate>", f"<{RDF}object>"
DERIVED = f"<{PROV}wasDerivedFrom>"
TITLE, SOURCE, DATE = f"<{DCTERMS}title>", f"<{DCTERMS}source>", f"<{DCTERMS}date>"
K = {name: f"<{KG}{name}>" for name in TERMS}
INTEGER, DECIMAL, DATE_TYPE, YEAR = f"<{XSD}integer>", f"<{XSD}decimal>", f"<{XSD}date>", f"<{XSD}gYear>"


def zh(text: str) -> str:
    return plain(text) + "@zh"


def typed(value: object, datatype: str) -> str:
    return f"{plain(str(value))}^^{datatype}"


def entity_iri(key: str) -> ox.NamedNode:
    """Region/西湖区 → https://w3id.org/kg/id/region/%E8%A5%BF%E6%B9%96%E5%8C%BA"""
    import pyoxigraph as ox

    return ox.NamedNode(_entity_ref(key)[1:-1])


@functools.lru_cache(maxsize=65536)
def _entity_ref(key: str) -> str:
    cls, label = key.split("/", 1)
    return f"<{ID}{cls.lower()}/{quote(label, safe='')}>"


def doc_iri(doc: Doc) -> str:
    return _doc_iri(doc.doc_id)


@functools.lru_cache(maxsize=1024)
def _doc_iri(doc_id: str) -> str:
    return f"<{ID}doc/{quote(doc_id, safe='/')}>"


# The merged layer: every entity and relation once, without provenance; a named graph
# beside the documents' own, so that whole-graph queries need not scan every document.
MERGED_IRI = f"{ID}graph/merged"  # document graphs end in a file extension: no clash


def graph_iri(doc: Doc) -> str:
    return f"<{ID}graph/{quote(doc.doc_id, safe='/')}>"


def _fact_iri(kind: str, *parts: object) -> str:
    digest = hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:16]
    return f"<{ID}{kind}/{digest}>"


def doc_lines(doc: Doc, end: str) -> Iterator[str]:
    """Every statement of one document's named graph, each a line that closes with ``end``
    (" <graph> .\n" for N-Quads). Lines, not triples: one string per statement is half the work."""
    sentence = doc_iri(doc)[:-1] + "#s"  # + index + ">"
    yield from _document(doc, sentence, end)
    mentioned, recognized = K["mentionedIn"], K["recognizedBy"]
    for entity in doc.entities:
        yield from _entity(entity, end)
        iri = _entity_ref(entity.key)
        for index in entity.sentences:
            yield f"{iri} {mentioned} {sentence}{index}>{end}"
        for rule in entity.rules:
            yield f"{iri} {recognized} {plain(rule)}{end}"
    for relation in doc.relations:
        yield from _relation(doc, relation, sentence, end)
    for target in doc.targets:
        yield from _target(doc, target, sentence, end)


def layer_lines(doc: Doc, end: str = " .\n") -> Iterator[str]:
    """What one document adds to the merged layer: its entities and relations, without provenance.
    The layer holds each fact once, however many documents state it. Targets, which belong to
    one document each, stay in the document's graph only."""
    for entity in doc.entities:
        yield from _entity(entity, end)
    for relation in doc.relations:
        yield f"{_entity_ref(relation.head)} {K[relation.predicate]} {_entity_ref(relation.tail)}{end}"


def doc_nquads(doc: Doc) -> bytes:
    """One document's named graph as N-Quads, each statement once."""
    return unique_lines(line.encode("utf-8") for line in doc_lines(doc, f" {graph_iri(doc)} .\n"))


def layer_ntriples(doc: Doc) -> bytes:
    return unique_lines(line.encode("utf-8") for line in layer_lines(doc))


def unique_lines(lines: Iterable[bytes]) -> bytes:
    """The lines joined, each once, in the order first seen. The lines are not kept to compare (a
    large document's would take more room than the result): only their hashes and offsets, and a
    line whose hash was seen is compared with the bytes at that offset. The buffer of a BytesIO
    becomes the result without a copy.

    >>> unique_lines([b"a\\n", b"b\\n", b"a\\n"])
    b'a\\nb\\n'
    """
    out = io.BytesIO()
    at: dict[int, int] = {}  # hash of a line → its offset in ``out``
    collided: set[bytes] = set()  # lines whose hash an earlier, other line has: kept whole
    for line in lines:
        key = hash(line)
        offset = at.get(key)
        if offset is None:
            at[key] = out.tell()
        elif _same(out, offset, line) or line in collided:
            continue
        else:
            collided.add(line)
        out.write(line)
    del at, collided
    return out.getvalue()


def _same(out: io.BytesIO, offset: int, line: bytes) -> bool:
    with out.getbuffer() as view:
        return view[offset : offset + len(line)] == line


def merged_quad_lines(ntriples_lines: Iterable[bytes]) -> Iterator[bytes]:
    """N-Triples lines of the layer as N-Quads lines of the merged graph."""
    suffix = f" <{MERGED_IRI}> .\n".encode()
    for line in ntriples_lines:
        yield line.rstrip()[:-2].rstrip() + suffix


def _entity(entity: Entity, end: str) -> Iterator[str]:
    iri = _entity_ref(entity.key)
    label = zh(entity.label)
    yield f"{iri} {TYPE} {K[entity.cls]}{end}"
    yield f"{iri} {LABEL} {label}{end}"
    yield f"{iri} {PREF_LABEL} {label}{end}"
    for alias in entity.aliases:
        yield f"{iri} {ALT_LABEL} {zh(alias)}{end}"
    if entity.cls == "Region":
        yield from division_lines(iri, entity.label, entity.code, end)


def _document(doc: Doc, sentence: str, end: str) -> Iterator[str]:
    iri = doc_iri(doc)
    yield f"{iri} {TYPE} {K['Document']}{end}"
    yield f"{iri} {TITLE} {zh(doc.title)}{end}"
    yield f"{iri} {SOURCE} {plain(doc.doc_id)}{end}"
    if doc.date:
        yield f"{iri} {DATE} {typed(doc.date, DATE_TYPE)}{end}"
    if doc.subject:
        yield f"{iri} {K['about']} {_entity_ref(doc.subject)}{end}"
    used = {i for e in doc.entities for i in e.sentences}
    used |= {r.sentence for r in doc.relations} | {t.sentence for t in doc.targets}
    kind, in_document, text, first, last = K["Sentence"], K["inDocument"], K["sentenceText"], K["start"], K["end"]
    for index in sorted(used):
        s = doc.sentences[index]
        yield f"{sentence}{index}> {TYPE} {kind}{end}"
        yield f"{sentence}{index}> {in_document} {iri}{end}"
        yield f"{sentence}{index}> {text} {zh(s.text)}{end}"
        yield f'{sentence}{index}> {first} "{s.start}"^^{INTEGER}{end}'
        yield f'{sentence}{index}> {last} "{s.end}"^^{INTEGER}{end}'


def _relation(doc: Doc, relation: Relation, sentence: str, end: str) -> Iterator[str]:
    head, tail = _entity_ref(relation.head), _entity_ref(relation.tail)
    predicate = K[relation.predicate]
    evidence = _fact_iri("evidence", doc.doc_id, relation.head, relation.predicate,
                         relation.tail, relation.sentence)
    yield f"{head} {predicate} {tail}{end}"
    yield f"{evidence} {TYPE} {K['Evidence']}{end}"
    yield f"{evidence} {SUBJECT} {head}{end}"
    yield f"{evidence} {PREDICATE} {predicate}{end}"
    yield f"{evidence} {OBJECT} {tail}{end}"
    yield f"{evidence} {DERIVED} {sentence}{relation.sentence}>{end}"
    yield f"{evidence} {K['rule']} {plain(relation.rule)}{end}"


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


def _target(doc: Doc, target: Target, sentence: str, end: str) -> Iterator[str]:
    iri = _fact_iri("target", doc.doc_id, target.subject, target.start, target.end, target.indicator)
    yield f"{_entity_ref(target.subject)} {K['hasTarget']} {iri}{end}"
    yield f"{iri} {TYPE} {K['Target']}{end}"
    if target.indicator:
        yield f"{iri} {K['indicator']} {zh(target.indicator)}{end}"
    yield f"{iri} {K['value']} {typed(decimal_lexical(target.value), DECIMAL)}{end}"
    yield f"{iri} {K['unit']} {plain(target.unit)}{end}"
    if target.year:
        yield f"{iri} {K['year']} {typed(f'{target.year:04d}', YEAR)}{end}"
    yield f"{iri} {K['targetKind']} {plain(target.kind)}{end}"
    yield f"{iri} {K['evidenceText']} {zh(target.text)}{end}"
    yield f'{iri} {K["start"]} "{target.start}"^^{INTEGER}{end}'
    yield f'{iri} {K["end"]} "{target.end}"^^{INTEGER}{end}'
    yield f"{iri} {K['rule']} {plain(target.rule)}{end}"
    yield f"{iri} {DERIVED} {sentence}{target.sentence}>{end}"


def to_dataset(docs: Iterable[Doc]) -> Dataset:
    """Processed docs as an rdflib Dataset, for notebooks and rdflib users."""
    from rdflib import Dataset

    dataset = Dataset()
    for prefix, ns in PREFIXES.items():
        dataset.bind(prefix, ns)
    dataset.parse(data=b"".join(doc_nquads(doc) for doc in docs).decode("utf-8"), format="nquads")
    return dataset
