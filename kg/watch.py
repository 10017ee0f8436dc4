"""Changes to a corpus as they happen: what ``kg build --watch`` rebuilds on.

A one-off rebuild pays again for starting Python and kg and loading jieba-rs's dictionary
and the lexicon, about a third of a second; a process that watches pays once, and the cache holds every
unchanged document's triples, so each change costs extracting the changed documents and
copying the rest into a new output. The operating system reports the changes (inotify on
Linux, through watchfiles), so watching a large corpus costs nothing while it is idle.

    with CorpusWatcher(corpus) as changes:
        build(corpus, output, cache_dir=cache)
        for changed in changes:     # blocks until files change; Ctrl-C stops it
            build(corpus, output, cache_dir=cache)
"""

from __future__ import annotations

import os
import queue
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path

from kg.corpus import find_files, is_corpus_name
from kg.errors import KgError


class CorpusWatcher:
    """Paths of corpus files changed, added or removed under ``corpus``, collected from the moment
    it is entered, in a thread of its own: a change made while a build runs waits for the next."""

    def __init__(self, corpus: Path, settle_ms: int = 50) -> None:
        self.corpus = corpus
        self.settle_ms = settle_ms  # quiet time before a batch of changes is reported (editors save in steps)
        self._batches: queue.Queue[set[str] | Exception] = queue.Queue()
        self._stop = _StopEvent()
        self._thread = threading.Thread(target=self._watch, name="kg-watch", daemon=True)
        self._folders: set[str] = set()  # the corpus's folders, kept by the watching thread
        self._found: dict[str, tuple[int, ...] | None] = {}  # documents found in folders added, and their versions then,
        self._found_before: dict[str, tuple[int, ...] | None] = {}  # in this batch and the one before

    def __enter__(self) -> CorpusWatcher:
        """Returns once the system's watch is in place (or failed: the first wait() says why)."""
        self._thread.start()
        self._stop.watching.wait()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()  # watchfiles looks at it every settle_ms
        self._thread.join(timeout=5)

    def __iter__(self) -> Iterator[set[str]]:
        while True:
            yield self.wait()

    def wait(self) -> set[str]:
        """The paths changed since the last call, waiting for at least one."""
        batch = self._next(block=True)
        while True:
            try:
                batch |= self._next(block=False)
            except queue.Empty:
                break
        if not self.corpus.exists():  # the system stops reporting on a folder that is gone
            raise KgError(f"stopped watching {self.corpus}: it was removed")
        return batch

    def _next(self, block: bool) -> set[str]:
        while True:
            try:
                batch = self._batches.get(block=block, timeout=0.5 if block else None)
            except queue.Empty:
                if block:
                    continue  # wake up now and then, so that Ctrl-C is seen at once
                raise
            if isinstance(batch, Exception):
                raise KgError(f"stopped watching {self.corpus}: {batch}")
            return batch

    def _watch(self) -> None:
        try:
            from watchfiles import watch
            root = os.path.abspath(self.corpus)  # as the system gives paths: compared with the folders' below
            self._folders = {os.path.join(top, name) for top, names, _ in os.walk(root) for name in names}
            for changes in watch(root, watch_filter=None, step=self.settle_ms, stop_event=self._stop,
                                 raise_interrupt=False):
                if batch := self._documents(changes, root):
                    self._batches.put(batch)
            if not self._stop.is_set():
                self._batches.put(OSError("the system stopped reporting changes"))
        except Exception as e:  # noqa: BLE001 (the folder vanished, too many watches…: told to the waiting side)
            self._batches.put(e)
        finally:
            self._stop.watching.set()  # the entering side waits no longer

    def _documents(self, changes: Iterable[tuple[object, str]], root: str) -> set[str]:
        """The documents a batch of the system's changes touches.

        A folder added (made, copied or moved in) counts as the documents found in it: the system
        watches a new folder only from when it has seen it made, so documents put in at once would
        go unreported. One it did report as well, unchanged since it was found, is not reported
        twice (its report comes in the batch of the finding or the next). A folder removed or moved
        away counts as itself, unless documents under it are reported. ``_folders``, the corpus's
        folders (so that a path gone is known as one), is kept up to date."""
        self._found_before, self._found = self._found, {}
        batch: set[str] = set()
        gone: list[str] = []
        files: list[str] = []
        for path in {path for _change, path in changes}:
            if os.path.isdir(path) and not os.path.islink(path):  # as find_files: a link to a folder is not followed
                if path not in self._folders and path != root:
                    self._folders.add(path)
                    self._folders.update(os.path.join(top, name) for top, names, _ in os.walk(path) for name in names)
                    for document in map(str, find_files(Path(path))):
                        self._found[document] = _version(document)
                        batch.add(document)
            elif path in self._folders:
                gone.append(path)
            elif path == root:  # the corpus itself gone: wait() says so
                batch.add(path)
            elif is_corpus_name(os.path.basename(path)):
                files.append(path)
        for path in files:  # after the folders: a document both found and reported is known as one
            found = self._found.pop(path, None) or self._found_before.pop(path, None)
            if found is None or found != _version(path):
                batch.add(path)
        for folder in gone:
            inside = folder + os.sep
            self._folders.difference_update([known for known in self._folders if known == folder or known.startswith(inside)])
            if not any(path.startswith(inside) for path in batch):
                batch.add(folder)
        return batch


class _StopEvent(threading.Event):
    """Tells watchfiles to stop; and, as watchfiles looks at it (every ``step`` ms from when its
    watch is in place, never before), tells the entering side that changes are being collected."""

    def __init__(self) -> None:
        super().__init__()
        self.watching = threading.Event()

    def is_set(self) -> bool:
        self.watching.set()
        return super().is_set()


def _version(path: str) -> tuple[int, ...] | None:
    """What tells one version of a file from another without reading it; None when it is gone."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns
