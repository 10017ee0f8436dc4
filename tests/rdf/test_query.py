"""kg query against hostile queries: no network or file access, bounded time and memory, one-line errors."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from kg.errors import QueryError
from kg.rdf.query import Evaluator, _evaluate, check_query, is_update, query_file

BAD = Path(__file__).parent.parent / "data" / "bad" / "sparql"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def kg(*args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True, timeout=timeout)


def one_error_line(result: subprocess.CompletedProcess) -> str:
    """The single stderr line of a failed command (no traceback, no second line)."""
    assert result.returncode == 1, result
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    return lines[0]


@contextmanager
def listener() -> Iterator[socket.socket]:
    """A port on 127.0.0.1 that records whether anything connected to it."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(8)
        sock.setblocking(False)
        yield sock


def nobody_came(sock: socket.socket) -> bool:
    time.sleep(0.2)
    try:
        sock.accept()[0].close()
    except BlockingIOError:
        return True
    return False


def bad_query(name: str, port: int = 9) -> str:
    return (BAD / name).read_text(encoding="utf-8").replace("{PORT}", str(port))


def triples(graph: Path) -> int:
    return int(query_file(graph, COUNT).rows[0][0].value)


@pytest.mark.parametrize("name", ["service.rq", "service_disguised.rq"])
def test_service_is_refused_and_nothing_is_fetched(sample_graph: Path, name: str) -> None:
    with listener() as sock:
        sparql = bad_query(name, sock.getsockname()[1])
        assert "SERVICE is refused" in one_error_line(kg("query", str(sample_graph), sparql))
        with pytest.raises(QueryError, match="SERVICE is refused"):
            query_file(sample_graph, sparql)
        assert nobody_came(sock)


def test_words_in_strings_iris_comments_and_names_are_not_keywords() -> None:
    check_query('SELECT ?service WHERE { ?service <http://x/SERVICE> "LOAD SERVICE" } # SERVICE <http://x>')
    assert not is_update("# INSERT\nSELECT * WHERE { ?s ?p 'DELETE' }")
    assert is_update("PREFIX : <http://x/> BASE <http://y/> PREFIX a: <http://z/>\n# c\n delete where { ?s ?p ?o }")
    for sparql in ("SELECT * { SERVICE:{ ?s ?p ?o } }", "SELECT * { ?s ?p ?o . Service ?s { ?a ?b ?c } }"):
        with pytest.raises(QueryError, match="SERVICE is refused"):
            check_query(sparql)


def test_the_evaluating_process_can_open_no_socket_even_past_the_check(sample_graph: Path) -> None:
    evaluator = Evaluator(sample_graph, _evaluate, max_memory=256)
    try:
        evaluator.ready()
        with listener() as sock:
            with pytest.raises(QueryError, match="(?i)too many open files"):
                evaluator.ask(bad_query("service.rq", sock.getsockname()[1]), 10)
            assert nobody_came(sock)
    finally:
        evaluator.close()


def test_load_is_one_error_line_even_with_allow_update(sample_graph: Path, tmp_path: Path) -> None:
    graph = tmp_path / "g.nq"
    graph.write_bytes(sample_graph.read_bytes())
    with listener() as sock:
        line = one_error_line(kg("query", str(graph), "--allow-update", bad_query("load.rq", sock.getsockname()[1])))
        assert "LOAD is refused" in line
        assert nobody_came(sock)
    assert graph.read_bytes() == sample_graph.read_bytes()


@pytest.mark.parametrize("name", ["update_after_comment.rq", "update_after_prefix.rq"])
def test_update_after_comment_or_prefix_is_refused_or_applied(tiny_graph: Path, tmp_path: Path, name: str) -> None:
    graph = tmp_path / "g.nq"
    graph.write_bytes(tiny_graph.read_bytes())
    refused = one_error_line(kg("query", str(graph), str(BAD / name)))
    assert "read-only" in refused and "--allow-update" in refused
    before = triples(graph)
    applied = kg("query", str(graph), str(BAD / name), "--allow-update")
    assert applied.returncode == 0, applied.stderr
    assert triples(graph) == before + 1


def test_memory_bound_ends_the_query_in_one_error_line(sample_graph: Path) -> None:
    result = kg("query", str(sample_graph), str(BAD / "cross_product.rq"), "--max-memory", "200")
    assert "--max-memory" in one_error_line(result)


def test_time_bound_ends_the_query_in_one_error_line(sample_graph: Path) -> None:
    started = time.monotonic()
    result = kg("query", str(sample_graph), str(BAD / "endless.rq"), "--timeout", "1")
    assert "stopped after 1 s" in one_error_line(result)
    assert time.monotonic() - started < 30


def test_limits_leave_ordinary_queries_alone(sample_graph: Path) -> None:
    assert query_file(sample_graph, COUNT, timeout=30, max_memory=256).rows == query_file(sample_graph, COUNT).rows
    out = kg("query", str(sample_graph), "SELECT ?l WHERE { ?t a kg:Town ; rdfs:label ?l } ORDER BY ?l LIMIT 2", "-f", "csv")
    assert out.returncode == 0 and out.stderr == "" and out.stdout.splitlines()[0] == "l"
