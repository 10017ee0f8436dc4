"""How long kg view pages take to be drawn and still in headless Chromium.

Builds synthetic networks shaped like real ones (hub regions and industries, many
platforms and companies around them), writes each as a page with kg.explore.view, opens it
in Debian's Chromium and reads the moment the page reports itself drawn and still
(window.kgReady, milliseconds from navigation start). Prints medians of --runs runs.

    .venv/bin/python benchmarks/view_speed.py --sizes 500 2000 10000 --runs 3
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from kg.explore.view import CLASS_STYLES, write_view  # noqa: E402
from tests.browser import chromium, open_view  # noqa: E402


def synthetic_network(size: int, seed: int = 1) -> nx.MultiDiGraph:
    """size entities: 2% regions, 5% industries, the rest platforms/companies/policies linked to them."""
    rng = random.Random(seed)
    network = nx.MultiDiGraph()
    classes = list(CLASS_STYLES)
    regions = [f"r{i}" for i in range(max(1, size // 50))]
    industries = [f"i{i}" for i in range(max(1, size // 20))]
    for n in regions:
        network.add_node(n, label=f"{n}区", cls="Region", aliases=[], sentence="")
    for n in industries:
        network.add_node(n, label=f"{n}产业", cls="Industry", aliases=[], sentence="")
    for i in range(size - len(regions) - len(industries)):
        n = f"p{i}"
        network.add_node(n, label=f"第{i}号小镇", cls=rng.choice(classes[1:]), aliases=[], sentence="某句话。" * 5)
        network.add_edge(n, rng.choice(regions), key="locatedIn", relation="locatedIn", sentence="", doc="")
        for industry in rng.sample(industries, k=min(len(industries), rng.randint(0, 2))):
            network.add_edge(n, industry, key="focusesOn", relation="focusesOn", sentence="", doc="")
    return network


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 2000, 10000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(f"{'nodes':>6} {'edges':>6} {'write s':>8} {'page MB':>8} {'drawn and still, ms (median)':>30}  runs")
    with tempfile.TemporaryDirectory() as tmp, chromium() as browser:
        for size in args.sizes:
            network = synthetic_network(size)
            page_path = Path(tmp) / f"view-{size}.html"
            started = time.perf_counter()
            write_view(network, page_path)
            written = time.perf_counter() - started
            timings = []
            for _ in range(args.runs):
                page, log = open_view(browser, page_path, timeout_ms=120_000)
                if log.errors:
                    raise SystemExit(f"page errors at {size} nodes: {log.errors[:3]}")
                timings.append(page.evaluate("window.kgReady"))
                page.close()
            print(f"{size:>6} {network.number_of_edges():>6} {written:>8.2f} {page_path.stat().st_size / 1e6:>8.2f} "
                  f"{statistics.median(timings):>30.0f}  {' '.join(f'{t:.0f}' for t in timings)}")


if __name__ == "__main__":
    main()
