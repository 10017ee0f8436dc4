from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract.normalize import (
    find_date,
    find_title,
    fullwidth_to_halfwidth,
    normalize,
    strip_pinyin_debris,
    to_simplified,
)


@pytest.mark.parametrize("text_in, text_out", [
    ("西湖區(qū)委書記", "西湖区委书记"),
    ("產(chǎn)業(yè)園", "产业园"),
    ("局?jǐn)?shù)據", "局数据"),
    ("杭州日?qǐng)?bào)新聞", "杭州日报新闻"),
    ("西溪?jiǎng)?chuàng)意", "西溪创意"),
    ("（FinTech）", "(FinTech)"),
    ("国家网络安全产业园区（北京）", "国家网络安全产业园区(北京)"),
    ("云栖\u200b小镇", "云栖小镇"),
    ("「八八战略」", "“八八战略”"),
    ("a  \t b\n\n\n\nc", "a b\n\nc"),
], ids=str)
def test_normalize_cases(lexicon, text_in, text_out):
    assert normalize(text_in, lexicon.word_freq) == text_out


def test_debris_keeps_brackets_that_are_not_readings():
    assert strip_pinyin_debris("区(abc)") == "区(abc)"
    assert strip_pinyin_debris("区(qū)") == "区"


def test_lost_character_left_as_mark_when_no_word_fits():
    assert strip_pinyin_debris("?qū)", {}) == "?"


def test_fullwidth_and_simplified():
    assert fullwidth_to_halfwidth("ＡＢ１２") == "AB12"
    assert to_simplified("數據經濟") == "数据经济"


def test_title_and_date():
    text = "\n\n“六六行动”再深化\n杭州网 发布时间:2024-09-03 07:31\n正文"
    assert find_title(text) == "“六六行动”再深化"
    assert find_date(text) == "2024-09-03"
    assert find_date("2019年1月16日 7:57来源") == "2019-01-16"
    assert find_date("没有日期") is None


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_normalize_is_idempotent(text):
    once = normalize(text)
    assert normalize(once) == once


def test_simplified_text_keeps_characters_that_t2s_would_rewrite():
    """王乾 stays 王乾 in simplified text; a traditional line of the same document is converted."""
    text = "副区长王乾表示,园区产业不断壮大。\n陜西省西安高新區發展數字經濟。"
    assert normalize(text) == "副区长王乾表示,园区产业不断壮大。\n陕西省西安高新区发展数字经济。"


# What no output may hold: control characters but tab and line breaks, non-characters, lone surrogates.
NOT_TEXT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff\U0001fffe\U0010ffff\ud800-\udfff]")


@pytest.mark.parametrize("text_in, text_out", [
    ("第一页\f第二页", "第一页\n第二页"),  # pdftotext's page break
    ("西湖区\x00云栖小镇\x01\x1b\x7f", "西湖区云栖小镇"),
    ("云栖\ufffe小镇\uffff", "云栖小镇"),
    ("萧山区\x0b滨江区\u2028余杭区\x85", "萧山区\n滨江区\n余杭区"),
    ("西湖区\udcff云栖小镇", "西湖区\ufffd云栖小镇"),
    ("a\tb\r\nc", "a b\nc"),
], ids=ascii)
def test_control_characters_removed_and_surrogates_replaced(text_in, text_out):
    assert normalize(text_in) == text_out


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec=None, categories=None)) | st.lists(st.sampled_from(
    ["\x00", "\x0c", "\x1f", "\ufffe", "\uffff", "\udcff", "\ud800", "西湖區", "\n", " ", "\x85", "\u2028", "?"])).map("".join))
def test_normalized_text_holds_no_character_that_outputs_refuse(text):
    once = normalize(text)
    assert not NOT_TEXT.search(once)
    assert normalize(once) == once
