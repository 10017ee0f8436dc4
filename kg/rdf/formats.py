"""The one table of formats: file extensions ↔ rdflib names ↔ media types; result formats."""

from __future__ import annotations

import enum
import errno
import os
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from kg.errors import FormatError, OutputError

if TYPE_CHECKING:  # rdflib is imported where it is used: building needs no rdflib
    from rdflib import Dataset, Graph


@dataclass(frozen=True)
class RdfFormat:
    extension: str
    rdflib_name: str
    media_type: str
    quads: bool  # keeps one named graph per document


RDF_FORMATS = {
    f.extension: f
    for f in (
        RdfFormat("ttl", "turtle", "text/turtle", False),
        RdfFormat("nt", "nt", "application/n-triples", False),
        RdfFormat("nq", "nquads", "application/n-quads", True),
        RdfFormat("trig", "trig", "application/trig", True),
        RdfFormat("jsonld", "json-ld", "application/ld+json", True),
    )
}


class ResultFormat(enum.StrEnum):
    table = "table"
    csv = "csv"
    tsv = "tsv"
    json = "json"


def rdf_format(path: Path | str, override: str | None = None) -> RdfFormat:
    """The format named by ``override`` or by the file's extension."""
    name = (override or Path(str(path)).suffix).lstrip(".").lower()
    if name in RDF_FORMATS:
        return RDF_FORMATS[name]
    choices = " ".join("." + e for e in RDF_FORMATS)
    raise FormatError(f"cannot tell the RDF format from '{path}'. Use one of {choices}, or pass --format.")


def serialize(dataset: Dataset, fmt: RdfFormat) -> bytes:
    target: Graph | Dataset = dataset if fmt.quads else _union(dataset)
    return target.serialize(format=fmt.rdflib_name, encoding="utf-8")


def _union(dataset: Dataset) -> Graph:
    from rdflib import Graph

    graph = Graph()
    for prefix, ns in dataset.namespaces():
        graph.bind(prefix, ns)
    for s, p, o, _g in dataset.quads((None, None, None, None)):
        graph.add((s, p, o))
    return graph


def current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


SPILL_PREFIX = ".kg-spill-"  # + pid + "-": a build's worker spill folder, beside its output
PART_SUFFIXES = (".part", ".part.nq")  # a temporary output, and its N-Quads when the output is another format


@contextmanager
def atomic_file(output: Path) -> Iterator[Path]:
    """A temporary path beside ``output``, renamed onto it only if the block succeeds: an
    interrupted write never leaves a half-written ``output``, nor the temporary file.
    Any OSError on the way is an OutputError: one line saying which file and why."""
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        if len(os.fsencode(output.name)) > _name_max(output.parent):
            raise OSError(errno.ENAMETOOLONG, os.strerror(errno.ENAMETOOLONG))
    except OSError as e:
        raise _output_error(output, e) from None
    part = part_path(output)
    try:
        yield part
        os.chmod(part, 0o666 & ~current_umask())
        os.replace(part, output)
    except OSError as e:
        raise _output_error(output, e) from None
    finally:
        with suppress(OSError):
            part.unlink(missing_ok=True)


def _output_error(output: Path, error: OSError) -> OutputError:
    reason = (error.strerror or str(error)).lower()
    return OutputError(f"cannot write {os.fsencode(output).decode('utf-8', 'backslashreplace')}: {reason}")


def _name_max(folder: Path) -> int:
    try:
        return os.pathconf(folder, "PC_NAME_MAX")
    except (OSError, ValueError):
        return 255


def part_path(output: Path, pid: int | None = None) -> Path:
    """``.NAME.PID.part`` beside ``output``; NAME cut short where the whole would pass the file
    system's limit on a name (an output name may use all of it)."""
    pid = os.getpid() if pid is None else pid
    room = _name_max(output.parent) - len(f"..{pid}") - max(map(len, PART_SUFFIXES))
    name = os.fsdecode(os.fsencode(output.name)[:room])
    return output.with_name(f".{name}.{pid}.part")


def remove_stale_temporaries(output: Path) -> None:
    """Remove what builds killed outright (SIGKILL, power loss) left beside ``output``: its
    temporary files and the workers' spill folders, where the process named in them is gone."""
    stem = re.escape(part_path(output, 0).name.removesuffix(".0.part"))
    parts = re.compile(rf"{stem}\.(\d+)(?:{'|'.join(map(re.escape, PART_SUFFIXES))})")
    spills = re.compile(rf"{re.escape(SPILL_PREFIX)}(\d+)-.*")
    try:
        entries = list(os.scandir(output.parent))
    except OSError:
        return
    for entry in entries:
        if (found := parts.fullmatch(entry.name)) and not pid_alive(int(found[1])):
            with suppress(OSError):
                os.unlink(entry.path)
        elif (found := spills.fullmatch(entry.name)) and not pid_alive(int(found[1])):
            shutil.rmtree(entry.path, ignore_errors=True)


def pid_alive(pid: int) -> bool:
    """Whether a process of this id runs (a zombie, dead but not yet reaped, does not)."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    try:
        with open(f"/proc/{pid}/stat", "rb") as info:
            return info.read().rsplit(b") ", 1)[1][:1] != b"Z"
    except (OSError, IndexError):
        return True


def write_atomic(path: Path, data: bytes) -> None:
    """Write bytes through atomic_file."""
    with atomic_file(path) as part:
        part.write_bytes(data)


class RangeCopier:
    """Appends ranges of other files to an unbuffered ``sink``: copied by the kernel
    (copy_file_range) where it can, through memory where it cannot. Source files stay open
    until close(): a build copies thousands of ranges from a few spill files."""

    def __init__(self, sink: BinaryIO) -> None:
        self.sink = sink
        self.sources: dict[str, BinaryIO] = {}

    def append(self, path: str, offset: int, length: int) -> None:
        source = self.sources.get(path) or self.sources.setdefault(path, open(path, "rb"))  # noqa: SIM115
        try:
            while length > 0:
                copied = os.copy_file_range(source.fileno(), self.sink.fileno(), length, offset)
                if copied == 0:
                    raise OSError(f"{path} ends before its last {length} bytes")
                offset, length = offset + copied, length - copied
            return
        except (AttributeError, OSError) as e:  # no copy_file_range here, or not between these files
            if not isinstance(e, AttributeError) and e.errno not in _NO_KERNEL_COPY:
                raise
        source.seek(offset)
        while length > 0:
            chunk = source.read(min(length, 1 << 20))
            if not chunk:
                raise OSError(f"{path} ends before its last {length} bytes")
            write_all(self.sink, chunk)
            length -= len(chunk)

    def close(self) -> None:
        for source in self.sources.values():
            source.close()
        self.sources.clear()

    def __enter__(self) -> RangeCopier:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def write_all(sink: BinaryIO, data: bytes) -> None:
    """Write all of ``data`` to an unbuffered file, which may take fewer bytes per call."""
    view = memoryview(data)
    while view:
        view = view[sink.write(view) or 0:]


def append_range(sink: BinaryIO, path: str, offset: int, length: int) -> None:
    """Append one range of a file to ``sink`` (see RangeCopier)."""
    with RangeCopier(sink) as copier:
        copier.append(path, offset, length)


_NO_KERNEL_COPY = {errno.EXDEV, errno.ENOSYS, errno.EOPNOTSUPP, errno.EINVAL, errno.EBADF}


def read_dataset(path: Path, override: str | None = None) -> Dataset:
    """Parse a graph file into an rdflib Dataset (named graphs kept for quad formats)."""
    from rdflib import Dataset

    fmt = rdf_format(path, override)
    dataset = Dataset()
    try:
        dataset.parse(str(path), format=fmt.rdflib_name)
    except Exception as e:  # rdflib raises many kinds; all mean a bad file
        raise FormatError(f"cannot read {path} as {fmt.extension}: {e}".splitlines()[0]) from None
    return dataset
