"""SPARQL over a graph file with the embedded engine (pyoxigraph); result writers."""

from __future__ import annotations

import csv
import io
import json
import re
import threading
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.errors import QueryError
from kg.rdf.formats import ResultFormat, rdf_format, write_atomic
from kg.rdf.graph import MERGED_IRI
from kg.rdf.vocabulary import PREFIXES, RDF, RDFS, XSD

MERGED = ox.NamedNode(MERGED_IRI)  # the named graph of the merged layer
DEFAULT_PREFIXES = PREFIXES | {"rdf": RDF, "rdfs": RDFS, "xsd": XSD}
RE_UPDATE = re.compile(r"^\s*(?:(?:PREFIX|BASE)\b[^\n]*\n\s*)*(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b",
                       re.IGNORECASE)

OX_FORMATS = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "nq": ox.RdfFormat.N_QUADS,
              "trig": ox.RdfFormat.TRIG, "jsonld": ox.RdfFormat.JSON_LD}


@dataclass
class Result:
    """A SELECT table (variables and rows of terms), an ASK boolean, or CONSTRUCT triples."""

    variables: list[str]
    rows: list[list[Any]]
    boolean: bool | None = None

    @classmethod
    def of_values(cls, variables: list[str], rows: list[list[str]]) -> Result:
        """A table of plain strings, for results computed outside SPARQL."""
        return cls(variables, [[ox.Literal(value) for value in row] for row in rows])


def open_store(path: Path, merged: bool = False) -> ox.Store:
    """An in-memory Oxigraph store holding the graph file; with ``merged``, only its merged layer
    (every entity and relation once, no provenance), as the default graph."""
    store = ox.Store()
    fmt = OX_FORMATS[rdf_format(path).extension]
    try:
        store.bulk_load(path=str(path), format=fmt)
    except (SyntaxError, ValueError, OSError) as e:
        raise QueryError(f"cannot load {path}: {e}") from None
    if not merged:
        return store
    layer = ox.Store()
    layer.extend(ox.Quad(q.subject, q.predicate, q.object) for q in store.quads_for_pattern(None, None, None, MERGED))
    if not len(layer):
        raise QueryError(f"{path} has no merged layer (graph {MERGED.value}); build it again with kg build")
    return layer


def run(store: ox.Store, sparql: str, timeout: float | None = None) -> Result:
    """Run a read-only query over the union of the document graphs, stopping after ``timeout`` seconds."""
    if RE_UPDATE.match(sparql):
        raise QueryError("kg query is read-only: SPARQL Update (INSERT, DELETE, …) is refused; "
                         "give --allow-update to change a local graph file")
    if timeout is None:
        return _evaluate(store, sparql)
    # Oxigraph cannot cancel a query; it runs in a daemon thread that is abandoned at the deadline.
    outcome: list[Result | BaseException] = []
    worker = threading.Thread(target=lambda: outcome.append(_capture(_evaluate, store, sparql)), daemon=True)
    worker.start()
    worker.join(timeout)
    if not outcome:
        raise QueryError(f"query stopped after {timeout:g} s (--timeout)")
    if isinstance(outcome[0], BaseException):
        raise outcome[0]
    return outcome[0]


def _capture(function, *args):
    try:
        return function(*args)
    except BaseException as e:  # handed to the waiting thread
        return e


def _evaluate(store: ox.Store, sparql: str) -> Result:
    try:
        answer = store.query(sparql, prefixes=DEFAULT_PREFIXES, use_default_graph_as_union=True)
        if isinstance(answer, ox.QueryBoolean):
            return Result([], [], bool(answer))
        if isinstance(answer, ox.QuerySolutions):
            variables = [v.value for v in answer.variables]
            return Result(variables, [list(solution) for solution in answer])  # values in variable order
        return Result(["subject", "predicate", "object"], [[t.subject, t.predicate, t.object] for t in answer])
    except SyntaxError as e:
        raise QueryError(syntax_message(str(e))) from None
    except OSError as e:
        raise QueryError(f"query failed: {e}") from None


def is_update(sparql: str) -> bool:
    return bool(RE_UPDATE.match(sparql))


def update_file(path: Path, sparql: str) -> tuple[int, int]:
    """Apply SPARQL Update to a local graph file, rewritten atomically; (triples before, after)."""
    store = open_store(path)
    before = len(store)
    try:
        store.update(sparql, prefixes=DEFAULT_PREFIXES)
    except SyntaxError as e:
        raise QueryError(syntax_message(str(e))) from None
    except OSError as e:
        raise QueryError(f"update failed: {e}") from None
    fmt = OX_FORMATS[rdf_format(path).extension]
    quads = list(store) if fmt.supports_datasets else [q.triple for q in store]
    prefixes = DEFAULT_PREFIXES if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG) else None
    write_atomic(path, ox.serialize(quads, format=fmt, prefixes=prefixes) or b"")
    return before, len(store)


def syntax_message(error: str) -> str:
    """pyoxigraph's 'error at 1:31: expected …' as one short line with line and column."""
    error = " ".join(error.split())
    m = re.match(r"error at (\d+):(\d+): (.*)", error)
    if not m:
        return f"SPARQL syntax error: {error[:160]}"
    detail = m.group(3)
    if len(detail) > 100:
        detail = detail[:100].rsplit(",", 1)[0] + ", …"
    return f"SPARQL syntax error at line {m.group(1)}, column {m.group(2)}: {detail}"


def query_file(path: Path, sparql: str, timeout: float | None = None, merged: bool = False) -> Result:
    return run(open_store(path, merged), sparql, timeout)


# ---------------------------------------------------------------- writers
def _term_json(term: Any) -> dict[str, str]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype.value != f"{XSD}string":
        out["datatype"] = term.datatype.value
    return out


def to_json(result: Result) -> str:
    """W3C SPARQL 1.1 Query Results JSON, Chinese unescaped."""
    if result.boolean is not None:
        return json.dumps({"head": {}, "boolean": result.boolean}, ensure_ascii=False)
    bindings = [{v: _term_json(t) for v, t in zip(result.variables, row, strict=True) if t is not None}
                for row in result.rows]
    return json.dumps({"head": {"vars": result.variables}, "results": {"bindings": bindings}},
                      ensure_ascii=False, indent=1)


def plain(term: Any) -> str:
    return "" if term is None else str(term.value)


def safe_cell(text: str) -> str:
    """Neutralise spreadsheet formulas: a cell starting with = + - @ gets a leading quote."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def to_delimited(result: Result, delimiter: str) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    if result.boolean is not None:
        writer.writerows([["boolean"], [str(result.boolean).lower()]])
    else:
        writer.writerow(result.variables)
        writer.writerows([[safe_cell(plain(t)) for t in row] for row in result.rows])
    return buffer.getvalue().rstrip("\n")


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _printable(text: str) -> str:
    return "".join(c if c.isprintable() else "\ufffd" for c in text)


def to_table(result: Result) -> str:
    if result.boolean is not None:
        return "true" if result.boolean else "false"
    rows = [[_printable(plain(t)) for t in row] for row in result.rows]
    widths = [max([_width(v)] + [_width(r[i]) for r in rows]) for i, v in enumerate(result.variables)]

    def line(cells: list[str]) -> str:
        return "  ".join(c + " " * (w - _width(c)) for c, w in zip(cells, widths, strict=True)).rstrip()

    out = [line(result.variables), line(["-" * w for w in widths])] + [line(r) for r in rows]
    return "\n".join(out)


def format_result(result: Result, fmt: ResultFormat) -> str:
    if fmt is ResultFormat.json:
        return to_json(result)
    if fmt is ResultFormat.csv:
        return to_delimited(result, ",")
    if fmt is ResultFormat.tsv:
        return to_delimited(result, "\t")
    return to_table(result)
