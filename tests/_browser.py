"""Launch Debian's headless Chromium through Playwright, with the network blocked.

Browser tests skip (with the reason) when Chromium or Playwright is missing,
unless ``GEOMAP_REQUIRE_BROWSER=1``, in which case they fail.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path(os.environ.get("GEOMAP_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


def browser_required() -> bool:
    """Return whether a missing browser is a failure (CI) rather than a skip."""
    return os.environ.get("GEOMAP_REQUIRE_BROWSER") == "1"


def unavailable_reason() -> str | None:
    """Return why browser tests cannot run here, or None if they can."""
    if not CHROMIUM.exists():
        return f"{CHROMIUM} not found (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright Python package is not installed"
    return None


def skip_or_fail_without_browser() -> None:
    """Skip the calling test if there is no browser, or fail when one is required."""
    reason = unavailable_reason()
    if reason is None:
        return
    if browser_required():
        pytest.fail(f"GEOMAP_REQUIRE_BROWSER=1 but {reason}")
    pytest.skip(reason)


@dataclass
class PageLog:
    """What a page did that a test may want to assert on."""

    page_errors: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)

    @property
    def errors(self) -> list[str]:
        """Uncaught exceptions and console errors, except the blocked requests' noise."""
        noise = ("net::ERR_FAILED", "Failed to load resource")
        return self.page_errors + [
            text for text in self.console_errors if not any(n in text for n in noise)
        ]


@contextmanager
def chromium() -> Iterator[Any]:
    """Yield a Playwright persistent browser context of a fresh profile (then delete it)."""
    from playwright.sync_api import sync_playwright

    profile = tempfile.mkdtemp(prefix="geomap-chromium-")
    try:
        with sync_playwright() as playwright:
            context = playwright.chromium.launch_persistent_context(
                profile,
                executable_path=str(CHROMIUM),
                headless=True,
                args=CHROMIUM_ARGS,
                viewport={"width": 1200, "height": 800},
            )
            try:
                yield context
            finally:
                context.close()
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def open_offline(context: Any, path: Path) -> tuple[Any, PageLog]:
    """Open ``path`` in a new page where every request but ``file://`` is aborted.

    Returns
    -------
    tuple
        The Playwright page (loaded) and its :class:`PageLog`.
    """
    log = PageLog()
    page = context.new_page()

    def route(route: Any) -> None:
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            log.blocked.append(route.request.url)
            route.abort()

    page.route("**/*", route)
    page.on("pageerror", lambda error: log.page_errors.append(str(error)))
    page.on(
        "console",
        lambda message: (
            log.console_errors.append(message.text) if message.type == "error" else None
        ),
    )

    def on_dialog(dialog: Any) -> None:
        log.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.goto(path.resolve().as_uri(), wait_until="load")
    page.wait_for_selector(".leaflet-container", timeout=10_000)
    return page, log
