"""kg serve: a local, read-only SPARQL 1.1 protocol endpoint over a graph file (Oxigraph inside).

GET or POST /sparql (also / and /query) with ``query=`` or an application/sparql-query
body. Results are SPARQL JSON by default, or XML, CSV or TSV by the Accept header;
CONSTRUCT and DESCRIBE give N-Triples or Turtle. Updates are refused with 403. CORS is
open so that YASGUI and other browser clients can query it.
"""

from __future__ import annotations

import urllib.parse
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pyoxigraph as ox

from kg.rdf.query import DEFAULT_PREFIXES, RE_UPDATE, open_store, syntax_message

PATHS = ("/", "/sparql", "/query")
RESULT_FORMATS = [ox.QueryResultsFormat.JSON, ox.QueryResultsFormat.XML, ox.QueryResultsFormat.CSV, ox.QueryResultsFormat.TSV]
GRAPH_FORMATS = [ox.RdfFormat.N_TRIPLES, ox.RdfFormat.TURTLE, ox.RdfFormat.N_QUADS]


def negotiate(accept: str, formats: list) -> object:
    """The first format whose media type the Accept header names; else the first format."""
    wanted = [part.split(";")[0].strip().lower() for part in accept.split(",")]
    for media in wanted:
        for fmt in formats:
            if fmt.media_type == media:
                return fmt
    return formats[0]


def answer(store: ox.Store, sparql: str, accept: str) -> tuple[int, str, bytes]:
    """(status, content type, body) for one query."""
    if RE_UPDATE.match(sparql):
        return HTTPStatus.FORBIDDEN, "text/plain; charset=utf-8", b"this endpoint is read-only\n"
    try:
        result = store.query(sparql, prefixes=DEFAULT_PREFIXES, use_default_graph_as_union=True)
    except SyntaxError as e:
        return HTTPStatus.BAD_REQUEST, "text/plain; charset=utf-8", (syntax_message(str(e)) + "\n").encode("utf-8")
    except OSError as e:
        return HTTPStatus.INTERNAL_SERVER_ERROR, "text/plain; charset=utf-8", f"query failed: {e}\n".encode()
    if isinstance(result, ox.QueryTriples):
        fmt = negotiate(accept, GRAPH_FORMATS)
        return HTTPStatus.OK, f"{fmt.media_type}; charset=utf-8", ox.serialize(result, format=fmt)
    fmt = negotiate(accept, RESULT_FORMATS)
    return HTTPStatus.OK, f"{fmt.media_type}; charset=utf-8", result.serialize(format=fmt)


def make_handler(store: ox.Store) -> type[BaseHTTPRequestHandler]:
    class SparqlHandler(BaseHTTPRequestHandler):
        server_version = "kg-serve"

        def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
            url = urllib.parse.urlsplit(self.path)
            params = urllib.parse.parse_qs(url.query)
            if url.path not in PATHS:
                return self.reply(HTTPStatus.NOT_FOUND, "text/plain", b"not found: use /sparql\n")
            if "query" not in params:
                body = b"kg SPARQL endpoint (read-only): GET or POST /sparql with query=\n"
                return self.reply(HTTPStatus.OK, "text/plain; charset=utf-8", body)
            self.reply(*answer(store, params["query"][0], self.headers.get("Accept", "")))

        def do_POST(self) -> None:  # noqa: N802
            if urllib.parse.urlsplit(self.path).path not in PATHS:
                return self.reply(HTTPStatus.NOT_FOUND, "text/plain", b"not found: use /sparql\n")
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length).decode("utf-8", "replace")
            kind = (self.headers.get("Content-Type") or "").split(";")[0].strip()
            if kind == "application/sparql-query":
                sparql = body
            elif kind == "application/sparql-update" or "update" in urllib.parse.parse_qs(body):
                return self.reply(HTTPStatus.FORBIDDEN, "text/plain; charset=utf-8", b"this endpoint is read-only\n")
            else:
                sparql = (urllib.parse.parse_qs(body).get("query") or [""])[0]
            self.reply(*answer(store, sparql, self.headers.get("Accept", "")))

        def do_OPTIONS(self) -> None:  # noqa: N802 (CORS preflight)
            self.reply(HTTPStatus.NO_CONTENT, "text/plain", b"")

        def reply(self, status: int, content_type: str, body: bytes) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Access-Control-Allow-Origin", "*")
            self.send_header("Access-Control-Allow-Headers", "Content-Type, Accept")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass  # quiet; the CLI says where it listens

    return SparqlHandler


def make_server(graph: Path, host: str = "127.0.0.1", port: int = 7878) -> ThreadingHTTPServer:
    """A server ready to serve_forever(); port 0 picks a free port (see server.server_port)."""
    store = open_store(graph)
    server = ThreadingHTTPServer((host, port), make_handler(store))
    server.daemon_threads = True
    return server
