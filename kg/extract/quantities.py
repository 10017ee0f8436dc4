"""Numbers in Arabic and Chinese numerals, with 万/亿/万亿 folded in; years.

>>> parse_number("1.2", "万亿")
Decimal('1200000000000')
>>> parse_number("两千")
Decimal('2000')
>>> parse_year("二〇二五")
2025
"""

from __future__ import annotations

import re
from decimal import Context, Decimal, Inexact, localcontext

DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
          "七": 7, "八": 8, "九": 9}
SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
MAGNITUDES = {"千": Decimal(1000), "万": Decimal(10_000), "亿": Decimal(100_000_000),
              "万亿": Decimal(1_000_000_000_000), "兆": Decimal(1_000_000_000_000)}  # 兆: Taiwan's 万亿


def chinese_integer(text: str) -> int:
    """一千二百 → 1200; 十五 → 15; 二〇二五 → 2025 (digit by digit when no 十百千)."""
    if not any(c in SMALL_UNITS for c in text):
        return int("".join(str(DIGITS[c]) for c in text))
    total, digit = 0, 0
    for char in text:
        if char in DIGITS:
            digit = DIGITS[char]
        else:
            total += (digit or 1) * SMALL_UNITS[char]
            digit = 0
    return total + digit


ARABIC = re.compile(r"\d+(?:\.\d+)?")
# Just before a number, what makes it the tail of a figure written otherwise: 10^400, 1e309, 2**64.
RE_TAIL_OF_FIGURE = re.compile(r"(?:\^|\*\*|\d[eE][+-]?)$")


def parse_number(number: str, magnitude: str | None = None) -> Decimal:
    """The value of a number as written, times its magnitude word, every digit kept (decimal's
    default context keeps 28); ValueError for what is not a number in Arabic or Chinese numerals
    (1e309, NaN).

    >>> parse_number("12345678901234567890123456789012", "亿")
    Decimal('1234567890123456789012345678901200000000')
    """
    number = number.replace(",", "")
    # Enough digits for any product: the number's own and 13 for the largest magnitude word.
    with localcontext(Context(prec=len(number) + 16, traps=[Inexact])):
        if ARABIC.fullmatch(number):
            value = Decimal(number)
        else:
            whole, _, fraction = number.partition("点")
            try:
                value = Decimal(chinese_integer(whole))
                if fraction:
                    value += Decimal("0." + "".join(str(DIGITS[c]) for c in fraction))
            except KeyError:
                raise ValueError(f"not a number: {number!r}") from None
        if magnitude:
            value *= MAGNITUDES[magnitude]
        # Plain notation for xsd:decimal: 1200000000000, not 1.2E+12.
        return Decimal(int(value)) if value == value.to_integral_value() else Decimal(format(value.normalize(), "f"))


def read_figure(number: str, magnitude: str | None = None, before: str = "") -> Decimal:
    """parse_number for a number found in text after ``before``; ValueError when the figure cannot
    be read whole: the number is only the tail of one (10^400亿元, 1e309亿元) or no number at all."""
    if RE_TAIL_OF_FIGURE.search(before[-3:]):
        raise ValueError(f"the tail of a figure: {before[-3:]}{number}")
    return parse_number(number, magnitude)


def parse_year(text: str) -> int:
    return int(text) if text.isdigit() else chinese_integer(text)

