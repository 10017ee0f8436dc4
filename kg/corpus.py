"""Read a corpus folder: find files, decode them, strip markup; yield one Doc each.

Unreadable files are reported through ``on_error`` (path and reason) and skipped.
"""

from __future__ import annotations

import codecs
import html as htmllib
import logging
import os
import re
import stat
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


def find_files(root: Path, on_error: Callable[[InputError], None] | None = None) -> Iterator[Path]:
    """Corpus files under ``root`` (or ``root`` itself), sorted, following no symlink loops.
    A folder that cannot be listed goes to ``on_error``."""
    if not root.is_dir():
        yield root
        return

    def unlisted(error: OSError) -> None:
        if on_error:
            on_error(InputError(f"{shown(error.filename or root)}: cannot list folder: {_reason(error)}"))

    for dirpath, dirnames, filenames in os.walk(root, onerror=unlisted, followlinks=False):
        dirnames.sort()
        for name in sorted(filenames):
            if is_corpus_name(name):
                yield Path(dirpath) / name


def shown(path: Path | str | bytes) -> str:
    """A path as text that can always be printed and encoded: bytes of a file name that are
    not UTF-8 (Linux allows any) appear as \\xff escapes."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def _reason(error: OSError) -> str:
    return (error.strerror or str(error)).lower()


def is_corpus_name(name: str) -> bool:
    """Whether a file of this name is a document: a known suffix, and not hidden."""
    return name.lower().endswith(SUFFIXES) and not name.startswith(".")


def decode(data: bytes, path: Path) -> str:
    """UTF-8 (with or without BOM), UTF-16 (with BOM, or without one where the text says so), GB18030 or Big5."""
    return decode_noting(data, path)[0]


def decode_noting(data: bytes, path: Path) -> tuple[str, str | None]:
    """The text, and a note of what was repaired to get it (bytes replaced), or None."""
    if not data.strip():
        raise InputError(f"{shown(path)}: empty file")
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(encoding, errors="replace"), None
    if b"\x00" in data[:4096]:
        text = _utf16_without_bom(data)
        if text is None:
            raise InputError(f"{shown(path)}: binary file, not text")
        return text, None
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as e:
        utf8_error = e
    lines = data.split(b"\n")
    if not any(_legacy_line(line) for line in lines):  # UTF-8 with a few broken bytes
        text, replaced = _utf8_replacing(data)
        return text, f"{replaced} byte{'s' if replaced > 1 else ''} not valid UTF-8, replaced with U+FFFD"
    if any(not line.isascii() and _decodes(line, "utf-8") for line in lines):
        return _decode_mixed(data), None  # some lines are UTF-8 text, others are not
    return _decode_legacy(data, path, utf8_error.start), None


RE_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")
RE_TEXTLIKE = re.compile("[\t\n\r\x20-\x7e\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def _utf8_replacing(data: bytes) -> tuple[str, int]:
    """UTF-8, each byte that is not valid UTF-8 replaced by U+FFFD; and how many there were."""
    text, replaced = RE_ESCAPED_BYTE.subn("\ufffd", data.decode("utf-8", errors="surrogateescape"))
    return text, replaced


def _legacy_line(line: bytes) -> bool:
    """Whether a line that is not valid UTF-8 is in another encoding, rather than UTF-8 with a
    broken byte or two: GB18030 or Big5 read as UTF-8 gives more invalid bytes than characters."""
    if _decodes(line, "utf-8"):
        return False
    text = line.decode("utf-8", errors="surrogateescape")
    invalid = len(RE_ESCAPED_BYTE.findall(text))
    return invalid > sum(1 for c in text if not c.isascii()) - invalid


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text saved without a byte order mark (the NUL bytes of its ASCII betray it), or None."""
    if len(data) % 2:
        return None
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text and len(RE_TEXTLIKE.findall(text)) >= 0.95 * len(text):
            return text
    return None


def _decode_legacy(data: bytes, path: Path, bad_byte: int) -> str:
    candidates = []
    for encoding in FALLBACK_ENCODINGS:
        try:
            candidates.append(data.decode(encoding))
        except UnicodeDecodeError:
            continue
    if not candidates:
        raise InputError(f"{shown(path)}: not valid UTF-8, GB18030 or Big5 (byte {bad_byte})")
    return max(candidates, key=_common_han_share)


def _decode_mixed(data: bytes) -> str:
    """A file that changes encoding mid-way (concatenated downloads): each line on its own."""
    lines = data.split(b"\n")
    legacy = b"\n".join(line for line in lines if _legacy_line(line))
    encoding = max(FALLBACK_ENCODINGS, key=lambda enc: _common_han_share(legacy.decode(enc, errors="replace")))
    return "\n".join(line.decode(encoding, errors="replace") if _legacy_line(line) else _utf8_replacing(line)[0]
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
    """The title and main text of an HTML page: navigation, footers and share blocks left out
    (trafilatura); the whole page's text where that finds too little of it."""
    whole = page_text(html)
    main = _main_text(html) if len(html) <= MAX_MAIN_HTML else None
    if main and _common_han_share(main) >= MIN_MAIN_SHARE * _common_han_share(whole):
        return main
    return whole


MAX_MAIN_HTML = 2_000_000  # characters: beyond, the page's whole text (the main-text search is slower)
MIN_MAIN_SHARE = 0.1  # of the page's Chinese characters: less, and the main-text search missed the text


def _main_text(html: str) -> str | None:
    import trafilatura  # here: only corpora with HTML pay for its import

    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)  # its notes on odd markup are not ours
    try:
        found = trafilatura.bare_extraction(RE_HIDDEN.sub("", html), with_metadata=True, include_comments=False, include_tables=True,
                                            deduplicate=False)
    except Exception:  # noqa: BLE001 - any markup it cannot take falls back to the whole page's text
        return None
    text = (found.text or "").strip() if found else ""
    if not text:
        return None
    title = (found.title or "").strip()
    return f"{title}\n{text}" if title and not text.startswith(title) else text


def page_text(html: str) -> str:
    """Text of a whole HTML page, scripts and styles dropped, blocks on their own lines."""
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


FILE_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe"), (stat.S_ISCHR, "a character device"),
              (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))


def read_bytes(path: Path, max_bytes: int = MAX_BYTES) -> bytes:
    """A regular file's bytes, or InputError saying why not (missing, unreadable, looping link,
    not a regular file, too large). At most ``max_bytes`` are read, whatever the file's size
    claims (/proc files and devices claim 0)."""
    try:
        # O_NONBLOCK: opening a named pipe waits for a writer otherwise
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as e:
        raise InputError(f"{shown(path)}: {_reason(e)}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            kind = next((name for test, name in FILE_KINDS if test(info.st_mode)), "a special file")
            raise InputError(f"{shown(path)}: not a regular file ({kind})")
        os.set_blocking(fd, True)
        chunks, total = [], 0
        while total <= max_bytes:
            chunk = os.read(fd, min(max_bytes + 1 - total, max(info.st_size + 1 - total, 1 << 16), 1 << 26))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > max_bytes:
            size = f"{info.st_size / 1e6:.1f} MB" if info.st_size > max_bytes else f"more than {max_bytes / 1e6:g} MB"
            raise InputError(f"{shown(path)}: too large ({size}; the limit is {max_bytes / 1e6:g} MB, see --max-size)")
        return b"".join(chunks)
    except OSError as e:
        raise InputError(f"{shown(path)}: {_reason(e)}") from None
    finally:
        os.close(fd)


def doc_from_bytes(data: bytes, path: Path, doc_id: str) -> Doc:
    return doc_and_note(data, path, doc_id)[0]


def doc_and_note(data: bytes, path: Path, doc_id: str) -> tuple[Doc, str | None]:
    """The Doc of a file's bytes, and a note of what decoding repaired (see decode_noting)."""
    text, note = decode_noting(data, path)
    if path.suffix.lower() in (".html", ".htm"):
        text = html_to_text(text)
    return Doc(doc_id=doc_id, path=shown(path), raw=text), note


def read_doc(path: Path, doc_id: str, max_bytes: int = MAX_BYTES) -> Doc:
    return doc_from_bytes(read_bytes(path, max_bytes), path, doc_id)


def corpus_files(root: Path, on_error: Callable[[InputError], None] | None = None) -> Iterator[tuple[Path, str]]:
    """(path, document id) of every corpus file; the id is the path relative to the corpus (as shown())."""
    base = root if root.is_dir() else root.parent
    for path in find_files(root, on_error):
        yield path, shown(path.relative_to(base).as_posix())


def read_corpus(root: Path, on_error: Callable[[InputError], None], max_bytes: int = MAX_BYTES) -> Iterator[Doc]:
    """One Doc per readable file, read when it is needed; each unreadable one goes to ``on_error``."""
    for path, doc_id in corpus_files(root, on_error):
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
