"""End-to-end fixtures: the real site, served from a subprocess, driven by Chromium.

The site runs as `make run` serves it (same settings module, its own SQLite
file), with a small site built once per run by the factories (tests/e2e/site.py)
instead of the demo, so these tests see what a visitor sees, through the whole
WSGI stack, on content they define. The browser is Debian's
Chromium driven by Playwright; no browser is ever downloaded. Without Chromium
the tests skip; CI installs it.
"""

import contextlib
import fcntl
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import ROOT, free_port, migrated_template, serve
from tests.support import demo_site_env as _site_env

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def chromium_path():
    path = shutil.which("chromium")
    if path is None:
        pytest.skip("Debian's chromium is not installed (make e2e installs it)")
    pytest.importorskip("playwright")
    return path


BUILD = "import django; django.setup(); from tests.e2e.site import build; build()"


def build_small_site(shared):
    """A folder below `shared` with the small site's database (tests/e2e/site.py),
    made once per run from the migrated template; xdist workers share it (the
    first one builds it under a lock)."""
    workdir = shared / "e2e-site"
    with open(shared / "e2e-site.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (workdir / "ready").exists():
            workdir.mkdir(exist_ok=True)
            shutil.copyfile(migrated_template(shared), workdir / "e2e.sqlite3")
            subprocess.run(
                [sys.executable, "-c", BUILD],
                cwd=ROOT,
                env=_site_env(workdir, 8000),
                check=True,
                capture_output=True,
            )
            (workdir / "ready").touch()
    return workdir


@pytest.fixture(scope="session")
def site_database(chromium_path, tmp_path_factory, worker_id):
    """The small site's folder (database and media)."""
    base = tmp_path_factory.getbasetemp()
    return build_small_site(base if worker_id == "master" else base.parent)


@contextlib.contextmanager
def _serve(site_database, workdir):
    """Serve a private copy of the site's database; yield the base URL."""
    shutil.copytree(site_database, workdir, dirs_exist_ok=True)
    port = free_port()
    with serve(_site_env(workdir, port), port, workdir / "server.log") as base:
        yield base


@pytest.fixture(scope="session")
def live_site(site_database, tmp_path_factory):
    """The site for visitors; tests that change pages use `editable_site`."""
    with _serve(site_database, tmp_path_factory.mktemp("site")) as base:
        yield base


@pytest.fixture(scope="module")
def editable_site(site_database, tmp_path_factory):
    """A private copy of the site for one module's editing tests."""
    with _serve(site_database, tmp_path_factory.mktemp("editable")) as base:
        yield base


@pytest.fixture(scope="session")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.when == "call":
        item.e2e_failed = report.failed


@pytest.fixture
def page_factory(browser, request):
    """new_page(locale=..., width=..., height=...) -> a Playwright page.

    Screenshots of every open page are saved under tests/e2e/artifacts/ when
    the test fails.
    """
    contexts = []

    def new_page(locale="nl-NL", width=1280, height=900):
        context = browser.new_context(locale=locale, viewport={"width": width, "height": height})
        contexts.append(context)
        return context.new_page()

    yield new_page
    if getattr(request.node, "e2e_failed", False):
        ARTIFACTS.mkdir(exist_ok=True)
        for i, context in enumerate(contexts):
            for j, page in enumerate(context.pages):
                page.screenshot(path=ARTIFACTS / f"{request.node.name}-{i}-{j}.png", full_page=True)
    for context in contexts:
        context.close()


@pytest.fixture(scope="session")
def _reading_contexts(browser):
    contexts = {}
    yield contexts
    for context in contexts.values():
        context.close()


@pytest.fixture
def reading_page(_reading_contexts, browser, request):
    """reading_page(width=...) -> this worker's one page at that width, for tests
    that only look at pages (axe): a visitor reading on, with the browser's cache,
    not a fresh browser per page (a new context costs as much as the page itself).
    A screenshot is saved under tests/e2e/artifacts/ when the test fails."""
    used = []

    def page_at(width, height=900):
        if width not in _reading_contexts:
            _reading_contexts[width] = browser.new_context(
                locale="nl-NL", viewport={"width": width, "height": height}
            )
            _reading_contexts[width].new_page()
        page = _reading_contexts[width].pages[0]
        page.set_viewport_size({"width": width, "height": height})
        used.append(page)
        return page

    yield page_at
    if getattr(request.node, "e2e_failed", False):
        ARTIFACTS.mkdir(exist_ok=True)
        for i, page in enumerate(used):
            page.screenshot(path=ARTIFACTS / f"{request.node.name}-{i}.png", full_page=True)
