from __future__ import annotations

import signal
from pathlib import Path

import pytest

from kg.build import build
from kg.extract.lexicon import Lexicon, default_lexicon

# Tests stop `kg` processes with SIGINT, as Ctrl-C would. A shell that starts a job in the
# background without job control makes it ignore SIGINT, and an ignored signal stays ignored
# in every process started from it: handle it here, so that the processes the tests start get
# the default again.
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)

HERE = Path(__file__).parent
REPO = HERE.parent
TINY_CORPUS = HERE / "data" / "corpus"
SAMPLE_CORPUS = REPO / "corpus"
GOLD = REPO.parent / "shared" / "eval"


@pytest.fixture(scope="session")
def lexicon() -> Lexicon:
    return default_lexicon()


@pytest.fixture(scope="session")
def tiny_graph(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("tiny") / "tiny.nq"
    build(TINY_CORPUS, path)
    return path


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory: pytest.TempPathFactory):
    return build(SAMPLE_CORPUS, tmp_path_factory.mktemp("sample") / "sample.nq")


@pytest.fixture(scope="session")
def sample_graph(sample_build) -> Path:
    return sample_build.output
