"""Build throughput, memory, cache and query speed, with jieba's own speed on the same text.

    .venv/bin/python benchmarks/build_speed.py --size-mb 20 --runs 3
    .venv/bin/python benchmarks/build_speed.py --size-mb 100 --runs 1 --workers 2 --skip-baselines   # peak memory
    .venv/bin/python benchmarks/build_speed.py --corpus DIR [--corpus-mb 8] --runs 3   # real text: CPU time against jieba.lcut

With --corpus, the build runs over a folder of real text instead (the first --corpus-mb of its
files, copied), and the figure is CPU time: `kg build --workers 1 --no-cache` with and without
--no-model, against jieba.lcut over the same text in this process.

The corpus is the sample corpus scaled to --size-mb, each copy with its platform names
varied (西溪谷 → 西溪东南谷), so that no figure comes from a cache by accident. Every
build runs in a fresh process (`python -m kg build --no-cache`), timed from outside,
with its peak RSS from the kernel. Medians of --runs runs.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import jieba
import jieba.posseg

from kg.corpus import is_corpus_name, process_corpus
from kg.errors import QueryError
from kg.rdf.formats import RangeCopier
from kg.rdf.graph import doc_nquads, layer_ntriples
from kg.rdf.query import open_store, run

SAMPLE = Path(__file__).resolve().parent.parent / "corpus"
TAG_CHARS = "东南西北中上下新老大小金银星云光明华兴盛安和平福瑞祥泰康宁"
PLATFORM_END = re.compile(r"(小镇|谷|科技城|产业园|园区|新城)")


def make_corpus(root: Path, size_mb: float) -> int:
    """Sample documents repeated to size_mb, names varied per copy; returns the document count."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(SAMPLE.iterdir())]
    written, copy = 0, 0
    while written < size_mb * 1e6:
        tag = TAG_CHARS[copy % len(TAG_CHARS)] + TAG_CHARS[(copy // len(TAG_CHARS)) % len(TAG_CHARS)]
        folder = root / f"copy{copy:04d}"
        folder.mkdir(parents=True)
        for i, text in enumerate(texts):
            data = PLATFORM_END.sub(lambda m, tag=tag: tag + m.group(1), text).encode("utf-8")
            (folder / f"{i:02d}.txt").write_bytes(data)
            written += len(data)
        copy += 1
    return copy * len(texts)


def timed_build(corpus: Path, output: Path, *extra: str, cpu: bool = False) -> tuple[float, float, str]:
    """(seconds, peak RSS in MB, summary line) of one `kg build` in a fresh process; with ``cpu``,
    CPU seconds (user and system) instead of wall-clock seconds."""
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "kg", "build", str(corpus), "-o", str(output), *extra],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = usage.ru_utime + usage.ru_stime if cpu else time.perf_counter() - started
    stderr = process.stderr.read() if process.stderr else ""
    if status != 0:
        raise SystemExit(f"kg build failed: {stderr[-500:]}")
    return seconds, usage.ru_maxrss / 1024, stderr.strip().splitlines()[-1]


def copy_corpus(source: Path, target: Path, size_mb: float) -> list[Path]:
    """The first ``size_mb`` of a folder's documents (sorted by name), copied into ``target``."""
    target.mkdir(parents=True)
    copied, written = [], 0
    for path in sorted(p for p in source.rglob("*") if p.is_file() and is_corpus_name(p.name)):
        if written >= size_mb * 1e6:
            break
        data = path.read_bytes()
        (target / f"{len(copied):05d}{path.suffix}").write_bytes(data)
        copied.append(target / f"{len(copied):05d}{path.suffix}")
        written += len(data)
    return copied


def real_text_ratio(source: Path, size_mb: float, runs: int) -> None:
    """CPU time of kg build (one worker, with and without the name model) against jieba.lcut."""
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        files = copy_corpus(source, corpus, size_mb)
        text = "".join(p.read_text(encoding="utf-8", errors="replace") for p in files)
        size = sum(p.stat().st_size for p in files) / 1e6
        print(f"corpus: {source} ({len(files)} documents, {size:.1f} MB, {len(text):,} characters); medians of {runs} runs, CPU time")
        tokenizer = jieba.Tokenizer()
        tokenizer.initialize()
        lcut = []
        for _ in range(runs):
            started = time.process_time()
            tokenizer.lcut(text)
            lcut.append(time.process_time() - started)
        lcut_cpu = statistics.median(lcut)
        print(f"jieba.lcut: {lcut_cpu:.2f} CPU s, {size / lcut_cpu:.2f} MB per CPU s")
        for extra in ((), ("--no-model",)):
            cpu = statistics.median(timed_build(corpus, Path(tmp) / "g.nq", "--no-cache", "--workers", "1", *extra, cpu=True)[0]
                                    for _ in range(runs))
            print(f"kg build --workers 1 {' '.join(extra) or '(every layer)'}: {cpu:.2f} CPU s, {size / cpu:.2f} MB per CPU s, "
                  f"{lcut_cpu / cpu:.2f}x jieba.lcut")


def median_of(runs: int, function) -> tuple[float, list[float]]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times), times


def corpus_text(corpus: Path) -> str:
    return "".join(p.read_text(encoding="utf-8") for p in sorted(corpus.rglob("*.txt")))


RELATED = "(" + "|".join(f"{arrow}<https://w3id.org/kg/ontology#{p}>" for p in ("locatedIn", "focusesOn", "partOf", "issuedBy")
                         for arrow in ("", "^")) + ")"


def query_times(graph: Path, merged: bool, runs: int = 5) -> dict[str, float]:
    """Median query times over the whole file (the union of its graphs) or its merged layer (kg query --merged)."""
    store = open_store(graph, merged)
    queries = {
        "label lookup": 'SELECT ?e WHERE { ?e <http://www.w3.org/2000/01/rdf-schema#label> "西湖区"@zh }',
        "count by class": "SELECT ?c (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a ?c } GROUP BY ?c",
        "2-hop neighbourhood": f"""SELECT DISTINCT ?n2 WHERE {{ ?e <http://www.w3.org/2000/01/rdf-schema#label> "云栖小镇"@zh .
            ?e {RELATED} ?n1 . ?n1 {RELATED} ?n2 }}""",
    }
    out: dict[str, float] = {"triples": len(store)}
    for name, sparql in queries.items():
        try:
            out[name] = median_of(runs, lambda s=sparql: run(store, s, timeout=60))[0]
        except QueryError:
            out[name] = float("inf")  # over a minute
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size-mb", type=float, default=20)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--skip-baselines", action="store_true", help="only kg build (for the memory run)")
    parser.add_argument("--corpus", type=Path, help="a folder of real text: print CPU time against jieba.lcut, and nothing else")
    parser.add_argument("--corpus-mb", type=float, default=8, help="how much of --corpus to use")
    parser.add_argument("--query-size-mb", type=float, default=9,
                        help="corpus size for the query timings (9 MB gives about a million triples)")
    args = parser.parse_args()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.platform()}")
    if args.corpus:
        if not args.corpus.is_dir():
            raise SystemExit(f"--corpus: {args.corpus} is not a folder")
        real_text_ratio(args.corpus, args.corpus_mb, args.runs)
        return
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        documents = make_corpus(corpus, args.size_mb)
        size = sum(p.stat().st_size for p in corpus.rglob("*.txt")) / 1e6
        print(f"corpus: {size:.1f} MB, {documents} documents; medians of {args.runs} runs")
        output = Path(tmp) / "graph.nq"
        speeds = {}
        for workers in args.workers:
            runs = [timed_build(corpus, output, "--no-cache", "--workers", str(workers)) for _ in range(args.runs)]
            seconds = statistics.median(r[0] for r in runs)
            triples = int(re.search(r"(\d+) triples", runs[0][2]).group(1))
            speeds[workers] = size / seconds
            print(f"kg build --workers {workers}: {seconds:.1f} s, {size / seconds:.2f} MB/s, {documents / seconds:.0f} docs/s, "
                  f"{triples / seconds:,.0f} triples/s, peak RSS {max(r[1] for r in runs):.0f} MB "
                  f"(runs: {', '.join(f'{r[0]:.1f}' for r in runs)} s)")
        if len(speeds) > 1:
            print(f"--workers {max(speeds)} / --workers 1: {speeds[max(speeds)] / speeds[1]:.2f}x")
        if args.skip_baselines:
            return
        text = corpus_text(corpus)
        tokenizer = jieba.Tokenizer()
        tokenizer.initialize()
        lcut, _ = median_of(args.runs, lambda: tokenizer.lcut(text))
        sample = text[: len(text) // 20]  # posseg is slow: a twentieth of the text
        posseg, _ = median_of(args.runs, lambda: list(jieba.posseg.POSTokenizer(tokenizer).cut(sample)))
        lcut_speed, posseg_speed = size / lcut, size / 20 / posseg
        print(f"jieba.lcut: {lcut_speed:.2f} MB/s; jieba.posseg: {posseg_speed:.3f} MB/s (on a twentieth of the text)")
        print(f"kg build --workers 1 / jieba.lcut: {speeds[1] / lcut_speed:.2f}x; / jieba.posseg: {speeds[1] / posseg_speed:.1f}x")
        write_speed(corpus, args.runs)
        incremental(Path(tmp), args.runs)
        queries = Path(tmp) / "queries"
        make_corpus(queries, args.query_size_mb)
        timed_build(queries, Path(tmp) / "q.nq", "--no-cache", "--workers", "2")
        print_query_times(Path(tmp) / "q.nq")


def print_query_times(graph: Path) -> None:
    for merged in (False, True):
        times = query_times(graph, merged)
        where = "the merged layer (kg query --merged)" if merged else "the whole file (union of graphs)"
        print(f"queries on {where}, {times.pop('triples'):,.0f} triples (median of 5; inf: over a minute): "
              + ", ".join(f"{name} {seconds * 1000:.2f} ms" for name, seconds in times.items()))


def write_speed(corpus: Path, runs: int) -> None:
    """Writing N-Quads alone: documents extracted first, then a million triples or more written to a file."""
    docs, triples = [], 0
    for doc in process_corpus(corpus):
        docs.append(doc)
        triples += doc_nquads(doc).count(b"\n")
        if triples >= 1_000_000:
            break
    with tempfile.TemporaryDirectory() as tmp:
        def write() -> None:
            with open(Path(tmp) / "w.nq", "wb") as out:
                for doc in docs:
                    out.write(doc_nquads(doc))
                    out.write(layer_ntriples(doc))
        seconds, _ = median_of(runs, write)
    print(f"writing N-Quads: {triples:,} triples of {len(docs)} documents (and their layer) in {seconds:.2f} s, "
          f"{triples / seconds:,.0f} triples/s")


def incremental(tmp: Path, runs: int) -> None:
    """Full builds of 1,000 documents into a fresh cache, then rebuilds after editing one of them
    (another one each time): medians of ``runs`` each."""
    corpus = tmp / "thousand"
    make_corpus(corpus, 1000 * 9.3e3 / 1e6)
    files = sorted(corpus.rglob("*.txt"))[:1000]
    for extra in sorted(corpus.rglob("*.txt"))[1000:]:
        extra.unlink()
    fulls = []
    for run_index in range(runs):
        cache = tmp / f"cache{run_index}"
        fulls.append(timed_build(corpus, tmp / "t.nq", "--cache-dir", str(cache))[0])
    again, summaries = [], []
    for run_index in range(runs):
        edited = files[100 + 300 * run_index]
        edited.write_text(edited.read_text(encoding="utf-8") + "\n萧山区图灵小镇聚焦人工智能产业。", encoding="utf-8")
        seconds, _, summary = timed_build(corpus, tmp / "t.nq", "--cache-dir", str(cache))
        again.append(seconds)
        summaries.append(summary)
    full, rebuild = statistics.median(fulls), statistics.median(again)
    cached = re.search(r"(\d+) from cache", summaries[-1])
    print(f"incremental: full build of 1,000 documents {full:.1f} s (runs: {', '.join(f'{t:.1f}' for t in fulls)}); "
          f"after editing one, {rebuild:.2f} s (runs: {', '.join(f'{t:.2f}' for t in again)}; "
          f"{cached.group(1) if cached else 0} from cache): {full / rebuild:.1f}x faster")
    rebuild_floor(tmp / "t.nq", full, runs)
    watched = watched_rebuilds(corpus, files, tmp / "t.nq", cache, runs)
    print(f"kg build --watch: from saving an edit to the new output in place, {statistics.median(watched):.2f} s "
          f"(runs: {', '.join(f'{t:.2f}' for t in watched)}): {full / statistics.median(watched):.1f}x faster than the full build")


def watched_rebuilds(corpus: Path, files: list[Path], output: Path, cache: Path, runs: int) -> list[float]:
    """Seconds from saving an edited document to `kg build --watch` reporting the new output in
    place (the operating system's notice and 50 ms of settling included), one edit at a time."""
    process = subprocess.Popen([sys.executable, "-m", "kg", "build", str(corpus), "-o", str(output), "--watch",
                                "--cache-dir", str(cache)], stderr=subprocess.PIPE, text=True)
    assert process.stderr is not None

    def line_with(text: str) -> str:
        for line in process.stderr:
            if text in line:
                return line
        raise SystemExit(f"kg build --watch ended before saying {text!r}")

    line_with("Watching for changes")
    seconds = []
    for run_index in range(runs):
        edited = files[200 + 300 * run_index]
        part = output.with_name("edited.part")  # saved as editors save: whole, renamed into place, so
        part.write_text(edited.read_text(encoding="utf-8") + "\n滨江区星光小镇聚焦集成电路产业。", encoding="utf-8")
        started = time.perf_counter()  # that no rebuild sees the file half written
        part.replace(edited)
        line_with("changed.")
        seconds.append(time.perf_counter() - started)
    process.send_signal(signal.SIGTERM)  # not SIGINT, which a shell ignores for a job it starts with &
    process.communicate(timeout=60)
    return seconds


def rebuild_floor(output: Path, full: float, runs: int) -> None:
    """What any rebuild costs before it reads the cache or extracts a word: starting `kg`, loading
    jieba-rs's dictionary (the edited document needs segmenting), copying an output of this size
    and renaming it over the previous one (on ext4 that starts writing the new file back)."""
    startup, _ = median_of(runs, lambda: subprocess.run([sys.executable, "-m", "kg", "--version"], check=True,
                                                        stdout=subprocess.DEVNULL))
    timing = "import time; t = time.perf_counter(); import rjieba; print(time.perf_counter() - t)"
    segmenter = statistics.median(float(subprocess.run([sys.executable, "-c", timing], check=True, capture_output=True,
                                                       text=True).stdout) for _ in range(runs))
    size = output.stat().st_size
    old, new = output.with_name("old.nq"), output.with_name("new.nq")
    copies, replaces = [], []
    for _ in range(runs):
        shutil.copyfile(output, old)
        os.sync()  # the previous output is on disk, as it is by the time anyone edits a document
        started = time.perf_counter()
        with open(new, "wb", buffering=0) as sink, RangeCopier(sink) as copier:
            copier.append(str(output), 0, size)
        copies.append(time.perf_counter() - started)
        started = time.perf_counter()
        os.replace(new, old)
        replaces.append(time.perf_counter() - started)
    old.unlink()
    copy, replace = statistics.median(copies), statistics.median(replaces)
    floor = startup + segmenter + copy + replace
    print(f"rebuild floor: starting kg {startup:.2f} s + jieba-rs dictionary {segmenter:.2f} s + copying "
          f"{size / 1e6:.0f} MB {copy:.2f} s + replacing the previous output {replace:.2f} s = {floor:.2f} s: "
          f"a rebuild can be at most {full / floor:.1f}x faster than this full build")


if __name__ == "__main__":
    main()
