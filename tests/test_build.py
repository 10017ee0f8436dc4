"""Building at scale: worker processes, a Dask cluster and the cache give the same graph as one process."""

from __future__ import annotations

import contextlib
import itertools
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.build import build
from kg.corpus import read_corpus
from kg.extract.doc import Sentence
from kg.extract.lexicon import default_lexicon
from kg.extract.normalize import normalize_doc
from kg.extract.segment import split_sentences
from tests.conftest import SAMPLE_CORPUS


def quads(path: Path) -> set[str]:
    return {str(q) for q in ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS)}


@pytest.fixture(scope="module")
def one_process(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("one") / "g.nq"
    build(SAMPLE_CORPUS, out)
    return out


def test_two_workers_build_the_same_graph(one_process: Path, tmp_path: Path) -> None:
    out = tmp_path / "g.nq"
    result = build(SAMPLE_CORPUS, out, workers=2)
    assert result.documents == 10 and out.read_bytes() == one_process.read_bytes()  # same order, too
    assert [p.name for p in tmp_path.iterdir()] == ["g.nq"]  # the workers' spill files are gone


def test_two_workers_fill_the_cache_and_build_from_it(one_process: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = build(SAMPLE_CORPUS, tmp_path / "a.nq", workers=2, cache_dir=cache)
    again = build(SAMPLE_CORPUS, tmp_path / "b.nq", workers=2, cache_dir=cache)
    assert (first.cached, again.cached) == (0, 10)
    assert (tmp_path / "a.nq").read_bytes() == (tmp_path / "b.nq").read_bytes() == one_process.read_bytes()


def test_a_local_dask_cluster_builds_the_same_graph(one_process: Path, tmp_path: Path) -> None:
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        out = tmp_path / "g.nq"
        result = build(SAMPLE_CORPUS, out, scheduler=cluster.scheduler_address)
    assert result.documents == 10 and quads(out) == quads(one_process)


def test_unreachable_scheduler_is_a_clear_error(tmp_path: Path) -> None:
    from kg.errors import KgError

    with pytest.raises(KgError, match="cannot reach the Dask scheduler"):
        build(SAMPLE_CORPUS, tmp_path / "g.nq", scheduler="tcp://127.0.0.1:9")
    assert not (tmp_path / "g.nq").exists()


def test_cache_reextracts_only_the_edited_document(one_process: Path, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(SAMPLE_CORPUS, corpus)
    cache = tmp_path / "cache"
    first = build(corpus, tmp_path / "a.nq", cache_dir=cache)
    assert first.cached == 0 and quads(tmp_path / "a.nq") == quads(one_process)
    again = build(corpus, tmp_path / "b.nq", cache_dir=cache)
    assert again.cached == 10 and quads(tmp_path / "b.nq") == quads(one_process)
    edited = sorted(corpus.iterdir())[0]
    edited.write_text(edited.read_text(encoding="utf-8") + "\n萧山区图灵小镇聚焦人工智能产业。", encoding="utf-8")
    third = build(corpus, tmp_path / "c.nq", cache_dir=cache)
    assert third.cached == 9 and third.documents == 10
    assert any("图灵小镇" in q for q in quads(tmp_path / "c.nq") - quads(one_process))


def test_damaged_cache_entries_are_extracted_again(one_process: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    build(SAMPLE_CORPUS, tmp_path / "a.nq", cache_dir=cache)
    for entry in cache.rglob("*.nq"):
        entry.write_bytes(b"not json\n")
    result = build(SAMPLE_CORPUS, tmp_path / "b.nq", cache_dir=cache)
    assert result.cached == 0 and quads(tmp_path / "b.nq") == quads(one_process)


def test_rust_segmenter_gives_jiebas_tokens_on_the_sample() -> None:
    """jieba-rs (rjieba) replaces jieba for speed: same dictionary, same algorithm, same tokens.
    The build cuts each whole text at once, as here."""
    lexicon = default_lexicon()
    same = total = 0
    for doc in read_corpus(SAMPLE_CORPUS, print):
        text = normalize_doc(doc, lexicon.word_freq).text
        ours = lexicon.segmenter.cut(text, False)
        jiebas = list(lexicon.tokenizer.cut(text, HMM=False))
        assert "".join(ours) == text
        for sentence in split_sentences(text):  # where they differ, per sentence
            total += 1
            same += _tokens_in(ours, sentence) == _tokens_in(jiebas, sentence)
    assert total > 500 and same / total >= 0.99  # measured: 587 of 588 (会前 | 会 前, a tie in the route)


def _tokens_in(tokens: list[str], sentence: Sentence) -> list[str]:
    offsets = itertools.accumulate(map(len, tokens), initial=0)
    return [t for t, start in zip(tokens, offsets, strict=False) if sentence.start <= start < sentence.end]


def test_lexicon_matches_are_every_occurrence_of_every_surface() -> None:
    """ahocorasick-rs finds what a plain scan of every substring finds, overlapping ones included."""
    lexicon = default_lexicon()
    longest = max(map(len, lexicon.entries))
    for doc in read_corpus(SAMPLE_CORPUS, print):
        text = normalize_doc(doc, lexicon.word_freq).text
        scanned = [(start, start + n, text[start : start + n]) for start in range(len(text))
                   for n in range(1, longest + 1) if text[start : start + n] in lexicon.entries]
        assert lexicon.find(text) == sorted(scanned, key=lambda f: (f[1], f[0]))
        assert len(scanned) > 20


def test_a_users_lexicon_adds_names_with_aliases_and_keys_the_cache(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("余杭区\n余杭区的星火工场聚焦人工智能,星火基地也在建设。\n", encoding="utf-8")
    mine = tmp_path / "mine.tsv"
    mine.write_text("# label\tclass\taliases\n星火工场\tPark\t星火基地\n", encoding="utf-8")
    cache = tmp_path / "cache"

    def parks(*lexicons: Path) -> dict[str, set[str]]:
        out = tmp_path / "g.nq"
        build(corpus, out, cache_dir=cache, lexicons=lexicons)
        store = ox.Store()
        store.bulk_load(path=str(out), format=ox.RdfFormat.N_QUADS)
        rows = store.query("SELECT ?l ?a WHERE { GRAPH <https://w3id.org/kg/id/graph/merged> { ?e a "
                           "<https://w3id.org/kg/ontology#Park> ; <http://www.w3.org/2000/01/rdf-schema#label> ?l . "
                           "OPTIONAL { ?e <http://www.w3.org/2004/02/skos/core#altLabel> ?a } } }")
        found: dict[str, set[str]] = {}
        for row in rows:
            found.setdefault(row["l"].value, set()).update([row["a"].value] if row["a"] else [])
        return found

    assert "星火工场" not in parks()
    assert parks(mine)["星火工场"] == {"星火基地"}
    assert "星火工场" not in parks()  # the cached extraction with the lexicon is not reused without it


def test_a_bad_user_lexicon_is_one_line_error(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from kg.cli import app

    bad = tmp_path / "bad.tsv"
    bad.write_text("星火工场\tPlace\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["build", str(SAMPLE_CORPUS), "-o", str(tmp_path / "g.nq"), "--lexicon", str(bad)])
    assert result.exit_code == 1 and "line 1: unknown class 'Place'" in result.stderr
    assert result.stderr.count("\n") == 1  # one line, before any progress
    assert not (tmp_path / "g.nq").exists()


def test_cache_entries_cut_short_are_extracted_again(one_process: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    build(SAMPLE_CORPUS, tmp_path / "a.nq", cache_dir=cache)
    for entry in cache.rglob("*.nq"):
        entry.write_bytes(entry.read_bytes()[:-100])  # a full disk, a killed copy
    result = build(SAMPLE_CORPUS, tmp_path / "b.nq", cache_dir=cache)
    assert result.cached == 0 and (tmp_path / "b.nq").read_bytes() == one_process.read_bytes()


def test_ranges_are_copied_where_the_kernel_cannot_copy_them(tmp_path: Path) -> None:
    """copy_file_range needs two regular files; into a pipe the copier reads and writes itself."""
    import os
    import threading

    from kg.rdf.formats import RangeCopier

    source = tmp_path / "source"
    source.write_bytes(bytes(range(256)) * 8192)  # 2 MB: more than one chunk and a pipe's buffer
    read_end, write_end = os.pipe()
    received: list[bytes] = []

    def read_all() -> None:
        with open(read_end, "rb") as pipe:
            received.append(pipe.read())

    reader = threading.Thread(target=read_all)
    reader.start()
    with open(write_end, "wb", buffering=0) as sink, RangeCopier(sink) as copier:
        copier.append(str(source), 1000, 1_500_000)
        copier.append(str(source), 0, 10)
    reader.join()
    assert received[0] == source.read_bytes()[1000:1_501_000] + source.read_bytes()[:10]


def running(pid: int) -> bool:
    """Whether a process runs: not gone, and not a zombie waiting to be reaped."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as info:
            return info.read().rsplit(b") ", 1)[1][:1] != b"Z"
    except (OSError, IndexError):
        return False


def test_workers_die_with_a_killed_build_and_the_next_build_removes_what_it_left(one_process: Path, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    for copy in range(40):
        shutil.copytree(SAMPLE_CORPUS, corpus / f"copy{copy}")
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / ".kg-spill-1234567-x").mkdir()  # a pid that no process has: also stale
    (folder / ".g.nq.1234567.part").write_bytes(b"")
    (folder / ".other.nq.1234567.part").write_bytes(b"")  # another output's: left alone
    process = subprocess.Popen([sys.executable, "-m", "kg", "build", str(corpus), "-o", str(folder / "g.nq"), "--no-cache",
                                "--workers", "2"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers: list[int] = []
    try:
        deadline = time.monotonic() + 60
        while len(workers) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)  # each worker opens its spill file, named by its pid, when it starts
            workers = [int(p.stem) for p in folder.glob(".kg-spill-*/*.nq")]
        assert len(workers) == 2 and process.poll() is None, "the build ended before it could be killed"
        process.kill()
        process.wait()
        deadline = time.monotonic() + 10
        while any(map(running, workers)) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not any(map(running, workers)), "the workers outlived their build"
        assert len(list(folder.glob(f".g.nq.{process.pid}.part"))) == 1  # left by the killed build
        build(SAMPLE_CORPUS, folder / "g.nq")
        assert sorted(p.name for p in folder.iterdir()) == [".other.nq.1234567.part", "g.nq"]
        assert (folder / "g.nq").read_bytes() == one_process.read_bytes()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        for pid in workers:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
