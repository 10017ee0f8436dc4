"""Remote triple stores: load over the SPARQL 1.1 Graph Store Protocol, query over the SPARQL protocol.

Each document's named graph goes in one PUT request, which the store applies as one
transaction: a load is all-or-nothing per document, and loading the same build again
leaves the same triples. Credentials come only from KG_STORE_USER / KG_STORE_PASSWORD
or ~/.netrc, never from the URL, and never appear in messages.
"""

from __future__ import annotations

import base64
import netrc
import os
import re
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.errors import StoreError
from kg.rdf.formats import rdf_format
from kg.rdf.query import DEFAULT_PREFIXES, OX_FORMATS, RE_UPDATE, Result

USER_VARIABLE, PASSWORD_VARIABLE = "KG_STORE_USER", "KG_STORE_PASSWORD"
RESULT_TYPES = "application/sparql-results+json, application/n-triples;q=0.9, text/turtle;q=0.8"


@dataclass(frozen=True)
class Endpoint:
    url: str
    timeout: float = 30.0
    retries: int = 2


def endpoint(url: str, timeout: float = 30.0, retries: int = 2) -> Endpoint:
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise StoreError("the endpoint must be an http:// or https:// URL")
    if parts.username or parts.password:
        raise StoreError(f"put credentials in {USER_VARIABLE}/{PASSWORD_VARIABLE} or ~/.netrc, not in the endpoint URL")
    return Endpoint(url, timeout, retries)


def credentials(url: str) -> tuple[str, str] | None:
    """(user, password) from the environment, else from ~/.netrc for the URL's host."""
    user, password = os.environ.get(USER_VARIABLE), os.environ.get(PASSWORD_VARIABLE)
    if user and password is not None:
        return user, password
    try:
        found = netrc.netrc().authenticators(urllib.parse.urlsplit(url).hostname or "")
    except (FileNotFoundError, netrc.NetrcParseError, OSError):
        return None
    return (found[0], found[2] or "") if found else None


def _opener(url: str) -> urllib.request.OpenerDirector:
    handlers: list[urllib.request.BaseHandler] = []
    found = credentials(url)
    if found:
        passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        passwords.add_password(None, url, *found)
        handlers += [_BasicAuth(passwords), _DigestAuth(passwords)]
    return urllib.request.build_opener(*handlers)


class _ClosingChallenge:
    """urllib leaves the 401 answer that asked for credentials open when it asks again with them."""

    def http_error_401(self, req, fp, code, msg, headers):  # noqa: ANN001, ANN201 (urllib's signature)
        try:
            answer = super().http_error_401(req, fp, code, msg, headers)  # type: ignore[misc]
        except urllib.error.HTTPError:
            fp.close()
            raise
        if answer is not None:
            fp.close()
        return answer


class _BasicAuth(_ClosingChallenge, urllib.request.HTTPBasicAuthHandler):
    pass


class _DigestAuth(_ClosingChallenge, urllib.request.HTTPDigestAuthHandler):
    pass


def send(ep: Endpoint, method: str, params: dict[str, str] | None = None, body: bytes | None = None,
         headers: dict[str, str] | None = None) -> tuple[str, bytes]:
    """One HTTP request with retries on network errors and 5xx; (content type, body) or StoreError."""
    url = (ep.url + ("&" if "?" in ep.url else "?") + urllib.parse.urlencode(params)) if params else ep.url
    opener = _opener(ep.url)
    attempts = ep.retries + 1
    for attempt in range(1, attempts + 1):
        request = urllib.request.Request(url, data=body, method=method, headers=headers or {})
        try:
            with opener.open(request, timeout=ep.timeout) as response:
                return response.headers.get("Content-Type", ""), response.read()
        except urllib.error.HTTPError as e:
            with e:  # its connection closed here, not when it is collected
                detail = _short(e.read(), _secrets(ep.url))
            if e.code < 500 or attempt == attempts:
                raise StoreError(f"{ep.url} answered {e.code} {e.reason}{hint(e.code)}{': ' + detail if detail else ''}") from None
        except (urllib.error.URLError, TimeoutError, ConnectionError) as e:
            if attempt == attempts:
                reason = getattr(e, "reason", e)
                what = f"timed out after {ep.timeout:g} s" if isinstance(reason, TimeoutError | socket.timeout) else str(reason)
                raise StoreError(f"cannot reach {ep.url}: {what} ({attempts} tries)") from None
        time.sleep(0.2 * 2 ** (attempt - 1))
    raise AssertionError("unreachable")


def hint(code: int) -> str:
    if code in (401, 403):
        return f" (check {USER_VARIABLE}/{PASSWORD_VARIABLE} or ~/.netrc, and the store's write permissions)"
    return ""


def _short(body: bytes, secrets: tuple[str, ...] = ()) -> str:
    """The last meaningful line of an error page, without markup, and without credentials: a
    store may echo the request's Authorization header (or the user and password) in its page."""
    text = re.sub(r"<[^>]+>", " ", body.decode("utf-8", "replace"))
    text = RE_AUTHORIZATION.sub(r"\1 ***", text)
    for secret in sorted(secrets, key=len, reverse=True):
        text = text.replace(secret, "***")
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1][:160] if lines else ""


RE_AUTHORIZATION = re.compile(r"((?:proxy-)?authorization\s*[:=]\s*)\S+(?:[ \t]+[^\s<]+)*", re.IGNORECASE)


def _secrets(url: str) -> tuple[str, ...]:
    """What of the credentials must not appear in a message: the user, the password, and the
    token Basic authentication makes of them (in its plain, URL-safe and unpadded spellings)."""
    found = credentials(url)
    if not found:
        return ()
    user, password = found
    token = base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
    spellings = {user, password, token, token.rstrip("="), token.replace("+", "-").replace("/", "_").rstrip("=")}
    return tuple(s for s in spellings if s)


# ---------------------------------------------------------------- load
@dataclass
class LoadResult:
    graphs: int
    triples: int


def graphs_of(path: Path) -> dict[str, list[ox.Triple]]:
    """A graph file's triples by graph IRI ('' for the default graph)."""
    fmt = OX_FORMATS[rdf_format(path).extension]
    graphs: dict[str, list[ox.Triple]] = {}
    try:
        for quad in ox.parse(path=str(path), format=fmt):
            name = "" if isinstance(quad.graph_name, ox.DefaultGraph) else quad.graph_name.value
            graphs.setdefault(name, []).append(quad.triple)
    except (SyntaxError, ValueError, OSError) as e:
        raise StoreError(f"cannot read {path}: {e}") from None
    return graphs


def load(graphs: dict[str, list[ox.Triple]], ep: Endpoint, graph: str | None = None, replace: bool = False,
         on_graph: Callable[[str, int], None] | None = None) -> LoadResult:
    """Load graphs_of(file): each named graph replaced by one PUT, or with ``graph`` all merged into it."""
    if graph is None and "" in graphs:
        raise StoreError("the file has triples outside named graphs; give --graph IRI to load them")
    if graph is not None:
        _check_iri(graph)
    triples = 0
    for index, (name, content) in enumerate(graphs.items()):
        body = ox.serialize(content, format=ox.RdfFormat.N_TRIPLES)
        if graph is None:
            target, method = name, "PUT"
        else:  # merge with POST; with replace, the first document's PUT empties the graph
            target, method = graph, "PUT" if replace and index == 0 else "POST"
        # N-Triples is Turtle too; Virtuoso's graph-crud endpoint reads text/turtle.
        send(ep, method, _graph_param(ep, target), body, {"Content-Type": "text/turtle; charset=utf-8"})
        triples += len(content)
        if on_graph:
            on_graph(name or graph or "", len(content))
    return LoadResult(len(graphs), triples)


def _graph_param(ep: Endpoint, graph: str) -> dict[str, str]:
    # The protocol says graph=; Virtuoso's endpoint also reads graph-uri, which it prefers.
    return {"graph-uri" if "graph-crud" in ep.url else "graph": graph}


def _check_iri(iri: str) -> None:
    try:
        ox.NamedNode(iri)
    except ValueError:
        raise StoreError(f"not an absolute IRI: {iri}") from None
    if not urllib.parse.urlsplit(iri).scheme:
        raise StoreError(f"not an absolute IRI: {iri}")


# ---------------------------------------------------------------- query
def with_prefixes(sparql: str) -> str:
    """Our default prefixes, declared on the query's first line so that line numbers in errors stay true."""
    return "".join(f"PREFIX {p}: <{ns}> " for p, ns in DEFAULT_PREFIXES.items()) + sparql


def query(ep: Endpoint, sparql: str) -> Result:
    """Run a read-only query on a remote SPARQL endpoint; results as for a local file."""
    if RE_UPDATE.match(sparql):
        raise StoreError("kg query is read-only: SPARQL Update (INSERT, DELETE, …) is refused")
    body = urllib.parse.urlencode({"query": with_prefixes(sparql)}).encode("utf-8")
    content_type, answer = send(ep, "POST", body=body, headers={
        "Content-Type": "application/x-www-form-urlencoded", "Accept": RESULT_TYPES})
    media = content_type.split(";")[0].strip().lower()
    try:
        results_format = ox.QueryResultsFormat.from_media_type(media) if "sparql-results" in media else None
        if results_format is not None:
            results = ox.parse_query_results(answer, format=results_format)
            if isinstance(results, ox.QueryBoolean):
                return Result([], [], bool(results))
            variables = [v.value for v in results.variables]
            return Result(variables, [[solution[v] for v in variables] for solution in results])
        rdf = ox.RdfFormat.from_media_type(media) or ox.RdfFormat.TURTLE
        triples = [q.triple for q in ox.parse(answer, format=rdf)]
    except (SyntaxError, ValueError) as e:
        raise StoreError(f"{ep.url} sent an answer that cannot be read ({media}): {e}") from None
    return Result(["subject", "predicate", "object"], [[t.subject, t.predicate, t.object] for t in triples])
