"""kg serve against hostile clients and queries, over real sockets on 127.0.0.1."""

from __future__ import annotations

import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import pytest

from kg.rdf.serve import make_server
from tests.rdf.test_query import BAD, bad_query, listener, nobody_came

TOWNS = "SELECT ?town WHERE { ?t a kg:Town ; rdfs:label ?town } ORDER BY ?town LIMIT 3"


@contextmanager
def serving(graph: Path, **options) -> Iterator[str]:
    server = make_server(graph, port=0, **options)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/sparql"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(10)


def ask(url: str, sparql: str, headers: dict[str, str] | None = None, timeout: float = 60) -> tuple[int, dict[str, str], str]:
    """POST a form-encoded query as a web page would; (status, headers, body)."""
    data = urllib.parse.urlencode({"query": sparql}).encode()
    request = urllib.request.Request(url, data=data, headers=headers or {}, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, dict(response.headers), response.read().decode("utf-8")
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read().decode("utf-8")


def raw(url: str, data: bytes, wait: float = 10) -> bytes:
    """Send bytes as they are; what comes back before the server closes (or ``wait`` passes)."""
    port = urllib.parse.urlsplit(url).port
    with socket.create_connection(("127.0.0.1", port), timeout=wait) as sock:
        sock.sendall(data)
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
        return answer


@pytest.fixture(scope="module")
def url(sample_graph: Path) -> Iterator[str]:
    with serving(sample_graph, timeout=10) as address:
        yield address


def test_service_is_refused_and_no_origin_is_allowed_by_default(url: str) -> None:
    with listener() as sock:
        sparql = bad_query("service.rq", sock.getsockname()[1])
        status, headers, body = ask(url, sparql, {"Origin": "http://evil.example"})
        assert status == 403 and "--cors" in body and "Access-Control-Allow-Origin" not in headers
        status, headers, body = ask(url, sparql)
        assert status == 400 and "SERVICE is refused" in body and "Access-Control-Allow-Origin" not in headers
        status, _, body = ask(url, bad_query("load.rq", sock.getsockname()[1]))
        assert status == 403 and "read-only" in body
        assert nobody_came(sock)
    status, headers, _ = ask(url, TOWNS)
    assert status == 200 and "Access-Control-Allow-Origin" not in headers


def test_cors_opens_to_the_one_origin_given(sample_graph: Path) -> None:
    with serving(sample_graph, cors="http://yasgui.example") as address:
        status, headers, body = ask(address, TOWNS, {"Origin": "http://yasgui.example"})
        assert status == 200 and headers["Access-Control-Allow-Origin"] == "http://yasgui.example"
        assert ask(address, TOWNS, {"Origin": "http://evil.example"})[0] == 403


@pytest.mark.parametrize(("accept", "media", "separator"), [("text/csv", "text/csv", ","),
                                                            ("text/tab-separated-values", "text/tab-separated-values", "\t")])
def test_accept_csv_and_tsv(url: str, accept: str, media: str, separator: str) -> None:
    status, headers, body = ask(url, TOWNS, {"Accept": accept})
    assert status == 200 and headers["Content-Type"].split(";")[0] == media
    lines = body.splitlines()
    assert lines[0].lstrip("?") == "town" and len(lines) == 4
    assert ask(url, "SELECT ?a ?b WHERE { VALUES (?a ?b) { (1 2) } }", {"Accept": accept})[2].splitlines()[1] == f"1{separator}2"


def test_accept_prefers_the_highest_q(url: str) -> None:
    accept = "application/sparql-results+json;q=0.5, text/csv"
    assert ask(url, TOWNS, {"Accept": accept})[1]["Content-Type"].startswith("text/csv")


def test_time_limit_stops_a_query_and_the_server_answers_after(sample_graph: Path) -> None:
    with serving(sample_graph, timeout=1, workers=1) as address:
        started = time.monotonic()
        status, _, body = ask(address, (BAD / "endless.rq").read_text())
        assert status == 503 and "1 s" in body and time.monotonic() - started < 20
        assert ask(address, TOWNS)[0] == 200


def test_memory_limit_ends_the_query_not_the_server(sample_graph: Path) -> None:
    with serving(sample_graph, timeout=60, workers=1, max_memory=200) as address:
        status, _, body = ask(address, (BAD / "cross_product.rq").read_text())
        assert status == 503 and "200 MB" in body
        status, _, body = ask(address, TOWNS)
        assert status == 200 and "town" in body


def test_a_query_whose_client_left_is_stopped(sample_graph: Path) -> None:
    with serving(sample_graph, timeout=600, workers=1) as address:
        port = urllib.parse.urlsplit(address).port
        endless = urllib.parse.quote((BAD / "endless.rq").read_text())
        with socket.create_connection(("127.0.0.1", port)) as sock:
            sock.sendall(f"GET /sparql?query={endless} HTTP/1.0\r\n\r\n".encode())
            time.sleep(0.5)  # the only worker is busy with it
        status, _, _ = ask(address, TOWNS, timeout=60)  # would wait for the endless query if it went on
        assert status == 200


def test_bad_content_length_is_400_and_a_short_body_times_out(sample_graph: Path) -> None:
    with serving(sample_graph, request_timeout=1) as address:
        head = "POST /sparql HTTP/1.0\r\nContent-Type: application/sparql-query\r\nContent-Length: {}\r\n\r\n"
        assert raw(address, head.format("abc").encode()).startswith(b"HTTP/1.0 400")
        started = time.monotonic()
        answer = raw(address, head.format(100).encode() + b"SELECT")
        assert answer.startswith(b"HTTP/1.0 408") and time.monotonic() - started < 8
        assert ask(address, TOWNS)[0] == 200


def test_concurrent_clients_are_all_answered(url: str) -> None:
    expected = ask(url, TOWNS)[2]
    with ThreadPoolExecutor(40) as clients:
        answers = list(clients.map(lambda _: ask(url, TOWNS, timeout=30), range(200)))
    assert all(status == 200 and body == expected for status, _, body in answers)
