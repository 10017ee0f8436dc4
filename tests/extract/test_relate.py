from __future__ import annotations

from decimal import Decimal

import pytest

from kg.extract.pipeline import process_text


def relations(text: str) -> set[tuple[str, str, str]]:
    doc = process_text(text)
    label = {e.key: e.label for e in doc.entities}
    return {(label[r.head], r.predicate, label[r.tail]) for r in doc.relations}


@pytest.mark.parametrize("text, expected", [
    ("西湖区云栖小镇聚焦云计算。", ("云栖小镇", "locatedIn", "西湖区")),
    ("养生堂生命健康产业园在此落户。", ("养生堂生命健康产业园", "focusesOn", "生命健康")),
    ("杭州市萧山区的图灵小镇发展人工智能。", ("图灵小镇", "locatedIn", "萧山区")),
    ("杭州市萧山区推进建设。", ("萧山区", "locatedIn", "杭州市")),
    ("杭州市西湖区云栖小镇聚焦云计算、大数据等产业。", ("云栖小镇", "focusesOn", "大数据")),
    ("西湖区以云栖小镇、西溪谷、杭州云谷“一镇两谷”为主阵地。", ("西溪谷", "partOf", "一镇两谷")),
    ("西湖区实施“西湖英才计划”。", ("西湖英才计划", "issuedBy", "西湖区")),
    ("国家网络安全产业园区(北京)正式揭牌。", ("国家网络安全产业园区(北京)", "locatedIn", "北京市")),
    ("成都加快建设“一城四园”(天府园、高新园、双流园、锦江园)。", ("双流园", "partOf", "一城四园")),
    ("杭州发布《行动计划(2018~2022年)》。深化“机器换人”、“企业上云”专项计划。", ("企业上云", "partOf", "行动计划(2018~2022年)")),
    ("深圳市发布《关于促进福田区金融科技快速健康创新发展的若干意见》。",
     ("关于促进福田区金融科技快速健康创新发展的若干意见", "issuedBy", "福田区")),
    ("西湖区将以环紫金港创新生态圈等“科创五环”为牵引。", ("环紫金港创新生态圈", "partOf", "科创五环")),
    ("西湖区推进,之江文化中心、天堂镓谷等5个“152工程”项目全面开工。", ("天堂镓谷", "partOf", "152工程")),
    ("国家网络安全产业园区(北京)正式揭牌,形成海淀园、通州园、经开区信创园“三园协同、多点联动”的总体布局。",
     ("经开区信创园", "partOf", "国家网络安全产业园区(北京)")),
    ("国家网络安全产业园区(北京)正式揭牌,形成海淀园、通州园、经开区信创园“三园协同、多点联动”的总体布局。",
     ("通州园", "partOf", "三园协同、多点联动")),
    ("成都加快建设成渝国家网络安全产业园区成都“一城四园”(天府园、高新园、双流园、锦江园)。",
     ("高新园", "partOf", "成渝国家网络安全产业园区")),
    ("梦想小镇位于杭州市余杭区未来科技城核心区块。", ("梦想小镇", "locatedIn", "未来科技城")),
    ("2021湖北武黄同城暨黄石(光谷)产业投资推介会举行\n黄石市签约33个项目。", ("黄石市", "locatedIn", "湖北省")),
    ("国家网络安全产业园区(北京)正式揭牌,形成海淀园、通州园的总体布局。",
     ("通州园", "locatedIn", "国家网络安全产业园区(北京)")),
    ("梦想小镇位于杭州市余杭区,是浙江省首批特色小镇之一,主要发展云计算、大数据等产业。", ("梦想小镇", "focusesOn", "大数据")),
    ("合肥高新区构建“一区三园”发展格局(中国声谷、量子科技产业园、集成电路产业园)。",
     ("中国声谷", "partOf", "一区三园")),
    ("全面推进“三个年”专项行动\n深入开展“企业服务年”专项行动。深入开展“营商环境提升年”专项行动。",
     ("营商环境提升年专项行动", "partOf", "三个年专项行动")),
], ids=lambda v: "".join(v) if isinstance(v, tuple) else v[:12])
def test_relation_found(text, expected):
    assert expected in relations(text)


def test_an_organisation_that_sets_up_something_here_lies_elsewhere():
    found = relations("萧山区发展。从清华大学在萧山成立智库平台,到北京大学在钱江世纪城打造研究院。浙江大学位于杭州市。")
    assert not {r for r in found if r[0] in ("清华大学", "北京大学") and r[1] == "locatedIn"}
    assert ("浙江大学", "locatedIn", "杭州市") in found


def test_plans_of_regions_across_provinces_have_no_issuer():
    found = relations("深圳市落实《粤港澳大湾区发展规划纲要》。")
    assert not [r for r in found if r[1] == "issuedBy"]


def test_two_quoted_names_side_by_side_are_not_a_member_and_its_group():
    assert ("蓉漂", "partOf", "蓉贝") not in relations("依托“蓉漂”“蓉贝”等人才项目,引进人才。")


def test_relation_not_across_sentences():
    found = relations("云栖小镇建设加快。萧山区发展人工智能。")
    assert ("云栖小镇", "focusesOn", "人工智能") not in found


def test_target_value_unit_year():
    doc = process_text("杭州市发展数字经济。到2022年数字经济总量达1.2万亿元以上。")
    target = next(t for t in doc.targets if t.unit == "元")
    assert (target.indicator, target.value, target.year, target.kind) == ("数字经济总量", Decimal("1200000000000"), 2022, "goal")
    assert doc.text[target.start:target.end] == target.text
    assert target.subject == "Region/杭州市"


def test_quoted_list_item_is_not_a_grouping_and_national_documents_have_no_issuer():
    found = relations("杭州市深化“机器换人”、“工厂物联网”专项计划。杭州市落实《国务院关于加快发展数字经济的意见》。")
    assert ("机器换人", "partOf", "工厂物联网") not in found
    assert not any(r[0].startswith("国务院") and r[1] == "issuedBy" for r in found)


def test_targets_each_item_and_goal_year_over_semicolons():
    doc = process_text("杭州市到2022年力争建成国家级技术创新中心、国家级产业创新中心各1家;引进领军人才50名以上。")
    found = sorted((t.value, t.year, t.indicator) for t in doc.targets)
    assert [(v, y) for v, y, _ in found] == [(Decimal(1), 2022), (Decimal(1), 2022), (Decimal(50), 2022)]
    ones = {indicator for value, _, indicator in found if value == 1}
    assert "国家级产业创新中心" in ones and any(i.endswith("国家级技术创新中心") for i in ones)


def test_namesake_districts_take_the_city_the_text_names():
    assert ("南山区", "locatedIn", "深圳市") in relations("深圳市南山区发展金融科技。")
    assert ("南山区", "locatedIn", "鹤岗市") in relations("鹤岗市南山区发展煤炭。")


def test_bare_districts_in_a_list_count_when_their_city_is_named():
    labels = {e.label for e in process_text("深圳市发展金融科技。南山、罗湖、前海等也相继出台政策。").entities}
    assert {"南山区", "罗湖区"} <= labels
    assert "罗湖区" not in {e.label for e in process_text("罗湖、西湖等也相继出台政策。").entities}


def test_a_national_overview_has_no_subject_region():
    lead = "党中央高度重视网络安全。" * 6  # the lead names no region; the body names one once
    doc = process_text(f"推进网络安全产业园区建设\n{lead}\n川渝地区与重庆市合作,园区聚焦网络安全。")
    assert doc.subject is None
    assert not [r for r in doc.relations if r.rule == "document-subject"]


def test_every_relation_and_target_names_entities_of_its_document():
    from kg.corpus import process_corpus
    from tests.conftest import SAMPLE_CORPUS

    for doc in process_corpus(SAMPLE_CORPUS):
        keys = {e.key for e in doc.entities}
        assert all(r.head in keys and r.tail in keys for r in doc.relations), doc.doc_id
        assert all(t.subject in keys for t in doc.targets), doc.doc_id


@pytest.mark.parametrize("text, absent", [
    ("杭州市发展。加强与北京、上海、深圳等城市在网络安全领域沟通。", ("上海市", "focusesOn", "网络安全")),
    ("成都市发展。除北京、上海、深圳等地外,全国网络安全企业规模普遍不大。", ("深圳市", "focusesOn", "网络安全")),
    ("成都市发展。人工智能、区块链等新技术领域的网络安全政策机制不完善。", ("成都市", "focusesOn", "区块链")),
    ("西湖区以云栖小镇、西溪谷、杭州云谷“一镇两谷”为主阵地,力争在云计算技术创新上突破。", ("杭州云谷", "focusesOn", "云计算")),
    ("深圳市发展。在合规科技、监管科技等领域的平台设施还较欠缺。", ("深圳市", "focusesOn", "监管科技")),
    ("成都市发展。多数企业已构建面向党政、金融、电力等领域的网络安全整体解决方案。", ("成都市", "focusesOn", "金融")),
], ids=["partners", "exceptions", "a gap", "a list behind a clause break", "something lacking", "sectors served"])
def test_focus_is_not_given_to_partners_exceptions_gaps_or_far_lists(text, absent):
    assert absent not in relations(text)


def test_focus_from_a_platforms_name_and_a_brand_title_goes_to_the_topic():
    found = relations("天堂镓谷集成电路产业园开工,集成电路企业集聚。"
                      "加快西溪谷建设,建好区块链产业园,打造“金融科技第一镇”。")
    assert ("天堂镓谷集成电路产业园", "focusesOn", "集成电路") in found
    assert ("西溪谷", "focusesOn", "金融科技") in found and ("区块链产业园", "focusesOn", "金融科技") not in found


@pytest.mark.parametrize("text, expected", [
    ("佛山三龙湾规划出炉。规划范围包括禅城区石湾镇街道、南海区桂城街道等区域。", ("禅城区石湾镇街道", "locatedIn", "禅城区")),
    ("湖北省加快建设宜昌高新区。", ("宜昌高新技术产业开发区", "locatedIn", "宜昌市")),
    ("四川省高水平建设西部(成都)科学城。", ("西部(成都)科学城", "locatedIn", "成都市")),
    ("总投资超300亿元的瑞浦新能源产业基地项目签约落户龙湾区。", ("瑞浦新能源产业基地", "locatedIn", "龙湾区")),
    ("中国一汽总部所在的长春国际汽车城,工业经济走出了漂亮的曲线。", ("中国第一汽车集团有限公司", "locatedIn", "长春国际汽车城")),
    ("温州市发展。在龙湾区建设瓯飞起步区。", ("瓯飞起步区", "locatedIn", "龙湾区")),
], ids=["town after its district", "region-prefixed zone", "region in brackets", "long gap before 落户",
        "headquarters 所在的", "built in a region"])
def test_stated_and_named_locations(text, expected):
    assert expected in relations(text)


def test_a_platform_whose_name_only_adds_its_kind_is_not_inside_the_short_name():
    found = relations("海淀区发展。中关村是创新高地。中关村科技园区海淀园成立。")
    assert ("中关村科技园区", "locatedIn", "中关村") not in found
    assert ("海淀园", "partOf", "中关村科技园区") in found


@pytest.mark.parametrize("text, expected", [
    ("天堂镓谷位于西湖区,是“152工程”项目之一。", ("天堂镓谷", "partOf", "152工程")),
    ("武汉都市圈发展,以东湖科学城为核心区域的光谷科创大走廊成势见效。", ("东湖科学城", "partOf", "光谷科创大走廊")),
    ("重庆高新区作为西部(重庆)科学城(以下简称科学城)核心区,打造创新高地。", ("重庆高新技术产业开发区", "partOf", "西部(重庆)科学城")),
    ("合作共建西部科学城。加快建设西部(重庆)科学城。", ("西部(重庆)科学城", "partOf", "西部科学城")),
], ids=["one of a programme", "core area of", "as the core area", "a region's share of a platform"])
def test_parts_of_programmes_and_platforms(text, expected):
    assert expected in relations(text)


def test_a_list_the_sentence_relies_on_develops_what_it_builds():
    found = relations("福州出台意见\n重点依托连江经济开发区和福清龙田开发区,打造水产品加工基地。")
    assert ("福清龙田开发区", "focusesOn", "水产品加工") in found
    assert ("福州市", "focusesOn", "水产品加工") not in found


def test_what_a_sentence_relies_on_holds_the_sectors_of_the_designations_it_builds():
    found = relations("福州出台意见\n电子信息产业:重点依托马尾区,建设国家新型工业化产业示范基地、福建省物联网产业人才聚集基地;"
                      "重点依托闽清白金工业园和长乐、罗源新型建材产业园,打造全产业链新型建材产业基地。")
    assert {("马尾区", "focusesOn", "物联网"), ("闽清白金工业园", "focusesOn", "新型建材"),
            ("罗源新型建材产业园", "focusesOn", "新型建材")} <= found
    assert not {("福建省", "focusesOn", "物联网"), ("福州市", "focusesOn", "新型建材"),
                ("闽清白金工业园", "focusesOn", "全产业链新型建材")} & found


def test_an_organ_that_issues_a_plan_is_its_issuer_over_the_region_in_its_name():
    found = relations("佛山三龙湾规划出炉\n广东省推进粤港澳大湾区建设领导小组印发,2021-02-02;\n"
                      "关于印发《佛山三龙湾高端创新集聚区发展总体规划(2020—2035年)》的通知\n各地级以上市人民政府。")
    assert ("佛山三龙湾高端创新集聚区发展总体规划(2020—2035年)", "issuedBy", "广东省") in found
    assert ("佛山三龙湾高端创新集聚区发展总体规划(2020—2035年)", "issuedBy", "佛山市") not in found


def test_a_document_about_a_platform_places_its_companies_and_industries_there():
    found = relations("临港新片区重点项目集中开工\n8月15日,临港新片区举行重点产业项目集中开工仪式。"
                      "今年临港新片区制造业投资要达到400亿元以上,成为上海全市产业投资重要的发动机。"
                      "本次开工的项目涵盖集成电路、人工智能等前沿产业领域,普罗名特等外资企业进驻。")
    assert {("临港新片区", "focusesOn", "集成电路"), ("临港新片区", "locatedIn", "上海市")} <= found
    assert ("上海市", "focusesOn", "集成电路") not in found


def test_a_back_reference_places_the_platform_a_document_is_about():
    found = relations("马栏山视频文创产业园深圳推介\n马栏山视频文创产业园推介会在深圳举行。"
                      "该园区位于长沙市开福区,是重要的节点。")
    assert ("马栏山视频文创产业园", "locatedIn", "开福区") in found
    assert ("马栏山视频文创产业园", "locatedIn", "深圳市") not in found


def test_a_region_named_only_inside_a_name_lies_in_its_province():
    found = relations("2026年四川省人民政府工作报告\n四川省高水平建设西部(成都)科学城、德阳高端装备科技城。")
    assert {("成都市", "locatedIn", "四川省"), ("德阳市", "locatedIn", "四川省")} <= found


def test_a_wide_corridor_is_not_inside_the_platform_it_is_named_after():
    found = relations("湖北省发展。光谷加快建设。以东湖科学城为核心区域的光谷科创大走廊成势见效。")
    assert ("光谷科创大走廊", "locatedIn", "光谷") not in found
    assert ("东湖科学城", "partOf", "光谷科创大走廊") in found


def test_a_region_among_the_items_of_a_programme_does_not_issue_it():
    found = relations("2026年湖南省政府工作报告\n推进株洲中车新能源电驱系统制造、娄底高性能软磁材料等“十大产业项目”建设。")
    assert ("十大产业项目", "issuedBy", "娄底市") not in found
    assert ("十大产业项目", "issuedBy", "湖南省") in found


def test_a_national_zone_lies_where_its_list_says_when_the_text_names_the_city():
    doc = process_text("苏州市加快发展。昆山高新区新增企业100家。")
    assert [(r.tail, r.rule) for r in doc.relations if r.head == "Park/昆山高新技术产业开发区" and r.predicate == "locatedIn"] \
        == [("Region/苏州市", "public-list")]


def test_a_sector_written_out_in_a_platform_name_is_its_focus_and_an_entity():
    doc = process_text("养生堂生命健康产业园在此落户。马栏山视频文创产业园开园。")
    assert ("Industry", "生命健康") in {(e.cls, e.label) for e in doc.entities}
    # a short form (文创 for 文化创意) in a name is not enough when the text names the sector nowhere else
    assert ("马栏山视频文创产业园", "focusesOn", "文化创意") not in relations("马栏山视频文创产业园开园。")


def test_a_platform_word_alone_names_the_platform_the_text_is_about():
    found = relations("马栏山视频文创产业园开园\n马栏山视频文创产业园位于长沙。湖南计划用三年时间,"
                      "把园区打造成以湖南广电为依托的全国重要数字视频产业聚集区。")
    assert ("马栏山视频文创产业园", "focusesOn", "数字视频") in found
    assert ("湖南省", "focusesOn", "数字视频") not in found


def test_a_short_park_after_a_zone_lies_in_it_and_after_a_park_of_parks_is_its_part():
    found = relations("温州龙湾\n储能项目落户空港新区天城北园。中关村科技园区海淀园发展迅速。")
    assert ("天城北园", "locatedIn", "空港新区") in found
    assert ("天城北园", "partOf", "空港新区") not in found
    assert ("海淀园", "partOf", "中关村科技园区") in found


def test_the_programmes_a_policy_names_as_it_speaks_are_its_parts():
    found = relations("福州出台意见\n福州出台《关于加快培育一批产业基地打造新经济增长点的意见》。"
                      "《意见》指出,围绕打造重点产业集群,实施“强产业补链条”计划,培育16个产业基地。")
    assert ("强产业补链条计划", "partOf", "关于加快培育一批产业基地打造新经济增长点的意见") in found
