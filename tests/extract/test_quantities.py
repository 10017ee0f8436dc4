from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.extract.quantities import chinese_integer, parse_number, parse_year, read_figure


@pytest.mark.parametrize("number, magnitude, value", [
    ("1.2", "万亿", "1200000000000"), ("5800", "亿", "580000000000"), ("160", "万", "1600000"),
    ("56.7", None, "56.7"), ("两千", None, "2000"), ("1,200", None, "1200"), ("十五", None, "15"),
    ("三点五", "亿", "350000000"),
])
def test_parse_number(number, magnitude, value):
    assert parse_number(number, magnitude) == Decimal(value)
    assert "E" not in str(parse_number(number, magnitude))


def test_parse_year():
    assert parse_year("2022") == 2022
    assert parse_year("二〇二五") == 2025


def _chinese(n: int) -> str:
    digits = "零一二三四五六七八九"
    out = ""
    for unit, size in (("千", 1000), ("百", 100), ("十", 10)):
        if n >= size:
            out += digits[n // size] + unit
            n %= size
        elif out and n:
            out += "零"
    return out + (digits[n] if n else "")


@given(st.integers(min_value=1, max_value=9999))
def test_chinese_integers_round_trip(n):
    assert chinese_integer(_chinese(n)) == n


@pytest.mark.parametrize("number, magnitude, value", [
    ("12345678901234567890123456789012", "亿", "1234567890123456789012345678901200000000"),  # 32 digits
    ("1234567890123456.7890123456789012", "亿", "123456789012345678901234.56789012"),
    ("3.14159265358979323846264338327950288", None, "3.14159265358979323846264338327950288"),
    ("0.000000000000000000000000000001", "万亿", "0.000000000000000001"),
])
def test_every_digit_is_kept(number, magnitude, value):
    assert format(parse_number(number, magnitude), "f") == value


@pytest.mark.parametrize("number", ["1e309", "NaN", "Infinity", "1E+5", "一e三"])
def test_what_is_not_a_number_is_refused(number):
    with pytest.raises(ValueError):
        parse_number(number)


@pytest.mark.parametrize("before", ["GDP达到10^", "GDP达到1e", "GDP达到1E+", "规模达2**"])
def test_the_tail_of_a_figure_is_not_read(before):
    with pytest.raises(ValueError):
        read_figure("400", "亿", before)
    assert read_figure("400", "亿", "GDP达到") == Decimal("40000000000")
