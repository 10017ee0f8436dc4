"""Ready questions: SPARQL files with a comment header (title, description, named parameters).

A question file starts with comment lines::

    # title: Platforms of a region
    # description: Towns, valleys and parks that lie in a region, directly or through its sub-regions.
    # param region: the region's label (default: 西湖区)

and uses each parameter as ``$region`` in the query, where it stands for a string literal
(compare with ``FILTER(STR(?name) = $region)``). A parameter without a default must be given.
"""

from __future__ import annotations

import importlib.resources
import re
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import KgError
from kg.rdf.query import Result, query_file

RE_HEADER = re.compile(r"^#\s*(title|description)\s*:\s*(.*?)\s*$")
RE_PARAM = re.compile(r"^#\s*param\s+(\w+)\s*:\s*(.*?)\s*(?:\(default:\s*(.*?)\))?\s*$")


@dataclass
class Param:
    name: str
    description: str
    default: str | None = None


@dataclass
class Question:
    name: str  # the file's stem
    title: str
    description: str
    sparql: str
    params: list[Param] = field(default_factory=list)
    path: Path | None = None

    def bind(self, values: dict[str, str]) -> str:
        """The query with each ``$name`` replaced by its value as a string literal."""
        known = {p.name for p in self.params}
        unknown = sorted(set(values) - known)
        if unknown:
            choices = ", ".join(sorted(known)) or "none"
            raise KgError(f"question '{self.name}' has no parameter '{unknown[0]}' (its parameters: {choices})")
        sparql = self.sparql
        for param in self.params:
            value = values.get(param.name, param.default)
            if value is None:
                raise KgError(f"question '{self.name}' needs --param {param.name}=VALUE ({param.description})")
            sparql = re.sub(rf"\${param.name}\b", lambda _m, v=value: literal(v), sparql)
        return sparql


def literal(text: str) -> str:
    """A SPARQL string literal. ``literal('a"b')`` → ``"a\\"b"``"""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return f'"{escaped}"'


def parse_question(name: str, text: str, path: Path | None = None) -> Question:
    title = description = ""
    params: list[Param] = []
    for line in text.splitlines():
        if not line.startswith("#"):
            if line.strip():
                break
            continue
        header, param = RE_HEADER.match(line), RE_PARAM.match(line)
        if header and header.group(1) == "title":
            title = header.group(2)
        elif header:
            description = header.group(2)
        elif param:
            params.append(Param(param.group(1), param.group(2), param.group(3)))
    if not title:
        raise KgError(f"question file {path or name} has no '# title:' line")
    return Question(name, title, description, text, params, path)


def builtin_folder() -> Path:
    return Path(str(importlib.resources.files("kg").joinpath("data/questions")))


def load_questions(folder: Path | None = None) -> dict[str, Question]:
    """The shipped questions, with those of ``folder`` added (a user's file wins over a shipped one of the same name)."""
    questions = {}
    folders = [builtin_folder()] + ([folder] if folder else [])
    for where in folders:
        if not where.is_dir():
            raise KgError(f"no such folder of questions: {where}")
        for path in sorted(where.glob("*.rq")):
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as e:
                raise KgError(f"cannot read question {path}: {e}") from None
            questions[path.stem] = parse_question(path.stem, text, path)
    return questions


def find_question(questions: dict[str, Question], name: str) -> Question:
    if name not in questions:
        raise KgError(f"no question named '{name}'; kg ask lists them")
    return questions[name]


def parse_params(pairs: list[str]) -> dict[str, str]:
    """["region=西湖区"] → {"region": "西湖区"}"""
    values = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise KgError(f"--param takes NAME=VALUE, not '{pair}'")
        values[name.strip()] = value
    return values


def ask(graph: Path, question: Question, values: dict[str, str], timeout: float | None = 60.0) -> Result:
    return query_file(graph, question.bind(values), timeout)


def listing(questions: dict[str, Question]) -> Result:
    """A table of the questions: name, parameters (with defaults), title and description."""
    rows = []
    for q in questions.values():
        params = " ".join(f"{p.name}={p.default}" if p.default is not None else f"{p.name}=…" for p in q.params)
        rows.append([q.name, params, f"{q.title}: {q.description}" if q.description else q.title])
    return Result.of_values(["question", "parameters", "asks"], rows)
