"""The kg command line: parse options, call one library function, write its result."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from kg import __version__
from kg.errors import KgError
from kg.formats import ResultFormat

app = typer.Typer(rich_markup_mode=None, no_args_is_help=True, add_completion=False,
                  pretty_exceptions_enable=False,
                  context_settings={"help_option_names": ["-h", "--help"]},
                  help="Build, query and explore knowledge graphs of regional industrial policy.")

GraphArg = Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="A graph built by kg build")]
FormatOpt = Annotated[ResultFormat, typer.Option("--format", "-f", help="Output format")]


def fail(error: KgError) -> typer.Exit:
    """Print ``Error: …`` on stderr; the caller raises the returned exit (code 1)."""
    typer.echo(f"Error: {error}", err=True)
    return typer.Exit(1)


def warn(message: str) -> None:
    typer.echo(f"Warning: {message}", err=True)


def version_callback(value: bool) -> None:
    if value:
        typer.echo(f"kg {__version__}")
        raise typer.Exit()


@app.callback()
def main(version: Annotated[bool, typer.Option("--version", callback=version_callback,
                                               is_eager=True, help="Show the version")] = False) -> None:
    """Build, query and explore knowledge graphs of regional industrial policy."""


@app.command()
def build(
    corpus: Annotated[Path, typer.Argument(exists=True, help="Folder of .txt/.md/.html documents")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Output file: .nq .trig .ttl .nt .jsonld")],
    fmt: Annotated[str | None, typer.Option("--format", help="RDF format, overriding the extension")] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Stop at the first unreadable file")] = False,
) -> None:
    """Build a corpus folder into one RDF file."""
    from kg.build import build as build_corpus
    from kg.build import count_files, write
    from kg.formats import rdf_format

    try:
        rdf_format(output, fmt)
        total = count_files(corpus)
        with typer.progressbar(length=total, label="Building", file=sys.stderr) as bar:
            result = build_corpus(corpus, strict=strict, on_error=lambda e: warn(f"skipped {e}"),
                                  on_progress=lambda _doc: bar.update(1))
        write(result.dataset, output, fmt)
    except KgError as e:
        raise fail(e) from None
    typer.echo(f"{result.summary()} → {output}", err=True)


@app.command()
def query(
    graph: GraphArg,
    sparql: Annotated[str, typer.Argument(help="A SPARQL query, a .rq file, or '-' for stdin")],
    fmt: FormatOpt = ResultFormat.table,
) -> None:
    """Answer a SPARQL query over a graph file (prefixes kg:, rdfs:, skos:, prov: are predefined)."""
    from kg.query import format_result, query_file

    text = read_query(sparql)
    try:
        result = query_file(graph, text)
    except KgError as e:
        raise fail(e) from None
    typer.echo(format_result(result, fmt))


def read_query(sparql: str) -> str:
    if sparql == "-":
        return sys.stdin.read()
    if sparql.endswith(".rq"):
        path = Path(sparql)
        if not path.is_file():
            raise typer.BadParameter(f"no such query file: {sparql}", param_hint="SPARQL")
        return path.read_text(encoding="utf-8")
    return sparql


@app.command()
def stats(graph: GraphArg, fmt: Annotated[str, typer.Option("--format", "-f", help="table or json")] = "table") -> None:
    """Count documents, entities by class, relations, targets and triples of a graph."""
    from kg.stats import graph_stats

    try:
        counts = graph_stats(graph)
    except KgError as e:
        raise fail(e) from None
    if fmt == "json":
        typer.echo(json.dumps(counts, ensure_ascii=False))
    else:
        width = max(map(len, counts))
        typer.echo("\n".join(f"{k:<{width}}  {v}" for k, v in counts.items()))


@app.command()
def extract(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="One document")],
    until: Annotated[str | None, typer.Option("--until", help="Stop after this stage: normalize, segment, recognize, resolve, relate")] = None,
) -> None:
    """Print one document's entities, relations and targets as JSON, for debugging rules."""
    from kg.corpus import read_doc
    from kg.pipeline import STAGE_NAMES, process

    if until and until not in STAGE_NAMES:
        raise typer.BadParameter(f"choose one of {', '.join(STAGE_NAMES)}", param_hint="--until")
    try:
        doc = process(read_doc(file, file.name), until=until)
    except KgError as e:
        raise fail(e) from None
    data = doc.to_dict()
    if until not in (None, "relate", "resolve"):
        data.pop("text", None)
    typer.echo(json.dumps(data, ensure_ascii=False, indent=1))


@app.command()
def explain(graph: GraphArg, name: Annotated[str, typer.Argument(help="An entity's label or alias")]) -> None:
    """Print an entity card: class, aliases, relations and targets with their evidence."""
    from kg.explain import explain as explain_entity

    try:
        typer.echo(explain_entity(graph, name))
    except KgError as e:
        raise fail(e) from None


def split_names(value: str | None) -> list[str]:
    return [part.strip() for part in (value or "").split(",") if part.strip()]


@app.command()
def view(
    graph: GraphArg,
    output: Annotated[Path, typer.Option("--output", "-o", help="The HTML file to write")] = Path("view.html"),
    focus: Annotated[str | None, typer.Option("--focus", help="Show only what lies near this entity")] = None,
    hops: Annotated[int, typer.Option("--hops", min=0, help="How far from --focus")] = 1,
    types: Annotated[str | None, typer.Option("--types", help="Classes to show, e.g. Town,Park,Industry")] = None,
    relations: Annotated[str | None, typer.Option("--relations", help="Relations to show, e.g. focusesOn,locatedIn")] = None,
    min_degree: Annotated[int, typer.Option("--min-degree", min=0, help="Hide entities with fewer relations")] = 0,
    limit: Annotated[int | None, typer.Option("--limit", min=1, help="Keep the N best-connected entities")] = None,
    title: Annotated[str | None, typer.Option("--title", help="Page title")] = None,
) -> None:
    """Write an interactive network view: one HTML file that opens offline in any browser."""
    from kg.network import Selection, load_network, select
    from kg.view import write_view

    selection = Selection(focus, hops, split_names(types), split_names(relations), min_degree, limit)
    try:
        network, notes = select(load_network(graph), selection)
        write_view(network, output, title or f"kg · {graph.name}")
    except KgError as e:
        raise fail(e) from None
    for note in notes:
        typer.echo(note, err=True)
    typer.echo(f"{network.number_of_nodes()} entities, {network.number_of_edges()} relations → {output}", err=True)


@app.command()
def path(
    graph: GraphArg,
    source: Annotated[str, typer.Argument(help="An entity's label or alias")],
    target: Annotated[str, typer.Argument(help="Another entity's label or alias")],
) -> None:
    """Print a shortest path between two entities, with relations and evidence."""
    from kg.network import load_network, shortest_path

    try:
        steps = shortest_path(load_network(graph), source, target)
    except KgError as e:
        raise fail(e) from None
    for start, relation, end, data in steps:
        typer.echo(f"{start} {relation} {end}")
        if data.get("sentence"):
            typer.echo(f"    “{data['sentence']}” [{data['doc']}]")


@app.command()
def rank(
    graph: GraphArg,
    by: Annotated[str, typer.Option("--by", help="degree, pagerank or betweenness")] = "degree",
    cls: Annotated[str | None, typer.Option("--type", help="Only entities of this class")] = None,
    top: Annotated[int, typer.Option("--top", min=1, help="How many to list")] = 20,
    fmt: FormatOpt = ResultFormat.table,
) -> None:
    """List the most central entities by degree, PageRank or betweenness."""
    from kg.network import load_network
    from kg.network import rank as rank_entities
    from kg.query import Result, format_result

    try:
        rows = rank_entities(load_network(graph), by, cls, top)
    except KgError as e:
        raise fail(e) from None
    result = Result.of_values(["entity", "class", by], [[label, c, f"{score:.4g}"] for label, c, score in rows])
    typer.echo(format_result(result, fmt))
