from __future__ import annotations

from kg.extract.pipeline import process_text


def test_a_platform_opening_the_title_is_the_subject_not_the_venue():
    doc = process_text("马栏山视频文创产业园深圳推介\n马栏山视频文创产业园推介暨签约会在深圳举行。该园区位于长沙市开福区。")
    assert doc.subject == "Park/马栏山视频文创产业园"


def test_a_platform_that_dominates_the_lead_is_the_subject():
    doc = process_text("全年制造业投资超400亿,重点项目补强产业链\n临港新片区又一批重点产业项目集中开工。"
                       "8月15日,临港新片区举行开工仪式。今年临港新片区制造业投资要达到400亿元以上,成为上海全市产业投资的发动机。")
    assert doc.subject == "Park/临港新片区"


def test_back_references_count_for_the_platform():
    doc = process_text("产业“成绩单”出炉\n今年上半年,临港新片区产值增长。该区聚焦集成电路。园区企业集聚,上海市支持。")
    assert doc.subject == "Park/临港新片区"


def test_a_region_named_in_the_title_stays_the_subject_beside_its_platforms():
    doc = process_text("西湖区全力彰显科教文创高地活力\n西湖区云栖小镇聚焦云计算。西湖区西溪谷发展金融科技。")
    assert doc.subject == "Region/西湖区"


def test_a_platform_named_once_does_not_displace_the_region():
    doc = process_text("福州出台培育产业基地意见\n福州市加快培育产业基地。重点依托福州软件园,打造软件信息产业基地。")
    assert doc.subject == "Region/福州市"


def test_a_bare_document_head_is_the_one_policy_that_ends_so_or_nothing():
    doc = process_text("福州出台意见\n福州出台《关于加快培育一批产业基地打造新经济增长点的意见》。《意见》指出,培育16个产业基地。")
    policies = {e.label: e.aliases for e in doc.entities if e.cls == "Policy"}
    assert policies == {"关于加快培育一批产业基地打造新经济增长点的意见": ("意见",)}
    assert not [e for e in process_text("会议审议通过《条例》。").entities if e.cls == "Policy"]
