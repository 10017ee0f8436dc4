"""Headless Debian Chromium driven by Playwright, shared by the view tests and benchmarks."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

CHROMIUM = os.environ.get("KG_CHROMIUM", "/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
         "--disable-component-update", "--no-first-run", "--disable-sync"]


def chromium_missing() -> str | None:
    """Why the browser tests cannot run here, or None."""
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        return f"no Chromium at {CHROMIUM} (apt-get install chromium fonts-wqy-microhei)"
    return None


@dataclass
class PageLog:
    """What a page did: console errors, uncaught exceptions, requests, dialogs."""

    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


@contextmanager
def chromium() -> Iterator[object]:
    """A fresh headless Chromium with an empty profile; yields a Playwright browser."""
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="kg-chromium-") as profile, sync_playwright() as p:
        context = p.chromium.launch_persistent_context(profile, executable_path=CHROMIUM, headless=True,
                                                       args=FLAGS, viewport={"width": 1280, "height": 800})
        try:
            yield context
        finally:
            context.close()


def open_view(context, html: Path, timeout_ms: int = 30_000) -> tuple[object, PageLog]:
    """Open a view file, log everything it does, and wait until the network is drawn and still."""
    page = context.new_page()
    log = PageLog()
    page.on("console", lambda m: log.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: log.errors.append(str(e)))
    page.on("request", lambda r: log.requests.append(r.url))
    page.on("dialog", lambda d: (log.dialogs.append(d.message), d.dismiss()))
    page.goto(html.resolve().as_uri())
    page.wait_for_function("window.kgReady !== undefined", timeout=timeout_ms)
    return page, log
