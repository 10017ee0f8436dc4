"""Recognition rules as data: suffix tables and regular expressions; no logic here."""

from __future__ import annotations

import re

from kg.extract.doc import CLASSES, TOWNSHIP_SUFFIXES  # noqa: F401  (re-exported: part of the data model)

PLATFORMS = frozenset({"Town", "Valley", "Park"})  # the classes of industrial platforms
PLACES = PLATFORMS | {"Region"}  # where things lie, and what holds targets

# Suffix → class, longest first where one suffix ends another (科技城 before 城).
SUFFIX_CLASSES: tuple[tuple[str, str], ...] = (
    ("小镇", "Town"), ("茶镇", "Town"), ("水乡", "Town"),
    ("民俗文化村", "Town"),
    ("硅谷", "Valley"), ("谷", "Valley"),
    ("产业园区", "Park"), ("产业园", "Park"), ("科技园", "Park"), ("生态园", "Park"),
    ("创业园", "Park"), ("经济园", "Park"), ("信创园", "Park"), ("园区", "Park"),
    ("科技园区", "Park"), ("工业园区", "Park"), ("工业园", "Park"), ("软件园", "Park"), ("物流园", "Park"),
    ("创意园", "Park"), ("文创园", "Park"), ("孵化园", "Park"), ("创新园", "Park"), ("智造园", "Park"),
    ("产业基地", "Park"), ("基地", "Park"), ("科技城", "Park"), ("金融城", "Park"),
    ("新城", "Park"), ("未来城", "Park"), ("世纪城", "Park"), ("大学城", "Park"),
    ("开发区", "Park"), ("高新区", "Park"), ("经开区", "Park"),
    ("汽开区", "Park"), ("创新区", "Park"), ("科学城", "Park"), ("示范区", "Park"), ("合作区", "Park"),
    ("试验区", "Park"), ("功能区", "Park"), ("经济区", "Park"), ("新区", "Park"),
    ("自由贸易试验区", "Park"), ("自贸试验区", "Park"), ("自贸区", "Park"), ("保税区", "Park"), ("街区", "Park"), ("老街", "Park"),
    ("创新社区", "Park"), ("创业社区", "Park"), ("金融中心", "Park"), ("产业带", "Park"),
    ("科创走廊", "Park"), ("大走廊", "Park"), ("生态圈", "Park"), ("片区", "Park"),
    ("科创城", "Park"), ("汽车城", "Park"), ("集聚区", "Park"), ("聚集区", "Park"), ("服务区", "Park"),
    ("投资区", "Park"), ("工业区", "Park"), ("专区", "Park"), ("起步区", "Park"), ("科学中心", "Park"),
    ("集团", "Company"), ("有限公司", "Company"), ("股份公司", "Company"), ("控股", "Company"),
    ("分公司", "Company"), ("公司", "Company"), ("银行", "Company"), ("证券", "Company"),
    ("基金", "Company"), ("中心", "Company"),
    ("大学", "Institution"), ("学院", "Institution"), ("研究院", "Institution"),
    ("研究所", "Institution"), ("实验室", "Institution"), ("研究中心", "Institution"),
    ("测评中心", "Institution"), ("研究发展中心", "Institution"), ("医院", "Institution"),
    ("院区", "Institution"), ("高等研究院", "Institution"), ("创新中心", "Institution"),
    ("博览会", "Event"), ("大会", "Event"), ("论坛", "Event"), ("峰会", "Event"),
    ("推介会", "Event"), ("签约会", "Event"), ("研讨会", "Event"), ("挑战赛", "Event"), ("沙龙", "Event"),
    ("国际会议", "Event"), ("茶奥会", "Event"), ("交易会", "Event"), ("洽谈会", "Event"),
    ("人才季", "Event"), ("技能大赛", "Event"), ("创新大赛", "Event"),
    ("街道", "Region"),
    ("行动计划", "Policy"), ("三年行动计划", "Policy"), ("三年行动", "Policy"), ("专项行动", "Policy"), ("发展规划", "Policy"),
    ("专项政策", "Policy"), ("培育工程", "Policy"), ("倍增计划", "Policy"), ("创新试点", "Policy"),
)
# Words that stop other names but belong inside a policy's: 平台建设三年行动计划.
POLICY_NAME_WORDS = frozenset({"建设", "推动", "发展", "促进", "提升", "培育", "支持", "鼓励", "强化", "优化",
                               "构建", "引进", "集聚", "高质量", "一体化", "年", "创建", "企业", "扩大", "整治", "排查", "设置"})
# Suffixes too generic to stand alone: they need a lexicon or a name in front that
# is not itself a common word (中心 needs 结算/信用卡…; 谷 needs a name).
WEAK_SUFFIXES = {"中心", "谷", "基金", "证券", "片区", "新区", "新城", "街区", "基地"}

# Words that describe a kind, not a name: a candidate made only of them is dropped.
GENERIC_PARTS = {
    "特色", "省级", "国家级", "市级", "区级", "重点", "产业", "科技", "创新", "创业", "园区",
    "国家", "国际", "全国", "全省", "全市", "全区", "一批", "各类", "各", "该", "本", "新",
    "高新", "技术", "开发", "经济", "信息", "数字", "现代", "综合", "专业", "大型", "中国",
    "首个", "多个", "一个", "两个", "其他", "相关", "主要", "核心", "龙头", "知名", "优质",
    "金融", "高端", "文化", "创意", "智慧", "示范", "企业", "大", "小", "老", "行业", "领军", "上市",
    "先进", "零碳", "低碳", "基础", "跨国", "境内", "境外", "专项", "医保", "中外合作", "理工类", "工业化", "多",
    "平台", "载体", "园", "一流", "优势", "新型", "未来", "功能", "集聚", "服务", "各级", "城市",
    "子", "中小", "虚拟", "制造业", "工程", "自主", "乡镇", "城乡",
    "商业", "地区性", "区域性", "三级", "二级", "县级", "公立", "国有", "小型",
}
# Kinds of meeting, not names: 高峰论坛, 平行分论坛, 周年大会, 表彰大会 (中关村论坛, 中亚峰会 are names).
EVENT_KIND_WORDS = frozenset({"高峰", "周年", "分", "主", "纪念", "庆祝", "平行", "主题", "专题", "系列", "表彰", "视频",
                              "紧急", "多边", "场", "代表", "党员", "全体", "学术", "研讨", "论坛", "闭幕", "开幕", "年度",
                              "工作", "动员", "部署", "推进", "座谈"})
# After a sector's name, words that make it a system or a capacity, not the sector (科技服务体系, 科技服务能力).
NOT_SECTOR_AFTER = ("体系", "能力", "水平")
# Kinds of town, not names: 江南水乡, 海滨小镇, 文旅小镇 (云栖小镇, 龙潭水乡 are names).
TOWN_KIND_WORDS = frozenset({"江南", "岭南", "浙北", "苏南", "千年", "水乡", "旅游", "文旅", "田园", "海滨", "边境", "度假",
                             "滑雪", "研学", "美丽", "乡村", "古", "江南古"})
# Kinds of fund, not names: 医保基金, 政府投资基金, 产业引导基金, 并购母基金 (丝路基金, 富达基金 are names).
FUND_KIND_WORDS = frozenset({"医保", "社保", "保险", "养老", "统筹", "引导", "投资", "专项", "母", "指数", "公募", "私募",
                             "并购", "创投", "种子", "救助", "援助", "保障", "政策性", "政府", "基本", "医疗", "社会",
                             "风险", "股权", "证券", "天使", "基础设施", "不动产", "信托", "发展", "亿元", "亿", "联邦"})

# Kinds of platform, not names, when a platform's head is made only of these and GENERIC_PARTS:
# 人才培养基地, 生产制造基地, 两园区, 全球金融中心. (Not for organisations: 中国艺术研究院.)
PLATFORM_GENERIC_PARTS = {
    "人才", "培养", "学生", "实训", "实习", "生产", "制造", "攻关", "融合", "教学", "教育", "历史",
    "艺术", "研发", "孵化", "应用", "转化", "成果", "实验", "全球", "两", "三", "四", "五", "六",
    "多", "几", "数", "智能化", "中小", "配套", "物流", "商务", "总部", "义务", "改革",
}

# Policy names (quoted or book-titled) are typed by their head word.
POLICY_HEADS = (
    "战略", "行动", "工程", "计划", "规划", "方案", "意见", "政策", "举措", "改革", "融合",
    "体系", "纲要", "通知", "措施", "办法", "条例", "决定", "试点", "行动计划", "机制",
    "布局", "格局", "专项", "倍增", "条", "年", "双引", "换人", "上云", "上楼", "建设",
    "发展", "服务", "百年", "联动", "带动", "协同", "驱动", "呼应", "兴", "引", "蓉漂",
    "首创", "物联网",
)
# “一镇两谷”, 六园一街, 三城一谷, 一核两廊五轴: numerals and platform characters.
NUMERAL = "一二三四五六七八九十两百千"
RE_GROUPING = re.compile(
    rf"(?:[{NUMERAL}]+(?:镇|谷|园|街|城|区|核|廊|轴|带|圈|院|中心|社区|基地|街区|湾|港|片|心|翼|极|链|平台)){{2,}}"
)
# “四新区”, “两园区”: a quoted count of one kind of platform names their programme, as groupings do
RE_QUOTED_COUNT = re.compile(rf"[{NUMERAL}]+(?:新区|园区|新城|片区|平台|基地|小镇|镇|谷|园|区|城)")
# A platform name whose head is only a quoted numeral slogan (“五好”园区): the programme, not a platform
RE_QUOTED_SLOGAN_HEAD = re.compile(rf"“[{NUMERAL}万]+[\u4e00-\u9fff]{{0,3}}”")
# 4+4, 3+N, 1+4+X, 1+2
RE_PLUS_GROUPING = re.compile(r"(?<![\d.])\d{1,2}(?:\+(?:\d{1,2}|[NX]))+(?![\d.%])")

# Context that makes a short quoted name a policy: what follows it, or the verb before it.
RE_POLICY_AFTER = re.compile(r"(?:等|“[^”]{1,10}”)*"
                             r"(?:[^,，。;；“”]{0,10}?(?:体系|布局|载体|品牌|活动|人才项目|专项行动)|为(?:重点|牵引|主线|抓手|引领|核心))")
RE_POLICY_BEFORE = re.compile(r"(?:实施|推进|深化|落实|开展|启动|践行|贯彻)“$")
QUOTED = re.compile(r"“([^“”\n]{2,40})”|《([^《》\n]{2,60})》|\"([^\"\n]{2,40})\"")
# A programme named after a verb of carrying it out: 实施服务业扩能提质行动, 推进创新发展行动.
RE_PROGRAMME = re.compile(r"(?:实施|启动|开展|推进|推动|组织)((?:[\u4e00-\u9fff\d]){1,16}?(三年行动计划|行动计划|专项行动|三年行动|"
                          r"行动|工程|计划))(?=[,，。;；、和及与“]|$)")
# A strategy named by a four-character slogan (科教兴国战略, 乡村振兴战略, 创新驱动发展战略), at the
# start of a clause or after a verb of carrying it out or a conjunction.
RE_STRATEGY = re.compile(r"(?:^|(?<=[^\u4e00-\u9fff])|(?<=实施|落实|贯彻|坚持|推进|服务|融入|对接)|(?<=[和及与]))"
                         r"([\u4e00-\u9fff]{4}(?:发展)?战略)(?!性|科技|腹地|支点|合作|投资|储备|资源|新兴|物资|咨询|要地|通道|"
                         r"机遇|定位|目标|任务|需求|地位|意义|高度|方向|重点|伙伴|环节|平台|前沿|产业|布局|规划|引领)")
# Words that make a phrase of the four characters, not a slogan: 强化重大战略, 服务国家战略, 省属企业战略.
STRATEGY_NOT_SLOGAN = re.compile("国家|重大|发展|总体|长期|全球|核心|产业|企|品牌|加快|培育|强化|服务|融入|保障|发挥|持续|积极|"
                                 "一批|多个|个|重点|领域|建设|[将以为在把对向从由于是要]")
RE_PROGRAMME_LEAD = re.compile("^(?:新一轮|全面|深入|持续|加快|大力|积极|开展|好|了|一批|一系列)+")
# A quoted short name followed by the word for what it is: “双千”计划, “揭榜挂帅”机制, “142”重点产业集群.
RE_POLICY_HEAD_AFTER = re.compile(r"(?:(?:(?![等的是在])[\u4e00-\u9fff]){1,4}?(?:行动计划|专项行动|行动|工程)"  # “金芙蓉”跃升行动
                                  r"|重点产业集群|产业集群|行动计划|专项行动|行动|计划|工程|战略|政策|机制|模式|园区)")
# … or a word that makes it a programme without naming its kind: “双减”政策发布, “四新区”之一, “险资入豫”力度.
RE_POLICY_WORD_AFTER = re.compile(r"(?:“[^”]{1,10}”)*(?:建设|力度|之一|行动|改革|试点)")
RE_POLICY_BEFORE_SINGLE = re.compile("(?:实施|推进|深化|落实|贯彻|践行|以)$")
RE_SINGLE_QUOTED = re.compile(r"‘([^‘’\n]{2,12})’")
# Towns of a district, after its name: 北滘镇、陈村镇、乐从镇 (not 石湾镇街道, a street office; not 小镇).
RE_TOWNSHIP_LIST = re.compile(r"[\u4e00-\u9fff]{2}镇(?![街小])(?:、[\u4e00-\u9fff]{2}镇(?![街小]))*")
# A quoted name of two parts joined by · that ends as events do: “深圳·绍兴周”, “创投天府·周周见”.
RE_QUOTED_EVENT = re.compile(r"[\u4e00-\u9fff]{2,8}·[\u4e00-\u9fff]{1,8}(?:周|见|节|季|会|赛|展|行|活动|论坛|峰会)")
# Media and publications in 《》 are not policies.
# What a document in book-title marks ends with when it is a policy or a law (《…条例》, 《…协定》): films,
# books, shows and headlines in 《》 end otherwise (《新闻联播》, 《哪吒之魔童闹海》).
DOCUMENT_HEADS = ("法", "法典", "法案", "条例", "规定", "办法", "细则", "规则", "准则", "意见", "通知", "决定", "决议",
                  "纲要", "纲领", "协议", "协定", "声明", "宣言", "倡议", "公约", "条约", "宪章", "议定书", "备忘录",
                  "共识", "路线图", "议程", "愿景", "建议", "章程", "白皮书", "蓝皮书", "修正案", "草案", "报告",
                  "清单", "指南", "指引", "目录", "标准", "规范", "原则", "细则")
RE_HEADLINE = re.compile(r"——|\s")  # 《把握首要任务 推动高质量发展》, 《…——写在…》: a headline
PUBLICATION_HEADS = ("报", "杂志", "网", "期刊", "周刊", "日报", "晚报", "新闻", "公众号")
# Brand titles: “数字经济第一城”, “中国星谷”: literals, not entities.
RE_BRAND_TITLE = re.compile(r"第一|之都|之城|之乡|高地|名片|标杆|样板|首善|排头兵|示范城")

# Industries: an enumeration closed by a sector word (A、B、C等产业 / 领域 / 赛道 …).
# Where the clause of a sector list starts (the last of these before its closing word).
RE_CLAUSE_BREAK = re.compile("[,。;:\n“”(]")
INDUSTRY_CLOSERS = ("产业集群", "产业链", "产业", "领域", "赛道", "集群", "行业", "业态", "经济")
# A sector name outside the lexicon carries one of these words (制造, 服务, 医药 …).
INDUSTRY_HINTS = re.compile(
    "制造|服务|科技|技术|信息|数据|智能|电子|能源|材料|医|药|健康|金融|物流|贸易|电商|文化|创意|旅游|"
    "农业|装备|汽车|安全|网络|软件|芯片|电路|通信|互联网|计算|数字|生物|机器人|航空|航天|游戏|动漫|影视|"
    "会展|体育|商务|康养|零售|支付|设计|传媒|教育|密码|区块链|云|AI|化工|环保|物联网|直播|电竞|新茶饮|"
    "食品|纺织|钢铁|建材|光电|激光|集成|半导体|显示|储能|氢能|光伏|风电|海洋|卫星|低空|元宇宙|算力|"
    "石化|矿|机械|轨道交通|钢|电池|晶|磁|稀土|纤|服装|鞋|家居|家具|加工|器械|仪器|电力|电气|核|船|铝|铜|轻工|冶金|"
    "建筑|包装|造纸|塑料|橡胶|玻璃|陶瓷|家电|照明|五金|模具|机床|母机|智造|种业|养殖|茶|酒|花卉|养老|母婴|视频|音频|"
    "数控|检测|航运|港航|物联|集成电路|芯|光学|传感|仿真|量子|商业航天|北斗|遥感|无人机"
)
ENUM_SEPARATORS = re.compile(r"、|以及|和|及|与|,")
# A list that uses 、 splits there and before its last item (A、B和C, A、B以及C), but keeps
# 及 and 与 inside an item: 航空航天及北斗, 新能源与智能网联汽车.
RE_LIST_SEPARATORS = re.compile(r"、|以及|和|,")
# A count closing a list of sectors: A、B…5大传统行业, A、B两个产业.
RE_LIST_COUNT = re.compile(r"(?:\d+|[两三四五六七八九十]+)(?:大|个|类|项)[\u4e00-\u9fff]{0,4}$")
# A size before a sector (千亿钢铁产业基地, 万亩千亿): it describes the base, not the sector.
# 全产业链显示产业基地: of 显示; 九个新能源基地, 大型光伏基地
RE_SIZE_WORD = re.compile(r"[十百千万]亿|万亩|百强|千强|全?产业链|全链条|大型|全要素|[\d一二三四五六七八九十两几多]+[个大]")
# After 产业/行业: the list names projects, platforms or firms of the sector, not sectors.
RE_NOT_SECTOR_HEAD = re.compile("项目|平台|企业|公司|龙头|基金|人才|工人")
# After 产业/行业: 产业化, 产业园, 产业城, 产业基地, 产业区 are no sector words.
RE_NOT_A_SECTOR_WORD = re.compile("化|园|区|城|基地")
# Between 等 and the closing 产业: a kind (传统, 优势, 新兴), not a clause (等方面的产业).
RE_CLAUSE_INSIDE = re.compile("[的了和与及在是]")
# A base described by its sector after a verb of building: 打造化工新材料产业基地 (an industry, not a park).
SECTOR_BASE_SUFFIXES = ("产业基地", "基地", "集聚区", "聚集区", "产业集聚区")
RE_BUILDING_VERB = re.compile("(?:打造|建设|建成|培育|发展|形成|建)(?:[一-龥]{0,2})?$")
# Words of a designation for a sector's platform (全国电子信息产业知名品牌示范区, 人工智能应用中试基地).
DESIGNATION_SUFFIXES = frozenset({"示范区", "基地", "产业基地", "集聚区", "聚集区", "先导区", "试验区"})
SECTOR_KIND_WORDS = frozenset({"领域", "品牌", "名牌", "知名", "中试", "试点", "先行", "先导", "集群", "聚集", "人才", "深加工", "加工", "业"})
# A word of time: 十五年, 3月, 一年: no part of a name grown leftwards.
RE_TIME_WORD = re.compile(r"[\d一二三四五六七八九十百两]+(?:年|月|日|天|周)")
# Words that open a sector's name (现代石化, 特色农业) though a name grown leftwards stops at them.
SECTOR_MODIFIERS = ("现代", "新兴", "传统", "特色", "高端", "先进", "新型", "绿色", "智能", "智慧", "数字", "未来")
# A quoted group of places before a list item: ,“汉孝随襄十”新能源与智能网联汽车、“武鄂黄黄咸”光电子信息.
RE_LIST_QUOTE = re.compile(r"(?:(?<=[、，,;；:：])|^)“[^“”\n]{1,10}”(?=[\u4e00-\u9fff])", re.M)
# 产业 after a sector's name, when it is no platform, school or project of the sector: 发展稀土产业.
RE_SECTOR_WORD = re.compile("产业(?!化|城|学院|项目|平台|联盟|大会|论坛|基金)")
RE_HAN_WORD = re.compile(r"[\u4e00-\u9fff]+")
# A heading that names a sector: 纺织化纤产业:依托…
RE_SECTOR_HEADING = re.compile(r"(?:^|(?<=[。;；]))([\u4e00-\u9fff]{2,8})(?:产业|行业)[:：]", re.M)
# A platform's name that opens a list item: 西安高新区光电子.
RE_PLATFORM_IN_ITEM = re.compile(r"^[\u4e00-\u9fff]{2,6}?(?:高新区|经开区|开发区|新区|园区|产业园)")
# Sectors that end in 化 like a process would (数字化): 石化, 化工 stay sectors.
SECTOR_HUA = ("石化", "油化", "煤化", "盐化")
ENUM_OPENERS = (
    "聚力发展", "大力发展", "重点发展", "加快发展", "培育发展", "发展", "聚焦", "布局", "培育",
    "打造", "做深", "做强", "做大", "做优", "深耕", "涵盖", "包括", "围绕", "瞄准", "引进",
    "集聚", "推动", "以", "在", "为", "壮大", "主攻", "突出", "形成", "构建", "拓展", "覆盖",
)

# A bare region name before one of these names a smaller place: 广安苑, 杭州路, 西湖村.
NOT_AFTER_BARE_REGION = frozenset("苑路街巷村桥门里寺庄坊弄湾")
# Counties whose names are common words (品质城区, 城乡郊区, 采空矿区): a district only
# right after its city (大同市城区, 铜陵郊区).
COMMON_WORD_COUNTIES = frozenset({"城区", "郊区", "矿区", "市中区", "城中区", "新城区"})

# Quantities: a number with its magnitude word and unit; a year around it.
NUMBER = r"(?:\d+(?:,\d{3})*(?:\.\d+)?|[零〇一二两三四五六七八九十百千]+(?:点[零〇一二三四五六七八九]+)?)"
# Units as written after a number; longest first where one ends another (平方公里 before 公里).
UNITS = ("平方公里", "平方米", "百分点", "美元", "元", "家", "个", "项(?!目)", "人次", "人", "名", "户", "件",
         "亩", "座", "栋", "所", "款", "套", "台", "批", "%", "倍", "公里", "吨", "条", "部", "场", "处")
# 18 名 and 354.6 亿元: scraped text keeps a space around Arabic figures; 80余万平方米, 550余家.
RE_QUANTITY = re.compile(
    rf"(?<![\d.第])(?P<num>{NUMBER}) ?(?:余|多)?(?P<mag>万亿|亿|万|千|兆)?(?:余|多)?(?:个)?"
    rf" ?(?P<unit>{'|'.join(UNITS)})(?P<more>以上|左右|多)?"
)
RE_YEAR = re.compile(r"(?:到|至|截至|截止|于)? ?(?P<year>(?:19|20)\d\d|二〇[一二三][〇一二三四五六七八九]) ?年")
# A paragraph that opens with a goal year (力争到2025年,…) heads a goals section; its
# bullets (——…, 一是…, (1)…, 1.…) share the year until the next heading (（四）…, 四、…).
RE_SECTION_GOAL = re.compile(r"(?:力争|争取|预计)?(?:到|至) ?(?P<year>(?:19|20)\d\d|二〇[一二三][〇一二三四五六七八九]) ?年")
RE_BULLET = re.compile(r"——|—|[·•●▪■◆]|[一二三四五六七八九十]是|[(（]?\d+[)）.、]")
RE_HEADING = re.compile(r"[(（][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、|第[一二三四五六七八九十]+[章节部分]")
# A figure is a goal when its sentence promises (到2022年, 力争); otherwise it is achieved.
RE_GOAL = re.compile("(?<!达)到|力争|预计|目标|争取|确保|将|计划")  # 达到 is reached, not a goal
# The verb between an indicator and its number: 数字经济总量达 → 数字经济总量.
RE_INDICATOR_VERB = re.compile(
    r"(?:从|由|分别|提高到|提升到|提升至|增至|增加到|增长到|稳定在|保持在|迈上|降至|降到|下降到|拓展到|扩大到|"
    r"达到|达|突破|超过|超|实现|增长|增加|提高|提升|占|为|约|近|累计|新增|建成|拥有|有|共|欲达|高于|低于|以上)+$"
)
# Where a figure started from, left before the verb (地区生产总值从11.37万亿元提高到): not the indicator's
RE_FROM_FIGURE = re.compile(r"(?:由|从)[\d.,]+[^\d,，;；]{0,4}$")
SINGLE_CHINESE_DIGITS = "一二两三四五六七八九十"  # 一批, 两个: quantifiers, not figures

# Relations
RE_LOCATED = re.compile(r"位于|落户|坐落于|坐落在|地处|落地|入驻|在")
# 两镇六街区 → (两, 镇), (六, 街区): the parts of a numeric grouping.
RE_GROUP_PART = re.compile(r"([一二三四五六七八九十两]+|\d+)([\u4e00-\u9fff]{1,3}?)(?=[一二三四五六七八九十两\d]|$)")


# ---------------------------------------------------------------- Small patterns used in many places
# (compiled once: a call such as re.fullmatch(r"…", s) looks its pattern up again every time)
RE_BRACKETED_PART = re.compile(r"\(.*?\)")  # 学生实训(实习)基地
RE_TRAILING_BRACKETS = re.compile(r"\(.*?\)$")
RE_LIST_JOINER = re.compile("[、和及与]")
RE_CLAUSE_PUNCTUATION = re.compile(r"[,，;；:：]")
RE_SENTENCE_PUNCTUATION = re.compile(r"[,，。!?:：]")
RE_NAME_WORD = re.compile(r"[\u4e00-\u9fffA-Za-z()·]+|[A-Za-z]+\d+[A-Za-z]*")  # P3, not 2021
RE_SECTOR_ITEM = re.compile(r"[\u4e00-\u9fffA-Za-z+]+")
RE_TWO_LETTERS = re.compile(r"[A-Za-z]{2}")
RE_CONJUNCTION = re.compile("[与和及]")
RE_COUNT_OF_KINDS = re.compile("[一二三四五六七八九十两]大")  # 四大产业片区
RE_NAMED_CENTRE = re.compile("结算|信用卡|测评|研究|运营|数据|创新")  # 中信银行信用卡中心, not 数据中心


# ---------------------------------------------------------------- Recognition (kg/extract/recognize/)
# A word ending so names a region that contains a platform named after it: 台北市内湖科技园区.
CONTAINER_ENDS = ("省", "市", "县")

ZONE_WORDS = {"高新区", "开发区", "新区", "自贸区", "保税区"}  # zones named on their own before a platform

# Common words ending in 谷 that name no valley.
COMMON_VALLEY_WORDS = {"低谷", "峡谷", "山谷", "河谷", "波谷", "深谷", "谷底", "幽谷"}
# Grain and load curves, not valleys: 稻谷, 五谷, 移峰填谷, 电网峰谷; and 峡谷, 河谷 at any length.
NOT_VALLEY_BEFORE = frozenset("稻禾百脱种收峰填五")
NOT_VALLEY_ENDS = ("峡谷", "河谷", "山谷")

# Verbs of aiming: a quoted name in their clause is a title aimed at (打造“世界级滨水新城”).
RE_BRAND_VERB = re.compile(r"打造|建成|建设成为|成为|争创")

# After a platform's suffix these make another thing of it: 云谷校区, 紫金港路, 谷公司.
# 空军基地, 导弹生产基地: a military base, no platform
RE_MILITARY = re.compile("军事|空军|海军|陆军|[美以俄英乌]军|导弹|武器|弹药|火箭弹|部队|武装|哈马斯|胡塞|雇佣兵|国防部|作战")
# 二十国集团 (G20), 犯罪集团, 利益集团: groups that are no companies
RE_NOT_A_COMPANY = re.compile("国集团$|犯罪|贩毒|诈骗|电诈|雇佣兵|走私|恐怖|利益集团|军火")
NOT_A_PLATFORM_AFTER = ("校区", "路", "大道", "站", "大桥", "隧道", "公司", "集团")

# A quoted brand right before a suffix heads the name: “巅峰极客”网络安全技能挑战赛.
RE_QUOTED_HEAD = re.compile(r"“([\u4e00-\u9fffA-Za-z]{2,10})”$")

# An event's edition before its name: 2021…推介会, 第十届…论坛.
RE_LEADING_YEAR = re.compile(r"(?:(?:19|20)\d\d年?)?(?:首届|第?[一二三四五六七八九十百\d]+届)?")

# Words that stop other names but join an event's: 数字经济暨…国际会议, 中国金融科技发展论坛.
EVENT_NAME_WORDS = frozenset({"暨", "与", "·", "发展", "同"})

# A place in brackets after a platform: 国家网络安全产业园区(北京).
RE_BRACKETED = re.compile(r"\(([\u4e00-\u9fff]{2,6})\)")

# …园 that are gardens, zoos and schools, not parks.
NOT_PARK_HEADS = {"动物", "植物", "幼儿", "游乐", "主题", "森林", "湿地", "郊野", "体育", "家属", "校园", "花园"}

# Lists of short park names that vouch for each other: 天府园、高新园、双流园.
RE_PARK_LIST = re.compile(r"(?<![\u4e00-\u9fff])(?:[\u4e00-\u9fff]{2}园、){1,20}+[\u4e00-\u9fff]{2}园")

# A part right after its platform: 空港新区天城北园, 福州高新区海西园; not 人民公园, 幼儿园.
RE_PARK_PART = re.compile(r"([\u4e00-\u9fff]{2,3}?)园(?=[^\u4e00-\u9fff]|[的和与及等内为是将已])")
NOT_PART_ENDS = frozenset("公花乐校陵家田庄果菜茶动植儿游")

# A district's bare name and 园: 海淀园.
RE_SHORT_PARK = re.compile(r"([\u4e00-\u9fff]{2})园(?![\u4e00-\u9fff]*(?:区|林|地|艺|村))")

# Particles left at the start of a list item by its clause: 形成了制造、….
STRAY_PARTICLES = "了着过"

# List items ending so are not sectors: 数字化, 科技革命, 政策体系.
NOT_SECTOR_ENDS = ("等", "化", "革命", "变革", "融合", "体系", "能力", "水平", "环境", "机制", "安全保障", "中心", "机构",
                   "政策", "与", "和", "及")

# Names vouched for by the kind closing their list: 信达生物、亚盛医药等企业; 武汉大学、华中科技大学等高校.
RE_LISTED_ORGS = re.compile(
    r"((?:[\u4e00-\u9fffA-Za-z]{2,12}、){1,30}+[\u4e00-\u9fffA-Za-z]{2,12})等"
    # what stands between 等 and the kind: a count and modifiers (世界知名, 一批“头部”医药, 外资), not a sector (等产业的企业)
    r"((?:(?!产业|行业|领域|的)[^,，。;；、\n]){0,10}?)"
    r"(企业|公司|高校|院校|大学|科研院所|研究机构|巨头)"
)

RE_BEFORE_LIST = re.compile("[和与及的]")
LISTED_KIND = {"企业": "Company", "公司": "Company", "巨头": "Company", "高校": "Institution", "院校": "Institution",
               "大学": "Institution", "科研院所": "Institution", "研究机构": "Institution"}


# A numbered set of measures, named after a verb of issuing: 发布了推动经济高质量发展72条.
RE_NUMBERED_MEASURES = re.compile(
    r"(?:发布|出台|印发|制定|推出|实施)了?([\u4e00-\u9fff]{2,16}?(?:\d{1,3}|[一二三四五六七八九十]{1,3})条)(?=[,，。;；、]|$)")


# ---------------------------------------------------------------- Relations (kg/extract/relate/)
# Between the last member and its grouping: 云谷“一镇两谷”, 生态圈等“科创五环”, 天堂镓谷等5个“152工程”
RE_BEFORE_GROUPING = re.compile(r"(?:等(?:[\d一二三四五六七八九十两]+[个家项座])?)?[“”\s]*")

# Between members of a list.
RE_LIST_GAP = re.compile(r"[、和及与“”\s]*")

# Verbs by which a platform lists its parts: 形成海淀园、通州园…布局.
RE_LAYOUT = re.compile(r"形成|包括|包含|下辖|涵盖|分为|设有|由")

# A grouping, then a few words, then its members in brackets: “一区三园”发展格局(…).
RE_BRACKET_AFTER_GROUP = re.compile(r"[”\s]*(?:[\u4e00-\u9fff]{0,6}?)\(")

# Heads of a plan whose quoted programmes are its parts.
PLAN_HEADS = ("计划", "规划", "方案", "纲要")

# Parts of numeric groupings that name platforms (两镇六街区), not programmes (三个年).
PLATFORM_WORDS = ("镇", "谷", "园", "城", "街", "街区", "区", "基地", "社区", "圈", "带", "廊")

# A counted grouping: 三个年专项行动 → three …年专项行动.
RE_COUNTED_KIND = re.compile(r"([一二三四五六七八九十两]+|\d+)个(.{2,8})")

# A sentence about a gap or a weakness states no focus.
RE_PROBLEM = re.compile("不健全|不完善|不足|短板|制约|薄弱|滞后|瓶颈|差距|有待|欠缺|尚未|未完全|还需|还待|亟待|待挖掘|不够|不强|不高")
# Sectors a product or service is for (面向金融、电力等领域的解决方案, 应用于金融领域) are its users'.
RE_SERVED = re.compile("面向|应用于")

# Examples of a kind (以图灵小镇等为代表的小镇经济) are not what a sentence is about.
RE_EXAMPLES = re.compile(r"等?为代表的")

NOT_HOLDING = ("与", "同", "跟", "除")  # partners and exceptions are not what a sentence is about

PLATFORM_KINDS = ("中心", "城", "港", "街")  # 金融中心, 金融城: a kind of platform, not what it hosts

# Issuers above any region: their policies get no issuedBy.
NATIONAL = ("中共中央", "国务院", "中华人民共和国", "国家", "全国",
            "粤港澳", "长三角", "京津冀", "长江经济带", "大湾区", "黄河流域")  # and plans of regions across provinces
# After X在Y: X set up something in Y (清华大学在萧山成立智库平台), X itself lies elsewhere.
RE_BRANCH_VERB = re.compile(r"(?:成立|打造|设立|建设|建立|布局|投资|开设|举办|召开|发布)")


# ---------------------------------------------------------------- Targets (kg/extract/targets.py)
LOCATIVES = ("位于", "地处", "坐落于", "坐落在", "落户")

# The kind word that ends a platform's name and stands for it later: 新区, 园区, 开发区, 小镇…
RE_KIND_WORD = re.compile(r"(?:高新区|开发区|新区|园区|小镇|科技城|新城)$")

COMPARED = ("较", "比", "相比", "同比")  # 较2020年的285.19亿元: a base year, not the figure's year after its clause

# Years said relative to the document's own.
RELATIVE_YEARS = {"今年": 0, "本年": 0, "明年": 1, "去年": -1, "上年": -1, "过去一年": -1}

RE_RELATIVE_YEAR = re.compile("|".join(RELATIVE_YEARS))


# ---------------------------------------------------------------- Resolution (kg/extract/resolve.py)
# (以下简称“X”) after a name: X is its alias.
RE_SHORT_NAME = re.compile(r"^\((?:以下)?简称[“\"]?([^”\")]{1,12})[”\"]?\)")

# 在武汉举行: where an event happened, not what a document is about.
RE_VENUE = re.compile(r"(?:隆重|盛大)?(?:举行|召开|举办|开幕|闭幕)")
