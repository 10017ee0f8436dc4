"""Township-level Regions (街道, 镇, 乡) get the statistics bureau's nine-digit division code, from
kg/data/lexicon/township.tsv, placed among namesakes by the county or city the text names."""

from __future__ import annotations

from kg.extract.lexicon import default_lexicon, load_lexicon, read_tsv
from kg.extract.pipeline import process_text
from kg.rdf.vocabulary import division_level, division_lines


def region_codes(text: str) -> dict[str, str]:
    return {e.label: e.code for e in process_text(text).entities if e.cls == "Region"}


def test_a_township_whose_county_is_named_gets_its_code():
    codes = region_codes("杭州市西湖区推进数字经济\n西湖区蒋村街道紧邻西溪湿地。蒋村街道聚焦数字经济,打造创新高地。")
    assert codes["蒋村街道"] == "330106011" and codes["西湖区"] == "330106"
    # 西湖区 alone does not place itself (南昌市 has one too), but only 杭州市's has a 蒋村街道
    assert region_codes("西湖区推进数字经济\n蒋村街道聚焦数字经济,打造创新高地。西湖区支持。")["蒋村街道"] == "330106011"
    assert division_level("蒋村街道", codes["蒋村街道"]) == "street"


def test_the_namesake_in_the_county_the_text_names_is_chosen():
    """蒋村街道 is also 610118013, in 西安市鄠邑区: a text about 西安市 places it there."""
    assert default_lexicon().townships["蒋村街道"] == ("330106011", "610118013")
    assert region_codes("西安市推进乡村振兴\n西安市积极推进乡村振兴。蒋村街道发展特色农业。")["蒋村街道"] == "610118013"


def test_a_namesake_township_without_its_county_gets_none():
    assert len(default_lexicon().townships["蒋村街道"]) == 2  # the table knows it, twice
    codes = region_codes("蒋村街道召开会议\n蒋村街道召开数字经济发展推进会。")
    assert codes["蒋村街道"] == ""


def test_a_township_unique_by_name_gets_its_code_anywhere():
    assert default_lexicon().townships["东华门街道"] == ("110101001",)
    assert region_codes("东华门街道召开会议\n东华门街道推进文化发展。")["东华门街道"] == "110101001"


def test_a_township_named_after_its_county_is_placed_by_it():
    codes = region_codes("余杭区良渚街道发布通知\n余杭区良渚街道推进文化发展。")
    assert codes["余杭区良渚街道"] == "330110010"
    lexicon = default_lexicon()
    assert lexicon.township_code("杭州市西湖区蒋村街道") == "330106011"
    assert lexicon.township_code("西安蒋村街道") == "610118013"  # 西安 is 西安市 (and 辽源市's 西安区)


def test_the_township_table_is_read_only_when_a_township_needs_it():
    lexicon = load_lexicon(tokenizer=False)
    assert lexicon.region("西湖区") is not None and lexicon.township_code("西湖区") == ""
    assert "townships" not in vars(lexicon)
    assert lexicon.township_code("蒋村街道", {"杭州市"}) == "330106011"
    assert "townships" in vars(lexicon)


def test_the_shipped_table_has_nine_digit_codes_of_known_counties():
    rows = read_tsv(load_lexicon(tokenizer=False).data_dir / "lexicon" / "township.tsv")
    assert len(rows) > 30_000
    assert all(len(code) == 9 and code.isdigit() and name.endswith(("街道", "镇", "乡")) for code, name in rows)
    lexicon = default_lexicon()
    known = sum(code[:6] in lexicon.region_by_code for code, _ in rows)
    assert known / len(rows) > 0.9


def test_a_township_code_is_written_with_the_street_level():
    lines = division_lines("<r>", "蒋村街道", "330106011", " .")
    assert lines == ['<r> <https://w3id.org/kg/ontology#divisionCode> "330106011" .',
                     '<r> <https://w3id.org/kg/ontology#divisionLevel> "street" .']
    assert division_level("西湖区", "330106") == "county" and division_level("蒋村街道", "") == "street"
