"""The built site as a reader meets it: served on 127.0.0.1, opened in headless Chromium.

Chromium is Debian's `chromium` package (CI installs it). Locally, without it, these tests are
skipped with a message; under CI=true they fail instead, so CI can never pass without them.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from mkdocs.utils.yaml import yaml_load

from tests.conftest import FIXTURES, ROOT, make_project, real_films

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
LOCAL_HOSTS = {"127.0.0.1"}


def require(thing: str, present: bool) -> None:
    """Skip when a test tool is missing on a developer's machine; fail when it is missing in CI."""
    if present:
        return
    message = f"{thing} is not installed"
    if os.environ.get("CI"):
        pytest.fail(f"{message}; .ci/run must install it")
    pytest.skip(f"{message}; install it to run the browser tests (see CONTRIBUTING.md)")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    films = real_films()
    films["hostile.yml"] = (FIXTURES / "hostile.yml").read_text("utf-8")
    project = make_project(tmp_path_factory.mktemp("browser") / "project", films)
    subprocess.run(
        [sys.executable, "-m", "generator", "build"], cwd=project, check=True, capture_output=True
    )
    return project / "site"


SITE_PATH = urlsplit(yaml_load((ROOT / "mkdocs.yml").read_text("utf-8"))["site_url"]).path
"""The path the site is published under (from site_url), served the same way here."""


class _SiteHandler(SimpleHTTPRequestHandler):
    """Serves the site under SITE_PATH, as the published site is; anything else is a 404."""

    def translate_path(self, path: str) -> str:
        if not path.startswith(SITE_PATH):
            return str(Path(self.directory) / "missing-outside-the-site")
        return super().translate_path("/" + path.removeprefix(SITE_PATH))

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="session")
def base_url(built_site: Path) -> Iterator[str]:
    handler = functools.partial(_SiteHandler, directory=str(built_site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}{SITE_PATH}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    require("Debian's chromium", CHROMIUM is not None)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield launched
        launched.close()


@dataclass
class Reader:
    """A browser tab, with everything that went wrong while it was used."""

    page: Any
    base_url: str
    console_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    outside_requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def open(self, path: str) -> None:
        self.page.goto(self.base_url + path, wait_until="networkidle")

    def problems(self) -> list[str]:
        return self.console_errors + self.failed_requests + self.outside_requests + self.dialogs


def _reader(context: Any, base_url: str) -> Reader:
    page = context.new_page()
    reader = Reader(page, base_url)

    def route(request_route: Any) -> None:
        if urlsplit(request_route.request.url).hostname in LOCAL_HOSTS:
            request_route.continue_()
        else:
            reader.outside_requests.append(f"request to another host: {request_route.request.url}")
            request_route.abort()

    def dialog(shown: Any) -> None:
        reader.dialogs.append(f"dialog: {shown.message}")
        shown.dismiss()

    def console(message: Any) -> None:
        if message.type == "error":
            reader.console_errors.append(message.text)

    def uncaught(error: Any) -> None:
        reader.console_errors.append(f"uncaught: {error}")

    def response(answer: Any) -> None:
        if answer.status >= 400:
            reader.failed_requests.append(f"{answer.status} {answer.url}")

    def failed(request: Any) -> None:
        # A navigation cancels what the previous page was still loading (net::ERR_ABORTED):
        # that is the browser's doing, not a broken file; a missing file shows as a 404.
        if urlsplit(request.url).hostname in LOCAL_HOSTS and request.failure != "net::ERR_ABORTED":
            reader.failed_requests.append(f"failed: {request.url} ({request.failure})")

    page.route("**/*", route)
    page.on("console", console)
    page.on("pageerror", uncaught)
    page.on("dialog", dialog)
    page.on("response", response)
    page.on("requestfailed", failed)
    return reader


@pytest.fixture
def reader(browser: Any, base_url: str) -> Iterator[Reader]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield _reader(context, base_url)
    context.close()


@pytest.fixture
def phone_reader(browser: Any, base_url: str) -> Iterator[Reader]:
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    yield _reader(context, base_url)
    context.close()


@pytest.fixture
def audit_reader(browser: Any, base_url: str) -> Iterator[Reader]:
    """A tab that may inject axe-core: the pages' Content-Security-Policy is bypassed for it."""
    require("axe-core (npm ci)", AXE.exists())
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    yield _reader(context, base_url)
    context.close()
