"""kg: knowledge graphs of regional industrial platforms and policies from Chinese text.

>>> from kg import process_text
>>> [e.label for e in process_text("杭州市西湖区").entities]
['杭州市', '西湖区']
"""

from __future__ import annotations

__version__ = "0.1.0"

from kg.build import BuildResult, build, write  # noqa: E402
from kg.corpus import process_corpus
from kg.extract.doc import Doc, Entity, Mention, Relation, Sentence, Target, Token  # noqa: E402
from kg.extract.pipeline import process, process_text  # noqa: E402
from kg.rdf.graph import to_dataset  # noqa: E402

__all__ = ["BuildResult", "Doc", "Entity", "Mention", "Relation", "Sentence", "Target", "Token",
           "__version__", "build", "process", "process_corpus", "process_text", "to_dataset", "write"]
