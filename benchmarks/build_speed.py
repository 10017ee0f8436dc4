"""Build throughput on the sample corpus, repeated: prints the median of several runs.

    python benchmarks/build_speed.py [--runs 5] [--copies 20]

The corpus is the sample corpus repeated ``--copies`` times (same text, so the figures
are for the extractor, not for caching). Compare with plain jieba.lcut on the same text.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from pathlib import Path

import jieba

from kg.build import build
from kg.lexicon import default_lexicon

SAMPLE = Path(__file__).resolve().parent.parent / "corpus"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--copies", type=int, default=20)
    args = parser.parse_args()
    default_lexicon()  # load once, outside the timings
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp)
        for i in range(args.copies):
            for f in SAMPLE.iterdir():
                shutil.copy(f, corpus / f"{i:03d}_{f.name}")
        size = sum(f.stat().st_size for f in corpus.iterdir()) / 1e6
        text = "".join(f.read_text(encoding="utf-8") for f in corpus.iterdir())
        build_times, triples = [], 0
        for _ in range(args.runs):
            started = time.perf_counter()
            result = build(corpus)
            build_times.append(time.perf_counter() - started)
            triples = result.triples
        tokenizer = jieba.Tokenizer()
        tokenizer.initialize()
        lcut_times = []
        for _ in range(args.runs):
            started = time.perf_counter()
            tokenizer.lcut(text)
            lcut_times.append(time.perf_counter() - started)
    b, j = statistics.median(build_times), statistics.median(lcut_times)
    print(f"corpus: {size:.1f} MB, {args.copies * 10} documents; median of {args.runs} runs")
    print(f"kg build   : {b:.2f} s  {size / b:.2f} MB/s  {args.copies * 10 / b:.0f} docs/s  {triples / b:.0f} triples/s")
    print(f"jieba.lcut : {j:.2f} s  {size / j:.2f} MB/s  (kg build / lcut speed = {j / b:.2f})")


if __name__ == "__main__":
    main()
