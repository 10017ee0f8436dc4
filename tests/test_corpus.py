from __future__ import annotations

from pathlib import Path

import pytest

from kg.corpus import decode, html_to_text, read_corpus
from kg.errors import InputError
from tests.conftest import TINY_CORPUS


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030", "big5", "utf-8-sig", "utf-16"])
def test_decode_detects_encoding(encoding):
    text = "杭州市云栖小镇" if encoding != "big5" else "杭州市雲棲小鎮"
    assert decode(text.encode(encoding), Path("x.txt")) == text


@pytest.mark.parametrize("data, reason", [
    (b"", "empty file"),
    (b"   \n", "empty file"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
    (b"abc\x80\x80\x80", "not valid UTF-8, GB18030 or Big5"),
])
def test_decode_rejects_with_reason(data, reason):
    with pytest.raises(InputError, match=reason):
        decode(data, Path("bad.txt"))


def test_html_drops_scripts_and_styles():
    text = html_to_text("<p>园区</p><script>alert(1)</script><style>p{}</style><p>小镇&amp;街区</p>")
    assert "alert" not in text and "p{}" not in text
    assert "园区" in text and "小镇&街区" in text


def test_read_corpus_reads_every_kind_and_reports_bad_files(tmp_path):
    for f in TINY_CORPUS.iterdir():
        (tmp_path / f.name).write_bytes(f.read_bytes())
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "empty.txt").write_bytes(b"")
    (tmp_path / "ignored.png").write_bytes(b"\x89PNG")
    errors: list[InputError] = []
    docs = list(read_corpus(tmp_path, errors.append))
    assert sorted(d.doc_id for d in docs) == sorted(f.name for f in TINY_CORPUS.iterdir())
    assert [str(e) for e in errors] == [f"{tmp_path / 'sub' / 'empty.txt'}: empty file"]
    big5 = next(d for d in docs if d.doc_id == "big5.txt")
    assert "杭州市發展數字經濟" in big5.raw
