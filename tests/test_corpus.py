from __future__ import annotations

from pathlib import Path

import pytest

from kg.corpus import decode, decode_noting, html_to_text, read_corpus
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


SCRAPED_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>西湖区云栖小镇发布云计算产业政策_人民网</title></head>
<body><header><div class="nav"><a href="/">首页</a> | <a>政务公开</a> | <a>新闻中心</a></div></header>
<div class="crumb">当前位置：首页 &gt; 新闻中心</div><h1>西湖区云栖小镇发布云计算产业政策</h1>
<div class="content"><p>近日,西湖区云栖小镇发布支持云计算产业发展的若干政策,到2025年引进企业100家。</p>
<p>云栖小镇位于杭州市西湖区,是浙江省首批特色小镇之一,聚焦云计算、大数据等产业。</p>
<p>小镇将联合浙江大学建设云计算创新中心,打造全国领先的云计算产业高地。</p></div>
<div class="related"><h3>相关新闻</h3><ul><li><a>深圳南山区发布人工智能产业政策</a></li></ul></div>
<footer>版权所有:人民网 京ICP备05024583号 北京市朝阳区金台西路2号</footer></body></html>"""


def test_a_scraped_page_gives_its_title_and_main_text_without_navigation_or_footer():
    lines = html_to_text(SCRAPED_PAGE).splitlines()
    assert lines[0] == "西湖区云栖小镇发布云计算产业政策"  # the site's name left out of the title
    text = "\n".join(lines)
    assert "到2025年引进企业100家" in text and "聚焦云计算、大数据等产业" in text
    assert not any(word in text for word in ("政务公开", "当前位置", "南山区", "朝阳区", "版权所有"))


def test_a_page_whose_main_text_cannot_be_told_keeps_all_its_text():
    assert "西湖区" in html_to_text("<html><body><![- broken <p>西湖区</p>")
    assert html_to_text("<p>园区</p><noscript>请启用脚本</noscript>").split() == ["园区"]


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


def test_utf8_with_a_few_broken_bytes_is_decoded_with_replacement_and_says_how_many():
    text = "西湖区云栖小镇聚焦云计算产业。"
    one = text.encode()[:9] + b"\xff" + text.encode()[9:]  # one line: no other line to fall back on
    assert decode_noting(one, Path("a.txt")) == (text[:3] + "\ufffd" + text[3:], "1 byte not valid UTF-8, replaced with U+FFFD")
    truncated = ((text + "\n") * 50 + "产业").encode() + "。".encode()[:2]  # a download cut mid-character
    decoded, note = decode_noting(truncated, Path("a.txt"))
    assert decoded.endswith("产业\ufffd\ufffd") and note == "2 bytes not valid UTF-8, replaced with U+FFFD"
    gbk_line = "杭州市发展数字经济".encode("gb18030")  # a line in another encoding is still decoded as such
    assert decode((text + "\n").encode() + gbk_line, Path("a.txt")).endswith("杭州市发展数字经济")


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_bom_is_text_not_binary(encoding):
    text = "杭州市云栖小镇\n2022年产值500亿元\n"
    assert decode(text.encode(encoding), Path("x.txt")) == text
