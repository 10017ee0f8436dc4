"""Write lexicons of universities, national zones, Zhejiang towns and listed companies from
the public lists in ../shared/gazetteers (see its README.md for sources and licences).

    python scripts/make_public_lexicons.py                      # lists at ../shared/gazetteers
    python scripts/make_public_lexicons.py --gazetteers DIR     # or elsewhere

Needs `jieba` (for its dictionary: the "ordinary word" test of company short names) and
kg/data/lexicon/region.tsv (for province/city/county of each row). Writes, into
kg/data/lexicon/ (TSV, UTF-8, '#' lines are comments, aliases joined by '|'):

  university.tsv      label, aliases, city, province          (Institution; MoE list)
  national_zone.tsv   label, aliases, province, city, kind    (Park; kind = etdz|htz|new_area, '|' if several)
  zhejiang_town.tsv   label, aliases, county, city            (Town; batches 1-2)
  listed_company.tsv  label, aliases, cue_aliases, province, city   (Company; SZSE/SSE/BJ lists)

Guard convention (listed_company.tsv, and the hand-written curated_org.tsv): every form in
`aliases` (and the label, unless it is itself in cue_aliases) may be matched anywhere; a form
in `cue_aliases` is matched only with a company cue: directly followed by 公司/集团/股份/控股
(or beside another company cue). A short name goes to cue_aliases when it has at most two
characters, or is an ordinary word: jieba's dictionary has it with frequency >= 100 and a tag
other than a person/organisation/other-name tag (nr*, nt*, nz*; place names, ns*, count as
ordinary for companies), or it is a region name (label or bare form in region.tsv), or an
industry word (industry.tsv, GB/T 4754 names, digital-economy keywords).
"""

from __future__ import annotations

import argparse
import csv
import re
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LEX = ROOT / "kg" / "data" / "lexicon"
HAN = re.compile(r"[\u4e00-\u9fff]")

# ---------------------------------------------------------------- regions


class Regions:
    """region.tsv: label, bare, level, parent."""

    def __init__(self, path: Path) -> None:
        self.rows: list[tuple[str, str, str, str]] = []
        self.by_form: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
        self.direct: dict[str, str] = {}  # county-level city under a province directly -> province
        last_province = ""
        for line in path.open(encoding="utf-8"):
            if line.startswith("#") or not line.strip():
                continue
            label, aliases, level, parent = (line.rstrip("\n").split("\t") + ["", "", ""])[:4]
            alias, *former = aliases.split("|")  # the bare form, then former full names
            if level == "province":
                last_province = label
            if parent.endswith("直辖县级行政区划"):  # rows are in adcode order: the province precedes
                self.direct[label] = last_province
            self.rows.append((label, alias, level, parent))
            for form in {label, alias, *former} - {""}:
                self.by_form[form].append((label, level, parent))
        self.province_labels = {r[0] for r in self.rows if r[2] == "province"}
        self.city_parent = {r[0]: r[3] for r in self.rows if r[2] == "city"}
        self.forms = set(self.by_form)

    def place(self, label: str, level: str, parent: str) -> tuple[str, str, str]:
        """(province, city, county) of a region row."""
        if level == "province":
            return label, (label if label.endswith("市") else ""), ""
        if level == "city":
            return parent, label, ""
        if label in self.direct:
            return self.direct[label], label, label
        if parent in self.province_labels:  # county of a municipality or a directly administered one
            return parent, (parent if parent.endswith("市") else ""), label
        return self.city_parent.get(parent, ""), parent, label

    def province(self, form: str) -> str:
        for label, level, _ in self.by_form.get(form, []):
            if level == "province":
                return label
        return ""

    def locate(self, name: str, province: str = "") -> tuple[str, str, str, str]:
        """Longest region form that `name` starts with -> (form, province, city, county).
        Ties: keep candidates in `province`; prefer city over province over county; give up
        (return the form with empty place) when the level still has several namesakes."""
        for n in range(min(len(name), 8), 1, -1):
            form = name[:n]
            cands = [(c, self.place(*c)) for c in self.by_form.get(form, [])]
            if province:
                cands = [x for x in cands if x[1][0] == province]
            if not cands:
                continue
            for want in ("city", "province", "county"):
                sel = {p for c, p in cands if c[1] == want}
                if len(sel) == 1:
                    return (form, *sel.pop())
                if len(sel) > 1:
                    provs = {p[0] for p in sel}
                    return form, (provs.pop() if len(provs) == 1 else ""), "", ""
        return "", "", "", ""


def write(path: Path, header: str, columns: list[str], rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8") as f:
        f.write(f"# {header}\n# " + "\t".join(columns) + "\n")
        for row in rows:
            f.write("\t".join(row) + "\n")
    print(f"{path.relative_to(ROOT)}: {len(rows)} rows")


def read_tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def join(forms, exclude=()) -> str:
    out = []
    for f in forms:
        if f and f not in exclude and f not in out:
            out.append(f)
    return "|".join(out)


# ---------------------------------------------------------------- universities


def universities(gaz: Path, reg: Regions) -> None:
    rows = []
    code_prov: dict[str, set[str]] = defaultdict(set)
    codes = []
    for r in read_tsv(gaz / "moe_hei_list.tsv"):
        codes.append(r["code"][2:4])
        name = r["name"].strip()
        aliases = []
        if "（" in name or "(" in name:
            aliases = [name.replace("（", "(").replace("）", ")"), name.replace("(", "（").replace(")", "）")]
        city = r["address"].strip()
        form, prov, cty, county = reg.locate(city)
        if form and len(form) >= len(city) - 1:  # the address is a division (凉山州 -> 凉山彝族自治州 kept as written)
            city = county or cty or city
        code_prov[r["code"][2:4]].add(prov)
        rows.append([name, join(aliases, {name}), city, prov])
    for row, code in zip(rows, codes, strict=False):  # digits 3-4 of the MoE code are the province's division code
        provs = code_prov[code] - {""}
        if not row[3] and len(provs) == 1:
            row[3] = next(iter(provs))
    write(LEX / "university.tsv",
          "generated by scripts/make_public_lexicons.py from the MoE list of higher-education institutions "
          "(gazetteers/moe_hei_list.tsv); class Institution; province from region.tsv; aliases = bracket variants only",
          ["label", "aliases", "city", "province"], rows)


# ---------------------------------------------------------------- national zones

# (suffix of the official name, short suffixes that may replace it)
ZONE_SUFFIXES = [
    ("农业高新技术产业示范区", ["农高区"]),
    ("高新技术产业开发区", ["高新区", "高新技术开发区"]),
    ("火炬高技术产业开发区", ["火炬高新区", "高新区"]),
    ("高新技术产业园区", ["高新区"]),
    ("新技术开发区", ["高新区", "新技术开发区"]),
    ("经济技术开发区", ["经开区", "经济开发区"]),
    ("新兴技术开发区", ["开发区"]),
    ("科技园区", []),
    ("工业园区", []),
    ("产业园区", []),
    ("台商投资区", []),
    ("经济开发区", []),
    ("开发区", []),
    ("新区", []),
]
# heads that name no place by themselves: a short form whose head is one of these is never made
GENERIC_HEADS = {"", "滨海", "临港", "临空", "临空港", "沿海", "港", "新", "高新", "经济", "化学工业", "航空",
                 "航天", "石化", "金融商贸", "汽车", "医药", "稀土", "农业", "工业", "产业", "科技", "国家",
                 "西海岸", "火炬", "新兴"}
# places that region.tsv cannot give from the name's head (public facts about the zone's seat)
ZONE_PLACE = {
    "中关村科技园区": ("北京市", "北京市"),
    "燕郊高新技术产业开发区": ("河北省", "廊坊市"),
    "黄河三角洲农业高新技术产业示范区": ("山东省", "东营市"),
    "杨凌农业高新技术产业示范区": ("陕西省", "咸阳市"),
    "新疆生产建设兵团石河子高新技术产业开发区": ("新疆维吾尔自治区", "石河子市"),
    "广西-东盟经济技术开发区": ("广西壮族自治区", "南宁市"),
    "中国-马来西亚钦州产业园区": ("广西壮族自治区", "钦州市"),
    "红旗渠经济技术开发区": ("河南省", "安阳市"),
    "井冈山经济技术开发区": ("江西省", "吉安市"),
    "宾西经济技术开发区": ("黑龙江省", "哈尔滨市"),
    "东侨经济技术开发区": ("福建省", "宁德市"),
    "准东经济技术开发区": ("新疆维吾尔自治区", "昌吉回族自治州"),
    "陕西航空经济技术开发区": ("陕西省", "西安市"),
    "陕西航天经济技术开发区": ("陕西省", "西安市"),
    "上海漕河泾新兴技术开发区": ("上海市", "上海市"),
    "源城高新技术产业开发区": ("广东省", "河源市"),
    "旅顺经济技术开发区": ("辽宁省", "大连市"),
    "襄樊经济技术开发区": ("湖北省", "襄阳市"),
    "明水经济技术开发区": ("山东省", "济南市"),
    "海南洋浦经济开发区": ("海南省", "儋州市"),
    "河北雄安新区": ("河北省", "保定市"),
    "河北雄安高新技术产业开发区": ("河北省", "保定市"),
    "湖南湘江新区": ("湖南省", "长沙市"),
}


def zone_forms(name: str, reg: Regions, ordinary: Ordinary) -> list[str]:
    """Short forms of a zone name: suffix abbreviations, and the name without its leading region
    (province, city or county) when what is left still has a distinctive head."""
    for suffix, shorts in ZONE_SUFFIXES:  # noqa: B007  (shorts is read after the loop)
        if name.endswith(suffix):
            break
    else:
        return []
    stem = name[: -len(suffix)]
    stems = [stem]
    if stem.startswith("新疆生产建设兵团"):  # the Corps is no division in region.tsv
        stems.append(stem[len("新疆生产建设兵团"):])
    # strip a province prefix first (上海张江 -> 张江), then whatever region heads the rest
    for _ in range(2):
        s = stems[-1]
        form = reg.locate(s)[0]
        if form:
            rest = s[len(form):].lstrip("-")
            # a head left after a city or county must not be a common word (舟山群岛 -> 群岛)
            is_prov = any(lev == "province" for _, lev, _ in reg.by_form[form])
            if len(rest) >= 2 and rest not in GENERIC_HEADS and (is_prov or not ordinary.common(rest)):
                stems.append(rest)
    out = []
    for i, st in enumerate(stems):
        if st in GENERIC_HEADS:
            continue
        for sh in ([suffix] if i else []) + shorts:
            out.append(st + sh)
    return [f for f in out if f != name]


def national_zones(gaz: Path, reg: Regions) -> None:
    ordinary = Ordinary(reg, gaz)
    zones: dict[str, dict] = {}

    def add(raw: str, kind: str, prov_hint: str = "") -> None:
        label = re.sub(r"[（(].*?[）)]$", "", raw.strip())
        z = zones.setdefault(label, {"aliases": [], "kind": [], "prov": "", "city": ""})
        if raw != label:
            z["aliases"].append(raw)
        if kind not in z["kind"]:
            z["kind"].append(kind)
        prov = reg.province(prov_hint) if prov_hint else ""
        if label in ZONE_PLACE:
            p, c = ZONE_PLACE[label]
        else:
            form, p, c, _ = reg.locate(label, prov)
            if form and not c:  # a province prefix (广西北海工业园区): the city may follow it
                _, p2, c, _ = reg.locate(label[len(form):], p or prov)
                p = p or p2
            p = p or prov
        z["prov"] = z["prov"] or p
        z["city"] = z["city"] or c

    for r in read_tsv(gaz / "national_etdz_232.tsv"):
        add(r["name"], "etdz", r["province"])
    for r in read_tsv(gaz / "national_htz.tsv"):
        add(r["name"], "htz")
    for r in read_tsv(gaz / "national_new_areas_19.tsv"):
        form = reg.locate(r["name"])[0]
        if any(lev == "county" for _, lev, _ in reg.by_form.get(r["name"][len(form):], [])):
            continue  # 上海浦东新区, 天津滨海新区: the district itself; region.tsv holds it (as Region)
        add(r["name"], "new_area", r["province"])
    rows = []
    for label, z in zones.items():
        aliases = z["aliases"] + zone_forms(label, reg, ordinary)
        if not z["city"] and z["prov"].endswith("市"):
            z["city"] = z["prov"]
        if "-" in label:
            aliases.append(label.replace("-", "—"))
        rows.append([label, join(aliases, {label}), z["prov"], z["city"], "|".join(z["kind"])])
    write(LEX / "national_zone.tsv",
          "generated by scripts/make_public_lexicons.py from gazetteers/national_etdz_232.tsv, national_htz.tsv, "
          "national_new_areas_19.tsv; class Park; aliases = standard abbreviations (高新区, 经开区, 经济开发区) and the name "
          "without its leading province/city/county when a distinctive head is left; bare generic forms never made",
          ["label", "aliases", "province", "city", "kind"], rows)


# ---------------------------------------------------------------- Zhejiang towns


def zhejiang_towns(gaz: Path, reg: Regions) -> None:
    zj = "浙江省"
    rows = []
    for r in read_tsv(gaz / "zhejiang_towns_batch1_2.tsv"):
        name, prefix = r["name"].strip(), r["county_prefix"].strip()
        aliases = [r["name_with_prefix"].strip()]
        county = city = ""
        cands = reg.by_form.get(prefix, []) or [
            (lab, lev, par) for lab, _, lev, par in reg.rows if prefix and lab.startswith(prefix) and lev == "county"]
        for label, level, parent in cands:
            prov, cty, cnty = reg.place(label, level, parent)
            if prov != zj:
                continue
            county, city = cnty, cty
            aliases.append(label + name)
            break
        rows.append([name, join(aliases, {name}), county, city])
    write(LEX / "zhejiang_town.tsv",
          "generated by scripts/make_public_lexicons.py from gazetteers/zhejiang_towns_batch1_2.tsv (Zhejiang "
          "provincial characteristic towns, batches 1-2); class Town; aliases = county-prefixed forms; county/city "
          "from region.tsv (empty where the list gives no county, or the prefix is no division, e.g. 杭州湾新区)",
          ["label", "aliases", "county", "city"], rows)


# ---------------------------------------------------------------- listed companies

FULLWIDTH = str.maketrans({chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)} | {"\u3000": ""})


def short_name(s: str) -> str:
    s = s.translate(FULLWIDTH).replace(" ", "")
    s = re.sub(r"^(XD|XR|DR|S\*ST|\*ST|SST|ST|S|N|C)(?=\S)", "", s)
    s = re.sub(r"^(\*ST|ST)", "", s)
    s = re.sub(r"-[UWD]+$", "", s)
    s = re.sub(r"(?<=[\u4e00-\u9fff])[AB]$", "", s)
    return s


NAME_TAGS = ("nr", "ns", "nt", "nz")
# words that make a short name read as a company even when its head is an ordinary word (生物股份)
COMPANY_WORDS = {"股份", "集团", "控股", "公司", "银行", "证券", "科技", "实业", "药业", "电子", "电气", "智能", "信息",
                 "技术", "新材", "材料", "国际", "环境", "医疗", "生物", "能源", "化学", "光电", "软件", "通信", "传媒"}


class Ordinary:
    """The guard test of the module docstring."""

    def __init__(self, reg: Regions, gaz: Path) -> None:
        import jieba  # noqa: F401  (only its dictionary file is read)

        self.freq: dict[str, tuple[int, str]] = {}
        dict_txt = Path(jieba.__file__).parent / "dict.txt"
        for line in dict_txt.open(encoding="utf-8"):
            parts = line.split()
            if len(parts) >= 3:
                self.freq[parts[0]] = (int(parts[1]), parts[2])
        self.regions = reg.forms
        self.industry: set[str] = set()
        for line in (LEX / "industry.tsv").open(encoding="utf-8"):
            if not line.startswith("#") and line.strip():
                cols = line.rstrip("\n").split("\t")
                self.industry.update([cols[0]] + (cols[1].split("|") if len(cols) > 1 else []))
        for r in read_tsv(gaz / "gbt4754_industry.tsv"):
            self.industry.add(r.get("name", "").strip())
        for r in read_tsv(gaz / "digital_economy_keywords.tsv"):
            self.industry.update(v.strip() for k, v in r.items() if k == "term" and v)
        self.industry.discard("")

    def common(self, w: str, threshold: int = 100) -> bool:
        """jieba knows `w` as a common (non-name) word with frequency >= threshold."""
        f, tag = self.freq.get(w, (0, ""))
        return f >= threshold and not tag.startswith(NAME_TAGS)

    def why(self, w: str) -> str:
        """'' when `w` may be matched freely, else the reason it needs a cue."""
        if len(w) <= 2:
            return "short"
        if w in self.regions:
            return "region"
        if w in self.industry:
            return "industry"
        f, tag = self.freq.get(w, (0, ""))
        if f >= 100 and not tag.startswith(("nr", "nt", "nz")):
            return f"jieba:{tag}:{f}"
        if len(w) == 3 and f and not tag.startswith(NAME_TAGS):
            return f"jieba:{tag}:{f}"  # a rarer dictionary word of three characters (动力源)
        # a phrase of ordinary words reads as running text (新产业, 线上线下, 绿色动力)
        halves = [(w[:2], w[2:])] if len(w) == 4 else []
        segs = self.cut(w)
        if len(segs) == 2:
            halves.append(tuple(segs))
        for a, b in halves:
            if len(a) >= 2 and len(b) >= 2 and self.common(a) and self.common(b) and b not in COMPANY_WORDS:
                return "phrase"
        if len(w) == 3 and len(segs) == 2:
            word = next((x for x in segs if len(x) == 2), "")
            if word and self.common(word, 1000):
                return "phrase"
        return ""

    def cut(self, w: str) -> list[str]:
        import jieba

        jieba.setLogLevel(60)
        return jieba.lcut(w, HMM=False)


def listed_companies(gaz: Path, reg: Regions) -> None:
        ordinary = Ordinary(reg, gaz)
        cos: dict[str, dict] = {}

        def co(code: str) -> dict:
            return cos.setdefault(code, {"full": "", "shorts": [], "prov": "", "city": ""})

        for r in read_tsv(gaz / "szse_a_list.tsv"):
            for code_col, short_col in (("A股代码", "A股简称"), ("B股代码", "B股简称")):
                code = (r.get(code_col) or "").strip()
                if code:
                    c = co(r["A股代码"].strip() or code)
                    c["full"] = c["full"] or r["公司全称"].strip()
                    c["shorts"].append(r[short_col])
                    c["prov"] = c["prov"] or reg.province(r["省份"].strip())
                    c["city"] = c["city"] or r["城市"].strip()
        for r in read_tsv(gaz / "sse_a_list.tsv"):
            c = co(r["A股代码"].strip())
            c["shorts"] += [r["扩位证券简称"], r["证券简称"]]
        for r in read_tsv(gaz / "tushare_stock_basic.tsv"):
            c = co(r["symbol"].strip())
            c["shorts"].append(r["name"])
            if not c["prov"] and r["area"].strip():
                area = r["area"].strip()
                area = {"内蒙": "内蒙古"}.get(area, area)
                _, p, cty, _ = reg.locate(area)
                c["prov"], c["city"] = c["prov"] or p, c["city"] or (cty if cty else "")
        rows = []
        reasons: dict[str, int] = defaultdict(int)
        for _code, c in sorted(cos.items()):
            shorts = []
            for s in c["shorts"]:
                s = short_name(s or "")
                if s and HAN.search(s) and s not in shorts and not s.startswith("退"):
                    shorts.append(s)
            if not shorts and not c["full"]:
                continue
            label = c["full"].translate(FULLWIDTH).replace(" ", "") if c["full"] else shorts[0]
            free, cue = [], []
            for s in shorts:
                if s == label and c["full"]:
                    continue
                why = ordinary.why(s)
                (cue if why else free).append(s)
                if why:
                    reasons[why.split(":")[0]] += 1
            if "(" in label or "（" in label:
                free.append(label.replace("（", "(").replace("）", ")") if "（" in label else label.replace("(", "（").replace(")", "）"))
            rows.append([label, join(free, {label}), join(cue), c["prov"], c["city"]])
        print("cue reasons:", dict(reasons))
        write(LEX / "listed_company.tsv",
              "generated by scripts/make_public_lexicons.py from gazetteers/szse_a_list.tsv (full names, province, "
              "city), sse_a_list.tsv and tushare_stock_basic.tsv (short names; province from area); class Company. "
              "Label = full name where SZSE gives it, else the short name. Short names without ST/*ST/-U/-W/A/B markers. "
              "Forms in cue_aliases (the label too, if listed there) only before 公司/集团/股份/控股 or beside a company cue",
              ["label", "aliases", "cue_aliases", "province", "city"], rows)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--gazetteers", type=Path, default=ROOT.parent / "shared" / "gazetteers")
    args = ap.parse_args()
    reg = Regions(LEX / "region.tsv")
    universities(args.gazetteers, reg)
    national_zones(args.gazetteers, reg)
    zhejiang_towns(args.gazetteers, reg)
    listed_companies(args.gazetteers, reg)


if __name__ == "__main__":
    main()
