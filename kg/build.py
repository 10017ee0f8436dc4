"""Build a corpus into one RDF file, a document at a time.

Each document becomes a DocResult (its named graph as N-Quads, and counts) through
``extract``: in this process, in a pool of worker processes, or on a Dask cluster.
Results are streamed to a temporary N-Quads file, so memory stays flat however large
the corpus; other formats are converted from it; the output appears, renamed into
place, only when everything succeeded. A cache keyed by document content and
extractor version skips documents that were extracted before.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import importlib.resources
import json
import multiprocessing
import os
import signal
import tempfile
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from kg.corpus import MAX_BYTES, corpus_files, doc_from_bytes, find_files, read_bytes
from kg.errors import InputError, KgError, LexiconError
from kg.extract.lexicon import default_lexicon, parse_user_lexicon
from kg.extract.pipeline import process
from kg.rdf.formats import RangeCopier, RdfFormat, append_range, atomic_file, rdf_format, serialize, write_all, write_atomic
from kg.rdf.graph import doc_nquads, layer_ntriples, merged_quad_lines

if TYPE_CHECKING:
    from distributed import Client
    from rdflib import Dataset

WINDOW = 64  # documents in flight on a cluster at once


@dataclass(frozen=True)
class DocResult:
    """What one document adds to the graph; small and picklable, so it can travel between processes."""

    doc_id: str
    nquads: bytes
    layer: bytes  # N-Triples of what the document adds to the merged layer (graph.layer_lines)
    entities: tuple[tuple[str, str], ...]  # (entity key, class)
    relations: int
    targets: int
    triples: int
    cached: bool = False
    nquads_at: tuple[str, int, int] | None = None  # (file, offset, length) of the N-Quads, when not in nquads


# (doc id, path, bytes, users' lexicons as TSV texts, whether to run the name model) to extract,
# or a cached result
Work = tuple[str, str, bytes, tuple[str, ...], bool] | DocResult


def extract(doc_id: str, path: str, data: bytes, user_lexicons: tuple[str, ...] = (), name_model: bool = True) -> DocResult:
    """One document from its bytes to N-Quads: the unit of work of every executor."""
    doc = process(doc_from_bytes(data, Path(path), doc_id), default_lexicon(user_lexicons, name_model))
    nquads = doc_nquads(doc)
    return DocResult(doc_id, nquads, layer_ntriples(doc), tuple((e.key, e.cls) for e in doc.entities),
                     len(doc.relations), len(doc.targets), nquads.count(b"\n"))  # escaped literals hold no newline


def _work(item: Work) -> DocResult | InputError:
    if isinstance(item, DocResult):
        return item
    try:
        return extract(*item)
    except InputError as e:
        return e


class _Spill:
    """In a worker process: N-Quads go to the worker's own file and the parent copies them
    from there with the kernel, instead of receiving them pickled through a pipe and writing
    them again. Results are the biggest thing a build moves (25 bytes per byte of text), and
    with two workers on two cores the parent's share of the work set the pace."""

    path: str | None = None
    file: BinaryIO | None = None
    written = 0

    @classmethod
    def start(cls, directory: str) -> None:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
        cls.path = os.path.join(directory, f"{os.getpid()}.nq")
        cls.file = open(cls.path, "ab", buffering=0)  # noqa: SIM115 (open for the worker's life)

    @classmethod
    def work(cls, item: Work) -> DocResult | InputError:
        done = _work(item)
        if cls.file is None or cls.path is None or not isinstance(done, DocResult) or done.nquads_at:
            return done
        write_all(cls.file, done.nquads)
        at = (cls.path, cls.written, len(done.nquads))
        cls.written += len(done.nquads)
        return dataclasses.replace(done, nquads=b"", nquads_at=at)


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
          lexicons: Iterable[Path] = (), name_model: bool = True) -> BuildResult:
    """Read, extract and write every document under ``corpus`` to ``output``.

    Unreadable files go to ``on_error`` and are counted as skipped; with ``strict`` the
    first one raises and nothing is written. ``lexicons`` are users' own lexicon files
    (label, class, aliases), added to the shipped one. ``name_model`` False leaves the trained
    name model out (faster; fewer people and organisations found).
    """
    target = rdf_format(output, fmt)
    if not corpus.exists():
        raise InputError(f"{corpus}: no such file or folder")
    started = time.perf_counter()
    user = read_lexicons(lexicons)  # checked here; loaded when a document needs extracting
    result = BuildResult(output)
    classes: dict[str, str] = {}
    layer: dict[bytes, None] = {}  # the merged layer's lines, each once, in the order first seen
    cache = Cache(cache_dir, salt="\0".join(user) + ("" if name_model else "\0--no-model")) if cache_dir else None

    def skip(error: InputError) -> None:
        if strict:
            raise error
        result.skipped.append(str(error))
        if on_error:
            on_error(error)

    def work_items() -> Iterator[Work]:
        for path, doc_id in corpus_files(corpus):
            try:
                data = read_bytes(path, max_bytes)
            except InputError as e:
                skip(e)
                continue
            result.bytes_read += len(data)
            cached = cache.get(doc_id, data) if cache else None
            yield cached or (doc_id, str(path), data, user, name_model)

    with atomic_file(output) as part:
        quads_file = part if target.extension == "nq" else part.with_name(part.name + ".nq")
        try:
            with open(quads_file, "wb", buffering=0) as sink, RangeCopier(sink) as copier:  # no small writes
                for done in run(work_items(), workers, scheduler, user, spill=part.parent, name_model=name_model):
                    if isinstance(done, InputError):
                        skip(done)
                        continue
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


# ---------------------------------------------------------------- executors
def run(items: Iterable[Work], workers: int = 1, scheduler: str | None = None,
        user: tuple[str, ...] = (), spill: Path | None = None, name_model: bool = True) -> Iterator[DocResult | InputError]:
    """Results in document order: here, in ``workers`` processes, or on the Dask cluster at ``scheduler``.
    Worker processes leave their N-Quads in files in a folder made in ``spill`` (the output's own
    folder, so the kernel copies them without a detour), removed at the end."""
    if scheduler:
        yield from _on_cluster(items, scheduler)
    elif workers > 1:
        with tempfile.TemporaryDirectory(prefix=".kg-spill-", dir=spill) as spilled, \
                _LazyPool(workers, user, spilled, name_model) as pool:
            yield from _in_processes(items, pool, workers)
    else:
        yield from map(_work, items)


def _in_processes(items: Iterable[Work], pool: _LazyPool, workers: int) -> Iterator[DocResult | InputError]:
    """A window of documents in flight, results in order; a worker that dies is an error, not a hang.
    Cached results wait in the window too, so that order is kept."""
    pending: deque[Future | DocResult] = deque()
    try:
        for item in items:
            pending.append(item if isinstance(item, DocResult) else pool.submit(item))
            if len(pending) >= 4 * workers:
                yield _result(pending.popleft())
        while pending:
            yield _result(pending.popleft())
    except BrokenProcessPool:
        raise KgError("a worker process died (out of memory?); try fewer --workers") from None
    finally:
        for future in pending:
            if isinstance(future, Future):
                future.cancel()


def _result(pending: Future | DocResult) -> DocResult | InputError:
    return pending.result() if isinstance(pending, Future) else pending


class _LazyPool:
    """Worker processes, started (and the lexicon loaded, for them to share) only when a
    document needs extracting: a build from the cache starts none."""

    def __init__(self, workers: int, user: tuple[str, ...], spill: str, name_model: bool = True) -> None:
        self.workers, self.user, self.spill, self.name_model = workers, user, spill, name_model
        self.pool: ProcessPoolExecutor | None = None

    def submit(self, item: Work) -> Future:
        if self.pool is None:
            default_lexicon(self.user, self.name_model)  # loaded before the workers fork, which share it;
            # the name model is not: each worker loads its own on first use (onnxruntime is not fork-safe)
            context = multiprocessing.get_context("fork")
            self.pool = ProcessPoolExecutor(self.workers, mp_context=context, initializer=_Spill.start,
                                            initargs=(self.spill,))
        return self.pool.submit(_Spill.work, item)

    def __enter__(self) -> _LazyPool:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)


def _on_cluster(items: Iterable[Work], scheduler: str) -> Iterator[DocResult | InputError]:
    try:
        from distributed import Client
    except ImportError:
        raise KgError("--scheduler needs Dask: pip install 'kg[distributed]'") from None
    try:
        client = Client(scheduler, timeout=10)
    except (OSError, TimeoutError) as e:
        raise KgError(f"cannot reach the Dask scheduler at {scheduler}: {e}") from None
    with client:
        batch: list[Work] = []
        for item in items:
            batch.append(item)
            if len(batch) == WINDOW:
                yield from _on_cluster_in_order(client, batch)
                batch = []
        yield from _on_cluster_in_order(client, batch)


def _on_cluster_in_order(client: Client, batch: list[Work]) -> list[DocResult | InputError]:
    """One batch through the cluster; cached results stay here (their N-Quads are in a local file)."""
    todo = [item for item in batch if not isinstance(item, DocResult)]
    extracted = iter(client.gather(client.map(_work, todo, pure=False)) if todo else ())
    return [item if isinstance(item, DocResult) else next(extracted) for item in batch]


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
        digest = hashlib.sha256(extractor_version().encode() + b"\0" + self.salt + b"\0" + doc_id.encode() + b"\0" + data)
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
                             nquads_at=(str(path), offset, meta["nquads_bytes"]))
        except (OSError, ValueError, KeyError, TypeError):
            return None  # missing or damaged: extract again

    def put(self, result: DocResult) -> None:
        nquads_bytes = result.nquads_at[2] if result.nquads_at else len(result.nquads)
        meta = {"entities": result.entities, "relations": result.relations, "targets": result.targets,
                "triples": result.triples, "layer_bytes": len(result.layer), "nquads_bytes": nquads_bytes}
        try:
            header = json.dumps(meta, ensure_ascii=False).encode() + b"\n"
            with atomic_file(self._path(self._keys[result.doc_id])) as part, open(part, "wb", buffering=0) as entry:
                write_all(entry, header + result.layer + result.nquads)
                if result.nquads_at:
                    append_range(entry, *result.nquads_at)
        except OSError:
            pass  # a read-only or full cache only costs speed
