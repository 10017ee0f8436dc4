"""Fuzz the corpus reader, the normaliser and the whole pipeline with atheris (coverage-guided).

Any exception other than the reader's InputError is a bug: atheris stops and prints the
input that caused it. Runs for a fixed time:

    .venv/bin/pip install -e '.[fuzz]'
    .venv/bin/python benchmarks/fuzz_input.py -max_total_time=120
"""

from __future__ import annotations

import sys
from pathlib import Path

import atheris
import pyoxigraph

with atheris.instrument_imports():
    from kg.corpus import decode, html_to_text
    from kg.errors import InputError
    from kg.extract.lexicon import default_lexicon
    from kg.extract.normalize import normalize
    from kg.extract.pipeline import process_text
    from kg.rdf.graph import doc_nquads

LEXICON = default_lexicon()
PATH = Path("fuzz.txt")


def one_input(data: bytes) -> None:
    try:
        text = decode(data, PATH)
    except InputError:
        return
    text = html_to_text(text) if data[:1] == b"<" else text
    once = normalize(text, LEXICON.word_freq)
    assert normalize(once, LEXICON.word_freq) == once, "normalisation is not idempotent"
    nquads = doc_nquads(process_text(text[:2000], lexicon=LEXICON))
    assert len(list(pyoxigraph.parse(nquads, format=pyoxigraph.RdfFormat.N_QUADS))) == nquads.count(b"\n")


if __name__ == "__main__":
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()
