"""Source ``programme``: a programme named after a verb of carrying out (实施服务业扩能提质行动,
实施科技英才领航工程, 推进创新发展行动): the words between the verb and a programme's head word.
Source ``strategy``: a strategy named by a four-character slogan (落实科教兴国战略, 乡村振兴战略)."""

from __future__ import annotations

from collections.abc import Iterator

from kg.extract.doc import Mention
from kg.extract.patterns import RE_PROGRAMME, RE_PROGRAMME_LEAD, RE_STRATEGY, STRATEGY_NOT_SLOGAN
from kg.extract.recognize.common import Context


def find(ctx: Context) -> Iterator[Mention]:
    text = ctx.text
    for m in RE_PROGRAMME.finditer(text):
        name = RE_PROGRAMME_LEAD.sub("", m.group(1))  # 实施新一轮…, 深入实施…: not the programme's words
        if len(name) - len(m.group(2)) < 2 or "的" in name or "等" in name:  # …整治等专项行动: a kind of campaign
            continue
        start = m.end(1) - len(name)
        yield Mention(start, m.end(1), name, "Policy", "programme")
    for m in RE_STRATEGY.finditer(text):
        name = m.group(1)
        if not STRATEGY_NOT_SLOGAN.search(name, 0, 4) and "的" not in name and "等" not in name:
            yield Mention(m.start(1), m.end(1), name, "Policy", "strategy")
