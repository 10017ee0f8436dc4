"""The kg command line: parse options, call one library function, write its result."""

from __future__ import annotations

import contextlib
import json
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from kg import __version__
from kg.errors import KgError
from kg.interrupts import interruptible, interruption
from kg.rdf.formats import ResultFormat

if TYPE_CHECKING:
    from kg.build import BuildResult

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
    max_size: Annotated[float, typer.Option("--max-size", min=0.001, help="Skip documents larger than this many MB")] = 20.0,
    workers: Annotated[int, typer.Option("--workers", "-j", min=1, help="Extract in this many processes")] = 1,
    scheduler: Annotated[str | None, typer.Option("--scheduler", help="Extract on a Dask cluster: tcp://HOST:8786")] = None,
    cache_dir: Annotated[Path | None, typer.Option("--cache-dir", help="Where extracted documents are cached [~/.cache/kg]")] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Extract every document again")] = False,
    lexicon: Annotated[list[Path] | None, typer.Option("--lexicon", help="Your own lexicon (TSV: label, class, "
                                                       "aliases joined by |); repeatable")] = None,
    watch: Annotated[bool, typer.Option("--watch", help="Stay running and rebuild whenever a document changes "
                                        "(Ctrl-C stops)")] = False,
    no_model: Annotated[bool, typer.Option("--no-model", help="Skip the trained name model: faster, "
                                           "fewer people and organisations found")] = False,
    doc_timeout: Annotated[float, typer.Option("--doc-timeout", min=0.001, help="Skip a document whose extraction "
                                               "takes longer than this many seconds")] = 120.0,
    store: Annotated[bool, typer.Option("--store", help="Also build the graph's query store now, so that the "
                                        "first kg query, stats or view opens it at once")] = False,
) -> None:
    """Build a corpus folder into one RDF file (written atomically: Ctrl-C leaves the old file intact)."""
    with interruptible(output):
        from kg.build import build as build_corpus
        from kg.build import count_files, default_cache_dir, read_lexicons
        from kg.rdf.formats import rdf_format
        from kg.watch import CorpusWatcher

    options = dict(fmt=fmt, strict=strict, on_error=lambda e: warn(f"skipped {e}"), max_bytes=int(max_size * 1e6),
                   workers=workers, scheduler=scheduler, lexicons=lexicon or (), name_model=not no_model,
                   cache_dir=None if no_cache else cache_dir or default_cache_dir(), doc_timeout=doc_timeout,
                   on_warning=warn)
    try:
        rdf_format(output, fmt)
        read_lexicons(lexicon or ())  # a bad lexicon line is reported before any progress is shown
        with contextlib.ExitStack() as stack:
            with interruptible(output):  # until the system's watch is in place: from before the first build
                changes = stack.enter_context(CorpusWatcher(corpus)) if watch else None
            with interruptible(output), typer.progressbar(length=count_files(corpus), label="Building", file=sys.stderr) as bar:
                result = build_corpus(corpus, output, on_progress=lambda _doc: bar.update(1), **options)
            typer.echo(f"{result.summary()} → {output}", err=True)
            if store:
                with interruptible(output):
                    prepare_store(output)
            if changes:
                def rebuild() -> BuildResult:
                    rebuilt = build_corpus(corpus, output, **options)
                    if store:
                        prepare_store(output)
                    return rebuilt

                with interruptible(output):  # SIGTERM still cleans up; Ctrl-C is rebuild_on_change's
                    rebuild_on_change(changes, rebuild, output)
    except KgError as e:
        raise fail(e) from None


def prepare_store(output: Path) -> None:
    """kg build --store: the output's query store, built now rather than by the first command that reads it."""
    from kg.rdf.store_cache import open_graph

    started = time.perf_counter()
    typer.echo("Building the query store", err=True)
    folder = open_graph(output).folder
    typer.echo(f"Query store ready in {time.perf_counter() - started:.1f} s → {folder}", err=True)


def rebuild_on_change(changes: Iterable[set[str]], rebuild: Callable[[], BuildResult], output: Path) -> None:
    """kg build --watch, after the first build: a summary line per rebuild, an error line for one that
    fails (watching goes on); Ctrl-C ends it with exit 0, the output being the last complete build."""
    typer.echo("Watching for changes (Ctrl-C stops)", err=True)
    try:
        for changed in changes:
            try:
                result = rebuild()
            except KgError as e:  # a file --strict refuses, a bad lexicon line: this version is not built
                if interruption(e):
                    raise
                typer.echo(f"Error: {e}", err=True)
                continue
            typer.echo(f"{len(changed)} file{'s' if len(changed) > 1 else ''} changed. {result.summary()} → {output}", err=True)
    except (KeyboardInterrupt, Exception) as e:
        if not isinstance(interruption(e), KeyboardInterrupt):
            raise
        typer.echo(f"\nStopped watching: {output} holds the last complete build", err=True)


@app.command()
def query(
    graph: Annotated[str, typer.Argument(help="A graph file built by kg build (omit with --endpoint)", show_default=False)],
    sparql: Annotated[str | None, typer.Argument(help="A SPARQL query, a .rq file, or '-' for stdin")] = None,
    fmt: FormatOpt = ResultFormat.table,
    endpoint: Annotated[str | None, typer.Option("--endpoint", help="Query a remote SPARQL endpoint instead of a file")] = None,
    timeout: Annotated[float, typer.Option("--timeout", min=0.1, help="Give up after this many seconds")] = 60.0,
    max_memory: Annotated[int, typer.Option("--max-memory", min=16, help="Stop a query that needs more MB than this "
                                            "beyond the loaded graph")] = 2048,
    allow_update: Annotated[bool, typer.Option("--allow-update", help="Let SPARQL Update change the local graph file")] = False,
    merged: Annotated[bool, typer.Option("--merged", help="Query only the merged layer (each entity and relation once, "
                                         "no provenance): much faster on large graphs")] = False,
) -> None:
    """Answer a SPARQL query over a graph file or a remote endpoint (prefixes kg:, rdfs:, skos:, prov: … are predefined).

    kg query graph.nq 'SELECT …'  or  kg query --endpoint http://host/sparql 'SELECT …'
    """
    from kg.rdf.query import format_result, is_update, query_file, update_file

    if endpoint is not None and sparql is None:
        graph, sparql = "", graph
    if sparql is None:
        raise typer.BadParameter("give a graph file and a query, or --endpoint URL and a query", param_hint="SPARQL")
    text = read_query(sparql)
    try:
        if endpoint is not None:
            from kg.rdf.store import endpoint as remote
            from kg.rdf.store import query as query_remote

            result = query_remote(remote(endpoint, timeout=timeout), text)
        elif allow_update and is_update(text):
            before, after = update_file(existing_file(graph), text)
            typer.echo(f"Updated {graph}: {before} → {after} triples", err=True)
            return
        else:
            result = query_file(existing_file(graph), text, timeout, merged, max_memory)
    except KgError as e:
        raise fail(e) from None
    typer.echo(format_result(result, fmt))


def existing_file(path: str) -> Path:
    if not Path(path).is_file():
        raise typer.BadParameter(f"no such graph file: {path}", param_hint="GRAPH")
    return Path(path)


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
    from kg.explore.stats import graph_stats

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
    from kg.extract.pipeline import STAGE_NAMES, process

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
def explain(
    graph: GraphArg,
    name: Annotated[str, typer.Argument(help="An entity's label or alias")],
    all_evidence: Annotated[bool, typer.Option("--all", help="Every evidence sentence and target, not the best few")] = False,
) -> None:
    """Print an entity card: class, aliases, relations and targets with their evidence."""
    from kg.explore.explain import explain as explain_entity

    try:
        typer.echo(explain_entity(graph, name, all_evidence))
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
    from kg.explore.network import Selection, add_evidence, load_network, select
    from kg.explore.view import write_view

    selection = Selection(focus, hops, split_names(types), split_names(relations), min_degree, limit)
    try:
        network, notes = select(load_network(graph), selection)
        add_evidence(network, graph)
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
    from kg.explore.network import load_network, shortest_path

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
    from kg.explore.network import load_network
    from kg.explore.network import rank as rank_entities
    from kg.rdf.query import Result, format_result

    try:
        rows = rank_entities(load_network(graph), by, cls, top)
    except KgError as e:
        raise fail(e) from None
    result = Result.of_values(["entity", "class", by], [[label, c, f"{score:.4g}"] for label, c, score in rows])
    typer.echo(format_result(result, fmt))


@app.command()
def load(
    graph: GraphArg,
    endpoint: Annotated[str, typer.Option("--endpoint", help="Graph Store Protocol URL, e.g. http://host:7878/store or http://host:8890/sparql-graph-crud")],
    into: Annotated[str | None, typer.Option("--graph", help="Merge everything into this one named graph")] = None,
    replace: Annotated[bool, typer.Option("--replace", help="With --graph: empty that graph first")] = False,
    timeout: Annotated[float, typer.Option("--timeout", min=0.1, help="Seconds to wait for each request")] = 60.0,
    retries: Annotated[int, typer.Option("--retries", min=0, help="Retries on network errors and 5xx answers")] = 2,
) -> None:
    """Load a graph into a triple store, one named graph per document, each replaced whole.

    Credentials: KG_STORE_USER and KG_STORE_PASSWORD, or ~/.netrc; never in the URL.
    """
    from kg.rdf.store import endpoint as remote
    from kg.rdf.store import graphs_of
    from kg.rdf.store import load as load_graphs

    if replace and into is None:
        warn("--replace only matters with --graph: document graphs are always replaced whole")
    try:
        target = remote(endpoint, timeout=timeout, retries=retries)
        graphs = graphs_of(graph)
        with typer.progressbar(length=len(graphs), label="Loading", file=sys.stderr) as bar:
            result = load_graphs(graphs, target, into, replace, on_graph=lambda _name, _n: bar.update(1))
    except KgError as e:
        raise fail(e) from None
    typer.echo(f"Loaded {result.graphs} graphs, {result.triples} triples → {endpoint}", err=True)


@app.command()
def serve(
    graph: GraphArg,
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help="Port to listen on (0: any free port)")] = 7878,
    host: Annotated[str, typer.Option("--host", help="Address to listen on")] = "127.0.0.1",
    timeout: Annotated[float, typer.Option("--timeout", min=0.1, help="Seconds a query may run")] = 5.0,
    max_memory: Annotated[int, typer.Option("--max-memory", min=16, help="MB a query may use beyond the graph")] = 1024,
    workers: Annotated[int | None, typer.Option("--workers", min=1, help="Queries at once, each in a process "
                                                "holding the graph (default: up to 4, one per core)")] = None,
    cors: Annotated[str | None, typer.Option("--cors", metavar="ORIGIN", help="Let web pages from this origin "
                                             "query (e.g. https://yasgui.triply.cc); none by default")] = None,
) -> None:
    """Serve a graph as a local read-only SPARQL endpoint (for YASGUI or any SPARQL client)."""
    from kg.rdf.serve import make_server

    try:
        server = make_server(graph, host, port, timeout=timeout, max_memory=max_memory, workers=workers, cors=cors)
    except KgError as e:
        raise fail(e) from None
    except OSError as e:
        raise fail(KgError(f"cannot listen on {host}:{port}: {e.strerror}")) from None
    typer.echo(f"SPARQL endpoint at http://{host}:{server.server_port}/sparql (read-only; Ctrl-C stops)", err=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


from kg import cli_tools  # noqa: E402,F401  (registers ask, diff, export and validate on app)
