"""Peak memory of `kg build` against the size of one document: it should stay within ~20× the document.

    .venv/bin/python benchmarks/doc_memory.py                            # 0.1, 4, 16 and 30 MB, 3 runs each
    .venv/bin/python benchmarks/doc_memory.py --sizes 0.1 16 --runs 5 --modes no-model

One document per size, made of the 新闻联播 transcripts (../shared/bench/xinwen-lianbo.tar.xz,
or a folder given with --source) joined in name order and cut at a line end. Each build is
`kg build DIR -o out.nq --no-cache` in a fresh process, with --no-model or with the name model
(--modes); its peak RSS and CPU time come from wait4. For each size: the medians over --runs
runs, the peak RSS per byte of document, and the marginal cost: RSS above the smallest size's,
per byte of document above it (the smallest size stands for the fixed cost: imports, lexicons,
the model).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from kg.corpus import is_corpus_name

REPO = Path(__file__).resolve().parent.parent
TRANSCRIPTS = REPO.parent / "shared" / "bench" / "xinwen-lianbo.tar.xz"


def texts(source: Path, scratch: Path) -> list[Path]:
    """The transcripts' files in name order, unpacked into ``scratch`` when ``source`` is an archive."""
    if source.is_file():
        with tarfile.open(source) as archive:
            archive.extractall(scratch, filter="data")
        source = scratch
    return sorted((p for p in source.rglob("*") if p.is_file() and is_corpus_name(p.name)), key=lambda p: p.name)


def make_document(files: list[Path], size_mb: float, folder: Path) -> int:
    """One document of about ``size_mb`` MB in ``folder``, cut at a line end; returns its bytes."""
    limit, parts, written = int(size_mb * 1e6), [], 0
    for path in files:
        data = path.read_bytes()
        if written + len(data) > limit:
            cut = data[: limit - written]
            parts.append(cut[: cut.rfind(b"\n") + 1])
            break
        parts.append(data)
        written += len(data)
    folder.mkdir(parents=True)
    document = b"".join(parts)
    (folder / "document.txt").write_bytes(document)
    return len(document)


def measured_build(corpus: Path, output: Path, model: bool, max_mb: float) -> tuple[float, float]:
    """(peak RSS in MB, CPU seconds) of one `kg build` in a fresh process."""
    command = [sys.executable, "-m", "kg", "build", str(corpus), "-o", str(output), "--no-cache",
               "--max-size", f"{max_mb:g}", "--doc-timeout", "3600", *([] if model else ["--no-model"])]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    stderr = process.stderr.read() if process.stderr else ""
    _, status, usage = os.wait4(process.pid, 0)
    if status != 0 or "skipped" in stderr:
        raise SystemExit(f"kg build failed: {stderr[-500:]}")
    return usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--source", type=Path, default=TRANSCRIPTS, help="the transcripts: archive or folder")
    parser.add_argument("--sizes", type=float, nargs="+", default=[0.1, 4, 16, 30], help="document sizes in MB")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--modes", nargs="+", choices=("no-model", "model"), default=["no-model", "model"])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="doc-memory-") as tmp:
        scratch = Path(tmp)
        files = texts(args.source, scratch / "source")
        sizes = {mb: make_document(files, mb, scratch / f"doc-{mb:g}") for mb in sorted(args.sizes)}
        for mode in args.modes:
            print(f"kg build --no-cache{' --no-model' if mode == 'no-model' else ''}: medians of {args.runs} runs")
            print("| document | peak RSS | RSS / document | marginal RSS / byte | CPU time |")
            print("| --- | --- | --- | --- | --- |")
            base: tuple[int, float] | None = None
            for mb, size in sizes.items():
                runs = [measured_build(scratch / f"doc-{mb:g}", scratch / "out.nq", mode == "model", mb * 2 + 1)
                        for _ in range(args.runs)]
                peak = statistics.median(r[0] for r in runs)
                cpu = statistics.median(r[1] for r in runs)
                marginal = f"{(peak - base[1]) * 2**20 / (size - base[0]):.1f}" if base else "(base)"
                print(f"| {size / 1e6:.1f} MB | {peak:.0f} MB (runs {', '.join(f'{r[0]:.0f}' for r in runs)}) "
                      f"| {peak * 2**20 / size:.1f} | {marginal} | {cpu:.1f} s |", flush=True)
                base = base or (size, peak)


if __name__ == "__main__":
    main()
