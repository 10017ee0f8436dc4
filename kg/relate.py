"""Relations and targets (placeholder filled below)."""
from __future__ import annotations

from kg.doc import Doc
from kg.lexicon import Lexicon


def relate(doc: Doc, lexicon: Lexicon) -> Doc:
    return doc
