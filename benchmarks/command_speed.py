"""What a user waits for: whole kg commands on a million-triple graph, process start included.

    .venv/bin/python benchmarks/command_speed.py [--size-mb 9] [--runs 3] [--graph g.nq]

Builds the graph of build_speed.py's corpus (the sample scaled to --size-mb, names varied per
copy) unless --graph is given, then runs each command in a fresh process: the first call (which
builds the graph's store), and --runs later calls (median). Wall time from outside, peak memory
(the largest RSS of the command's processes) from the kernel.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_speed import make_corpus  # noqa: E402

LOOKUP = 'SELECT ?e WHERE { ?e rdfs:label "西湖区"@zh } LIMIT 1'
NEIGHBOURS = 'SELECT ?p ?o WHERE { ?e rdfs:label "西湖区"@zh ; ?p ?o }'
COMMANDS = {
    "query (union)": ["query", "{g}", LOOKUP],
    "query --merged": ["query", "{g}", LOOKUP, "--merged"],
    "query count by class (union)": ["query", "{g}", "SELECT ?c (COUNT(?e) AS ?n) WHERE { ?e a ?c } GROUP BY ?c"],
    "query neighbourhood (union)": ["query", "{g}", NEIGHBOURS],
    "query 2 hops (union)": ["query", "{g}", "SELECT (COUNT(*) AS ?n) WHERE { ?a kg:locatedIn ?r . ?b kg:locatedIn ?r }"],
    "query 2 hops --merged": ["query", "{g}", "SELECT (COUNT(*) AS ?n) WHERE { ?a kg:locatedIn ?r . ?b kg:locatedIn ?r }", "--merged"],
    "stats": ["stats", "{g}"],
    "path": ["path", "{g}", "云栖小镇", "人工智能"],
    "rank --top 10": ["rank", "{g}", "--top", "10"],
    "explain 西湖区 (most mentioned)": ["explain", "{g}", "西湖区"],
    "view --limit 300": ["view", "{g}", "-o", "{tmp}/v.html", "--limit", "300"],
}


def timed(args: list[str]) -> tuple[float, float]:
    """(seconds, peak MB) of one command in a fresh process."""
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "kg", *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status):
        sys.exit(f"failed: kg {' '.join(args)}: {process.stderr.read().decode()}")
    return seconds, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size-mb", type=float, default=9)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--graph", type=Path, help="an existing graph file (its store is rebuilt once here)")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="kg-commands-"))
    try:
        graph = args.graph
        if graph is None:
            documents = make_corpus(tmp / "corpus", args.size_mb)
            graph = tmp / "g.nq"
            seconds, _ = timed(["build", str(tmp / "corpus"), "-o", str(graph), "--no-cache", "-j", "2"])
            print(f"built {documents} documents in {seconds:.1f} s: {graph.stat().st_size / 1e6:.0f} MB")
        for old in graph.parent.glob(f".{graph.name}.kgstore"):
            shutil.rmtree(old)
        print("| command | first call (builds the store) | later calls | peak memory |")
        print("| --- | --- | --- | --- |")
        for name, template in COMMANDS.items():
            command = [part.replace("{g}", str(graph)).replace("{tmp}", str(tmp)) for part in template]
            first, first_mb = timed(command) if name == "query (union)" else (None, None)
            later = [timed(command) for _ in range(args.runs)]
            seconds = statistics.median(t for t, _ in later)
            peak = max(m for _, m in later)
            first_text = f"{first:.1f} s, {first_mb:.0f} MB" if first is not None else "–"
            print(f"| `kg {' '.join(template).replace('{g}', 'g.nq').replace('{tmp}/', '')}` | {first_text} | "
                  f"{seconds:.2f} s | {peak:.0f} MB |", flush=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
