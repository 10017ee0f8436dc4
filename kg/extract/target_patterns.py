"""Rules as data for targets (kg/extract/targets.py): figures, their bases, years and holders."""

from __future__ import annotations

import re

from kg.extract.patterns import NUMBER, UNITS

# Units beyond the shared ones; longest first where one starts another (个月 before 个).
TARGET_UNITS = ("个月", "个方面", "元/平方米", "GWh", "MWh", "MW", "GW", "千瓦时", "千瓦", "辆", "斤", "位")
_UNITS = "|".join(sorted((*TARGET_UNITS, *UNITS), key=len, reverse=True))
# A number with its magnitude word and unit; a magnitude alone is a figure too (GDP超过4万亿, 人口仅313万).
RE_TARGET_QUANTITY = re.compile(
    rf"(?<![\d.第])(?P<num>{NUMBER}) ?(?:余|多)?(?P<mag>万亿|亿|万|千|兆)?(?:余|多)?(?:个)?"
    rf" ?(?:(?P<unit>{_UNITS})|(?<=[万亿兆])(?=[,;:。、)”]|之|的|以上|左右|$))(?P<more>以上|左右|多)?"
)
# Ordinals that count: 成为高新区第7家百亿级企业, 位列全球第四(位).
RE_ORDINAL = re.compile(r"第(?P<num>\d{1,3}|[一二三四五六七八九十]{1,3})(?P<mag>)(?P<unit>家|位|名)?")
RE_RANK_BEFORE = re.compile(r"(?:位列|位居|跻身)[\u4e00-\u9fff]{0,4}$")

# A region right after these is a base the figure is compared with or a share of, not its holder:
# 占北京市总量的23.56%, 高出北京市2.2个百分点, 较全省平均水平.
BASE_BEFORE = ("占", "较", "比", "高出", "低于", "高于", "相当于", "仅次于", "超过", "领先", "快于", "慢于")
# Per-capita denominators: 每10万人中.
PER = ("每",)
# Verbs of aspiring: the platform after them does not exist yet (争创国家…示范区).
ASPIRING = ("争创", "创建", "申报", "申创", "争取", "支持", "鼓励", "指导", "帮助")  # 支持郑州创建…: an object
# A count right before a platform makes it a kind: 建设10个省级数据产业园.
RE_COUNTED_BEFORE = re.compile(r"(?:\d+|[一二两三四五六七八九十百]+)(?:个|家|批|类|座)[\u4e00-\u9fff]{0,4}$")
# A year that opens its clause (2021年,…;…) is the year of the clauses after it.
RE_LEAD_YEAR = re.compile(r"(?:^|[,;:。])(?:在|截至|截止|到|至)? ?(?P<year>(?:19|20)\d\d) ?年(?:底|末|全年)?[,:]")
# A policy that opens its sentence and speaks holds its figures: 《意见》指出,…培育发展16个产业基地.
RE_POLICY_SPEAKS = re.compile(r"[”》\"]?(?:中)?(?:指出|提出|明确|要求|规定|强调)")
# 总投资超300亿元、…的瑞浦新能源产业基地项目: a figure in a modifier of the platform after it.
RE_MODIFIED_GAP = re.compile(r"(?:(?!(?:19|20)\d\d年)[^。;:!?]){0,60}?的")
# Between a range's two ends: 17.3亿元到300亿元 is one change, 6—8亿元 one range.
RE_RANGE_JOIN = re.compile(r"(?:到|至|—|-|~|～)")
# A count a verb of issuing gives is a figure even as one Chinese numeral: 出台三个专项人才政策.
RE_ISSUED_COUNT = re.compile(r"(?:出台|确定|制定|发布|推出|印发|明确)了?$")
# Inside an open quote, a clause mark or length makes it speech, not a short name.
RE_OPEN_SPEECH = re.compile(r"[,;:。!?]|[^“”]{16}")
# Long suffixes that, with one character before them, name a kind: 强产业园区.
KIND_SUFFIXES = ("产业园区", "产业园", "产业基地", "工业园区", "科技园区", "科技园", "示范区", "开发区")
# A region before these names a wider area, not itself: 武汉都市圈经济总量.
AREA_AFTER_REGION = ("都市圈", "城市群", "经济圈", "经济带")
# A list item counted after it: 武汉东湖、襄阳、宜昌3家高新区.
RE_COUNT_AFTER = re.compile(r"(?:\d+|[一二两三四五六七八九十]+)(?:家|个|所|座|条)")
# Digits that are no figures: web addresses and percent-encoded links, e-mail addresses, dates
# written with dashes or slashes, telephone and postal numbers, codes mixing letters and digits.
RE_NOT_A_FIGURE = re.compile(
    r"(?:https?://|www\.)[^\s\u4e00-\u9fff，。；、）)”]+|(?:%[0-9A-Fa-f]{2}){2,}|[A-Za-z0-9._+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"
    r"|(?<!\d)(?:19|20)\d\d[-/.]\d{1,2}[-/.]\d{1,2}(?!\d)"
    r"|(?:电话|热线|传真|手机|邮编|邮政编码|Tel|TEL|Fax)[:：]?\s*[\d()（）\- ]{5,}|(?<!\d)0\d{2,3}-\d{7,8}(?!\d)|(?<!\d)1[3-9]\d{9}(?!\d)"
    r"|(?<![A-Za-z0-9])(?=[0-9]*[A-Za-z])[A-Za-z0-9]{6,}"  # a code if a letter comes before a digit in it (91330100MA2B; not 100GWh)
)
# What every one of those holds, one of these characters: a sentence without any is left alone.
RE_NOT_A_FIGURE_HINT = re.compile(r"[A-Za-z%@/:：\-]")
RE_CODE = re.compile(r"[A-Za-z][A-Za-z0-9]*\d")
# A growth rate's verb, kept in its indicator (GDP同比增长 8.5%), which the level's (GDP 1.2万亿元) is not.
RE_GROWTH = re.compile(r"(增长|增速|下降|减少|提高|提升)(?:了|达|达到|为|约|近|超过|超)*$")
# Before a figure, a demonstrative says it again: 这12个重点产业项目 (said before as 重点项目共12个).
DEMONSTRATIVES = ("这", "这些", "上述", "前述", "该")
# A figure of the one compared with, not of the holder: 仅次于东西城区的10万元均价.
RE_OTHERS_BEFORE = re.compile(r"(?:仅次于|不及|落后于)(?:(?!为|达到|是|分别)[^\d,;:。、的比较增降长升同相年至]){2,10}的?$")
# A project's phase: 中芯绍兴项目一期投资, 总投资39.7亿元二期20GWh产能; its figures are the project's.
RE_PHASE = re.compile(r"(?<!第)[一二三四五]期(?!间|待|望|盼)")
PHASE_UNITS = ("元", "美元", "GWh", "MWh", "GW", "MW", "千瓦", "千瓦时", "亩", "平方米", "平方公里", "吨")
RE_CLAUSE_END = re.compile(r"[,;。]")
# Chinese digits in a run with no 十百千: a word or a guess (唯一一个, 三四家), not a figure.
RE_DIGIT_RUN = re.compile(r"[一二两三四五六七八九]{2,}")
