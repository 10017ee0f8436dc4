"""People's names as data: titles, surnames, and what ends a name (kg/extract/recognize/persons.py and names.py)."""

from __future__ import annotations

import re

# People: a title, then a two- or three-character name.
PERSON_TITLES = (
    "总书记", "书记", "副市长", "市长", "区长", "县长", "省长", "副省长", "主任", "董事长",
    "总经理", "总裁", "院士", "局长", "部长", "主席", "秘书长", "常委", "委员", "教授",
    "创始人", "首席执行官", "CEO", "理事长", "会长", "领导", "记者", "区委书记",
)
SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶"
    "程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾"
    "毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰"
    "焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲"
    "房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟"
    "应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝习"
)
# Characters that follow a two-character name rather than end a three-character one: 蔡奇陪同, 王毅将, 戴冰摄.
NOT_NAME_END = frozenset("陪将共时作于互并总在向摄案")
NAME_END = re.compile(r"[、,，。;；:：\s()（）“”]|出席|表示|指出|介绍|强调|主持|讲话|致辞|说|在|等|和|与|调研|一行|会见|率队"
                      r"|作|考察|视察|参观|走访|来到|前往|带领|代表|分别|同志|\d|同|向|就|对|近日|日前|今天|也|还|致|看来|接受|认为|陪同|将|共同|时|于|并|摄|案")

# The name model (kg/extract/recognize/names.py):
# Titles and role words before a person's name: where the name model looks for people.
TITLES = ("总书记", "书记", "省长", "市长", "区长", "县长", "镇长", "主任", "董事长", "总经理", "院士", "教授", "总裁",
          "创始人", "负责人", "局长", "部长", "厅长", "处长", "所长", "院长", "校长", "委员", "主席", "总理", "理事长",
          "秘书长", "研究员", "经理", "总监", "行长", "会长", "专家", "博士", "主持人", "首席执行官", "同志")
# Before a person's name (within a few characters), or right after it.
PERSON_TITLE_AFTER = re.compile(
    "等?(?:表示|说|介绍|指出|认为|称|强调|坦言|透露|看来|会见|出席|主持|考察|调研|讲话|致辞|同志|总书记|书记|主席|总理|"
    "院士|教授|先生|女士|省长|市长|区长|县长|董事长|总经理)")
PERSON_BYLINE = re.compile("(?:记者|编辑|通讯员|责编|作者|摄影|摄|校对|审核|来源)[:：\\s]*$")
COMPOUND_SURNAMES = frozenset({"欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "司徒", "夏侯",
                               "长孙", "宇文", "轩辕", "端木", "呼延", "澹台", "南宫"})
# A one-character word after a two-character name that does not make it three characters long.
NAME_CONTINUES = frozenset("的了在是和与及或等说对向为从到就也都而被把将于以")
