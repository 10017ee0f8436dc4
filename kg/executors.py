"""Where documents are extracted: in this process, in a pool of worker processes, or on a Dask cluster.

Each document becomes a DocResult (its named graph as N-Quads, and counts) through
``extract``, the unit of work of every executor; results come back in document order.
A document that takes longer than its time limit, or runs out of memory, is reported as
an InputError (skipped) instead of stalling or ending the build. Worker processes die
with the build that started them, even when it is killed with SIGKILL.
"""

from __future__ import annotations

import contextlib
import ctypes
import dataclasses
import multiprocessing
import os
import signal
import sys
import tempfile
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from kg.corpus import doc_and_note, shown
from kg.errors import InputError, KgError
from kg.extract.lexicon import default_lexicon
from kg.extract.window import process_in_windows
from kg.rdf.formats import SPILL_PREFIX, write_all
from kg.rdf.graph import doc_nquads, layer_ntriples

if TYPE_CHECKING:
    from distributed import Client

WINDOW = 64  # documents in flight on a cluster at once
PR_SET_PDEATHSIG = 1  # linux/prctl.h


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
    note: str | None = None  # what decoding repaired (bytes replaced), for a warning


# (doc id, path, bytes, users' lexicons as TSV texts, whether to run the name model, time limit in
# seconds or None) to extract, or a cached result
Work = tuple[str, str, bytes, tuple[str, ...], bool, float | None] | DocResult


def extract(doc_id: str, path: str, data: bytes, user_lexicons: tuple[str, ...] = (), name_model: bool = True) -> DocResult:
    """One document from its bytes to N-Quads: the unit of work of every executor."""
    read, note = doc_and_note(data, Path(path), doc_id)
    doc = process_in_windows(read, default_lexicon(user_lexicons, name_model))  # a large one a window at a time
    del read  # its text: not needed to write the N-Quads
    nquads = doc_nquads(doc)
    return DocResult(doc_id, nquads, layer_ntriples(doc), tuple((e.key, e.cls) for e in doc.entities),
                     len(doc.relations), len(doc.targets), nquads.count(b"\n"),  # escaped literals hold no newline
                     note=note)


def _work(item: Work) -> DocResult | InputError:
    if isinstance(item, DocResult):
        return item
    doc_id, path, data, user, name_model, limit = item
    default_lexicon(user, name_model)  # loaded outside the document's time
    try:
        with time_limit(limit):
            return extract(doc_id, path, data, user, name_model)
    except InputError as e:
        return e
    except DocumentTimeout:
        return _timed_out(path, limit)
    except MemoryError:
        return InputError(f"{shown(path)}: out of memory while extracting ({len(data) / 1e6:.1f} MB)")
    except ImportError as e:  # the limit expired while a native module initialised (onnxruntime wraps it)
        if isinstance(e.__cause__ or e.__context__, DocumentTimeout):
            return _timed_out(path, limit)
        raise


def _timed_out(path: str, limit: float | None) -> InputError:
    return InputError(f"{shown(path)}: extraction stopped after {limit:g} s (the limit per document; see --doc-timeout)")


class DocumentTimeout(BaseException):  # noqa: N818 (a signal, not an error of the user's)
    """Raised in the main thread when a document's time limit expires; a BaseException, like
    KeyboardInterrupt, so that no ``except Exception`` in the extractor swallows it."""


@contextlib.contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """DocumentTimeout in the block after ``seconds`` (SIGALRM: the main thread of a process only;
    a Dask worker's threads run without a limit). Raised again every 0.1 s until the block ends:
    an exception raised where Python ignores it (a gc callback, a __del__) is lost."""
    if not seconds or threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def expire(_signum: int, _frame: object) -> None:
        raise DocumentTimeout

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds, 0.1)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


class _Spill:
    """In a worker process: N-Quads go to the worker's own file and the parent copies them
    from there with the kernel, instead of receiving them pickled through a pipe and writing
    them again. Results are the biggest thing a build moves (25 bytes per byte of text), and
    with two workers on two cores the parent's share of the work set the pace."""

    path: str | None = None
    file: BinaryIO | None = None
    written = 0

    @classmethod
    def start(cls, directory: str, parent: int) -> None:
        die_with_parent(parent)
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



def die_with_parent(parent: int) -> None:
    """Have the kernel kill this process when the one that started it ends, however it ends
    (Linux: PR_SET_PDEATHSIG); without it, workers of a build killed with SIGKILL live on."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # the parent died before the request was made
        os._exit(1)


def run(items: Iterable[Work], workers: int = 1, scheduler: str | None = None,
        user: tuple[str, ...] = (), spill: Path | None = None, name_model: bool = True) -> Iterator[DocResult | InputError]:
    """Results in document order: here, in ``workers`` processes, or on the Dask cluster at ``scheduler``.
    Worker processes leave their N-Quads in files in a folder made in ``spill`` (the output's own
    folder, so the kernel copies them without a detour), removed at the end."""
    if scheduler:
        yield from _on_cluster(items, scheduler)
    elif workers > 1:
        with tempfile.TemporaryDirectory(prefix=f"{SPILL_PREFIX}{os.getpid()}-", dir=spill) as spilled, \
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
                                            initargs=(self.spill, os.getpid()))
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
