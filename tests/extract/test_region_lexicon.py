"""region.tsv holds the 2023 divisions (宁乡市 430182, 鄠邑区 610118) with their current names and codes, and
keeps former names (宁乡县, 户县) as aliases of the current entry: texts still use them."""

from __future__ import annotations

from kg.extract.lexicon import default_lexicon, load_lexicon, read_tsv
from kg.extract.pipeline import process_text
from kg.extract.resolve import region_code


def regions(text: str) -> dict[str, str]:
    return {e.label: e.code for e in process_text(text).entities if e.cls == "Region"}


def test_current_names_are_regions_with_their_codes():
    lexicon = load_lexicon(tokenizer=False)
    assert lexicon.region("宁乡市").code == "430182" and lexicon.region("宁乡市").parent == "长沙市"
    assert lexicon.region("鄠邑区").code == "610118" and lexicon.region("鄠邑区").parent == "西安市"
    assert region_code("Region/鄠邑区", set(), lexicon) == "610118"
    assert regions("长沙市宁乡市发展新材料产业\n宁乡市加快发展储能材料。")["宁乡市"] == "430182"


def test_a_former_name_resolves_to_the_current_entry():
    lexicon = load_lexicon(tokenizer=False)
    assert lexicon.region("宁乡县") == lexicon.region("宁乡市")
    assert lexicon.region("户县").label == "鄠邑区"
    # an alias, like a bare form, is taken as a county where the text names its city
    found = regions("长沙市宁乡县发展新材料产业\n宁乡县加快发展储能材料。")
    assert found == {"长沙市": "430100", "宁乡市": "430182"}
    assert regions("西安市户县发展文旅产业\n户县加快发展文旅产业。")["鄠邑区"] == "610118"


def test_bare_forms_stay_bare_forms():
    """The aliases column is |-separated, the bare form first: region_bare and bare_region_forms hold
    only bare forms, never a former full name."""
    lexicon = load_lexicon(tokenizer=False)
    assert lexicon.region_bare["宁乡市"] == "宁乡" and lexicon.region("宁乡").label == "宁乡市"
    assert lexicon.region_bare["鄠邑区"] == "鄠邑"
    assert "宁乡" in lexicon.bare_region_forms and "宁乡县" not in lexicon.bare_region_forms
    assert not any("|" in form for form in lexicon.entries)
    assert all(label.startswith(bare) for label, bare in lexicon.region_bare.items())


def test_a_former_name_that_is_another_region_is_not_moved():
    """桥东区 130502 of 邢台市 is 襄都区 now; 张家口市's 桥东区 keeps the name alone."""
    lexicon = load_lexicon(tokenizer=False)
    assert [e.code for e in lexicon.entries["桥东区"]] == ["130702"]
    assert lexicon.region("襄都区").code == "130502"


def test_every_region_row_has_a_six_digit_code_and_no_development_zone():
    path = default_lexicon().data_dir / "lexicon" / "region.tsv"
    rows = read_tsv(path)
    assert all(len(row) == 5 and len(row[4]) == 6 and row[4].isdigit() for row in rows)
    assert not [row for row in rows if row[2] == "county" and row[4][4] == "7"]  # 苏州工业园区 320576 is a Park
    assert {"台湾省", "香港特别行政区", "澳门特别行政区"} <= {row[0] for row in rows}


def test_a_township_is_placed_by_a_renamed_county():
    lexicon = default_lexicon()
    assert lexicon.township_code("蒋村街道", {"鄠邑区"}) == "610118013"
    assert lexicon.township_code("户县蒋村街道") == "610118013"  # the former name opens it
    assert lexicon.region_by_code["430182"].label == "宁乡市"  # 玉潭街道 430182001 lies in 宁乡市
    assert lexicon.township_code("玉潭街道", {"宁乡市"}) == "430182001"
