"""SPARQL over a graph file with the embedded engine (pyoxigraph); result writers."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import multiprocessing as mp
import multiprocessing.connection as mpc
import os
import re
import socket
import threading
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.errors import KgError, QueryError
from kg.rdf.formats import ResultFormat, rdf_format, write_atomic
from kg.rdf.store_cache import MERGED as MERGED  # noqa: F401 (re-exported)
from kg.rdf.store_cache import OX_FORMATS, GraphStore, load_memory, open_graph
from kg.rdf.vocabulary import PREFIXES, RDF, RDFS, XSD

DEFAULT_PREFIXES = PREFIXES | {"rdf": RDF, "rdfs": RDFS, "xsd": XSD}
RE_UPDATE = re.compile(r"^\s*(?:(?:PREFIX|BASE)\b[^\n]*\n\s*)*(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b",
                       re.IGNORECASE)


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


def open_store(path: Path, merged: bool = False) -> GraphStore:
    """The graph file's on-disk store (built the first time, rebuilt when the file changed; see
    store_cache); with ``merged``, only its merged layer (every entity and relation once) is queried."""
    return open_graph(path, merged)


def run(store: GraphStore, sparql: str, timeout: float | None = None) -> Result:
    """Run a read-only query over the union of the document graphs in this process; at ``timeout``
    seconds it is abandoned in a daemon thread (query_file with limits kills a child process instead)."""
    check_query(sparql)
    if timeout is None:
        return _evaluate(store, sparql)
    outcome: list[Result | KgError] = []

    def evaluate() -> None:
        try:
            outcome.append(_evaluate(store, sparql))
        except KgError as e:
            outcome.append(e)

    worker = threading.Thread(target=evaluate, daemon=True)
    worker.start()
    worker.join(timeout)
    if not outcome:
        raise LimitError(f"query stopped after {timeout:g} s (--timeout)")
    if isinstance(outcome[0], KgError):
        raise outcome[0]
    return outcome[0]


def _evaluate(store: GraphStore, sparql: str) -> Result:
    error = ""
    try:
        answer = store.query(sparql, prefixes=DEFAULT_PREFIXES, use_default_graph_as_union=True)
        if isinstance(answer, ox.QueryBoolean):
            return Result([], [], bool(answer))
        if isinstance(answer, ox.QuerySolutions):
            variables = [v.value for v in answer.variables]
            return Result(variables, [list(solution) for solution in answer])  # values in variable order
        return Result(["subject", "predicate", "object"], [[t.subject, t.predicate, t.object] for t in answer])
    except SyntaxError as e:
        error = syntax_message(str(e))
    except OSError as e:
        error = f"query failed: {e}"
    answer = None  # Oxigraph's objects must die in their own thread, not with this error's traceback
    raise QueryError(error)


# ---------------------------------------------------------------- what a query may do
TOKENS = re.compile(r"""
    (?P<skip>\s+|\#[^\n]*)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$]\w+)
  | (?P<pname>[\w.-]*:[\w.:%\\-]*)
  | (?P<lang>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
  | (?P<word>[A-Za-z_]\w*)
  | (?P<other>.)""", re.VERBOSE | re.DOTALL)
UPDATE_WORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}
REFUSED = {"SERVICE": "SERVICE is refused: kg never sends a query to another endpoint",
           "LOAD": "LOAD is refused: kg never reads URLs or files from SPARQL; add data with kg build"}


def keywords(sparql: str) -> list[str]:
    """The bare words of a query, upper-cased, outside comments, strings and IRIs, and the prefix of
    each prefixed name (Oxigraph reads ``SERVICE:`` and ``SERVICESILENT<…>`` as the keyword)."""
    words = []
    for m in TOKENS.finditer(sparql):
        if m.lastgroup == "word":
            words.append(m.group().upper())
        elif m.lastgroup == "pname":
            words.append(m.group().split(":", 1)[0].upper())
    return words


def is_update(sparql: str) -> bool:
    """Whether the text is SPARQL Update: its first keyword after the PREFIX and BASE declarations."""
    words = keywords(sparql)  # PREFIX is followed by its name's prefix, BASE by an IRI (no word)
    while words[:1] in (["PREFIX"], ["BASE"]):
        words = words[2 if words[0] == "PREFIX" else 1:]
    return bool(words) and words[0] in UPDATE_WORDS


def check_query(sparql: str, update: bool = False) -> None:
    """Refuse what reaches the network or the file system (SERVICE, LOAD), and Update unless ``update``."""
    for word in keywords(sparql):
        for refused, message in REFUSED.items():
            if word.startswith(refused):
                raise QueryError(message)
    if not update and is_update(sparql):
        raise QueryError("kg query is read-only: SPARQL Update (INSERT, DELETE, …) is refused; "
                         "give --allow-update to change a local graph file")


def update_file(path: Path, sparql: str) -> tuple[int, int]:
    """Apply SPARQL Update to a local graph file, rewritten atomically; (triples before, after)."""
    check_query(sparql, update=True)
    store = load_memory(path)
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


def query_file(path: Path, sparql: str, timeout: float | None = None, merged: bool = False,
               max_memory: int | None = None) -> Result:
    """Answer a read-only query over a graph file; with ``timeout`` (seconds) or ``max_memory`` (MB
    beyond the loaded graph) it runs in a child process that is killed when it passes either."""
    check_query(sparql)
    if timeout is None and max_memory is None:
        return _evaluate(open_store(path, merged), sparql)
    evaluator = Evaluator(path, _evaluate, merged, max_memory)
    try:
        evaluator.ready()
        return evaluator.ask(sparql, timeout)
    finally:
        evaluator.close()


# ---------------------------------------------------------------- evaluation in a child process
class LimitError(QueryError):
    """A query stopped at its time or memory limit."""


class Evaluator:
    """A child process that loads a graph file and answers requests one at a time with
    ``handler(store, request)``. It may use ``max_memory`` MB beyond the loaded graph, can open no
    file or socket, and is killed at a deadline or when a watched client socket closes."""

    def __init__(self, path: Path, handler: Callable[[ox.Store, Any], Any], merged: bool = False,
                 max_memory: int | None = None, spawn: bool = False) -> None:
        # fork is quick but copies every descriptor and is unsafe with threads: servers spawn
        forked = not spawn and os.path.isdir("/proc/self/task") and len(os.listdir("/proc/self/task")) == 1
        context = mp.get_context("fork" if forked else "spawn")
        self.conn, child = context.Pipe()
        self.max_memory = max_memory
        self.process = context.Process(target=_serve_requests, daemon=True,
                                       args=(child, self.conn if forked else None, str(path), merged, max_memory, handler))
        self.process.start()
        child.close()

    @property
    def alive(self) -> bool:
        return not self.conn.closed and self.process.is_alive()

    def ready(self) -> None:
        self._answer(None, ())  # the graph is loaded, or QueryError

    def ask(self, request: Any, timeout: float | None = None, watch: tuple[socket.socket, ...] = ()) -> Any:
        """The handler's answer; QueryError (and the process killed) on an error, a timeout or too
        much memory; None (and the process killed) when a socket in ``watch`` closes first."""
        self.conn.send(request)
        return self._answer(None if timeout is None else time.monotonic() + timeout, watch, timeout)

    def _answer(self, deadline: float | None, watch: tuple[socket.socket, ...], timeout: float | None = None) -> Any:
        waiting: list[Any] = [self.conn, self.process.sentinel, *watch]
        while True:
            left = None if deadline is None else max(0.0, deadline - time.monotonic())
            ready = mpc.wait(waiting, left)
            if self.conn in ready or self.process.sentinel in ready:
                try:
                    kind, value = self.conn.recv() if self.conn.poll() else ("died", None)
                except (EOFError, OSError):
                    kind, value = "died", None
                break
            if not ready:
                self.close()
                raise LimitError(f"query stopped after {timeout:g} s (--timeout)")
            for sock in watch:
                if sock in ready:
                    waiting.remove(sock)
                    if _closed(sock):
                        self.close()
                        return None
        if kind in ("ok", "ready"):
            return value
        if kind == "error":
            raise QueryError(value)
        self.close()
        if self.max_memory is not None:
            raise LimitError(f"query stopped: it needed more than {self.max_memory} MB of memory (--max-memory)")
        raise QueryError(f"query failed: its process ended with code {self.process.exitcode}")

    def close(self) -> None:
        self.conn.close()
        self.process.kill()  # nothing if it has ended
        self.process.join()


def _closed(sock: socket.socket) -> bool:
    try:
        return sock.recv(1, socket.MSG_PEEK | socket.MSG_DONTWAIT) == b""
    except BlockingIOError:
        return False
    except OSError:
        return True


def _serve_requests(conn: Any, parent_end: Any, path: str, merged: bool, max_memory: int | None, handler: Callable) -> None:
    if parent_end is not None:
        parent_end.close()
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)  # the parent reports errors in one line; Rust's abort message goes nowhere
    os.close(devnull)
    try:
        store = open_store(Path(path), merged)
    except KgError as e:
        conn.send(("error", str(e)))
        return
    _confine(max_memory, tables=_unopened_tables(store.folder))
    conn.send(("ready", None))
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            return
        try:
            reply = ("ok", handler(store, request))
        except KgError as e:
            reply = ("error", str(e))
        except MemoryError:
            reply = ("memory", None)
        conn.send(reply)


def _unopened_tables(folder: Path | None) -> int:
    """How many of the store's table files RocksDB has not opened yet: it opens 16 when the store
    opens and the rest when first read, so a large store needs that many descriptors left free."""
    if folder is None or not os.path.isdir("/proc/self/fd"):
        return 0
    tables = {p.name for p in folder.glob("*.sst")}
    for fd in os.listdir("/proc/self/fd"):
        with contextlib.suppress(OSError):
            tables.discard(os.path.basename(os.readlink(f"/proc/self/fd/{fd}")))
    return len(tables)


def _confine(max_memory: int | None, tables: int = 0) -> None:
    """Cap this process's address space, and take away its power to open files and sockets: every
    descriptor number below the new limit is in use (a second wall behind check_query), except
    ``tables`` left for the table files a large store opens when first read (a weaker wall there:
    that many descriptors could serve another file until RocksDB takes them)."""
    try:
        import resource
    except ImportError:  # not a Unix
        return
    if max_memory is not None and os.path.exists("/proc/self/statm"):
        with open("/proc/self/statm") as f:
            size = int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        resource.setrlimit(resource.RLIMIT_AS, (size + max_memory * 2**20, resource.getrlimit(resource.RLIMIT_AS)[1]))
    if os.path.isdir("/proc/self/fd"):
        highest = max(int(fd) for fd in os.listdir("/proc/self/fd"))
        while (fd := os.open(os.devnull, os.O_RDONLY)) <= highest:
            pass  # fills the holes below the highest descriptor
        os.close(fd)
        resource.setrlimit(resource.RLIMIT_NOFILE, (highest + 1 + tables, highest + 1 + tables))


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
