"""Targets: figures, their years, and who holds them (kg/extract/targets.py)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kg.extract.pipeline import process_text


def targets(text: str) -> list[tuple[str, Decimal, int | None, str]]:
    doc = process_text(text)
    return [(t.subject.split("/", 1)[1], t.value, t.year, t.kind) for t in doc.targets]


def test_spaced_figures_and_a_compared_year_holds_only_in_its_clause():
    found = targets("2021 年,成都市网络安全相关业务收入达 354.6 亿元,较 2020 年的 285.19 亿元,增长 24.3%。")
    assert [(v, y) for _, v, y, _ in found] == [
        (Decimal("35460000000"), 2021), (Decimal("28519000000"), 2020), (Decimal("24.3"), 2021)]


def test_goal_year_of_a_goals_section_reaches_its_bullets_and_stops_at_the_next_heading():
    found = targets("深圳市金融科技规划。\n(三)发展目标\n力争到2025年,提升产业生态。\n"
                    "——集聚效应显现。在全市形成5个左右特色园区。\n(四)重点任务\n新建园区3个。")
    assert [(v, y, k) for _, v, y, k in found] == [(Decimal(5), 2025, "goal"), (Decimal(3), None, "achieved")]


def test_a_platform_that_opens_its_paragraph_holds_the_figures_after_it():
    found = targets("重庆市发展产业。\n国家网络安全产业园区(长沙)于2020年6月正式揭牌。"
                    "成为首个国家级网络安全产业园区,共引进领军人才 18 名。")
    assert found[-1][:2] == ("国家网络安全产业园区(长沙)", Decimal(18))


@pytest.mark.parametrize("text, holder", [
    ("西湖区推进建设。之江文化中心、天堂镓谷等5个项目全面开工。", "西湖区"),  # the items counted hold nothing
    ("西湖区推进建设。1家企业入选“国家文化产业示范基地”,3家企业入选全国30强。", "西湖区"),
    ("杭州市西湖区发展。用好浙江知识产权服务综合体,全年承接项目30项以上。", "西湖区"),  # 浙江 as a modifier
    ("西湖区改造武林门新村、广安苑等老旧小区14个。", "西湖区"),  # 广安苑 is not 广安市
])
def test_holder_is_not_a_list_item_a_quoted_title_or_a_modifier(text, holder):
    assert {subject for subject, *_ in targets(text)} == {holder}


@pytest.mark.parametrize("text, value", [
    ("西湖区盘活空间资源80余万平方米。", Decimal(800000)),
    ("西湖区惠及企业550余家。", Decimal(550)),
    ("黄石市签33个项目。", Decimal(33)),
    ("西湖区15部文艺作品获奖。", Decimal(15)),
    ("新竹科学园区营业额突破新台币1.5兆元。", Decimal("1500000000000")),
])
def test_figure_forms(text, value):
    assert [v for _, v, _, _ in targets(text)] == [value]


@pytest.mark.parametrize("text", [
    "西湖区开展千名干部联企业活动。",  # 千名: a slogan
    "深圳市落实国民经济和社会发展第十四个五年规划。",  # an ordinal
    "黄石市按照“9个城市是1个城市”理念推进。",  # inside a quoted name
    "西湖区实施百个项目。",
    "西湖区发布了推动经济高质量发展72条,持续壮大产业。",  # the count names a policy
])
def test_not_figures(text):
    assert targets(text) == []


def test_venue_is_not_the_subject():
    doc = process_text("湖北黄石(光谷)产业投资推介会在武汉举行\n推介会在武汉举行,黄石市签约项目33个。黄石市招商。")
    assert doc.subject == "Region/黄石市"


def test_the_platform_that_opens_the_title_holds_figures_without_a_nearer_holder():
    found = targets("苏州工业园区加快建设世界一流高科技园区\n苏州市发展。\n园区已集聚生物医药企业2200余家。")
    assert found == [("苏州工业园区", Decimal(2200), None, "achieved")]


def test_this_years_goals_in_a_dated_report_and_reached_is_not_a_goal():
    found = targets("2024年东湖高新区政府工作报告\n过去一年,高新技术产业增加值达到2850亿元。"
                    "今年的主要目标是:地区生产总值增长7%左右,新增高新技术企业1000家以上。")
    assert [(v, y, k) for _, v, y, k in found] == [
        (Decimal("285000000000"), 2023, "achieved"), (Decimal(7), 2024, "goal"), (Decimal(1000), 2024, "goal")]
    assert {subject for subject, *_ in found} == {"武汉东湖新技术开发区"}  # 东湖高新区 under its official name


def test_a_location_holds_nothing_and_a_kind_word_names_the_title_platform():
    found = targets("青岛西海岸新区:打造海洋经济高地\n中德生态园位于西海岸新区北部,已引进海尔、西门子等企业120余家。"
                    "2022年,新区海洋生产总值达到1600亿元,占GDP比重达到30%。")
    assert [s for s, *_ in found] == ["中德生态园", "青岛西海岸新区", "青岛西海岸新区"]


def test_a_region_compared_with_is_a_base_not_the_holder():
    found = targets("2020年,北京市GDP为36102.6亿元。其中海淀区GDP为8504.6亿元,占北京市总量的23.56%,同比增长5.9%。")
    assert [(s, v, y) for s, v, y, _ in found][1:] == [
        ("海淀区", Decimal("850460000000"), 2020), ("海淀区", Decimal("23.56"), 2020), ("海淀区", Decimal("5.9"), 2020)]


def test_a_year_that_opens_its_clause_carries_over_semicolons():
    found = targets("海淀区报告显示,2021年,高新技术企业收入预计3.4万亿元;软件和信息服务业收入预计1.3万亿元。")
    assert [y for _, _, y, _ in found] == [2021, 2021]


def test_figures_in_quoted_speech_count_and_a_magnitude_alone_is_a_figure():
    found = targets("海淀区提出目标。媒体报道称,海淀区“预计到2023年,经济总量首次迈上1万亿元大台阶”。海淀区人口仅313万、面积431平方公里。")
    assert [(v, y) for _, v, y, _ in found] == [
        (Decimal("1000000000000"), 2023), (Decimal(3130000), None), (Decimal(431), None)]


def test_the_platform_a_figure_modifies_holds_it():
    found = targets("温州市发展。2021年4月23日,总投资超300亿元、计划用地2000亩的瑞浦新能源产业基地项目签约落户龙湾区。")
    assert {(s, v) for s, v, _, _ in found} == {
        ("瑞浦新能源产业基地", Decimal("30000000000")), ("瑞浦新能源产业基地", Decimal(2000))}


def test_a_policy_that_speaks_holds_its_figures():
    found = targets("福州市印发《关于加快培育一批产业基地打造新经济增长点的意见》。\n"
                    "《意见》指出,着力培育发展有特色、成长性好的16个产业基地。")
    assert found[-1][:2] == ("关于加快培育一批产业基地打造新经济增长点的意见", Decimal(16))


def test_a_figure_said_twice_for_one_holder_counts_once():
    found = targets("西湖区项目总投资300亿元。\n西湖区推进建设,项目总投资300亿元。")
    assert [v for _, v, _, _ in found] == [Decimal("30000000000")]


@pytest.mark.parametrize("text, values", [
    ("西安高新区发展。众迪锂电池成为西安高新区第7家百亿级企业。", [Decimal(7)]),  # an ordinal that counts
    ("深圳市金融科技专项排名位列全球第四。", [Decimal(4)]),  # a rank
    ("湖北省新能源汽车年产量增至82万辆。", [Decimal(820000)]),
    ("包头市确定了七个方面的政策措施,出台三个专项人才政策。", [Decimal(7), Decimal(3)]),  # counts issued
    ("海淀区每10万人中拥有大学文化程度的为56451人。", [Decimal(56451)]),  # 每10万人: a denominator
    ("温州市投资从17.3亿元到300亿元。", [Decimal("30000000000")]),  # one change, said by its end
])
def test_more_figure_forms(text, values):
    assert [v for _, v, _, _ in targets(text)] == values


@pytest.mark.parametrize("text, holder", [
    ("湖北省发展。武汉都市圈经济总量达3.8万亿元。", "湖北省"),  # a region naming a wider area
    ("河南省推进建设。建设10个省级数据产业园,数字经济规模2.5万亿元。", "河南省"),  # a counted kind
    ("河南省推进建设。争创国家科技成果转移转化示范区,力争技术合同成交额3000亿元。", "河南省"),  # aspired to
    ("河南省推进建设。支持郑州创建国家“两业”融合试点,新培育20家省级“两业”融合标杆企业。", "河南省"),  # supported
])
def test_kinds_wider_areas_and_aspirations_hold_nothing(text, holder):
    assert {subject for subject, *_ in targets(text)} == {holder}


def test_a_company_s_own_figures_belong_to_no_place():
    found = targets("长春汽开区发展汽车产业。\n10日,中国一汽发布数据:9月生产整车375519辆。")
    assert found == []


def test_a_holder_goes_on_over_semicolons_and_a_short_form_names_the_full_platform():
    found = targets("长春国际汽车城主业腾飞\n中国一汽总部所在的长春汽开区,工业经济节节攀升。"
                    "今年1~8月,汽开区规上工业产值实现2940.8亿元;固定资产投资完成104.6亿元。")
    assert [(s, v) for s, v, *_ in found] == [("长春汽开区", Decimal("294080000000")), ("长春汽开区", Decimal("10460000000"))]


@pytest.mark.parametrize("noise", [
    "https://changsha.example.com/xinwen/%E9%A9%AC%E6%A0%8F%E5%B1%B1/66925752",  # a percent-encoded link
    "2018-05-11",  # a date
    "电话:0571-88812345",  # a telephone number
    "统一社会信用代码91330100MA2B",  # a code
])
def test_no_figures_from_addresses_dates_telephones_or_codes(noise):
    assert targets(f"西湖区数字经济发展。\n来源 {noise}。\n西湖区数字经济总量达1200亿元。") == [
        ("西湖区", Decimal("120000000000"), None, "achieved")]


def test_a_growth_rate_keeps_its_verb_in_the_indicator():
    doc = process_text("西湖区2022年GDP同比增长8.5%,总量达2000亿元。")
    assert [(t.indicator, t.unit) for t in doc.targets] == [("GDP同比增长", "%"), ("总量", "元")]


@pytest.mark.parametrize("text", [
    "长春汽开区是全国唯一一个以汽车命名的国家级开发区。",  # 一一: a word, not 11
    "西湖区每年新增三四家上市企业。",  # 三四: a guess, not 34
])
def test_chinese_digits_in_a_run_are_no_figure(text):
    assert targets(text) == []


def test_a_figure_after_a_demonstrative_is_said_again():
    found = targets("临港新片区本次集中开工的重点项目共12个。这12个重点产业项目落地开工。长沙市正在对这8条道路设计招标。")
    assert [v for _, v, _, _ in found] == [Decimal(12)]


def test_the_title_s_figure_said_again_with_its_year_takes_the_year():
    found = targets("临港新片区全年制造业投资超400亿\n2023年临港新片区制造业投资要达到400亿元以上。")
    assert [(v, y) for _, v, y, _ in found] == [(Decimal("40000000000"), 2023)]


def test_a_figure_said_in_the_body_without_a_year_is_not_a_later_goal():
    found = targets("西藏自治区政府工作报告\n地区生产总值增长7%。\n2026年地区生产总值增长7%以上。")
    assert [(v, y) for _, v, y, _ in found] == [(Decimal(7), None), (Decimal(7), 2026)]


def test_a_company_s_figures_go_on_over_a_semicolon():
    found = targets("长春国际汽车城主业腾飞\n10日,中国一汽发布数据:9月生产整车375519辆,同比增长38.9%;"
                    "销售整车388896辆,同比增长18.2%。\n今年1~8月,长春汽开区规上工业产值实现2940.8亿元。")
    assert [(s, v) for s, v, *_ in found] == [("长春汽开区", Decimal("294080000000"))]


@pytest.mark.parametrize("text, value", [
    # a company named late in the sentence does not open it
    ("湖北省发展。促进金融机构发放贷款,各商业银行消费贷等加速推广,全省各类贷款余额达到9.38万亿元。", Decimal("9380000000000")),
    # companies counted in a list are no holders
    ("宁夏回族自治区发展。中石化特种纤维、飞鹤婴幼儿配方奶粉等1700多个新项目开工。", Decimal(1700)),
])
def test_a_company_not_opening_the_sentence_or_counted_leaves_the_figure_to_the_place(text, value):
    assert [v for _, v, _, _ in targets(text)] == [value]


def test_a_figure_of_the_one_ranked_above_is_not_the_holder_s():
    found = targets("2021年,海淀区成交新房4143套,成交均价为81898元/平方米,仅次于东西城区的10万元均价。")
    assert [v for _, v, _, _ in found] == [Decimal(4143), Decimal(81898)]


@pytest.mark.parametrize("text, values", [
    ("温州市发展。2017年总投资17.3亿元、打造产能6GWh的瑞浦一期能源动力电池储能项目落户空港新区。", []),
    ("绍兴滨海新区发展。其中,中芯绍兴项目一期投资超过80亿元。", []),
    ("龙湾区发展。龙湾区通用航空产业园3500亩和瓯飞起步区一期2000亩已规划。", [Decimal(3500), Decimal(2000)]),
    ("陕西省推动商洛电厂二期、店头电厂二期等402万千瓦机组建成投运。", [Decimal(4020000)]),  # a list's sum
    ("陕西省8所职业院校入选国家第二期“双高计划”。", [Decimal(8)]),  # a batch, not a phase
])
def test_a_project_phase_s_figures_are_the_project_s(text, values):
    assert [v for _, v, _, _ in targets(text)] == values


def test_an_indicator_leaves_out_the_verb_of_change_and_where_the_figure_started():
    doc = process_text("上海市发展。金融市场交易总额从2274.8万亿元增加到4059万亿元,粮食总产量稳定在1955万吨。")
    assert {t.indicator for t in doc.targets if t.value > 10**7} == {"金融市场交易总额", "粮食总产量"}
