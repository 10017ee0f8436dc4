"""kg view in a real headless Chromium: offline, complete, searchable, filterable, inert to hostile text."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from kg.build import build
from kg.cli import app
from kg.explore.network import Selection, load_network, select
from kg.explore.view import CLASS_STYLES, render_html, write_view
from tests.browser import chromium, chromium_missing, open_view

missing = chromium_missing()
if missing and os.environ.get("KG_REQUIRE_BROWSER"):
    raise RuntimeError(missing)
needs_browser = pytest.mark.skipif(missing is not None, reason=missing or "")

HOSTILE = [
    "<script>window.pwned = 1</script>",
    '"onmouseover="window.pwned=2',
    "<img src=x onerror=\"window.pwned=3\">",
    "</script><script>window.pwned=4</script>",
    "javascript:window.pwned=5",
]


@pytest.fixture(scope="module")
def browser():
    with chromium() as context:
        yield context


@pytest.fixture(scope="module")
def sample_view(sample_graph: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, nx.MultiDiGraph]:
    network = load_network(sample_graph)
    path = tmp_path_factory.mktemp("view") / "sample view.html"
    write_view(network, path)
    return path, network


def hostile_network() -> nx.MultiDiGraph:
    network = nx.MultiDiGraph()
    for i, text in enumerate(HOSTILE):
        network.add_node(f"n{i}", label=text + "小镇", cls="Town", aliases=[text], sentence=text, mentions=1)
    network.add_node("r", label="西湖区", cls="Region", aliases=[], sentence="", mentions=1)
    for i, text in enumerate(HOSTILE):
        network.add_edge(f"n{i}", "r", key="locatedIn", relation="locatedIn", sentence=text, doc=text, support=1)
    return network


def test_page_is_self_contained_and_escapes_script_end() -> None:
    html = render_html(hostile_network(), title="<b>t</b>")
    assert not re.search(r"<(script|link|img|iframe)\b[^>]*\b(src|href)=", html)
    assert html.count("</script>") == 3  # vis-network, data, page script: no injected one
    assert "<b>t</b>" not in html and "&lt;b&gt;t&lt;/b&gt;" in html


def test_slot_names_in_titles_and_sentences_are_text() -> None:
    """The template is filled in one pass: a slot's name in the data is not filled again."""
    network = hostile_network()
    network.add_node("t", label="{{DATA}}小镇", cls="Town", aliases=["{{VIS_CSS}}"], sentence="见{{PAGE_JS}}与{{TITLE}}", mentions=1)
    html = render_html(network, title="{{VIS_JS}}")
    assert html.count("</script>") == 3 and html.count("<title>{{VIS_JS}}</title>") == 1
    assert html.count("<h1>{{VIS_JS}}</h1>") == 1
    data = json.loads(re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', html, re.S)[1])
    node = next(n for n in data["nodes"] if n["iri"] == "t")
    assert (node["label"], node["aliases"], node["sentence"]) == ("{{DATA}}小镇", ["{{VIS_CSS}}"], "见{{PAGE_JS}}与{{TITLE}}")
    assert data["title"] == "{{VIS_JS}}"


def test_large_layout_places_every_node_fast() -> None:
    network = nx.MultiDiGraph(nx.gnm_random_graph(3000, 4000, seed=3, directed=True))
    network.add_nodes_from(range(3000, 3050))  # isolated nodes, away from the core
    for n in network:
        network.nodes[n].update(label=str(n), cls="Town")
    from kg.explore.view import layout

    positions = layout(network)
    assert set(positions) == set(network)
    assert len({(round(x), round(y)) for x, y in positions.values()}) > 0.95 * len(network)


@needs_browser
def test_sample_view_renders_offline_complete_and_coloured(browser, sample_view) -> None:
    path, network = sample_view
    page, log = open_view(browser, path)
    assert log.errors == []
    assert [url for url in log.requests if url != path.resolve().as_uri()] == []
    assert page.evaluate("kgView.nodes.length") == network.number_of_nodes()
    assert page.evaluate("kgView.edges.length") == network.number_of_edges()
    classes = {cls for _, cls in network.nodes(data="cls")}
    legend = page.eval_on_selector_all("#kg-classes li", "items => items.map(i => i.dataset.cls)")
    assert set(legend) == classes
    colours = page.evaluate("[...new Set(kgView.nodes.get().map(n => n.cls + ' ' + n.color))]")
    assert sorted(colours) == sorted(f"{c} {CLASS_STYLES[c][0]}" for c in classes)
    assert page.evaluate("document.fonts.check('14px \"WenQuanYi Micro Hei\"')")
    painted = page.evaluate("""() => { const c = document.querySelector('#kg-network canvas');
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0;
        for (let i = 0; i < d.length; i += 4) if (d[i + 3] > 0 && (d[i] < 240 || d[i + 1] < 240 || d[i + 2] < 240)) n++;
        return n / (c.width * c.height); }""")
    assert painted > 0.005
    shot = page.screenshot()
    assert len(shot) > 20_000  # a blank PNG of this size compresses to a few kB
    page.close()


@needs_browser
def test_search_focuses_and_filter_hides_a_class(browser, sample_view) -> None:
    path, network = sample_view
    page, _ = open_view(browser, path)
    page.fill("#kg-search", "云栖小镇")
    page.press("#kg-search", "Enter")
    selected = page.evaluate("kgView.network.getSelectedNodes()")
    assert [page.evaluate(f"kgView.nodes.get({selected[0]}).label")] == ["云栖小镇"]
    assert "Town" in page.text_content("#kg-search-status")
    regions = sum(1 for _, cls in network.nodes(data="cls") if cls == "Region")
    page.uncheck("#kg-classes li[data-cls=Region] input")
    assert page.evaluate("kgView.visibleNodes.length") == network.number_of_nodes() - regions
    page.check("#kg-classes li[data-cls=Region] input")
    assert page.evaluate("kgView.visibleNodes.length") == network.number_of_nodes()
    page.close()


@needs_browser
def test_hostile_names_and_sentences_run_nothing(browser, tmp_path: Path) -> None:
    path = tmp_path / "hostile.html"
    write_view(hostile_network(), path)
    page, log = open_view(browser, path)
    for node in page.evaluate("kgView.nodes.getIds()"):  # hover every node: tooltips are built
        page.evaluate(f"kgView.network.selectNodes([{node}])")
    page.mouse.move(640, 400)
    page.fill("#kg-search", HOSTILE[0])
    page.press("#kg-search", "Enter")
    assert page.evaluate("window.pwned") is None
    assert log.dialogs == [] and log.errors == []
    labels = page.evaluate("kgView.nodes.get().map(n => n.label)")
    assert sorted(labels) == sorted([t + "小镇" for t in HOSTILE] + ["西湖区"])
    page.close()


@needs_browser
def test_hostile_document_built_and_viewed_runs_nothing(browser, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "x.html").write_text("<p>“<img src=x onerror=alert(1)>战略”提出,西湖区云栖小镇聚力发展人工智能、云计算等产业。</p>"
                                   "<script>alert(2)</script>", encoding="utf-8")
    (corpus / "y.txt").write_text("西湖区的“</script><script>alert(3)</script>行动计划”推动<b onmouseover=alert(4)>艺创小镇</b>建设。",
                                  encoding="utf-8")
    graph = tmp_path / "g.nq"
    build(corpus, graph)
    view = tmp_path / "v.html"
    write_view(load_network(graph), view)
    page, log = open_view(browser, view)
    assert log.dialogs == [] and log.errors == []
    page.close()


def test_selection_by_focus_types_relations_degree_and_limit(sample_graph: Path) -> None:
    network = load_network(sample_graph)
    near, _ = select(network, Selection(focus="云栖小镇", hops=1))
    assert "云栖小镇" in {d["label"] for _, d in near.nodes(data=True)}
    assert all(nx.has_path(near.to_undirected(), n, next(iter(near))) for n in near) or len(near) > 1
    towns, _ = select(network, Selection(types=["Town", "Industry"]))
    assert {cls for _, cls in towns.nodes(data="cls")} <= {"Town", "Industry"}
    focus, _ = select(network, Selection(relations=["focusesOn"]))
    assert {k for _, _, k in focus.edges(keys=True)} == {"focusesOn"}
    hubs, _ = select(network, Selection(min_degree=5))
    assert hubs and all(network.degree(n) >= 5 for n in hubs)
    top, notes = select(network, Selection(limit=10))
    assert len(top) == 10 and "left out" in notes[0]


def test_cli_view_path_rank(sample_graph: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "v.html"
    result = runner.invoke(app, ["view", str(sample_graph), "-o", str(out), "--types", "Town,Region", "--limit", "15"])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert "left out" in result.output and "15 entities" in result.output
    bad = runner.invoke(app, ["view", str(sample_graph), "--types", "Town,Village", "-o", str(out)])
    assert bad.exit_code == 1 and "unknown class Village" in bad.output
    missing_focus = runner.invoke(app, ["view", str(sample_graph), "--focus", "不存在小镇", "-o", str(out)])
    assert missing_focus.exit_code == 1 and "no entity named" in missing_focus.output
    path = runner.invoke(app, ["path", str(sample_graph), "云栖小镇", "西湖区"])
    assert path.exit_code == 0 and "云栖小镇 → locatedIn → 西湖区" in path.output
    ranked = runner.invoke(app, ["rank", str(sample_graph), "--by", "pagerank", "--type", "Region", "--top", "3", "-f", "csv"])
    lines = ranked.output.strip().splitlines()
    assert ranked.exit_code == 0 and lines[0] == "entity,class,pagerank" and len(lines) == 4
    assert all(line.split(",")[1] == "Region" for line in lines[1:])


@needs_browser
def test_small_view_settles_with_physics_then_stops(browser, sample_graph: Path, tmp_path: Path) -> None:
    network, _ = select(load_network(sample_graph), Selection(focus="西湖区", hops=1, limit=40))
    path = tmp_path / "small.html"
    write_view(network, path)
    page, log = open_view(browser, path)
    assert log.errors == []
    assert page.evaluate("JSON.parse(document.getElementById('kg-data').textContent).physics") is True
    before = page.evaluate("JSON.stringify(kgView.network.getPositions())")
    page.wait_for_timeout(300)
    assert page.evaluate("JSON.stringify(kgView.network.getPositions())") == before  # still
    page.close()
