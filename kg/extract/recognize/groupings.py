"""Source ``grouping``: programmes named by numbers (一镇两谷, 3+N, …72条)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from kg.extract.doc import Mention
from kg.extract.patterns import RE_GROUPING, RE_NUMBERED_MEASURES, RE_PLUS_GROUPING
from kg.extract.recognize.common import Context


def find(ctx: Context) -> Iterable[Mention]:
    return [*grouping_mentions(ctx.text), *numbered_measures(ctx.text)]


def grouping_mentions(text: str) -> Iterator[Mention]:
    """一镇两谷, 六园一街, 3+N: platform groupings named by numbers."""
    for regex in (RE_GROUPING, RE_PLUS_GROUPING):
        for m in regex.finditer(text):
            yield Mention(m.start(), m.end(), m.group(), "Policy", "grouping")


def numbered_measures(text: str) -> Iterator[Mention]:
    """发布了推动经济高质量发展72条: a policy named by its count of articles."""
    for m in RE_NUMBERED_MEASURES.finditer(text):
        yield Mention(m.start(1), m.end(1), m.group(1), "Policy", "grouping")
