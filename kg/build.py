"""Build a corpus into one RDF file, a document at a time.

Each document becomes a DocResult (its named graph as N-Quads, and counts) through
``extract``: in this process, in a pool of worker processes, or on a Dask cluster (kg.executors).
Results are streamed to a temporary N-Quads file, so memory stays flat however large
the corpus; other formats are converted from it; the output appears, renamed into
place, only when everything succeeded. A cache keyed by document content and
extractor version skips documents that were extracted before.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.resources
import json
import os
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kg.corpus import MAX_BYTES, corpus_files, find_files, read_bytes, shown
from kg.errors import InputError, KgError, LexiconError
from kg.executors import DocResult, Work, extract, run
from kg.extract.lexicon import parse_user_lexicon
from kg.rdf.formats import RangeCopier, RdfFormat, append_range, atomic_file, rdf_format, remove_stale_temporaries, serialize, write_all, write_atomic
from kg.rdf.graph import merged_quad_lines

if TYPE_CHECKING:
    from rdflib import Dataset

__all__ = ["BuildResult", "DocResult", "build", "extract", "run", "write"]
DOC_TIMEOUT = 120.0  # seconds one document may take to extract; --doc-timeout


@dataclass
class BuildResult:
    output: Path
    documents: int = 0
    skipped: list[str] = field(default_factory=list)
    entities: Counter[str] = field(default_factory=Counter)
    relations: int = 0
    targets: int = 0
    triples: int = 0
    cached: int = 0
    repaired: list[str] = field(default_factory=list)  # documents decoded with bytes replaced, and how many
    bytes_read: int = 0
    seconds: float = 0.0

    def summary(self) -> str:
        by_class = ", ".join(f"{cls} {n}" for cls, n in sorted(self.entities.items()))
        skipped = f" ({len(self.skipped)} skipped)" if self.skipped else ""
        cached = f", {self.cached} from cache" if self.cached else ""
        return (f"Built {self.documents} documents{skipped}{cached}: {sum(self.entities.values())} entities"
                f" ({by_class}), {self.relations} relations, {self.targets} targets,"
                f" {self.triples} triples in {self.seconds:.1f} s")


def build(corpus: Path, output: Path, *, fmt: str | None = None, strict: bool = False,
          on_error: Callable[[InputError], None] | None = None,
          on_progress: Callable[[str], None] | None = None, max_bytes: int = MAX_BYTES,
          workers: int = 1, scheduler: str | None = None, cache_dir: Path | None = None,
          lexicons: Iterable[Path] = (), name_model: bool = True, doc_timeout: float | None = DOC_TIMEOUT,
          on_warning: Callable[[str], None] | None = None) -> BuildResult:
    """Read, extract and write every document under ``corpus`` to ``output``.

    Unreadable files (and folders that cannot be listed, and documents whose extraction takes
    longer than ``doc_timeout`` seconds) go to ``on_error`` and are counted as skipped; with
    ``strict`` the first one raises and nothing is written. Documents built with bytes that
    could not be decoded replaced go to ``on_warning``, saying how many. ``lexicons`` are users' own lexicon files
    (label, class, aliases), added to the shipped one. ``name_model`` False leaves the trained
    name model out (faster; fewer people and organisations found).
    """
    target = rdf_format(output, fmt)
    if not corpus.exists():
        raise InputError(f"{shown(corpus)}: no such file or folder")
    remove_stale_temporaries(output)  # of builds killed outright
    started = time.perf_counter()
    user = read_lexicons(lexicons)  # checked here; loaded when a document needs extracting
    result = BuildResult(output)
    classes: dict[str, str] = {}
    layer: dict[bytes, None] = {}  # the merged layer's lines, each once, in the order first seen
    paths: dict[str, Path] = {}  # of the documents in flight, by id
    cache = Cache(cache_dir, salt="\0".join(user) + ("" if name_model else "\0--no-model")) if cache_dir else None

    def skip(error: InputError) -> None:
        if strict:
            raise error
        result.skipped.append(str(error))
        if on_error:
            on_error(error)

    def work_items() -> Iterator[Work]:
        for path, doc_id in corpus_files(corpus, skip):
            try:
                data = read_bytes(path, max_bytes)
            except InputError as e:
                skip(e)
                continue
            result.bytes_read += len(data)
            paths[doc_id] = path
            cached = cache.get(doc_id, data) if cache else None
            yield cached or (doc_id, str(path), data, user, name_model, doc_timeout)

    with atomic_file(output) as part:
        quads_file = part if target.extension == "nq" else part.with_name(part.name + ".nq")
        try:
            with open(quads_file, "wb", buffering=0) as sink, RangeCopier(sink) as copier:  # no small writes
                for done in run(work_items(), workers, scheduler, user, spill=part.parent, name_model=name_model):
                    if isinstance(done, InputError):
                        skip(done)
                        continue
                    path = paths.pop(done.doc_id, done.doc_id)
                    if done.note:
                        result.repaired.append(f"{shown(path)}: {done.note}")
                        if on_warning:
                            on_warning(result.repaired[-1])
                    if done.cached:
                        result.cached += 1
                    elif cache:
                        cache.put(done)
                    if done.nquads_at:
                        copier.append(*done.nquads_at)
                    else:
                        write_all(sink, done.nquads)
                    layer.update(dict.fromkeys(done.layer.splitlines(keepends=True)))
                    result.documents += 1
                    result.relations += done.relations
                    result.targets += done.targets
                    result.triples += done.triples
                    classes.update(done.entities)
                    if on_progress:
                        on_progress(done.doc_id)
                write_all(sink, b"".join(merged_quad_lines(layer)))
                result.triples += len(layer)
            if quads_file != part:
                convert(quads_file, part, target)
        finally:
            if quads_file != part:
                quads_file.unlink(missing_ok=True)
    result.entities = Counter(classes.values())
    result.seconds = time.perf_counter() - started
    return result


def read_lexicons(paths: Iterable[Path]) -> tuple[str, ...]:
    """Users' lexicon files as texts, each checked: a bad line is an error before any work starts."""
    texts = []
    for path in paths:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as e:
            raise LexiconError(f"cannot read lexicon {path}: {getattr(e, 'strerror', None) or e}") from None
        parse_user_lexicon(text, str(path))
        texts.append(text)
    return tuple(texts)


# ---------------------------------------------------------------- output
def convert(nquads: Path, output: Path, target: RdfFormat) -> None:
    """N-Quads to another format with Oxigraph, streaming (triple formats merge the graphs, once each)."""
    import pyoxigraph as ox  # imported here: building N-Quads, the default, needs no RDF library

    from kg.rdf.query import DEFAULT_PREFIXES, OX_FORMATS

    parsed = ox.parse(path=str(nquads), format=ox.RdfFormat.N_QUADS)
    statements = parsed if target.quads else dict.fromkeys(q.triple for q in parsed)
    # No prefix for entity IRIs: Oxigraph would escape their % and / in prefixed names.
    prefixes = {p: ns for p, ns in DEFAULT_PREFIXES.items() if p != "kgid"}
    fmt = OX_FORMATS[target.extension]
    prefixed = fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG)
    ox.serialize(statements, output=str(output), format=fmt, prefixes=prefixes if prefixed else None)


def count_files(corpus: Path) -> int:
    return sum(1 for _ in find_files(corpus)) if corpus.exists() else 0


def write(dataset: Dataset, path: Path, fmt: str | None = None) -> None:
    """Write an rdflib Dataset in the format of ``path``'s extension (or ``fmt``), atomically."""
    write_atomic(path, serialize(dataset, rdf_format(path, fmt)))


# ---------------------------------------------------------------- cache
@functools.cache
def extractor_version() -> str:
    """A digest of the code and data that turn text into triples: any change invalidates the cache."""
    digest = hashlib.sha256()
    package = Path(str(importlib.resources.files("kg")))
    for path in sorted(package.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".tsv", ".txt") and "__pycache__" not in path.parts:
            digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def default_cache_dir() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "kg"


class Cache:
    """One file per document: a JSON header line, the document's layer (N-Triples), then its N-Quads."""

    def __init__(self, directory: Path, salt: str = "") -> None:
        self.directory = directory
        self.salt = salt.encode()  # users' lexicons: other words, other triples
        self._keys: dict[str, str] = {}  # doc id → key of the bytes seen in this build

    def _key(self, doc_id: str, data: bytes) -> str:
        digest = hashlib.sha256(extractor_version().encode() + b"\0" + self.salt + b"\0")
        digest.update(doc_id.encode("utf-8", "surrogateescape") + b"\0")
        digest.update(data)  # not concatenated: no copy of a large document
        return digest.hexdigest()

    def _path(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.nq"

    def get(self, doc_id: str, data: bytes) -> DocResult | None:
        """The cached result, its N-Quads left in the cache file for append_range to copy."""
        key = self._keys[doc_id] = self._key(doc_id, data)
        path = self._path(key)
        try:
            with open(path, "rb") as entry:
                header = entry.readline()
                meta = json.loads(header)
                layer = entry.read(meta["layer_bytes"])
                size = os.fstat(entry.fileno()).st_size
            offset = len(header) + len(layer)
            if len(layer) != meta["layer_bytes"] or size - offset != meta["nquads_bytes"]:
                return None  # cut short: extract again
            return DocResult(doc_id, b"", layer, tuple(map(tuple, meta["entities"])), meta["relations"],
                             meta["targets"], meta["triples"], cached=True,
                             nquads_at=(str(path), offset, meta["nquads_bytes"]), note=meta.get("note"))
        except (OSError, ValueError, KeyError, TypeError):
            return None  # missing or damaged: extract again

    def put(self, result: DocResult) -> None:
        nquads_bytes = result.nquads_at[2] if result.nquads_at else len(result.nquads)
        meta = {"entities": result.entities, "relations": result.relations, "targets": result.targets,
                "triples": result.triples, "layer_bytes": len(result.layer), "nquads_bytes": nquads_bytes,
                "note": result.note}
        try:
            header = json.dumps(meta, ensure_ascii=False).encode() + b"\n"
            with atomic_file(self._path(self._keys[result.doc_id])) as part, open(part, "wb", buffering=0) as entry:
                write_all(entry, header + result.layer)
                write_all(entry, result.nquads)  # not joined: one copy of a large document's N-Quads is enough
                if result.nquads_at:
                    append_range(entry, *result.nquads_at)
        except (OSError, KgError):
            pass  # a read-only or full cache only costs speed
