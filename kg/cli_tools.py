"""The analyst's commands of the kg command line: ask, diff, export, validate (registered on kg.cli's app)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kg.cli import FormatOpt, GraphArg, app, existing_file, fail
from kg.errors import KgError
from kg.rdf.formats import ResultFormat


@app.command()
def ask(
    name: Annotated[str | None, typer.Argument(help="A question's name (omit to list them)", show_default=False)] = None,
    graph: Annotated[Path | None, typer.Argument(dir_okay=False, help="A graph built by kg build (omit to print the question's SPARQL)",
                                                 show_default=False)] = None,
    param: Annotated[list[str] | None, typer.Option("--param", "-p", help="NAME=VALUE for one of the question's parameters; repeatable")] = None,
    fmt: FormatOpt = ResultFormat.table,
    questions: Annotated[Path | None, typer.Option("--questions", file_okay=False, help="A folder of your own .rq questions, "
                                                   "added to the shipped ones")] = None,
    timeout: Annotated[float, typer.Option("--timeout", min=0.1, help="Give up after this many seconds")] = 60.0,
) -> None:
    """Ask a ready question: kg ask lists them; kg ask NAME GRAPH [--param region=西湖区] answers one."""
    from kg.explore.ask import ask as ask_question
    from kg.explore.ask import find_question, listing, load_questions, parse_params
    from kg.rdf.query import format_result

    try:
        library = load_questions(questions)
        if name is None:
            typer.echo(format_result(listing(library), fmt))
            return
        question = find_question(library, name)
        values = parse_params(param or [])
        if graph is None:
            typer.echo(question.bind(values))
            return
        result = ask_question(existing_file(str(graph)), question, values, timeout)
    except KgError as e:
        raise fail(e) from None
    typer.echo(format_result(result, fmt))
    typer.echo(f"{question.title}: {len(result.rows)} rows", err=True)


@app.command()
def diff(
    old: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="The earlier build")],
    new: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="The later build")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, csv or json")] = "table",
) -> None:
    """What changed from OLD to NEW: entities, relations and targets added or removed, target values changed."""
    from kg.explore.diff import diff as diff_builds
    from kg.explore.diff import format_changes, summary

    if fmt not in ("table", "csv", "json"):
        raise typer.BadParameter("choose table, csv or json", param_hint="--format")
    try:
        changes = diff_builds(old, new)
    except KgError as e:
        raise fail(e) from None
    if changes or fmt == "json":
        typer.echo(format_changes(changes, fmt))
    typer.echo(summary(changes), err=True)


@app.command()
def export(
    graph: GraphArg,
    to: Annotated[Path | None, typer.Option("--to", file_okay=False, help="Folder for entities.csv, relations.csv, "
                                            "targets.csv and documents.csv (UTF-8 with BOM)")] = None,
    gexf: Annotated[Path | None, typer.Option("--to-gexf", dir_okay=False, help="Write the network as GEXF (Gephi)")] = None,
    graphml: Annotated[Path | None, typer.Option("--to-graphml", dir_okay=False, help="Write the network as GraphML (Cytoscape)")] = None,
) -> None:
    """Export a graph as CSV tables for spreadsheets and as network files for Gephi and Cytoscape."""
    from kg.explore.export import export_tables, network, write_network

    if to is None and gexf is None and graphml is None:
        raise typer.BadParameter("give --to DIR, --to-gexf FILE or --to-graphml FILE", param_hint="--to")
    try:
        if to is not None:
            counts = export_tables(graph, to)
            typer.echo(", ".join(f"{name} {n} rows" for name, n in counts.items()) + f" → {to}", err=True)
        if gexf is not None or graphml is not None:
            net = network(graph)
            for path, kind in ((gexf, "gexf"), (graphml, "graphml")):
                if path is not None:
                    write_network(net, path, kind)
                    typer.echo(f"{net.number_of_nodes()} entities, {net.number_of_edges()} relations → {path}", err=True)
    except KgError as e:
        raise fail(e) from None


@app.command()
def validate(
    graph: GraphArg,
    strict: Annotated[bool, typer.Option("--strict", help="Fail on warnings too (a Target without an indicator)")] = False,
    fmt: FormatOpt = ResultFormat.table,
) -> None:
    """Check a graph against the SHACL shapes of the contract (ontology/shapes.ttl); exit 1 when it does not conform."""
    from kg.rdf.query import Result, format_result
    from kg.rdf.validate import validate as validate_graph

    try:
        report = validate_graph(graph, strict)
    except KgError as e:
        raise fail(e) from None
    if report.problems:
        rows = [[p.severity, p.node, p.path, p.value, p.message] for p in report.problems]
        typer.echo(format_result(Result.of_values(["severity", "node", "property", "value", "message"], rows), fmt))
    verdict = "conforms" if report.conforms else "does not conform"
    typer.echo(f"{graph} {verdict}: {report.triples} triples, {report.count('Violation')} violations, "
               f"{report.count('Warning')} warnings", err=True)
    if not report.conforms:
        raise typer.Exit(1)
