"""kg load / query --endpoint / serve against real servers started here: Oxigraph and Virtuoso."""

from __future__ import annotations

import base64
import http.server
import os
import threading
import urllib.request
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import StoreError
from kg.rdf.query import query_file
from kg.rdf.serve import make_server
from kg.rdf.store import endpoint, graphs_of, load, query
from tests.stores import ISQL, OXIGRAPH, VIRTUOSO, start_oxigraph, start_virtuoso

missing = [name for name, path in (("oxigraph", Path(OXIGRAPH).exists()), ("virtuoso-t", VIRTUOSO), ("isql-vt", ISQL)) if not path]
if missing and os.environ.get("KG_REQUIRE_STORES"):
    raise RuntimeError(f"missing store servers: {', '.join(missing)}")
STARTERS = {"oxigraph": start_oxigraph, "virtuoso": start_virtuoso}
OUR_GRAPHS = "https://w3id.org/kg/id/graph/"
COUNTS = f"""SELECT ?g (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), "{OUR_GRAPHS}")) }} GROUP BY ?g"""
TOWNS = """SELECT DISTINCT ?town ?region WHERE { GRAPH ?g { ?t a kg:Town ; rdfs:label ?town ; kg:locatedIn ?r . ?r rdfs:label ?region } }"""


def needs(name: str):
    unavailable = name == "virtuoso" and (not VIRTUOSO or not ISQL) or name == "oxigraph" and not Path(OXIGRAPH).exists()
    return pytest.mark.skipif(unavailable, reason=f"{name} is not installed")


SERVERS = [pytest.param(name, marks=needs(name)) for name in STARTERS]


@pytest.fixture(scope="module", params=SERVERS)
def server(request, tmp_path_factory: pytest.TempPathFactory):
    running = STARTERS[request.param](tmp_path_factory.mktemp(request.param))
    yield running
    running.stop()


def store_counts(query_url: str) -> dict[str, int]:
    return {row[0].value: int(row[1].value) for row in query(endpoint(query_url), COUNTS).rows}


def local_counts(graph: Path) -> dict[str, int]:
    return {name: len(triples) for name, triples in graphs_of(graph).items()}


def rows(result) -> set[tuple[str, ...]]:
    return {tuple(str(term.value) for term in row) for row in result.rows}


def test_load_matches_the_file_and_reloading_changes_nothing(server, sample_graph: Path) -> None:
    target = endpoint(server.store_url)
    result = load(graphs_of(sample_graph), target)
    expected = local_counts(sample_graph)
    assert result.graphs == len(expected) == 11 and result.triples == sum(expected.values())  # 10 documents and the merged layer
    assert store_counts(server.query_url) == expected
    assert rows(query(endpoint(server.query_url), TOWNS)) == rows(query_file(sample_graph, TOWNS))
    load(graphs_of(sample_graph), target)  # idempotent: each document graph is replaced whole
    assert store_counts(server.query_url) == expected


def test_cli_load_and_remote_query(server, sample_graph: Path) -> None:
    runner = CliRunner()
    loaded = runner.invoke(app, ["load", str(sample_graph), "--endpoint", server.store_url])
    assert loaded.exit_code == 0, loaded.output
    assert "Loaded 11 graphs" in loaded.output
    answer = runner.invoke(app, ["query", "--endpoint", server.query_url, TOWNS + " ORDER BY ?town ?region", "-f", "csv"])
    assert answer.exit_code == 0, answer.output
    local = runner.invoke(app, ["query", str(sample_graph), TOWNS + " ORDER BY ?town ?region", "-f", "csv"])
    assert answer.output == local.output


def test_merge_into_one_graph_with_replace(server, sample_graph: Path) -> None:
    merged = "https://example.org/kg/all"
    target = endpoint(server.store_url)
    load(graphs_of(sample_graph), target, graph=merged)
    load(graphs_of(sample_graph), target, graph=merged, replace=True)
    count = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{merged}> {{ ?s ?p ?o }} }}"
    distinct = "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } }"
    expected = int(query_file(sample_graph, distinct).rows[0][0].value)
    assert int(query(endpoint(server.query_url), count).rows[0][0].value) == expected


@pytest.mark.parametrize("name", SERVERS)
def test_killed_server_leaves_no_half_loaded_document(name: str, sample_graph: Path, tmp_path: Path) -> None:
    server = STARTERS[name](tmp_path / name)
    graphs = graphs_of(sample_graph)
    big = {f"{OUR_GRAPHS}big": [ox.Triple(ox.NamedNode(f"https://example.org/s{i}"), ox.NamedNode("https://example.org/p"),
                                          ox.Literal(f"值{i}")) for i in range(300_000)]}
    loaded: list[str] = []

    def kill_after_three(graph: str, _count: int) -> None:
        loaded.append(graph)
        if len(loaded) == 3:
            server.kill()

    with pytest.raises(StoreError, match="cannot reach"):
        load(graphs, endpoint(server.store_url, retries=1), on_graph=kill_after_three)
    server = server.start_again()
    timer = threading.Timer(0.2, server.kill)  # mid-request, while the big graph is sent or stored
    timer.start()
    try:
        load(big, endpoint(server.store_url, retries=0))
    except StoreError:
        pass  # expected, unless the store was quicker than the timer: then the graph must be whole
    timer.join()
    server = server.start_again()
    try:
        counts = store_counts(server.query_url)
        expected = local_counts(sample_graph) | {f"{OUR_GRAPHS}big": 300_000}
        assert set(loaded) <= set(counts)
        assert all(counts[g] == expected[g] for g in counts), "a graph was half loaded"
    finally:
        server.stop()


def test_unreachable_refused_and_bad_urls_are_one_line_errors(sample_graph: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    down = runner.invoke(app, ["load", str(sample_graph), "--endpoint", "http://127.0.0.1:9/store", "--retries", "1"])
    assert down.exit_code == 1 and "cannot reach http://127.0.0.1:9/store" in down.output and "2 tries" in down.output
    assert "Traceback" not in down.output
    secret = runner.invoke(app, ["load", str(sample_graph), "--endpoint", "http://me:s3cret@127.0.0.1:9/store"])
    assert secret.exit_code == 1 and "s3cret" not in secret.output and "KG_STORE_PASSWORD" in secret.output
    remote_down = runner.invoke(app, ["query", "--endpoint", "http://127.0.0.1:9/sparql", "ASK {}", "--timeout", "1"])
    assert remote_down.exit_code == 1 and remote_down.output.count("\n") == 1
    triples = tmp_path / "g.ttl"
    triples.write_text("<https://example.org/a> <https://example.org/b> <https://example.org/c> .\n", encoding="utf-8")
    no_graph = runner.invoke(app, ["load", str(triples), "--endpoint", "http://127.0.0.1:9/store"])
    assert no_graph.exit_code == 1 and "--graph" in no_graph.output


class EchoingStore(http.server.BaseHTTPRequestHandler):
    """A store whose error pages show the request's Authorization header, decoded too."""

    def do_PUT(self) -> None:  # noqa: N802 (http.server's name)
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        authorization = self.headers.get("Authorization")
        if not authorization:
            self.send_response(401)
            self.send_header("WWW-Authenticate", 'Basic realm="kg"')
            self.end_headers()
            return
        decoded = base64.b64decode(authorization.split()[-1]).decode()
        page = (f"<html><body><h1>Bad request</h1><pre>PUT /store\nAuthorization: {authorization}\n</pre>"
                f"<p>credentials {decoded} ({authorization.split()[-1]}) refused</p></body></html>").encode()
        self.send_response(400)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(page)))
        self.end_headers()
        self.wfile.write(page)

    def log_message(self, *args: object) -> None:
        pass


def test_error_pages_that_echo_credentials_are_shown_without_them(sample_graph: Path) -> None:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), EchoingStore)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        result = CliRunner().invoke(app, ["load", str(sample_graph), "--endpoint", f"http://127.0.0.1:{server.server_port}/store"],
                                    env={"KG_STORE_USER": "loader", "KG_STORE_PASSWORD": "pa55/word+x"})
    finally:
        server.shutdown()
        server.server_close()
    token = base64.b64encode(b"loader:pa55/word+x").decode()
    assert result.exit_code == 1 and "answered 400 Bad Request" in result.output and "refused" in result.output
    assert "pa55" not in result.output and "loader" not in result.output and token not in result.output
    assert token.rstrip("=") not in result.output and "Basic" not in result.output


@needs("virtuoso")
def test_credentials_from_environment_only_and_never_echoed(sample_graph: Path, tmp_path: Path) -> None:
    server = start_virtuoso(tmp_path / "auth")
    auth_url = server.store_url + "-auth"
    try:
        runner = CliRunner()
        wrong = runner.invoke(app, ["load", str(sample_graph), "--endpoint", auth_url],
                              env={"KG_STORE_USER": "dba", "KG_STORE_PASSWORD": "not-the-password"})
        assert wrong.exit_code == 1 and "401" in wrong.output and "not-the-password" not in wrong.output
        right = runner.invoke(app, ["load", str(sample_graph), "--endpoint", auth_url],
                              env={"KG_STORE_USER": "dba", "KG_STORE_PASSWORD": "dba"})
        assert right.exit_code == 0, right.output
        assert "dba" not in right.output
        assert store_counts(server.query_url) == local_counts(sample_graph)
    finally:
        server.stop()


def test_serve_answers_like_the_file_and_refuses_updates(sample_graph: Path) -> None:
    server = make_server(sample_graph, port=0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/sparql"
        assert rows(query(endpoint(url), TOWNS)) == rows(query_file(sample_graph, TOWNS))
        with pytest.raises(StoreError, match="403"):
            send_update = urllib.request.Request(url, data=b"update=DROP%20ALL", method="POST",
                                                 headers={"Content-Type": "application/x-www-form-urlencoded"})
            try:
                urllib.request.urlopen(send_update, timeout=5)
            except urllib.error.HTTPError as e:
                raise StoreError(f"{e.code}") from None
        with pytest.raises(StoreError, match="400 .*line 1"):
            query(endpoint(url), "SELECT ?x WHERE { ?x ?y }")
    finally:
        server.shutdown()
        server.server_close()


QUERIES = [
    "SELECT ?c (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a ?c } GROUP BY ?c",
    "SELECT DISTINCT ?a ?b WHERE { ?x kg:locatedIn ?y . ?y kg:locatedIn ?z . ?x rdfs:label ?a . ?z rdfs:label ?b }",
    "SELECT DISTINCT ?s ?text WHERE { ?e a kg:Evidence ; rdf:predicate kg:focusesOn ; prov:wasDerivedFrom ?s . ?s kg:sentenceText ?text }",
]


@pytest.mark.parametrize("sparql", QUERIES)
def test_embedded_engine_answers_as_rdflib_does(sample_graph: Path, sparql: str) -> None:
    from kg.rdf.query import DEFAULT_PREFIXES

    dataset = Dataset(default_union=True)
    dataset.parse(sample_graph, format="nquads")
    expected = {tuple(str(v) for v in row) for row in dataset.query(sparql, initNs=DEFAULT_PREFIXES)}
    assert rows(query_file(sample_graph, sparql)) == expected
