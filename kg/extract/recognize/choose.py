"""Choosing among candidates: leftmost-longest, then the more trusted rule."""

from __future__ import annotations

import functools

from kg.extract.doc import Mention

RULE_PRIORITY = {"lexicon": 0, "public": 0, "sector-base": 0, "kind-list": -1, "quoted": 1, "grouping": 1, "suffix": 2,
                 "person": 2, "programme": 2, "strategy": 2, "ellipsis": -1, "short-park": 3, "township": 3, "short-form": 3,
                 "listed-org": 4, "enumeration": 4, "sector-object": 4, "heading": 4, "sector-head": 4, "model": 5}


def choose(candidates: list[Mention]) -> list[Mention]:
    """Leftmost-longest: longer spans first, then trusted rules; no overlaps."""
    taken: list[Mention] = []
    used = bytearray(max((m.end for m in candidates), default=0))
    for m in sorted(candidates, key=lambda m: (m.start - m.end, _priority(m.source), m.start)):
        if not any(used[m.start : m.end]):
            taken.append(m)
            used[m.start : m.end] = b"\x01" * (m.end - m.start)
    return sorted(taken, key=lambda m: m.start)


@functools.cache
def _priority(source: str) -> int:
    return RULE_PRIORITY[source.split(":")[0]]
