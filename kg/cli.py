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
