"""Ctrl-C and SIGTERM in long commands: what counts as an interruption, and a context in which one
ends the command cleanly (exit 130 or 143) with the output left as it was."""

from __future__ import annotations

import contextlib
import signal
from collections.abc import Iterator
from pathlib import Path

import typer


def interruption(error: BaseException) -> BaseException | None:
    """The Ctrl-C (KeyboardInterrupt) or SIGTERM (SystemExit 143) that ``error`` is, or that it was
    raised from or while handling (not one it was raised ``from None`` to replace). Python raises
    either wherever the signal finds the main thread; one raised while a native module initialises
    comes out as ``ImportError: initialization failed`` (onnxruntime, imported when the first
    document needs the name model)."""
    seen: set[int] = set()
    pending = [error]
    while pending:
        current = pending.pop()
        if current is None or id(current) in seen:
            continue
        if isinstance(current, KeyboardInterrupt) or (isinstance(current, SystemExit) and current.code == 143):
            return current
        seen.add(id(current))
        pending += [current.__cause__, None if current.__suppress_context__ else current.__context__]
    return None


@contextlib.contextmanager
def interruptible(output: Path) -> Iterator[None]:
    """Ctrl-C (exit 130) or SIGTERM (exit 143) stop cleanly; the atomic write leaves ``output`` as it was."""
    def terminate(_signum: int, _frame: object) -> None:
        raise SystemExit(143)

    previous = signal.signal(signal.SIGTERM, terminate)
    try:
        yield
    except (KeyboardInterrupt, Exception) as e:
        signalled = interruption(e)
        if isinstance(signalled, KeyboardInterrupt):
            typer.echo(f"\nInterrupted: {output} left as it was", err=True)
            raise typer.Exit(130) from None
        if signalled is not None:  # SIGTERM's SystemExit, wrapped
            raise SystemExit(143) from None
        raise
    finally:
        signal.signal(signal.SIGTERM, previous)
