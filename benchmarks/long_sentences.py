"""Extraction time against the length of one sentence: it should grow linearly.

    .venv/bin/python benchmarks/long_sentences.py                       # 18k to 144k characters
    .venv/bin/python benchmarks/long_sentences.py --sizes 18000 72000 288000 --runs 5
    .venv/bin/python benchmarks/long_sentences.py --stages               # time per stage too

Two texts without a sentence end, each cut to every size: the sample corpus with its sentence
ends and line breaks turned into commas (real words, one sentence), and commas and spaces only
(the audit's 1.6 MB file). For each size: the median of --runs runs of the whole pipeline in
this process, and its ratio to the previous size's time, against the ratio of the sizes (a
ratio near the size ratio is linear; near its square, quadratic).
"""

from __future__ import annotations

import argparse
import re
import statistics
import time
from pathlib import Path

from kg.extract.doc import Doc
from kg.extract.lexicon import default_lexicon
from kg.extract.pipeline import STAGES

SAMPLE = Path(__file__).resolve().parent.parent / "corpus"


def one_sentence(size: int) -> str:
    """The sample corpus as one sentence: 。！？; and line breaks become commas."""
    text = "".join(p.read_text(encoding="utf-8") for p in sorted(SAMPLE.iterdir()))
    text = re.sub(r"[。！？!?；;\n]+", ",", text)
    return (text * (size // len(text) + 1))[:size]


def commas_and_spaces(size: int) -> str:
    return (", " * (size // 2 + 1))[:size]


def run_once(text: str, per_stage: dict[str, float] | None = None) -> float:
    lexicon = default_lexicon()
    doc = Doc(doc_id="long", path="long", raw=text)
    began = time.perf_counter()
    for name, stage in STAGES:
        at = time.perf_counter()
        doc = stage(doc, lexicon)
        if per_stage is not None:
            per_stage[name] = per_stage.get(name, 0.0) + time.perf_counter() - at
    return time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[18_000, 36_000, 72_000, 144_000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--stages", action="store_true", help="print the time of each stage (summed over runs)")
    args = parser.parse_args()
    run_once("西湖区云栖小镇聚焦云计算。")  # load the lexicon and the models before timing
    for name, make in (("one sentence of corpus text", one_sentence), ("commas and spaces", commas_and_spaces)):
        print(f"{name}:")
        previous: tuple[int, float] | None = None
        for size in args.sizes:
            text = make(size)
            per_stage: dict[str, float] = {}
            median = statistics.median(run_once(text, per_stage) for _ in range(args.runs))
            line = f"  {size:>9,} chars  {median:8.3f} s  {median / size * 1e6:7.2f} µs/char"
            if previous:
                line += f"  ×{median / previous[1]:5.2f} time for ×{size / previous[0]:.2f} size"
            if args.stages:
                line += "  " + " ".join(f"{k} {v / args.runs:.3f}" for k, v in per_stage.items())
            print(line, flush=True)
            previous = (size, median)


if __name__ == "__main__":
    main()
