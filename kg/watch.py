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
from collections.abc import Iterator
from pathlib import Path

from kg.corpus import is_corpus_name
from kg.errors import KgError


class CorpusWatcher:
    """Paths of corpus files changed, added or removed under ``corpus``, collected from the moment
    it is entered, in a thread of its own: a change made while a build runs waits for the next."""

    def __init__(self, corpus: Path, settle_ms: int = 50) -> None:
        self.corpus = corpus
        self.settle_ms = settle_ms  # quiet time before a batch of changes is reported (editors save in steps)
        self._batches: queue.Queue[set[str] | Exception] = queue.Queue()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, name="kg-watch", daemon=True)

    def __enter__(self) -> CorpusWatcher:
        self._thread.start()
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
            for changes in watch(self.corpus, watch_filter=lambda _change, path: is_corpus_name(os.path.basename(path)),
                                 step=self.settle_ms, stop_event=self._stop, raise_interrupt=False):
                self._batches.put({path for _change, path in changes})
            if not self._stop.is_set():
                self._batches.put(OSError("the system stopped reporting changes"))
        except Exception as e:  # noqa: BLE001 (the folder vanished, too many watches…: told to the waiting side)
            self._batches.put(e)
