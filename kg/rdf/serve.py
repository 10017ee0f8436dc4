"""kg serve: a local, read-only SPARQL 1.1 protocol endpoint over a graph file (Oxigraph inside).

GET or POST /sparql (also / and /query) with ``query=`` or an application/sparql-query
body. Results are SPARQL JSON by default, or XML, CSV or TSV by the Accept header;
CONSTRUCT and DESCRIBE give N-Triples or Turtle. Updates are refused with 403, SERVICE
and LOAD with 400. Queries run in a few worker processes that each hold the graph; one
that passes the time limit, takes more than its memory, or whose client leaves is killed
and replaced, so the server keeps answering. Cross-origin browser access is refused
unless one origin is allowed (``cors``).
"""

from __future__ import annotations

import os
import queue
import socket
import threading
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.errors import KgError, QueryError
from kg.rdf.query import DEFAULT_PREFIXES, Evaluator, LimitError, check_query, is_update, syntax_message

PATHS = ("/", "/sparql", "/query")
RESULT_FORMATS = [ox.QueryResultsFormat.JSON, ox.QueryResultsFormat.XML, ox.QueryResultsFormat.CSV, ox.QueryResultsFormat.TSV]
GRAPH_FORMATS = [ox.RdfFormat.N_TRIPLES, ox.RdfFormat.TURTLE, ox.RdfFormat.N_QUADS]
TEXT = "text/plain; charset=utf-8"
MAX_BODY = 1 << 20  # bytes of a POST body
HTTP_THREADS = 32  # connections handled at once; more wait in the listen backlog
READ_ONLY = b"this endpoint is read-only\n"


def negotiate(accept: str, formats: list) -> Any:
    """The format the Accept header prefers (by q, then by order) among ``formats``; else the first."""
    ranked = []
    for i, part in enumerate(accept.split(",")):
        media, *params = (p.strip() for p in part.split(";"))
        weight = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
        if weight > 0:
            ranked.append((-weight, i, media.lower()))
    for _, _, media in sorted(ranked):
        for fmt in formats:
            if fmt.media_type.split(";")[0] == media:
                return fmt
    return formats[0]


def content_type(fmt: Any) -> str:
    return fmt.media_type if "charset" in fmt.media_type else f"{fmt.media_type}; charset=utf-8"


def answer(store: ox.Store, request: tuple[str, str]) -> tuple[int, str, bytes]:
    """(status, content type, body) for one checked query and Accept header; runs in a worker."""
    sparql, accept = request
    error = None
    try:
        result = store.query(sparql, prefixes=DEFAULT_PREFIXES, use_default_graph_as_union=True)
        if isinstance(result, ox.QueryTriples):
            fmt = negotiate(accept, GRAPH_FORMATS)
            return HTTPStatus.OK, content_type(fmt), ox.serialize(result, format=fmt) or b""
        fmt = negotiate(accept, RESULT_FORMATS)
        return HTTPStatus.OK, content_type(fmt), result.serialize(format=fmt) or b""
    except SyntaxError as e:
        error = HTTPStatus.BAD_REQUEST, syntax_message(str(e))
    except OSError as e:
        error = HTTPStatus.INTERNAL_SERVER_ERROR, f"query failed: {e}"
    return error[0], TEXT, (error[1] + "\n").encode("utf-8")


class Busy(KgError):
    """Every worker stayed busy for the whole time limit."""


class Pool:
    """``size`` worker processes, each holding the graph; one query at a time each."""

    def __init__(self, graph: Path, size: int, max_memory: int | None) -> None:
        self.graph, self.size, self.max_memory = graph, size, max_memory
        self.idle: queue.Queue[Evaluator] = queue.Queue()
        self.closed = False
        starting = [self._new() for _ in range(size)]
        try:
            for evaluator in starting:
                evaluator.ready()
                self.idle.put(evaluator)
        except BaseException:
            for evaluator in starting:
                evaluator.close()
            raise

    def _new(self) -> Evaluator:
        return Evaluator(self.graph, answer, max_memory=self.max_memory, spawn=True)

    def _replace(self) -> None:
        def start() -> None:
            evaluator = self._new()
            try:
                evaluator.ready()
            except KgError:
                evaluator.close()
                return
            self._give_back(evaluator)

        threading.Thread(target=start, daemon=True).start()

    def _give_back(self, evaluator: Evaluator) -> None:
        if self.closed:
            evaluator.close()
        else:
            self.idle.put(evaluator)

    def ask(self, request: tuple[str, str], timeout: float, client: socket.socket) -> tuple[int, str, bytes] | None:
        """The worker's answer; None if the client left; LimitError, Busy or QueryError otherwise."""
        try:
            evaluator = self.idle.get(timeout=timeout)
        except queue.Empty:
            raise Busy(f"all {self.size} workers stayed busy for {timeout:g} s; try again later") from None
        try:
            return evaluator.ask(request, timeout, (client,))
        finally:
            if evaluator.alive:
                self._give_back(evaluator)
            else:
                evaluator.close()
                self._replace()

    def close(self) -> None:
        self.closed = True
        while not self.idle.empty():
            self.idle.get_nowait().close()


class SparqlHandler(BaseHTTPRequestHandler):
    server: SparqlServer
    server_version = "kg-serve"

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        url = urllib.parse.urlsplit(self.path)
        params = urllib.parse.parse_qs(url.query)
        if url.path not in PATHS:
            return self.reply(HTTPStatus.NOT_FOUND, TEXT, b"not found: use /sparql\n")
        if not self.origin_allowed():
            return
        if "update" in params:
            return self.reply(HTTPStatus.FORBIDDEN, TEXT, READ_ONLY)
        if "query" not in params:
            return self.reply(HTTPStatus.OK, TEXT, b"kg SPARQL endpoint (read-only): GET or POST /sparql with query=\n")
        self.run_query(params["query"][0])

    def do_POST(self) -> None:  # noqa: N802
        if urllib.parse.urlsplit(self.path).path not in PATHS:
            return self.reply(HTTPStatus.NOT_FOUND, TEXT, b"not found: use /sparql\n")
        length = (self.headers.get("Content-Length") or "0").strip()
        if not (length.isascii() and length.isdigit()):
            return self.reply(HTTPStatus.BAD_REQUEST, TEXT, b"bad Content-Length: not a number of bytes\n")
        if int(length) > MAX_BODY:
            return self.reply(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, TEXT, f"a query has at most {MAX_BODY} bytes\n".encode())
        try:
            raw = self.rfile.read(int(length))
        except TimeoutError:
            return self.reply(HTTPStatus.REQUEST_TIMEOUT, TEXT, b"the request body did not arrive in time\n")
        if len(raw) < int(length):
            return self.reply(HTTPStatus.BAD_REQUEST, TEXT, b"the request body is shorter than its Content-Length\n")
        if not self.origin_allowed():
            return
        body = raw.decode("utf-8", "replace")
        kind = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if kind == "application/sparql-query":
            sparql = body
        elif kind == "application/sparql-update" or "update" in urllib.parse.parse_qs(body):
            return self.reply(HTTPStatus.FORBIDDEN, TEXT, READ_ONLY)
        else:
            sparql = (urllib.parse.parse_qs(body).get("query") or [""])[0]
        self.run_query(sparql)

    def do_OPTIONS(self) -> None:  # noqa: N802 (CORS preflight: allowed only for --cors ORIGIN)
        self.reply(HTTPStatus.NO_CONTENT, TEXT, b"")

    def origin_allowed(self) -> bool:
        """Browsers name the page's origin; refuse pages other than --cors ORIGIN (and this server's own)."""
        origin = self.headers.get("Origin")
        if origin is None or self.server.cors in ("*", origin) or origin == f"http://{self.headers.get('Host')}":
            return True
        self.reply(HTTPStatus.FORBIDDEN, TEXT, b"cross-origin requests are refused; start kg serve with --cors ORIGIN to allow one\n")
        return False

    def run_query(self, sparql: str) -> None:
        if is_update(sparql):
            return self.reply(HTTPStatus.FORBIDDEN, TEXT, READ_ONLY)
        try:
            check_query(sparql)
            reply = self.server.pool.ask((sparql, self.headers.get("Accept", "")), self.server.query_timeout, self.connection)
        except (LimitError, Busy) as e:
            reply = HTTPStatus.SERVICE_UNAVAILABLE, TEXT, f"{e}\n".encode()
        except QueryError as e:
            reply = HTTPStatus.BAD_REQUEST, TEXT, f"{e}\n".encode()
        if reply is not None:  # None: the client left and its query was stopped
            self.reply(*reply)

    def reply(self, status: int, content_type: str, body: bytes) -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            if self.server.cors:
                self.send_header("Access-Control-Allow-Origin", self.server.cors)
                self.send_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
                self.send_header("Access-Control-Allow-Headers", "Content-Type, Accept")
                self.send_header("Vary", "Origin")
            self.end_headers()
            self.wfile.write(body)
        except OSError:
            self.close_connection = True  # the client left

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass  # quiet; the CLI says where it listens


class SparqlServer(HTTPServer):
    """HTTP/1.0 with a long listen backlog and a bounded pool of handler threads."""

    request_queue_size = 128

    def __init__(self, address: tuple[str, int], cors: str | None, query_timeout: float, request_timeout: float) -> None:
        self.cors, self.query_timeout = cors, query_timeout
        self.pool: Pool | None = None
        self.executor = ThreadPoolExecutor(HTTP_THREADS, thread_name_prefix="kg-serve")
        handler = type("Handler", (SparqlHandler,), {"timeout": request_timeout})  # socket timeout per request
        super().__init__(address, handler)

    def process_request(self, request: Any, client_address: Any) -> None:
        self.executor.submit(self._handle, request, client_address)

    def _handle(self, request: Any, client_address: Any) -> None:
        try:
            self.finish_request(request, client_address)
        except Exception:
            self.handle_error(request, client_address)
        finally:
            self.shutdown_request(request)

    def server_close(self) -> None:
        super().server_close()
        self.executor.shutdown(wait=False, cancel_futures=True)
        if self.pool is not None:
            self.pool.close()


def make_server(graph: Path, host: str = "127.0.0.1", port: int = 7878, *, timeout: float = 5.0,
                max_memory: int | None = 1024, workers: int | None = None, cors: str | None = None,
                request_timeout: float = 10.0) -> SparqlServer:
    """A server ready to serve_forever(); port 0 picks a free port (see server.server_port).
    ``timeout``: seconds per query; ``max_memory``: MB per query beyond the graph; ``workers``:
    queries at once (default: up to 4, one per core); ``cors``: the one origin browsers may query from."""
    server = SparqlServer((host, port), cors, timeout, request_timeout)
    try:
        server.pool = Pool(Path(graph), workers or min(4, os.cpu_count() or 1), max_memory)
    except BaseException:
        server.server_close()
        raise
    return server

