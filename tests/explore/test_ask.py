"""kg ask: every shipped question answers on the sample build, and its answer is checked."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import KgError
from kg.explore.ask import ask, load_questions, parse_question

QUESTIONS = load_questions()


def answer(graph, name, **values):
    result = ask(graph, QUESTIONS[name], values, timeout=None)
    return [{v: (term.value if term is not None else "") for v, term in zip(result.variables, row, strict=True)} for row in result.rows]


def column(rows, name):
    return [row[name] for row in rows]


def test_at_least_twelve_questions_with_headers():
    assert len(QUESTIONS) >= 12
    for q in QUESTIONS.values():
        assert q.title and q.description, q.name
        for p in q.params:
            assert f"${p.name}" in q.sparql and p.default, (q.name, p.name)


CHECKS = {
    "region-platforms": lambda rows: {"云栖小镇", "艺创小镇", "紫金港科技城", "西溪谷"} <= set(column(rows, "platform"))
    and "钱江世纪城" not in column(rows, "platform"),  # 萧山区's, not 西湖区's
    "industries-by-platforms": lambda rows: rows[0]["industry"] == "网络安全" and int(rows[0]["platforms"]) >= 10
    and column(rows, "platforms") == sorted(column(rows, "platforms"), key=int, reverse=True),
    "shared-industries": lambda rows: {"西湖区", "杭州市", "萧山区"} <= set(rows[0]["which"].split("、")) and rows[0]["industry"] == "人工智能",
    "region-policies": lambda rows: ("西湖区", "一镇两谷") in {(r["issuer"], r["policy"]) for r in rows},
    "entity-targets": lambda rows: len(rows) > 20 and all(r["unit"] for r in rows) and any(r["year"] for r in rows),
    "platform-members": lambda rows: [(r["name"], r["class"]) for r in rows] == [("蚂蚁集团", "Company")],
    "entity-documents": lambda rows: {"000_77c5576ea1070f86.txt", "002_409b9f81b8dfc1c4.txt"} <= set(column(rows, "document"))
    and "2024-09-03" in column(rows, "date"),
    "most-mentioned": lambda rows: rows[0]["entity"] == "杭州市" and int(rows[0]["documents"]) >= 5 and len(rows) == 30,
    "platforms-without-industry": lambda rows: "之江新城" in column(rows, "platform") and "云栖小镇" not in column(rows, "platform"),
    "plan-parts": lambda rows: ("一镇两谷", "西溪谷") in {(r["plan"], r["member"]) for r in rows},
    "industry-holders": lambda rows: {"西湖区", "杭州市", "紫金港科技城"} <= set(column(rows, "name")),
    "region-industries": lambda rows: {"人工智能", "电子信息", "动漫游戏"} <= set(column(rows, "industry")),
    "divisions": lambda rows: {(r["region"], r["code"], r["level"]) for r in rows}
    >= {("西湖区", "330106", "county"), ("杭州市", "330100", "city"), ("浙江省", "330000", "province")},
    "targets-by-indicator": lambda rows: ("萧山区", "数字经济总量", "72000000000", "2022") in
    {(r["holder"], r["indicator"], r["value"], r["year"]) for r in rows},
}


def test_every_question_is_checked():
    assert set(CHECKS) == set(QUESTIONS)


@pytest.mark.parametrize("name", sorted(CHECKS))
def test_question_answers_on_the_sample(sample_graph, name):
    rows = answer(sample_graph, name)
    assert rows, name
    assert CHECKS[name](rows), rows[:5]


def test_parameters_change_the_answer(sample_graph):
    rows = answer(sample_graph, "region-platforms", region="萧山区")
    assert "钱江世纪城" in column(rows, "platform") and "云栖小镇" not in column(rows, "platform")
    assert answer(sample_graph, "region-platforms", region='no "such" region') == []


def test_bad_parameters():
    q = QUESTIONS["region-platforms"]
    with pytest.raises(KgError, match="no parameter 'x'"):
        q.bind({"x": "1"})
    needs = parse_question("mine", "# title: Mine\n# param who: a name\nSELECT * WHERE { ?s ?p $who }")
    with pytest.raises(KgError, match="needs --param who"):
        needs.bind({})
    assert '"a\\"b"' in needs.bind({"who": 'a"b'})


def test_cli_lists_runs_and_takes_users_questions(sample_graph, tmp_path):
    runner = CliRunner()
    listed = runner.invoke(app, ["ask"])
    assert listed.exit_code == 0 and "region-platforms" in listed.stdout and "region=西湖区" in listed.stdout
    ran = runner.invoke(app, ["ask", "region-platforms", str(sample_graph), "--param", "region=萧山区", "-f", "csv"])
    assert ran.exit_code == 0 and ran.stdout.startswith("platform,class,locatedIn") and "图灵小镇,Town,萧山区" in ran.stdout
    (tmp_path / "towns.rq").write_text("# title: Towns\n# description: every town\nSELECT ?t WHERE { ?x a kg:Town ; rdfs:label ?t } ORDER BY ?t\n",
                                       encoding="utf-8")
    mine = runner.invoke(app, ["ask", "towns", str(sample_graph), "--questions", str(tmp_path), "-f", "json"])
    assert mine.exit_code == 0 and "云栖小镇" in mine.stdout
    assert "towns" in runner.invoke(app, ["ask", "--questions", str(tmp_path)]).stdout
    bad = runner.invoke(app, ["ask", "nope", str(sample_graph)])
    assert bad.exit_code == 1 and "Error: no question named 'nope'" in bad.stderr
    bad = runner.invoke(app, ["ask", "region-platforms", str(sample_graph), "--param", "region"])
    assert bad.exit_code == 1 and "Error: --param takes NAME=VALUE" in bad.stderr
