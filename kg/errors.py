"""One hierarchy of errors; the CLI turns each into a one-line ``Error: …``."""

from __future__ import annotations


class KgError(Exception):
    """An error the user can fix; its message names the input and the fix."""


class InputError(KgError):
    """A corpus file that cannot be read or decoded."""


class OutputError(KgError):
    """An output file that cannot be written (folder not writable, name too long, disk full)."""


class FormatError(KgError):
    """An unknown RDF or result format."""


class OntologyError(KgError):
    """Code and ontology/kg.ttl disagree."""


class QueryError(KgError):
    """A SPARQL query that cannot be parsed or run."""


class StoreError(KgError):
    """A triple store that is down, refuses or times out."""


class LexiconError(KgError):
    """A user's lexicon file with a malformed line or an unknown class."""
