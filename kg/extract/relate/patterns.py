"""Relation rules as data: the phrases that state where something lies, what it develops, who
issued it and what it belongs to, shared by the relation modules."""

from __future__ import annotations

import re

# 该园区位于…, 该区地处…: a back-reference to the document's platform, then where it lies
RE_BACK_LOCATED = re.compile(r"(?:该|本)(?:园区|新区|片区|开发区|高新区|区|园)(?:目前)?(?:位于|地处|坐落于|坐落在)")
# …的瑞浦新能源产业基地项目签约落户龙湾区: a longer gap (no clause break) that ends in the verb
RE_LOCATED_TAIL = re.compile(r"[^,，;；。:：]{0,16}(?:位于|地处|坐落于|坐落在|落户|落户于|落户在|落地|落地于|选址|选址于|入驻|建在)")
# 在龙湾区建设瑞浦基地: a region where something is built
RE_BUILT_IN = re.compile(r"(?:建设|打造|设立|建成|新建|布局|规划建设|谋划建设)[^,，;；。:：]{0,10}")
KIN_REGION_WORDS = ("镇", "街道", "乡", "社区", "村")  # 石湾镇街道, 北滘镇: places below the gazetteer's counties
NAME_PREFIXES = ("中国",)  # 中国绵阳科技城: the country before the region that names a platform
# 中关村 and 中关村科技园区: one platform with and without its kind, not one inside the other
GENERIC_PLATFORM_TAILS = frozenset({"科技园区", "科技园", "园区", "产业园区", "产业园", "工业园区", "工业园", "开发区",
                                    "高新区", "新区", "示范区", "经济区", "经济开发区", "高新技术产业开发区", "经济技术开发区"})
# 以东湖科学城为核心区域的光谷科创大走廊: the first is a part of the second
RE_CORE_OF = re.compile(r"为(?:核心区域|核心区|核心承载区|核心|主体|主阵地|主平台|主引擎)的")
# 重庆高新区作为西部(重庆)科学城(以下简称科学城)核心区
RE_AS = re.compile(r"作为|是|为")
RE_CORE_AFTER = re.compile(r"(?:\([^()]*\))?的?(?:核心区域|核心区|核心承载区|主体区|主阵地|重要组成部分|组成部分)")
# 是浙江省大湾区“四新区”之一
RE_ONE_OF = re.compile(r"[”\"]?(?:[\u4e00-\u9fff]{0,4})?之一")
RE_IS = re.compile(r"是|为|列入|入选|成为")
PART_SUFFIXES = ("园", "分园", "片区", "园区")  # 中关村科技园区海淀园: a park's part named after it
ZONE_ENDS = ("新区", "开发区", "高新区", "经济区", "试验区", "功能区")  # 空港新区天城北园: a zone holds its parks
RE_RELY = re.compile(r"(?:依托|依靠|立足|借助)$")  # 重点依托A、B,打造X产业基地: A and B develop X
RE_COMMA = re.compile("[,，]")
# 把园区打造成…, 该园区: a platform word alone, not the tail of a name (马栏山视频文创产业园区)
RE_BACKREFERENCE = re.compile(r"(?:(?<=[把将让使])|该|本)(?:园区|新区|片区|开发区|高新区)")
RE_SEAT = re.compile(r"(?:总部|总部基地|研发中心|生产基地)?所在(?:的|地)")  # 中国一汽总部所在的长春汽开区
# 广东省推进粤港澳大湾区建设领导小组印发, 河南省人民政府关于…: a region's organ that issues what follows
RE_ISSUING = re.compile(r"[^,，;；。:：“”《》]{0,24}?(?:印发|发布|出台|制定|颁布|审议通过|联合印发)")
RE_ISSUED_QUOTE = re.compile(r"(?:印发|发布|出台|颁布|公布)《$")  # 关于印发《…规划》的通知
RE_LIST_ITEM = re.compile(r"[、]|等[“\"]?")  # 长沙…、娄底…等“十大产业项目”: regions of the items, not the issuer
WIDE_KINDS = ("走廊", "经济带", "城市群", "都市圈", "经济圈")  # 光谷科创大走廊 reaches beyond 光谷
