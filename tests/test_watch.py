"""kg build --watch: a real process, real files, changes seen through the operating system."""

from __future__ import annotations

import queue
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from kg.build import build
from kg.cli import rebuild_on_change
from kg.watch import CorpusWatcher

SAMPLE = Path(__file__).resolve().parent.parent / "corpus"


class Lines:
    """stderr of a running process, line by line, read in a thread so that waiting can time out."""

    def __init__(self, process: subprocess.Popen) -> None:
        self.lines: queue.Queue[str] = queue.Queue()
        self.stream = process.stderr
        self.reader = threading.Thread(target=lambda: [self.lines.put(line) for line in self.stream], daemon=True)
        self.reader.start()

    def close(self) -> None:
        """After the process ended: the rest is read, then the pipe closed."""
        self.reader.join(timeout=10)
        self.stream.close()

    def wait_for(self, text: str, timeout: float = 120, *, next_line: bool = False) -> str:
        """The first line with ``text``, lines before it passed over; with ``next_line``, the next line,
        which must have it."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.1)
            except queue.Empty:
                continue
            assert "Traceback" not in line and "Error" not in line, line
            if text in line:
                return line
            assert not next_line, f"{line!r} came before the line with {text!r}"
        raise AssertionError(f"no line with {text!r} within {timeout} s")

    def quiet_for(self, seconds: float) -> bool:
        time.sleep(seconds)
        return self.lines.empty()


def save(path: Path, data: bytes) -> None:
    """As editors do: written beside, renamed into place, so that the watch sees one whole change."""
    part = path.parent.parent / f"{path.name}.part"
    part.write_bytes(data)
    part.replace(path)


def fresh_build(corpus: Path, tmp_path: Path) -> bytes:
    return build(corpus, tmp_path / "fresh.nq").output.read_bytes()


def test_watch_rebuilds_after_each_change_and_stops_cleanly(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for path in sorted(SAMPLE.glob("*.txt"))[:3]:
        shutil.copy(path, corpus)
    out = tmp_path / "graph.nq"
    process = subprocess.Popen([sys.executable, "-m", "kg", "build", str(corpus), "-o", str(out), "--watch",
                                "--cache-dir", str(tmp_path / "cache")], stderr=subprocess.PIPE, text=True)
    stderr = Lines(process)
    try:
        assert "Built 3 documents:" in stderr.wait_for("Built")
        stderr.wait_for("Watching for changes", next_line=True)

        edited = sorted(corpus.glob("*.txt"))[0]
        save(edited, edited.read_bytes() + "\n萧山区图灵小镇聚焦人工智能产业。\n".encode())
        assert "1 file changed. Built 3 documents, 2 from cache" in stderr.wait_for("changed", next_line=True)
        assert out.read_bytes() == fresh_build(corpus, tmp_path)
        assert "图灵小镇" in out.read_text(encoding="utf-8")

        (corpus / "notes.json").write_text("{}", encoding="utf-8")  # not a document: no rebuild
        (corpus / "empty").mkdir()  # a folder without documents: none either
        assert stderr.quiet_for(1.0)

        bad = corpus / "bad.txt"
        save(bad, b"\x00\x01\x02")  # reported and skipped; the rest is built
        assert "bad.txt: binary file" in stderr.wait_for("Warning: skipped", next_line=True)  # nothing rebuilt before
        assert "1 file changed. Built 3 documents (1 skipped), 3 from cache" in stderr.wait_for("changed", next_line=True)
        bad.unlink()
        assert "1 file changed. Built 3 documents, 3 from cache" in stderr.wait_for("changed", next_line=True)

        added = corpus / "more" / "added.txt"
        added.parent.mkdir()  # the document put in at once: before the system watches the new folder, maybe
        save(added, sorted(SAMPLE.glob("*.txt"))[5].read_bytes())
        assert "1 file changed. Built 4 documents, 3 from cache" in stderr.wait_for("changed", next_line=True)
        assert out.read_bytes() == fresh_build(corpus, tmp_path)

        added.unlink()
        assert "1 file changed. Built 3 documents, 3 from cache" in stderr.wait_for("changed", next_line=True)
        last = out.read_bytes()
        assert last == fresh_build(corpus, tmp_path)

        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=60) == 0
        assert "Stopped watching" in stderr.wait_for("Stopped")
        assert out.read_bytes() == last
    finally:
        process.kill()
        process.wait()
        stderr.close()


def next_changes(changes: CorpusWatcher, timeout: float = 60) -> set[str]:
    """changes.wait(), failing rather than waiting for ever."""
    got: queue.Queue[set[str] | BaseException] = queue.Queue()

    def wait() -> None:
        try:
            got.put(changes.wait())
        except BaseException as e:  # noqa: BLE001 (given to the test's thread)
            got.put(e)

    threading.Thread(target=wait, daemon=True).start()
    try:
        batch = got.get(timeout=timeout)
    except queue.Empty:
        raise AssertionError(f"no change reported within {timeout} s") from None
    if isinstance(batch, BaseException):
        raise batch
    return batch


def test_watcher_reports_the_changed_documents_only(tmp_path: Path) -> None:
    with CorpusWatcher(tmp_path) as changes:  # entered: the system's watch is in place
        (tmp_path / "a.txt").write_text("一", encoding="utf-8")
        (tmp_path / ".hidden.txt").write_text("二", encoding="utf-8")
        (tmp_path / "b.csv").write_text("三", encoding="utf-8")
        assert next_changes(changes) == {str(tmp_path / "a.txt")}


def test_watcher_reports_the_documents_of_a_folder_put_in_at_once_and_of_one_taken_away(tmp_path: Path) -> None:
    """The system watches a new folder only once it has seen it made: documents put in at once are
    found in it. Documents in a folder made beforehand and then moved in are reported too."""
    corpus = tmp_path / "corpus"
    (corpus / "old").mkdir(parents=True)
    (corpus / "old" / "kept.txt").write_text("一", encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "inner").mkdir(parents=True)
    for name in ("x.txt", "inner/y.md", "notes.json"):
        (elsewhere / name).write_text("二", encoding="utf-8")
    with CorpusWatcher(corpus) as changes:
        for attempt in range(20):  # a race: each time, a new folder and a document in it at once
            (corpus / f"new{attempt}").mkdir()
            (tmp_path / "doc.txt").write_text(str(attempt), encoding="utf-8")
            (tmp_path / "doc.txt").replace(corpus / f"new{attempt}" / "doc.txt")
            assert next_changes(changes) == {str(corpus / f"new{attempt}" / "doc.txt")}
        elsewhere.rename(corpus / "moved")
        assert next_changes(changes) == {str(corpus / "moved" / "x.txt"), str(corpus / "moved" / "inner" / "y.md")}
        (corpus / "moved" / "inner" / "z.txt").write_text("三", encoding="utf-8")  # watched now, the folders moved in too
        assert next_changes(changes) == {str(corpus / "moved" / "inner" / "z.txt")}
        (corpus / "old").rename(tmp_path / "old")  # its documents go with it, unreported one by one
        assert next_changes(changes) == {str(corpus / "old")}
        (corpus / "new0" / "doc.txt").write_text("changed", encoding="utf-8")  # still reported after all that
        assert next_changes(changes) == {str(corpus / "new0" / "doc.txt")}


def test_watch_ends_with_an_error_when_the_corpus_is_removed(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(sorted(SAMPLE.glob("*.txt"))[0], corpus)
    process = subprocess.Popen([sys.executable, "-m", "kg", "build", str(corpus), "-o", str(tmp_path / "graph.nq"),
                                "--watch", "--no-cache"], stderr=subprocess.PIPE, text=True)
    stderr = Lines(process)
    try:
        stderr.wait_for("Watching for changes")
        shutil.rmtree(corpus)
        assert process.wait(timeout=30) == 1
    finally:
        process.kill()
        process.wait()
        stderr.close()
    rest = list(stderr.lines.queue)
    assert rest == [f"Error: stopped watching {corpus}: it was removed\n"]
    assert (tmp_path / "graph.nq").exists()


def test_ctrl_c_while_a_rebuild_initialises_a_native_module_stops_watching(tmp_path: Path, capsys) -> None:
    """Ctrl-C while onnxruntime initialises (the first document extracted in this process) comes out
    of the import as ImportError('initialization failed'): still Ctrl-C, still exit 0."""
    def rebuild() -> None:
        try:
            raise KeyboardInterrupt
        except KeyboardInterrupt as e:
            raise ImportError("initialization failed") from e

    rebuild_on_change(iter([{"a.txt"}]), rebuild, tmp_path / "g.nq")
    assert "Stopped watching" in capsys.readouterr().err
