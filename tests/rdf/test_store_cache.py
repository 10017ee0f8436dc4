"""The on-disk store of a graph file: built once, rebuilt when the file changes, safe to build
from several processes at once. Real files, real processes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kg.errors import QueryError
from kg.rdf.query import query_file
from kg.rdf.store_cache import META, open_graph, store_home

TOWNS = "SELECT (COUNT(DISTINCT ?t) AS ?n) WHERE { ?t a kg:Town }"
EXTRA = ('<https://w3id.org/kg/id/town/X> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> '
         '<https://w3id.org/kg/ontology#Town> <https://w3id.org/kg/id/graph/extra.txt> .\n')


def stores(graph: Path) -> list[Path]:
    return sorted(p for p in store_home(graph).iterdir() if p.is_dir())


def count(graph: Path, merged: bool = False) -> int:
    return int(query_file(graph, TOWNS, merged=merged).rows[0][0].value)


@pytest.fixture
def graph(tiny_graph: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "g.nq"
    shutil.copyfile(tiny_graph, copy)
    return copy


def test_built_once_beside_the_file_and_reopened(graph: Path) -> None:
    first = count(graph)
    [store] = stores(graph)
    assert store.parent == graph.parent / ".g.nq.kgstore" and (store / META).is_file()
    built = (store / META).stat().st_mtime_ns
    assert count(graph) == first and count(graph, merged=True) <= first
    assert stores(graph) == [store] and (store / META).stat().st_mtime_ns == built


def test_a_changed_file_is_detected_and_its_store_rebuilt(graph: Path) -> None:
    before = count(graph)
    [old] = stores(graph)
    with graph.open("a", encoding="utf-8") as f:
        f.write(EXTRA)
    assert count(graph) == before + 1
    [new] = stores(graph)
    assert new != old and not old.exists()  # the stale store is gone, never used


def test_same_size_and_time_but_other_content_is_detected(graph: Path) -> None:
    before = count(graph, merged=True)
    info = graph.stat()
    data = graph.read_bytes()
    last = data.rfind(b"ontology#Town>")  # in the merged layer, at the end of the file
    graph.write_bytes(data[:last] + b"ontology#Tows>" + data[last + 14:])
    os.utime(graph, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert graph.stat().st_size == info.st_size
    assert count(graph, merged=True) == before - 1


def test_a_killed_build_leaves_nothing_that_is_opened(graph: Path) -> None:
    home = store_home(graph)
    (home / "building-dead").mkdir()
    (home / "building-dead" / "junk").write_text("half a store")
    count(graph)
    assert [p.name for p in stores(graph) if p.name.startswith("building-")] == []


def test_concurrent_first_queries_leave_one_good_store(graph: Path) -> None:
    command = [sys.executable, "-m", "kg", "query", str(graph), TOWNS, "-f", "csv"]
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(6)]
    outputs = [run.communicate(timeout=120) for run in runs]
    assert [run.returncode for run in runs] == [0] * 6, outputs
    assert len({out for out, _ in outputs}) == 1
    [store] = stores(graph)
    assert not store.name.startswith("building-") and (store / META).is_file()
    assert int(outputs[0][0].split()[1]) == count(graph)


def test_unreadable_and_broken_files_give_one_error(tmp_path: Path) -> None:
    broken = tmp_path / "bad.nq"
    broken.write_text("<a> <b> .\n", encoding="utf-8")
    with pytest.raises(QueryError, match="cannot load"):
        open_graph(broken)
    assert stores(broken) == []  # nothing half-built left
    plain = tmp_path / "plain.nt"
    plain.write_text("<https://x/a> <https://x/b> <https://x/c> .\n", encoding="utf-8")
    with pytest.raises(QueryError, match="no merged layer"):
        open_graph(plain, merged=True)
    assert len(open_graph(plain)) == 1


def test_falls_back_to_the_cache_when_the_folder_is_read_only(graph: Path, tmp_path: Path, monkeypatch) -> None:
    if os.geteuid() == 0:
        pytest.skip("root writes into read-only folders")
    folder = tmp_path / "ro"
    folder.mkdir()
    shutil.copyfile(graph, folder / "g.nq")
    folder.chmod(0o555)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    try:
        assert count(folder / "g.nq") == count(graph)
        assert store_home(folder / "g.nq").is_relative_to(tmp_path / "cache")
    finally:
        folder.chmod(0o755)


def test_the_union_counts_a_triple_stated_by_several_documents_once(tmp_path: Path) -> None:
    graph = tmp_path / "two.nq"
    triple = '<https://example.org/a> <http://www.w3.org/2000/01/rdf-schema#label> "西湖区"@zh'
    graph.write_text("".join(f"{triple} <https://example.org/doc{i}> .\n" for i in range(3))
                     + '<https://example.org/a> <https://example.org/p> "1" <https://example.org/doc1> .\n', encoding="utf-8")
    union = query_file(graph, 'SELECT (COUNT(*) AS ?n) WHERE { ?e rdfs:label "西湖区"@zh ; ?p ?o }')
    assert int(union.rows[0][0].value) == 2  # a label and a value: each once, not once per document
    per_graph = query_file(graph, 'SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?e rdfs:label ?l } }')
    assert int(per_graph.rows[0][0].value) == 3  # each document still has its own statement
    assert len(open_graph(graph)) == 4 and len(list(open_graph(graph))) == 4  # the file's statements
