"""The course and API website (``make site``) in Chromium: links, offline, accessibility, reflow.

The site in ``_build/site`` is served by Python's own HTTP server on
127.0.0.1. Starting from the landing page, every page the site links to is
opened once in the browser (a crawl), and the tests then judge what was found:

- every internal link leads to a page or file that exists, and every ``#anchor``
  to an element on that page;
- no page asks for anything outside the site (fonts, scripts, images, widgets);
- axe-core (WCAG 2.2 A and AA) finds no serious or critical problem and no
  text-contrast failure on any page, and every chart has a text alternative;
- at 400 CSS pixels wide every page reflows: nothing makes the page scroll sideways.

``make test`` builds the site first (``make site``); without it these tests
say how to build it.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urldefrag, urlparse

import pytest
from browser_harness import blocking, chart_problems, new_page, run_axe
from browser_lab import ROOT

from website.pages import public_packages

pytestmark = pytest.mark.browser

SITE = ROOT / "_build" / "site"
REFLOW_WIDTH = 400

_PAGE_FACTS = """() => ({
    ids: Array.from(document.querySelectorAll('[id], a[name]')).map(e => e.id || e.getAttribute('name')),
    links: Array.from(document.querySelectorAll('a[href]')).map(a => a.href),
    resources: Array.from(document.querySelectorAll('link[href], script[src], img[src]'))
        .map(e => e.href || e.src).filter(u => !u.startsWith('data:')),
    widgetScripts: document.querySelectorAll('script[type*="widget"]').length,
    title: document.title,
})"""

_SIDEWAYS = """(width) => {
    const page = Math.max(document.documentElement.scrollWidth, document.body.scrollWidth);
    return page > width + 1 ? [`the page is ${page} CSS pixels wide at a ${width}-pixel window`] : [];
}"""


@dataclass
class Visit:
    """What one page of the site showed."""

    url: str
    status: int
    title: str = ""
    ids: set[str] = field(default_factory=set)
    links: list[str] = field(default_factory=list)
    resources: list[str] = field(default_factory=list)
    widget_scripts: int = 0
    blocked: list[str] = field(default_factory=list)
    accessibility: list[str] = field(default_factory=list)
    reflow: list[str] = field(default_factory=list)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve ``folder`` with Python's HTTP server on 127.0.0.1, on a free port; yield its address."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def site_url() -> Iterator[str]:
    """The built site, served on 127.0.0.1 for this module."""
    if not (SITE / "index.html").exists():
        message = "The website is not built: run make site (make test does it first)."
        if os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}:
            pytest.fail(f"CI=true: {message}", pytrace=False)
        pytest.skip(message)
    with serve(SITE) as url:
        yield url


def _visit(page, url: str, axe_script: Path) -> Visit:
    page.blocked_requests.clear()
    page.set_viewport_size({"width": 1280, "height": 900})
    response = page.goto(url, wait_until="load")
    visit = Visit(url=url, status=response.status if response else 0)
    if visit.status != 200:
        return visit
    facts = page.evaluate(_PAGE_FACTS)
    visit.title = facts["title"]
    visit.ids = set(facts["ids"])
    visit.links = facts["links"]
    visit.resources = facts["resources"]
    visit.widget_scripts = facts["widgetScripts"]
    visit.accessibility = blocking(run_axe(page, axe_script)) + chart_problems(page)
    page.set_viewport_size({"width": REFLOW_WIDTH, "height": 900})
    visit.reflow = page.evaluate(_SIDEWAYS, REFLOW_WIDTH)
    visit.blocked = list(page.blocked_requests)
    return visit


def _page_url(link: str) -> str:
    """The page a link leads to, without its anchor; a folder means its index.html (one visit a page)."""
    target = urldefrag(link).url
    return target + "index.html" if target.endswith("/") else target


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=30) as answer:
            return answer.status
    except urllib.error.HTTPError as error:
        return error.code


def crawl_site(browser, site_url: str, axe_script: Path) -> dict[str, Visit]:
    """Every page reachable from the landing page, each opened once in Chromium."""
    page = new_page(browser)
    visits: dict[str, Visit] = {}
    queue = [site_url + "index.html"]
    try:
        while queue:
            url = queue.pop(0)
            if url in visits:
                continue
            if not (url.endswith((".html", "/")) or "." not in urlparse(url).path.rsplit("/", 1)[-1]):
                visits[url] = Visit(url=url, status=_status(url))
                continue
            visits[url] = visit = _visit(page, url, axe_script)
            for link in visit.links + visit.resources:
                target = _page_url(link)
                if target.startswith(site_url) and target not in visits:
                    queue.append(target)
    finally:
        page.context.close()
    return visits


@pytest.fixture(scope="module")
def crawl(browser, site_url: str, axe_script: Path) -> dict[str, Visit]:
    return crawl_site(browser, site_url, axe_script)


def _pages(crawl: dict[str, Visit]) -> list[Visit]:
    return [v for v in crawl.values() if v.status == 200 and v.title]


def test_the_crawl_reaches_every_page_lesson_exercise_set_guide_page_and_api_page(crawl) -> None:
    """No page is an orphan, and every notebook, docs page and public subpackage has its page."""
    seen = {urlparse(v.url).path.lstrip("/") for v in _pages(crawl)}
    expected = {p.relative_to(SITE).as_posix() for p in SITE.rglob("*.html") if "_static" not in p.parts}
    expected |= {f"curriculum/{p.stem}.html" for p in (ROOT / "curriculum").glob("*.ipynb")}
    expected |= {f"exercises/{p.stem}.html" for p in (ROOT / "exercises").glob("*.ipynb")}
    expected |= {f"docs/{p.stem}.html" for p in (ROOT / "docs").glob("*.md")}
    expected |= {f"api/{name}.html" for name in public_packages()}
    expected |= {"trainers/index.html", "trainers/course-outline.html"}
    assert not expected - seen, f"pages no link leads to: {sorted(expected - seen)}"


def link_problems(crawl: dict[str, Visit], site_url: str) -> list[str]:
    """Internal links to pages that do not answer, and anchors their page does not have."""
    problems = [f"{v.url} answers {v.status}" for v in crawl.values() if v.status != 200]
    by_url = {v.url: v for v in crawl.values()}
    for visit in _pages(crawl):
        for link in visit.links:
            target, anchor = _page_url(link), urldefrag(link).fragment
            if not anchor or not target.startswith(site_url) or target not in by_url:
                continue
            if anchor not in by_url[target].ids:
                problems.append(f"{visit.url} links to #{anchor}, which {target} does not have")
    return sorted(set(problems))


def test_every_internal_link_and_anchor_exists(crawl, site_url) -> None:
    problems = link_problems(crawl, site_url)
    assert not problems, "\n- " + "\n- ".join(problems)


def test_the_crawl_finds_a_missing_page_a_missing_anchor_and_an_outside_request(
    browser, axe_script: Path, tmp_path: Path
) -> None:
    """The checks themselves can fail: a tiny site with a broken link, a broken anchor and a remote font."""
    head = '<head><title>{}</title><link rel="stylesheet" href="https://fonts.example.org/a.css"></head>'
    (tmp_path / "index.html").write_text(
        f'<!doctype html><html lang="en">{head.format("Home")}<body><main><h1 id="top">Home</h1>'
        '<a href="other.html#here">other</a> <a href="gone.html">gone</a></main></body></html>',
        encoding="utf-8",
    )
    (tmp_path / "other.html").write_text(
        f'<!doctype html><html lang="en">{head.format("Other")}<body><main><h1>Other</h1></main></body>',
        encoding="utf-8",
    )
    with serve(tmp_path) as url:
        visits = crawl_site(browser, url, axe_script)
        problems = link_problems(visits, url)
    assert f"{url}gone.html answers 404" in problems
    assert f"{url}index.html links to #here, which {url}other.html does not have" in problems
    assert any("fonts.example.org" in u for v in visits.values() for u in v.blocked)


def test_no_page_asks_for_anything_outside_the_site(crawl) -> None:
    problems = [f"{v.url} asked for {u}" for v in _pages(crawl) for u in v.blocked]
    problems += [
        f"{v.url} has {v.widget_scripts} widget script(s)" for v in _pages(crawl) if v.widget_scripts
    ]
    assert not problems, "\n- " + "\n- ".join(problems)


def test_every_page_passes_axe_core_and_every_chart_has_words(crawl) -> None:
    problems = [f"{v.url}: {p}" for v in _pages(crawl) for p in v.accessibility]
    assert not problems, "\n- " + "\n- ".join(problems)


def test_every_page_reflows_at_400_pixels(crawl) -> None:
    problems = [f"{v.url}: {p}" for v in _pages(crawl) for p in v.reflow]
    assert not problems, "\n- " + "\n- ".join(problems)


def test_widgets_show_their_words_without_scripts(page, site_url: str) -> None:
    """Lesson 00's answer box shows its question and what to do; no widget script is loaded."""
    page.goto(site_url + "curriculum/00_start_here.html")
    snapshots = page.locator(".labkit-site-widget")
    assert snapshots.count() >= 1
    text = snapshots.first.inner_text()
    assert "Interactive tool" in text and "Question 1" in text
    assert page.locator('script[type*="widget"]').count() == 0
