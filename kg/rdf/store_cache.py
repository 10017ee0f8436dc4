"""A graph file's on-disk Oxigraph store, built once and opened in milliseconds afterwards.

The first command that reads a graph file bulk-loads it into a RocksDB store in a hidden
folder beside it (``.graph.nq.kgstore/``; in ``~/.cache/kg/stores/`` when that folder cannot be
written). Each store lives in a sub-folder named by the file's key: its resolved path, size,
modification time, a hash of its first and last 64 KiB, and the pyoxigraph version. A file that
changed has another key, so a stale store is never opened: it is rebuilt, and the stale one
removed. A store is built in a temporary sub-folder under a lock and renamed into place when
complete, so commands started together build it once and a killed build leaves nothing that
could be opened. Stores are opened read-only, by any number of processes at once.

A store holds each document's named graph and, as its default graph, their union: every
distinct triple once. Queries over the whole file read that default graph, so a triple stated
in a thousand documents is matched once, as SPARQL's union of graphs means (Oxigraph 0.5's own
union default graph yields it once per graph: counts come out inflated and joins multiply).
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import shutil
import tempfile
import threading
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.errors import QueryError
from kg.rdf.formats import rdf_format
from kg.rdf.graph import MERGED_IRI

MERGED = ox.NamedNode(MERGED_IRI)  # the named graph of the merged layer
OX_FORMATS = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "nq": ox.RdfFormat.N_QUADS,
              "trig": ox.RdfFormat.TRIG, "jsonld": ox.RdfFormat.JSON_LD}
EDGE_BYTES = 1 << 16  # hashed at each end of the file
META = "kg-store.json"
LAYOUT = 2  # 2: the union of the named graphs kept as the default graph


class GraphStore:
    """A read-only store of one graph file; with ``merged``, queries see only the merged layer as
    their default graph (every entity and relation once, no provenance)."""

    def __init__(self, store: ox.Store, meta: dict[str, Any], merged: bool = False, folder: Path | None = None) -> None:
        self.store, self.meta, self.merged, self.folder = store, meta, merged, folder

    def with_layer(self, merged: bool) -> GraphStore:
        """The same store, querying its merged layer or the union of its graphs."""
        return GraphStore(self.store, self.meta, merged, self.folder)

    def query(self, sparql: str, **options: Any) -> Any:
        """A query over the union of the document graphs (the store's default graph), or over the
        merged layer alone; ``GRAPH ?g`` reaches one document either way."""
        options.pop("use_default_graph_as_union", None)
        if self.merged:
            options["default_graph"] = MERGED
        return self.store.query(sparql, **options)

    def quads_for_pattern(self, *pattern: Any) -> Any:
        return self.store.quads_for_pattern(*pattern)

    def __len__(self) -> int:
        return int(self.meta["merged" if self.merged else "quads"])

    def __iter__(self) -> Any:
        """The file's statements: each quad of its named graphs (the default graph is their union)."""
        return (q for q in self.store if not isinstance(q.graph_name, ox.DefaultGraph) or not self.meta.get("graphs"))


def load_memory(path: Path) -> ox.Store:
    """The whole graph file in an in-memory store (for updates, which rewrite the file)."""
    store = ox.Store()
    _bulk_load(store, path)
    return store


def _bulk_load(store: ox.Store, path: Path) -> None:
    try:
        store.bulk_load(path=str(path), format=OX_FORMATS[rdf_format(path).extension])
    except (SyntaxError, ValueError, OSError) as e:
        raise QueryError(f"cannot load {path}: {e}") from None


def _bulk_load_with_union(store: ox.Store, path: Path) -> tuple[int, bool]:
    """Load the file's quads and, into the default graph, each of its triples once: two bulk
    loads of the same file at once (the quads in Rust, the triples from a second parse in a
    thread), whose sorted runs drop the repeats. (statements read, whether any was in a named graph)"""
    fmt = OX_FORMATS[rdf_format(path).extension]
    if not fmt.supports_datasets:
        _bulk_load(store, path)
        return len(store), False
    read = [0, False]
    failed: list[BaseException] = []

    def triples() -> Any:
        for quad in ox.parse(path=str(path), format=fmt):
            read[0] += 1
            if not isinstance(quad.graph_name, ox.DefaultGraph):
                read[1] = True
                yield ox.Quad(quad.subject, quad.predicate, quad.object)

    def load_triples() -> None:
        try:
            store.bulk_extend(triples())
        except BaseException as e:  # noqa: BLE001 (reported by the caller's thread)
            failed.append(e)

    union = threading.Thread(target=load_triples, name="kg-store-union")
    union.start()
    try:
        _bulk_load(store, path)
    finally:
        union.join()
    if failed:
        error = failed[0]
        if isinstance(error, (SyntaxError, ValueError, OSError)):
            raise QueryError(f"cannot load {path}: {error}") from None
        raise error
    return read[0], read[1]


def file_key(path: Path) -> str:
    """What identifies this version of the file: a change to any part gives another key."""
    info = path.stat()
    digest = hashlib.sha256()
    with path.open("rb") as f:
        digest.update(f.read(EDGE_BYTES))
        if info.st_size > EDGE_BYTES:
            f.seek(max(EDGE_BYTES, info.st_size - EDGE_BYTES))
            digest.update(f.read(EDGE_BYTES))
    key = [str(path.resolve()), info.st_size, info.st_mtime_ns, info.st_ino, digest.hexdigest(), ox.__version__, LAYOUT]
    return hashlib.sha256(json.dumps(key).encode()).hexdigest()[:24]


def store_home(path: Path) -> Path:
    """The folder holding a graph file's stores: beside it when writable, else in the cache."""
    beside = path.resolve().parent / f".{path.name}.kgstore"
    try:
        beside.mkdir(exist_ok=True)
        if os.access(beside, os.W_OK | os.X_OK):
            return beside
    except OSError:
        pass
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "kg" / "stores"
    home = cache / hashlib.sha256(str(path.resolve()).encode()).hexdigest()[:24]
    try:
        home.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise QueryError(f"cannot keep a store for {path}: {e.strerror}: {home}") from None
    return home


def open_graph(path: Path, merged: bool = False) -> GraphStore:
    """The graph file's store, built first if missing or stale; QueryError if the file cannot be read."""
    try:
        key = file_key(path)
    except OSError as e:
        raise QueryError(f"cannot read {path}: {e.strerror}") from None
    home = store_home(path)
    folder = home / key
    if not (folder / META).is_file():
        with _locked(home):
            if not (folder / META).is_file():
                _build(path, home, key)
    try:
        meta = json.loads((folder / META).read_text(encoding="utf-8"))
        store = ox.Store.read_only(str(folder))
    except (OSError, ValueError) as e:
        raise QueryError(f"cannot open the store of {path} ({folder}): {e}") from None
    if merged and not meta.get("merged"):
        raise QueryError(f"{path} has no merged layer (graph {MERGED.value}); build it again with kg build")
    return GraphStore(store, meta, merged, folder)


@contextlib.contextmanager
def _locked(home: Path):
    with open(home / "lock", "a+b") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes, or when its process dies
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _build(path: Path, home: Path, key: str) -> None:
    """Bulk-load the file into a temporary folder, count it, and rename it into place; remove the
    stale stores and what killed builds left (no other build runs: the caller holds the lock)."""
    for old in home.iterdir():
        if old.is_dir() and old.name != key:
            shutil.rmtree(old, ignore_errors=True)
    building = Path(tempfile.mkdtemp(prefix="building-", dir=home))
    try:
        store = ox.Store(str(building))
        quads, graphs = _bulk_load_with_union(store, path)
        count = store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{MERGED_IRI}> {{ ?s ?p ?o }} }}")
        merged = int(next(iter(count))[0].value)
        store.flush()
        del store  # closes the database before its folder is renamed
        meta = {"source": str(path.resolve()), "quads": quads, "merged": merged, "graphs": graphs}
        (building / META).write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
        os.rename(building, home / key)
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise
