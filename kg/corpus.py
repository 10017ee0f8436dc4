"""Read a corpus folder: find files, decode them, strip markup; yield one Doc each.

Unreadable files are reported through ``on_error`` (path and reason) and skipped.
"""

from __future__ import annotations

import codecs
import html as htmllib
import os
import re
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path

from kg.errors import InputError
from kg.extract.doc import Doc
from kg.extract.lexicon import Lexicon, default_lexicon
from kg.extract.pipeline import process

SUFFIXES = (".txt", ".md", ".html", ".htm")
MAX_BYTES = 20_000_000  # a larger "document" is a dump or a mistake; --max-size raises the cap
FALLBACK_ENCODINGS = ("gb18030", "big5")
BLOCK_TAGS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "title", "section"}


def find_files(root: Path) -> Iterator[Path]:
    """Corpus files under ``root`` (or ``root`` itself), sorted, following no symlink loops."""
    if root.is_file():
        yield root
        return
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames.sort()
        for name in sorted(filenames):
            if is_corpus_name(name):
                yield Path(dirpath) / name


def is_corpus_name(name: str) -> bool:
    """Whether a file of this name is a document: a known suffix, and not hidden."""
    return name.lower().endswith(SUFFIXES) and not name.startswith(".")


def decode(data: bytes, path: Path) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, GB18030 or Big5."""
    if not data.strip():
        raise InputError(f"{path}: empty file")
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    if b"\x00" in data[:4096]:
        raise InputError(f"{path}: binary file, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        utf8_error = e
    if any(not line.isascii() and _decodes(line, "utf-8") for line in data.split(b"\n")):
        return _decode_mixed(data)  # some lines are UTF-8 text, others are not
    return _decode_legacy(data, path, utf8_error.start)


def _decode_legacy(data: bytes, path: Path, bad_byte: int) -> str:
    candidates = []
    for encoding in FALLBACK_ENCODINGS:
        try:
            candidates.append(data.decode(encoding))
        except UnicodeDecodeError:
            continue
    if not candidates:
        raise InputError(f"{path}: not valid UTF-8, GB18030 or Big5 (byte {bad_byte})")
    return max(candidates, key=_common_han_share)


def _decode_mixed(data: bytes) -> str:
    """A file that changes encoding mid-way (concatenated downloads): each line on its own."""
    lines = data.split(b"\n")
    legacy = b"\n".join(line for line in lines if not _decodes(line, "utf-8"))
    encoding = max(FALLBACK_ENCODINGS, key=lambda enc: _common_han_share(legacy.decode(enc, errors="replace")))
    return "\n".join(line.decode("utf-8") if _decodes(line, "utf-8") else line.decode(encoding, errors="replace")
                     for line in lines)


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def _common_han_share(text: str) -> int:
    """How many characters fall in the common CJK block: GB text read as Big5 does not."""
    return sum(1 for c in text if "\u4e00" <= c <= "\u9fa5")


class _TextOfHtml(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "noscript", "template"):
            self._skip += 1
        elif tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "noscript", "template"):
            self._skip = max(0, self._skip - 1)
        elif tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    """Text of an HTML page, scripts and styles dropped, blocks on their own lines."""
    parser = _TextOfHtml()
    try:
        parser.feed(html)
        parser.close()
    except (AssertionError, ValueError):  # html.parser gives up on some broken markup, e.g. "<![-"
        return _strip_tags(html)
    return "".join(parser.parts)


RE_HIDDEN = re.compile(r"<(script|style|noscript|template)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
RE_TAG = re.compile(r"<[^>]*>")


def _strip_tags(html: str) -> str:
    """The fallback for markup html.parser refuses: drop hidden blocks and tags, unescape entities."""
    return htmllib.unescape(RE_TAG.sub("\n", RE_HIDDEN.sub("", html)))


def read_bytes(path: Path, max_bytes: int = MAX_BYTES) -> bytes:
    """A file's bytes, or InputError saying why not (missing, unreadable, looping link, too large)."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(f"{path}: too large ({size / 1e6:.1f} MB; the limit is {max_bytes / 1e6:g} MB, see --max-size)")
        return path.read_bytes()
    except OSError as e:
        raise InputError(f"{path}: {(e.strerror or str(e)).lower()}") from None


def doc_from_bytes(data: bytes, path: Path, doc_id: str) -> Doc:
    text = decode(data, path)
    if path.suffix.lower() in (".html", ".htm"):
        text = html_to_text(text)
    return Doc(doc_id=doc_id, path=str(path), raw=text)


def read_doc(path: Path, doc_id: str, max_bytes: int = MAX_BYTES) -> Doc:
    return doc_from_bytes(read_bytes(path, max_bytes), path, doc_id)


def corpus_files(root: Path) -> Iterator[tuple[Path, str]]:
    """(path, document id) of every corpus file; the id is the path relative to the corpus."""
    base = root if root.is_dir() else root.parent
    for path in find_files(root):
        yield path, path.relative_to(base).as_posix()


def read_corpus(root: Path, on_error: Callable[[InputError], None], max_bytes: int = MAX_BYTES) -> Iterator[Doc]:
    """One Doc per readable file, read when it is needed; each unreadable one goes to ``on_error``."""
    for path, doc_id in corpus_files(root):
        try:
            yield read_doc(path, doc_id, max_bytes)
        except InputError as e:
            on_error(e)


def process_corpus(root: Path, lexicon: Lexicon | None = None,
                   on_error: Callable[[InputError], None] | None = None) -> Iterator[Doc]:
    """Processed Docs of a corpus folder, one at a time (memory stays flat)."""
    lexicon = lexicon or default_lexicon()
    errors: list[InputError] = []
    for doc in read_corpus(root, on_error or errors.append):
        yield process(doc, lexicon)
