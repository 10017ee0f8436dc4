"""Latency of kg serve under concurrent clients (issue #18, item 14: p99 under 50 ms at 20 clients).

Builds the sample corpus (or takes --graph), starts `kg serve` as its own process on a free
port of 127.0.0.1, waits until it answers, then lets --clients threads each send --requests
queries (the README's kg serve example unless --query; form-encoded POST, one connection per request as HTTP/1.0
clients do) as fast as they can, after a warm-up. Prints p50, p90, p99 and the slowest
request in milliseconds, and every request that failed.

    .venv/bin/python benchmarks/serve_speed.py --clients 20 --requests 50
"""

from __future__ import annotations

import argparse
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from kg.build import build  # noqa: E402

QUERY = "SELECT ?l WHERE { ?t a kg:Town ; rdfs:label ?l } ORDER BY ?l LIMIT 2"  # the README's kg serve example


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(graph: Path, port: int, extra: list[str]) -> subprocess.Popen:
    kg = Path(sys.executable).with_name("kg")
    process = subprocess.Popen([str(kg), "serve", str(graph), "--port", str(port), *extra], stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/sparql", timeout=1).close()
            return process
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise SystemExit("kg serve did not start in 60 s")


def one(url: str, data: bytes) -> float:
    started = time.perf_counter()
    with urllib.request.urlopen(urllib.request.Request(url, data=data), timeout=30) as response:
        response.read()
    return (time.perf_counter() - started) * 1000


def load(url: str, clients: int, requests: int, query: str) -> tuple[list[float], list[str]]:
    data = urllib.parse.urlencode({"query": query}).encode()
    times: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    barrier = threading.Barrier(clients)

    def client() -> None:
        barrier.wait()
        for _ in range(requests):
            try:
                took = one(url, data)
                with lock:
                    times.append(took)
            except (OSError, urllib.error.HTTPError) as e:
                with lock:
                    errors.append(repr(e))

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return times, errors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--graph", type=Path, help="a graph file (default: a build of corpus/)")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=50, help="per client")
    parser.add_argument("--query", default=QUERY)
    parser.add_argument("--url", help="measure a server already running at this URL instead (for comparisons)")
    parser.add_argument("--serve-option", action="append", default=[], help="passed to kg serve, e.g. --serve-option=--workers=2")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        port = free_port()
        if args.url:
            server, url = None, args.url
        else:
            server = start(args.graph or build(ROOT / "corpus", Path(tmp) / "sample.nq").output, port, args.serve_option)
            url = f"http://127.0.0.1:{port}/sparql"
        try:
            load(url, args.clients, 5, args.query)  # warm-up
            started = time.perf_counter()
            times, errors = load(url, args.clients, args.requests, args.query)
            wall = time.perf_counter() - started
        finally:
            if server is not None:
                server.terminate()
                server.wait(10)
    times.sort()
    quantiles = statistics.quantiles(times, n=100, method="inclusive") if len(times) > 1 else times * 99
    print(f"{args.clients} clients × {args.requests} requests: {len(times)} answered, {len(errors)} failed, "
          f"{len(times) / wall:.0f} requests/s")
    print(f"p50 {quantiles[49]:.1f} ms  p90 {quantiles[89]:.1f} ms  p99 {quantiles[98]:.1f} ms  max {times[-1]:.1f} ms")
    for error in errors[:10]:
        print("  failed:", error)


if __name__ == "__main__":
    main()
