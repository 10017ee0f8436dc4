from __future__ import annotations

import pytest

from kg.extract.pipeline import process_text


def entities(text: str) -> set[tuple[str, str]]:
    return {(e.label, e.cls) for e in process_text(text).entities}


# (text, expected entity, explanation)
CASES = [
    ("完善产业生态,大力发展新型储能,创建国家级平台。", ("新型储能", "Industry"), "one sector after a verb of growing it"),
    ("全面实施文化强省建设三年行动计划", ("文化强省建设三年行动计划", "Policy"), "强 inside a policy's name"),
    ("开展高层建筑安全隐患排查整治专项行动", ("高层建筑安全隐患排查整治专项行动", "Policy"), "verbs inside a policy's name"),
    ("扎实推进“五好”园区建设。", ("五好园区", "Policy"), "a quoted numeral slogan before a platform word"),
    ("是浙江省大湾区“四新区”之一", ("四新区", "Policy"), "a quoted count of one kind of platform"),
    ("印发《中共中央 国务院关于支持深圳建设中国特色社会主义先行示范区的意见》",
     ("中共中央 国务院关于支持深圳建设中国特色社会主义先行示范区的意见", "Policy"), "a document in book-title marks"),
    ("签署《区域全面经济伙伴关系协定》", ("区域全面经济伙伴关系协定", "Policy"), "an agreement"),
    ("丝路基金投资项目", ("丝路基金", "Company"), "a fund with a name"),
    ("市长 龚 正作政府工作报告", ("龚正", "Person"), "a two-character name spaced out"),
    ("编制《“十五五”规划纲要》。", ("十五五规划纲要", "Policy"), "a label drops its inner quotation marks"),
    ("也是上海打造车规级芯片集聚地的骨干项目。", ("车规级芯片", "Industry"), "the sector a hub is built for"),
    ("上城区玉皇山南基金小镇聚焦私募基金产业。", ("玉皇山南基金小镇", "Town"), "a town named after what it gathers"),
    ("福州出台意见。重点依托闽清白金工业园和长乐、罗源新型建材产业园,打造新型建材产业基地。",
     ("长乐新型建材产业园", "Park"), "a region sharing a park's tail, where its city is named"),
    ("集成电路和高端生物医药两个产业平台列入培育名单。", ("高端生物医药", "Industry"), "a counted list of platforms named by sectors"),
    ("实施“金芙蓉”跃升行动,", ("金芙蓉跃升行动", "Policy"), "a quoted slogan and the words of its programme"),
    ("西安高新区重点发展高端电力、智慧装备、增材制造。", ("智慧装备", "Industry"), "a list of sectors after a verb of growing them"),
    ("储能项目落户空港新区天城北园,2020年启动", ("天城北园", "Park"), "a short park right after its zone"),
    ("把园区打造成全国重要数字视频产业聚集区。", ("数字视频", "Industry"), "the sector of a platform kind"),
    ("增强中国(绵阳)科技城高端创新资源集聚能力", ("中国(绵阳)科技城", "Park"), "a place in brackets names a generic platform"),
    ("支持天兵科技、天章卫星等商业航天企业做大做优。", ("商业航天", "Industry"), "the sector of a list of companies"),
    ("打造罗源湾千亿钢铁产业基地。", ("钢铁", "Industry"), "a base's sector after its place and size"),
    ("实施就业优先战略和扩大内需战略。", ("扩大内需战略", "Policy"), "a strategy named by a four-character slogan"),
    ("坚持科教强省战略,建设教育强省。", ("科教强省战略", "Policy"), "a slogan strategy after its verb"),
    ("宁乡县推进新一代锂电池项目。", ("宁乡市", "Region"), "a county's former full name names it, alone too"),
    ("推进长沙宁乡新一代锂电池项目。", ("宁乡市", "Region"), "a bare county right after its city"),
    ("加快现代装备、新材料、新能源与智能网联汽车等新兴产业集群发展。", ("新能源与智能网联汽车", "Industry"),
     "two sectors joined by 与 in a list name one"),
    ("加快现代装备、新材料、新能源与智能网联汽车等新兴产业集群发展。", ("现代装备", "Industry"),
     "a sector modifier after the verb opens the first item"),
    ("阳泉市城区推进转型发展。", ("城区", "Region"), "a county named like a common word, right after its city"),
    ("西湖区云栖小镇聚焦云计算。", ("云栖小镇", "Town"), "district before a town is a container, not part of the name"),
    ("西湖区云栖小镇聚焦云计算。", ("西湖区", "Region"), "full region name from the gazetteer"),
    ("推进杭州中俄人才创业园建设", ("杭州中俄人才创业园", "Park"), "modifier chain kept, verb dropped"),
    ("以之江新城、西溪谷、杭州云谷为重点", ("西溪谷", "Valley"), "valley between enumeration marks"),
    ("以之江新城、西溪谷、杭州云谷为重点", ("杭州云谷", "Valley"), "city name inside the platform name"),
    ("以之江新城、西溪谷、杭州云谷为重点", ("之江新城", "Park"), "new town is a park"),
    ("全面贯彻“八八战略”", ("八八战略", "Policy"), "quoted name typed by its head word"),
    ("发布《行动计划(2018~2022年)》", ("行动计划(2018~2022年)", "Policy"), "book title with its years"),
    ("以云栖小镇、西溪谷、杭州云谷“一镇两谷”为主阵地", ("一镇两谷", "Policy"), "numeric grouping"),
    ("形成4+4产业体系", ("4+4", "Policy"), "plus grouping"),
    ("中共西湖区委书记 王立华", ("王立华", "Person"), "name after a title"),
    ("黄石市委副书记、市长吴锦出席会议", ("吴锦", "Person"), "name before a verb"),
    ("大力发展以跨境电商、智能制造、临空物流等为重点的产业", ("临空物流", "Industry"), "enumeration of sectors"),
    ("转塘、曙光路艺术街区", ("转塘艺术街区", "Park"), "ellipsis: shared tail"),
    ("西溪谷金融、紫金众创、云谷等省级特色小镇", ("紫金众创小镇", "Town"), "ellipsis: list before 等…小镇"),
    ("蚂蚁集团总部位于杭州", ("蚂蚁集团", "Company"), "company by lexicon and suffix"),
    ("清华大学与浙大合作", ("浙江大学", "Institution"), "abbreviation resolved"),
    ("召开云栖大会", ("云栖大会", "Event"), "event by suffix"),
    ("国家网络安全产业园区(北京)", ("国家网络安全产业园区(北京)", "Park"), "park by suffix, with its bracketed place"),
    ("加快建设天府园、高新园、双流园、锦江园", ("双流园", "Park"), "short park names in a list"),
    ("形成海淀园的总体布局", ("海淀园", "Park"), "short park name after a district"),
    ("萧山将制定实施平台建设三年行动计划", ("平台建设三年行动计划", "Policy"), "verbs inside a policy name"),
    ("成都市工业信息安全 3 年行动计划出台", ("成都市工业信息安全3年行动计划", "Policy"), "figure and region inside a policy name"),
    ("开启数字经济发展四年双倍增计划", ("数字经济发展四年双倍增计划", "Policy"), "introducing verb left out"),
    ("持续完善“117N”高能级科创平台体系", ("117N", "Policy"), "quoted name that its context calls a system"),
    ("西湖区将大力实施“百个项目”", ("百个项目", "Policy"), "quoted name after 实施"),
    ("依托“蓉漂”“蓉贝”等人才项目", ("蓉贝", "Policy"), "quoted names before 等人才项目"),
    ("举办数字经济暨数字丝绸之路国际会议", ("数字经济暨数字丝绸之路国际会议", "Event"), "暨 joins an event's name"),
    ("第十届中国金融科技发展论坛召开", ("中国金融科技发展论坛", "Event"), "edition left out of the name"),
    ("连续举办“巅峰极客”网络安全技能挑战赛", ("巅峰极客网络安全技能挑战赛", "Event"), "quoted brand heads the name"),
    ("黄石市委书记、大冶市市长万鼎等出席", ("万鼎", "Person"), "等 after a name is not part of it"),
    ("省长李强考察云栖小镇", ("李强", "Person"), "a name before a verb of visiting"),
    ("黄石临空经济区建设加快,临空经济区聚焦物流。", ("黄石临空经济区", "Park"), "short form resolved to the full name"),
    ("实施“工业互联网”专项行动", ("工业互联网专项行动", "Policy"), "quoted head of a compound policy name"),
    ("依托北交所浙江基地发展", ("北交所浙江基地", "Park"), "a known name opens a platform's"),
    ("建成西湖大学P3实验室", ("西湖大学P3实验室", "Institution"), "letters and digits inside a name"),
    ("引进信达生物、亚盛医药等企业在园区快速成长", ("信达生物", "Company"), "names vouched for by 等企业, verb left out"),
    ("科大讯飞、国盾量子、本源量子等龙头企业带动明显", ("本源量子", "Company"), "names before 等龙头企业"),
    ("支持华为南京研究所、中兴通讯南京研发中心、苏宁易购等企业做大做强", ("中兴通讯南京研发中心", "Company"),
     "long names in a list of companies"),
    ("独墅湖科教创新区内高校加快建设", ("独墅湖科教创新区", "Park"), "innovation district by suffix"),
    ("光谷科学岛、东湖科学城建设全面提速", ("东湖科学城", "Park"), "science city by suffix"),
    ("西湖区发布了推动经济高质量发展72条,持续壮大产业", ("推动经济高质量发展72条", "Policy"), "measures named by their count"),
    ("深入实施“光谷科技创新大走廊”核心承载区建设", ("光谷科技创新大走廊", "Park"), "a quoted platform stays a platform"),
    ("建成天府软件园、成都芯谷等数字经济产业园区10个", ("天府软件园", "Park"), "a listed park keeps its own name"),
    ("推动现代石化、绿色矿业等传统产业转型升级", ("绿色矿业", "Industry"), "a list closed by 等传统产业 vouches for its items"),
    ("促进工程机械、轨道交通等优势产业锻长补短", ("工程机械", "Industry"), "the verb before the first item is left out"),
    ("在高端特殊钢、高端制笔以及服装时尚智造5大传统行业基础上", ("高端制笔", "Industry"), "a list closed by a count"),
    ("依托长乐滨海工业区,打造化工新材料产业基地", ("化工新材料", "Industry"), "a base described by its sector"),
    ("纺织化纤产业:依托长乐滨海工业区,建设纺织产业基地", ("纺织化纤", "Industry"), "a heading names a sector"),
    ("曾都移动应急装备、下陆电子电路铜箔等18个产业集群入选", ("移动应急装备", "Industry"), "a county glued to a sector"),
    ("曾都移动应急装备、下陆电子电路铜箔等18个产业集群入选", ("曾都区", "Region"), "… is a region of its own"),
    ("“汉孝随襄十”新能源与智能网联汽车、“武鄂黄黄咸”光电子信息等产业走廊加快建设", ("光电子信息", "Industry"),
     "quoted groups of places before list items"),
    ("实施服务业扩能提质行动,推动生产性服务业发展", ("服务业扩能提质行动", "Policy"), "a programme after 实施"),
    ("实施科技英才领航工程和“双千”计划", ("双千计划", "Policy"), "a quoted name and its kind"),
    ("完善“揭榜挂帅”机制", ("揭榜挂帅机制", "Policy"), "a quoted name and its kind"),
    ("支持两地以‘一城多园’模式合作", ("一城多园模式", "Policy"), "single quotes"),
    ("顺德区北滘镇、陈村镇、乐从镇部分区域", ("陈村镇", "Region"), "townships listed after their district"),
    ("举办“深圳·绍兴周”活动", ("深圳·绍兴周", "Event"), "a quoted series of events"),
    ("新东方、好未来、高途等教培巨头都诞生于此", ("好未来", "Company"), "a list closed by 等…巨头"),
    ("以及法液空、普罗名特等外资企业进驻", ("普罗名特", "Company"), "a list closed by 等外资企业"),
    ("2017年青山控股总部回归", ("青山控股", "Company"), "控股 ends a company's name"),
    ("中芯国际、长电科技等50余个集成电路产业项目", ("长电科技", "Company"), "a list of projects names no sectors"),
    ("依托江阴化工新材料专区和连江可门开发区", ("江阴化工新材料专区", "Park"), "专区 ends a park's name"),
    ("包头市发展稀土产业,实现了稀土功能材料产业全覆盖", ("稀土功能材料", "Industry"), "the sector before 产业"),
    ("武汉东湖、襄阳、宜昌3家高新区进入全国前列", ("襄阳高新区", "Park"), "a list closed by its count shares the kind"),
    ("依托闽清白金工业园和长乐、罗源新型建材产业园", ("长乐新型建材产业园", "Park"), "two places share a park's tail"),
    ("重点建设北京市新技术产业开发试验区", ("北京市新技术产业开发试验区", "Park"), "a region before generic words is in the name"),
    ("拥有全球最大的综合性稀土专业研发机构包头稀土研究院", ("包头稀土研究院", "Institution"), "a kind before a name"),
]


@pytest.mark.parametrize("text, expected, explanation", CASES, ids=[c[2] for c in CASES])
def test_recognize_finds(text, expected, explanation):
    assert expected in entities(text)


NEGATIVE = [
    ("大力发展教育事业,办好人民满意的教育。", "教育事业", "an undertaking, not a sector"),
    ("蔡奇来到筒车湾镇胶州小区、海棠园村", "海棠园", "a village named like a park"),
    ("落户杭州高新区人民公园,", "人民公园", "a public garden after a zone"),
    ("先后建设九个新能源基地,", "九个新能源", "a count is no part of a base's sector"),
    ("提供岗位超过56000个,涉及医疗器械、商务等行业19个。", "涉及医疗器械", "the verb before a list"),
    ("要办好中国侨智发展大会。", "办好中国侨智发展大会", "a verb before an event's name"),
    ("完成国泰海通证券合并重组。", "完成国泰海通证券", "a verb before a company's name"),
    ("深入落实主体功能区战略", "深入落实主体功能区", "verbs before a platform word"),
    ("力争昆明理工大学进入前列", "力争昆明理工大学", "a verb before a university"),
    ("辽宁承办夏季达沃斯论坛", "承办夏季达沃斯论坛", "a verb before an event"),
    ("湖北抢占低空经济等新赛道", "抢占低空经济", "a verb before a sector"),
    ("要深入贯彻习近平总书记关于建设科技强国的重要论述", "关于", "a common word after a title"),
    ("全国政协党组成员出席会议", "党组", "a common word that opens with a surname"),
    ("袭击卡塔尔乌代德空军基地", "乌代德空军基地", "a military base is no platform"),
    ("国际货运班列抵达兰州新区。", "国际货运班列抵达兰州新区", "a verb of arriving before a zone"),
    ("2023年)雄安新区发展", ")雄安新区", "a closing bracket before a name"),
    ("收看《新闻联播》节目", "新闻联播", "a programme in book-title marks"),
    ("电影《哪吒之魔童闹海》热映", "哪吒之魔童闹海", "a film in book-title marks"),
    ("发表《把握首要任务 推动高质量发展》", "把握首要任务 推动高质量发展", "a headline in book-title marks"),
    ("李强会见韩国三星集团会长", "李强会见韩国三星集团", "a leader and a verb before a company"),
    ("这家科技公司宣布", "这家科技公司", "a determiner before a kind of company"),
    ("二十国集团成员", "二十国集团", "a group of countries is no company"),
    ("打击缅北白家犯罪集团", "缅北白家犯罪集团", "a criminal group is no company"),
    ("确保稳定稻谷生产", "稳定稻谷", "grain is no valley"),
    ("游览云南怒江大峡谷", "云南怒江大峡谷", "a canyon is no valley"),
    ("北京平谷的桃花", "北京平谷", "a district named with 谷 is no valley"),
    ("设立政府产业投资引导基金", "政府产业投资引导基金", "a kind of fund"),
    ("提升县级医院服务能力", "县级医院", "a kind of hospital"),
    ("中共中央政治局常委蔡奇陪同考察", "蔡奇陪", "a word after a two-character name"),
    ("本报记者 霍艳恩摄", "霍艳恩", "a photo credit"),
    ("习近平致贺信并讲话", "贺信", "a letter, not a person"),
    ("打造网络安全人才高地", "网络安全人才", "talent is no sector"),
    ("举办多场平行分论坛和高峰论坛", "高峰论坛", "a kind of meeting"),
    ("游客漫步江南水乡", "江南水乡", "a kind of town"),
    ("构建勘探开发、储运利用、装备制造全产业链。", "装备制造全", "全 before 产业链 is no part of a sector"),
    ("三是科技服务体系健全。", "科技服务", "a system named after a sector is not the sector"),
    ("开展“敬老爱老”等公益行动", "敬老爱老等公益行动", "a list's kind is no part of a name"),
    ("大力发展微短剧等新业态,", "微短剧等新业态", "a list closed by 等 is no single sector"),
    ("重点发展高端电力、教育事业。", "高端电力", "a list with an item that is no sector"),
    ("打造罗源湾千亿钢铁产业基地。", "罗源湾千亿钢铁", "a place and a size are no part of the sector"),
    ("招引启明星辰、亚信科技等网络安全优质企业", "网络安全优质", "a modifier of the companies, not of the sector"),
    ("培育壮大战略性新兴产业", "培育壮大战略", "战略性: an adjective, not a strategy"),
    ("主动服务国家战略", "服务国家战略", "a phrase about strategies, not one"),
    ("成都将以战略为导向", "成都将以战略", "a clause before 战略"),
    ("乡镇街道履职事项清单全面建立", "乡镇街道", "townships and streets in general"),
    ("包头白云鄂博矿是全球最大的稀土矿", "白云鄂博矿", "a mine named like its district is no district"),
    ("打造“数字经济第一城”", "数字经济第一城", "brand titles are literals"),
    ("省级特色小镇", "特色小镇", "a kind, not a name"),
    ("经济走出低谷", "走出低谷", "a common word ending in 谷"),
    ("加快智慧产业新兴区建设", "新兴区", "a county name without its city is not a region"),
    ("彰显活力品质城区首善风采", "城区", "a county named like a common word, without its city"),
    ("推动主城区和郊区协调发展", "郊区", "a common word that is a county only after its city"),
    ("到成都考察", "到成都", "prefix trap: 到 is not part of the name"),
    ("全力打造面向未来、产城一体的“世界级滨水新城”", "世界级滨水新城", "a quoted title a clause aims at"),
    ("“宋城千古情”入选全省文旅爆款培育计划", "宋城千古情", "a show named before a far policy head"),
    ("建设人才培养基地和生产制造基地", "人才培养基地", "a kind of platform, not a name"),
    ("两园区具备优势", "两园区", "a number of parks"),
    ("打造深圳与伦敦金融城合作", "深圳与伦敦金融城", "two places joined by 与"),
    ("成立科技子公司", "科技子公司", "a kind of company"),
    ("形成了制造、能源等产业", "了制造", "a particle is not part of a sector"),
    ("集教育、科研、产业、文化于一体", "集教育", "facets of a place, not sectors"),
    ("推动新一轮科技革命和产业变革等领域", "新一轮科技革命", "a revolution is not a sector"),
    ("加快西湖大学云谷校区项目建设", "西湖大学云谷", "a campus, not a valley"),
    ("推动智能科技、旅游康养四大产业片区发展", "旅游康养四大产业片区", "a count of kinds"),
    ("多家香港虚拟银行落户", "香港虚拟银行", "a place and a kind of company"),
    ("建设数据中心", "数据中心", "a kind of centre"),
    ("合肥高新区是国家首批自主创新示范区之一", "自主创新示范区", "a kind of zone"),
    ("集聚了华为、中兴等一批龙头企业", "集聚了华为", "the verb before a list is not a name"),
    ("新增市级以上企业研发中心(研究院)35家", "企业研发中心(研究院", "an aside in brackets"),
    ("建设全国电子信息产业知名品牌示范区", "电子信息产业知名品牌示范区", "a designation of sector and kind words"),
    ("枣阳、枝江、汉川、天门等经济强县实力持续提升", "天门", "a county in a list is no sector"),
    ("实施“强产业补链条”计划,集聚了一批上市公司", "上市公司", "a kind of company"),
    ("阐明了未来十五年重庆高新区的发展方向", "十五年重庆高新区", "a time is no part of a platform's name"),
]


@pytest.mark.parametrize("text, wrong, explanation", NEGATIVE, ids=[c[2] for c in NEGATIVE])
def test_recognize_rejects(text, wrong, explanation):
    assert wrong not in {label for label, _ in entities(text)}


def test_a_name_in_brackets_after_another_is_its_alias():
    doc = process_text("深圳金融科技研究院(央行金融科技研究院)相继落地。")
    institutes = [e for e in doc.entities if e.cls == "Institution"]
    assert [(e.label, e.aliases) for e in institutes] == [("深圳金融科技研究院", ("央行金融科技研究院",))]


def test_a_platform_known_by_another_kind_of_name_in_brackets_is_one_entity():
    doc = process_text("东湖新技术开发区(中国光谷)地区生产总值增长8.1%,光谷将继续发力。")
    platforms = [(e.cls, e.label) for e in doc.entities if e.cls in ("Park", "Valley")]
    assert platforms == [("Park", "武汉东湖新技术开发区")]  # the official name, from the list of national zones
    assert {"东湖新技术开发区", "中国光谷", "光谷"} <= set(next(e for e in doc.entities if e.cls == "Park").aliases)


def test_a_short_name_of_a_platform_named_with_its_country_and_city_is_an_alias():
    doc = process_text("以中国(南京)软件谷为核心发展。软件谷业务收入超过2000亿元。")
    assert [(e.label, e.aliases) for e in doc.entities if e.cls == "Valley"] == [("中国(南京)软件谷", ("软件谷",))]


def test_a_listed_street_keeps_its_own_name():
    labels = {e.label for e in process_text("文三街、天目里等国际街区将加快引入国际知名大牌。").entities}
    assert "文三街" in labels and "文三街街区" not in labels


def test_bare_region_alias():
    doc = process_text("西湖区位于杭州市。西湖发展迅速。")
    region = next(e for e in doc.entities if e.label == "西湖区")
    assert "西湖" in region.aliases


@pytest.mark.parametrize("text, region", [
    ("在河北张家口举行。", "河北省"), ("海南三亚发布政策。", "海南省"), ("西安发布政策。", "西安市"), ("天津市河北区发布政策。", "河北区"),
])
def test_a_bare_name_shared_by_regions_names_the_higher_level_unless_its_full_name_is_written(text, region):
    assert region in {e.label for e in process_text(text).entities if e.cls == "Region"}


def test_an_event_s_edition_is_left_out_of_its_label_and_kept_in_an_alias():
    events = [(e.label, e.aliases) for e in process_text("在第十三届中国包头·稀土产业论坛上").entities if e.cls == "Event"]
    assert events == [("中国包头·稀土产业论坛", ("第十三届中国包头·稀土产业论坛",))]
