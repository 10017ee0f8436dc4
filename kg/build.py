"""Build a corpus into an RDF dataset, counting what went in."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Dataset

from kg.corpus import MAX_BYTES, find_files, read_corpus
from kg.errors import InputError
from kg.formats import rdf_format, serialize, write_atomic
from kg.graph import add_doc, new_dataset
from kg.lexicon import Lexicon, default_lexicon
from kg.pipeline import process


@dataclass
class BuildResult:
    dataset: Dataset
    documents: int = 0
    skipped: list[str] = field(default_factory=list)
    entities: Counter[str] = field(default_factory=Counter)
    relations: int = 0
    targets: int = 0
    seconds: float = 0.0

    @property
    def triples(self) -> int:
        return len(self.dataset)

    def summary(self) -> str:
        by_class = ", ".join(f"{cls} {n}" for cls, n in sorted(self.entities.items()))
        skipped = f" ({len(self.skipped)} skipped)" if self.skipped else ""
        return (f"Built {self.documents} documents{skipped}: {sum(self.entities.values())} entities"
                f" ({by_class}), {self.relations} relations, {self.targets} targets,"
                f" {self.triples} triples in {self.seconds:.1f} s")


def build(corpus: Path, *, lexicon: Lexicon | None = None, strict: bool = False,
          on_error: Callable[[InputError], None] | None = None,
          on_progress: Callable[[str], None] | None = None, max_bytes: int = MAX_BYTES) -> BuildResult:
    """Read, extract and graph every document under ``corpus``.

    Unreadable files go to ``on_error`` and are counted as skipped; with ``strict``
    the first one raises.
    """
    if not corpus.exists():
        raise InputError(f"{corpus}: no such file or folder")
    started = time.perf_counter()
    lexicon = lexicon or default_lexicon()
    result = BuildResult(new_dataset())
    entity_classes: dict[str, str] = {}

    def skip(error: InputError) -> None:
        if strict:
            raise error
        result.skipped.append(str(error))
        if on_error:
            on_error(error)

    for doc in read_corpus(corpus, skip, max_bytes):
        doc = process(doc, lexicon)
        add_doc(result.dataset, doc)
        result.documents += 1
        entity_classes.update((e.key, e.cls) for e in doc.entities)
        result.relations += len(doc.relations)
        result.targets += len(doc.targets)
        if on_progress:
            on_progress(doc.doc_id)
    result.entities = Counter(entity_classes.values())
    result.seconds = time.perf_counter() - started
    return result


def count_files(corpus: Path) -> int:
    return sum(1 for _ in find_files(corpus)) if corpus.exists() else 0


def write(dataset: Dataset, path: Path, fmt: str | None = None) -> None:
    """Serialize in the format of ``path``'s extension (or ``fmt``), atomically."""
    write_atomic(path, serialize(dataset, rdf_format(path, fmt)))
