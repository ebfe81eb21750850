"""Drive notebooks and widgets in a real browser and say plainly what went wrong.

The functions here work on a Playwright ``Page`` showing either JupyterLab or a
Voila app. They return findings rather than asserting, so the harness itself
can be tested: a test of a deliberately broken widget asserts that the
findings name the failure (see ``test_harness.py``).

How widgets are found and judged is the convention in ``docs/browser-testing.md``:
every labkit widget root has the class ``labkit-widget`` and its result area
``labkit-output``. Every control in the root (outside the result area) is
operated once, in page order, including controls that appear while operating
(the next step of a wizard). After each use, the result area must change and
show no error, unless the control has the class ``labkit-staged``.
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Locator, Page

from labkit._widgets import OUTPUT_CLASS, STAGED_CLASS, WIDGET_CLASS

CHROMIUM = Path("/usr/bin/chromium")
# Without the networking flags Chromium keeps trying to reach the internet in the background.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# How IPython shows an exception: a traceback, or (for a syntax error) "Cell In[n], line m".
_TRACEBACK = re.compile(
    r"Traceback \(most recent call last\)"
    r"|^\s*Cell In\[\d+\], line \d+"
    r"|^[A-Za-z_][\w.]*(Error|Exception|Exit):",
    re.MULTILINE,
)
_STDERR = "application/vnd.jupyter.stderr"

SETTLE_SECONDS = 0.2
"""A result area counts as finished once it has not changed for this long."""

CHANGE_TIMEOUT = 20.0
"""How long to wait for a result area to change after using a control."""


def looks_like_error(text: str) -> bool:
    """True when ``text`` (an output shown on stderr) is an exception, not a warning."""
    return bool(_TRACEBACK.search(text))


# -- findings ------------------------------------------------------------------------------


@dataclass
class ControlCheck:
    """What happened when one control was used."""

    kind: str
    label: str
    staged: bool
    changed: bool = False
    error: str = ""
    note: str = ""

    @property
    def ok(self) -> bool:
        return not self.error and (self.changed or self.staged or bool(self.note))

    def describe(self) -> str:
        what = f"{self.kind} {self.label!r}"
        if self.error:
            return f"using {what} showed an error: {self.error}"
        if self.note:
            return f"{what}: {self.note}"
        if not self.changed and not self.staged:
            return f"using {what} did not change the widget's result"
        return f"{what}: ok"


@dataclass
class WidgetCheck:
    """What happened when every control of one widget was used."""

    name: str
    controls: list[ControlCheck] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems and all(c.ok for c in self.controls)

    def failures(self) -> list[str]:
        out = [f"{self.name}: {p}" for p in self.problems]
        out += [f"{self.name}: {c.describe()}" for c in self.controls if not c.ok]
        return out


# -- JupyterLab: open, run all, read the cells -------------------------------------------------


def open_notebook(page: Page, url: str, timeout: float = 60.0) -> None:
    """Open a notebook in JupyterLab and wait until its kernel is connected and idle."""
    watch_kernel(page)
    # Wait for the first byte only: a busy machine can take longer than Playwright's default 30 s to
    # load the whole page, and the selectors below wait for what matters.
    page.goto(url, wait_until="commit", timeout=timeout * 1000)
    page.wait_for_selector(".jp-NotebookPanel", timeout=timeout * 1000)
    # The status bar says "| Idle" only once the kernel is connected; the toolbar indicator
    # says idle earlier, and Run All clicked then does nothing.
    page.wait_for_selector(".jp-StatusBar-TextItem:has-text('| Idle')", timeout=timeout * 1000)


def close_all_tabs(page: Page, timeout: float = 30.0) -> None:
    """Close every open document in JupyterLab without saving (File > Close All Tabs, Discard)."""
    page.click(".lm-MenuBar-itemLabel:text-is('File')")
    page.click("li[data-command='application:close-all']")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and page.locator(".jp-NotebookPanel").count():
        discard = page.locator(".jp-Dialog button:has-text('Discard')")
        if discard.count():
            discard.first.click()
        page.wait_for_timeout(100)
    if page.locator(".jp-NotebookPanel").count():
        raise TimeoutError("JupyterLab did not close the open notebooks.")


def open_next_notebook(page: Page, relpath: str, timeout: float = 60.0) -> None:
    """Open another notebook in the JupyterLab already shown (File > Open from Path), with no reload."""
    page.click(".lm-MenuBar-itemLabel:text-is('File')")
    page.click("li[data-command='filebrowser:open-path']")
    field = page.locator(".jp-Dialog input")
    field.fill(relpath)
    field.press("Enter")
    page.wait_for_selector(".jp-NotebookPanel", timeout=timeout * 1000)
    page.wait_for_selector(".jp-StatusBar-TextItem:has-text('| Idle')", timeout=timeout * 1000)


def open_in_lab(page: Page, lab, relpath: str) -> None:
    """Open ``relpath`` with a fresh kernel, in the JupyterLab already loaded in ``page`` if there is one.

    The notebook open before is closed without saving and its kernel shut down,
    so each notebook starts from a clean kernel; JupyterLab itself loads once,
    which saves about 3 seconds a notebook. If anything unexpected happens,
    JupyterLab is loaded afresh instead.
    """
    if getattr(page, "labkit_lab_loaded", False):
        try:
            close_all_tabs(page)
            lab.shutdown_all_kernels()
            open_next_notebook(page, relpath)
            return
        except PlaywrightError:
            page.labkit_lab_loaded = False
    lab.shutdown_all_kernels()
    open_notebook(page, lab.lab_url(relpath))
    page.labkit_lab_loaded = True


def _code_prompts(page: Page) -> list[str]:
    return page.eval_on_selector_all(
        ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell .jp-InputPrompt",
        "els => els.map(e => e.textContent.trim())",
    )


def run_all(page: Page, timeout: float = 300.0) -> None:
    """Run every cell (Run > Run All Cells) and wait until no cell is running or queued."""
    deadline = time.monotonic() + timeout
    for _attempt in range(3):
        page.click(".lm-MenuBar-itemLabel:text-is('Run')")
        page.click("li[data-command='runmenu:run-all']")
        started = time.monotonic()
        while time.monotonic() - started < 10:
            if any(p != "[ ]:" for p in _code_prompts(page)):
                break
            time.sleep(0.2)
        else:
            continue  # The click came before the kernel was ready: try again.
        break
    while time.monotonic() < deadline:
        if not any("*" in p for p in _code_prompts(page)):
            page.wait_for_selector(".jp-StatusBar-TextItem:has-text('| Idle')", timeout=30_000)
            if not any("*" in p for p in _code_prompts(page)):
                return
        time.sleep(0.25)
    raise TimeoutError(f"The notebook was still running after {timeout:g} seconds.")


def cell_problems(page: Page, notebook: Path) -> list[str]:
    """Errors shown in the notebook's cells, and cells that never ran, in plain words.

    Cells tagged ``raises-exception`` are meant to show an error (a lesson about
    error messages), so their errors are not problems.
    """
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    cells = page.eval_on_selector_all(
        ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell",
        """(els, stderr) => els.map(c => ({
            code: c.classList.contains('jp-CodeCell'),
            prompt: (c.querySelector('.jp-InputPrompt') || {textContent: ''}).textContent.trim(),
            stderr: Array.from(c.querySelectorAll(`.jp-OutputArea-output[data-mime-type="${stderr}"]`))
                .map(o => o.textContent)
        }))""",
        _STDERR,
    )
    problems: list[str] = []
    if len(cells) != len(nb["cells"]):
        problems.append(f"the page shows {len(cells)} cells but the notebook file has {len(nb['cells'])}")
        return problems
    for index, (shown, stored) in enumerate(zip(cells, nb["cells"], strict=True), start=1):
        if not shown["code"] or not "".join(stored.get("source", "")).strip():
            continue
        tags = set(stored.get("metadata", {}).get("tags", []))
        errors = [t for t in shown["stderr"] if looks_like_error(t)]
        if errors and not tags & {"raises-exception", "nbval-raises-exception"}:
            last = [ln for ln in errors[0].strip().splitlines() if ln.strip()][-1]
            problems.append(f"cell {index} shows an error: {last.strip()}")
        if not re.fullmatch(r"\[\d+\]:", shown["prompt"]):
            problems.append(f"cell {index} did not run (its prompt is {shown['prompt']!r})")
    dialogs = page.locator(".jp-Dialog .jp-Dialog-header")
    for i in range(dialogs.count()):
        problems.append(f"JupyterLab showed a dialog: {dialogs.nth(i).inner_text().strip()}")
    return problems


# -- widgets, in JupyterLab or Voila ------------------------------------------------------

_MARK_CONTROLS = """
(root, [outputClass, stagedClass]) => {
  const selectors = [
    ['slider', '.widget-slider .noUi-handle'],
    ['dropdown', '.widget-dropdown select'],
    ['list', '.widget-select select'],
    ['toggle buttons', '.widget-toggle-buttons button'],
    ['radio buttons', '.widget-radio-box'],
    ['checkbox', '.widget-checkbox input[type=checkbox]'],
    ['toggle button', 'button.widget-toggle-button'],
    ['number box', '.widget-text input[type=number]'],
    ['text box', '.widget-text input[type=text], .widget-textarea textarea'],
    ['button', 'button.widget-button'],
  ];
  const found = [];
  for (const [kind, sel] of selectors) {
    for (const el of root.querySelectorAll(sel)) {
      if (el.closest('.' + outputClass)) continue;
      if (el.dataset.labkitControl) continue;
      // One entry per group of toggle buttons, not per button.
      const target = kind === 'toggle buttons' ? el.closest('.widget-toggle-buttons') : el;
      if (target.dataset.labkitControl) continue;
      if (el.disabled || target.closest('[disabled]')) continue;
      if (found.some(f => f.el === target)) continue;
      found.push({kind, el: target});
    }
  }
  found.sort((a, b) => (a.el.compareDocumentPosition(b.el) & Node.DOCUMENT_POSITION_FOLLOWING) ? -1 : 1);
  const out = [];
  for (const {kind, el} of found) {
    const id = 'c' + Math.random().toString(36).slice(2, 10);
    el.dataset.labkitControl = id;
    const box = el.closest('.widget-inline-hbox, .widget-inline-vbox, .jupyter-widgets');
    const text = e => (e ? e.textContent.replace(/\\u200b/g, '').trim() : '');
    const isButton = el.tagName === 'BUTTON';
    const label = (isButton && text(el)) || text(box && box.querySelector(':scope > .widget-label')) ||
                  text(box && box.querySelector('.widget-label-basic')) ||
                  el.getAttribute('aria-label') || el.getAttribute('title') || text(el) || kind;
    out.push({id, kind, label: label.slice(0, 60),
              staged: !!el.closest('.' + stagedClass)});
  }
  return out;
}
"""


def _result_state(root: Locator) -> tuple[str, list[str]]:
    """The result areas' HTML (to compare) and any errors shown in them or in the root."""
    return root.evaluate(
        """(root, [outputClass, stderr]) => {
            const outs = root.querySelectorAll('.' + outputClass);
            const html = Array.from(outs).map(o => o.innerHTML).join('\\n');
            const errs = Array.from(root.querySelectorAll(`[data-mime-type="${stderr}"]`))
                .map(o => o.textContent);
            return [html, errs];
        }""",
        [OUTPUT_CLASS, _STDERR],
    )


class KernelActivity:
    """Counts the kernel "idle" messages a page receives, to know when a callback has finished.

    The kernel reports busy, then idle, around every message it handles, including
    a widget's change of value. Waiting for idle is faster and surer than a fixed pause.
    """

    def __init__(self, page: Page) -> None:
        self.idle = 0
        page.on("websocket", lambda ws: ws.on("framereceived", self._frame))

    def _frame(self, payload: str | bytes) -> None:
        data = payload.encode("utf-8", "replace") if isinstance(payload, str) else payload
        if b'"execution_state"' in data and b'"idle"' in data:
            self.idle += 1


def watch_kernel(page: Page) -> KernelActivity:
    """Start counting the page's kernel messages (call before the page opens its kernel)."""
    activity = getattr(page, "labkit_kernel", None)
    if activity is None:
        activity = KernelActivity(page)
        page.labkit_kernel = activity
    return activity


def _settled_state(page: Page, root: Locator, before: str, idle_before: int) -> tuple[str, list[str]]:
    """Wait for the result area to change, or for the kernel to finish without changing it."""
    activity = getattr(page, "labkit_kernel", None)
    deadline = time.monotonic() + CHANGE_TIMEOUT
    html, errors = _result_state(root)
    while html == before and time.monotonic() < deadline:
        if activity is not None and activity.idle > idle_before:
            page.wait_for_timeout(SETTLE_SECONDS * 1000)  # let the browser draw the last messages
            html, errors = _result_state(root)
            if html == before:
                return html, errors  # the kernel finished and nothing changed
            break
        page.wait_for_timeout(100)
        html, errors = _result_state(root)
    # Then wait until it stops changing (clear_output(wait=True) shows intermediate states).
    stable_since = time.monotonic()
    while time.monotonic() - stable_since < SETTLE_SECONDS and time.monotonic() < deadline + 10:
        page.wait_for_timeout(100)
        now = _result_state(root)
        if now[0] != html:
            html, errors = now
            stable_since = time.monotonic()
    return html, errors


def _use_control(page: Page, control: Locator, kind: str) -> str:
    """Use one control in a way that changes its value. Returns a note if it cannot be used."""
    if kind == "slider":
        control.focus()
        now = control.get_attribute("aria-valuenow")
        top = control.get_attribute("aria-valuemax")
        control.press("ArrowLeft" if now is not None and now == top else "ArrowRight")
    elif kind in {"dropdown", "list"}:
        options = control.evaluate(
            "s => ({values: Array.from(s.options).map(o => o.value), index: s.selectedIndex})"
        )
        if len(options["values"]) < 2:
            return "has only one choice, so it was not changed"
        index = options["index"]
        control.select_option(value=options["values"][(index + 1) % len(options["values"])])
    elif kind == "toggle buttons":
        buttons = control.locator("button:not(.mod-active):not([disabled])")
        if buttons.count() == 0:
            return "has no other choice to pick"
        buttons.first.click()
    elif kind == "radio buttons":
        choices = control.locator("input[type=radio]:not(:checked):not([disabled])")
        if choices.count() == 0:
            return "has no other choice to pick"
        choices.first.check()
    elif kind == "number box":
        control.focus()
        control.press("ArrowUp")
        control.press("Enter")
    elif kind == "text box":
        current = control.input_value()
        control.fill(current + " 42" if current else "labkit browser test 42")
        control.press("Enter")
        control.blur()
    else:  # button, checkbox, toggle button
        control.click()
    return ""


def new_page(browser):
    """A browser tab in a new context that can reach this computer only.

    Requests to any other address are refused at once and listed in
    ``page.blocked_requests``, so a test can check that a page works offline.
    """
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    # Generous: the machine is small and shared; a slow step is not a failure, a wrong one is.
    context.set_default_timeout(60_000)
    page = context.new_page()
    page.blocked_requests = []

    def _route(route) -> None:
        url = route.request.url
        if re.match(r"^(https?|wss?)://(127\.0\.0\.1|localhost)(:\d+)?/", url) or url.startswith(
            ("file:", "data:", "blob:")
        ):
            route.continue_()
        else:
            page.blocked_requests.append(url)
            route.abort()

    page.route("**/*", _route)
    return page


def open_app(page: Page, url: str, timeout: float = 120.0, log: Path | None = None) -> None:
    """Open a Voila app and wait until its notebook has run and its widgets are shown.

    If the page never shows its cells, the failure says how far Voila got (its loading text,
    whether the page finished arriving) and ends with Voila's log (``log``), so one failed run is
    enough to see why.
    """
    watch_kernel(page)
    # Voila streams the page while it runs the notebook: wait for the first byte only, then for the
    # rendered cells. The condition reads the DOM, so it is polled on a timer, not on animation frames.
    page.goto(url, wait_until="commit", timeout=timeout * 1000)
    try:
        page.wait_for_function(
            """() => {
                // Voila shows the cells once their widgets are drawn; an error page has no cells.
                const cells = document.querySelector('#rendered_cells');
                if (!cells) return document.readyState === 'complete';
                return getComputedStyle(cells).display !== 'none';
            }""",
            polling=250,
            timeout=timeout * 1000,
        )
    except PlaywrightError as exc:
        raise AssertionError(_stalled_app(page, timeout, log)) from exc
    page.wait_for_load_state("networkidle", timeout=timeout * 1000)


def _stalled_app(page: Page, timeout: float, log: Path | None) -> str:
    """Say how far a Voila page got before it stalled."""
    try:
        state = page.evaluate(
            """() => ({
                loading: (document.getElementById('loading_text') || {}).textContent || '',
                arrived: document.readyState,
                cells: document.querySelectorAll('[cell-index]').length,
                finished: Boolean(window.cellLoaded),
            })"""
        )
    except PlaywrightError as exc:
        state = {"error": str(exc)}
    blocked = getattr(page, "blocked_requests", [])
    text = log.read_text(encoding="utf-8", errors="replace") if log and log.exists() else ""
    tail = "\n".join(text.splitlines()[-25:]) or "(no log)"
    return (
        f"The Voila app did not show its cells within {timeout:g} s. Page: {state}; requests refused "
        f"(outside this computer): {blocked}. Voila's log ends:\n{tail}"
    )


def app_problems(page: Page) -> list[str]:
    """Errors a Voila app shows: a cell that failed, or a traceback in any output."""
    texts = page.eval_on_selector_all(
        f'[data-mime-type="{_STDERR}"], .jp-OutputArea-output, .voila-error',
        "els => els.map(e => e.textContent)",
    )
    problems = []
    for text in texts:
        if "There was an error when executing cell" in text:
            problems.append(text.strip()[:300])
        elif looks_like_error(text):
            lines = [ln for ln in text.strip().splitlines() if ln.strip()]
            problems.append(f"the app shows an error: {lines[-1].strip() if lines else text[:200]}")
    return sorted(set(problems))


def widget_roots(page: Page) -> Locator:
    """Every labkit widget on the page."""
    return page.locator(f".{WIDGET_CLASS}")


def check_widget(page: Page, root: Locator, max_uses: int = 40) -> WidgetCheck:
    """Use every control of one labkit widget and record what the result area did."""
    classes = (root.get_attribute("class") or "").split()
    names = [c.removeprefix(f"{WIDGET_CLASS}-") for c in classes if c.startswith(f"{WIDGET_CLASS}-")]
    check = WidgetCheck(name=names[0] if names else "unnamed labkit widget")
    if not names:
        check.problems.append(f"its root has the class {WIDGET_CLASS} but no {WIDGET_CLASS}-<name> class")
    root.scroll_into_view_if_needed()
    if root.locator(f".{OUTPUT_CLASS}").count() == 0:
        check.problems.append(f"it has no result area with the class {OUTPUT_CLASS}")
        return check
    page.wait_for_timeout(SETTLE_SECONDS * 1000)
    html, errors = _result_state(root)
    shown = [e for e in errors if looks_like_error(e)]
    if shown:
        check.problems.append(f"it shows an error before anything is used: {shown[0].strip()[-300:]}")
    if not html.strip():
        check.problems.append("its result area is empty before anything is used")
    for _ in range(max_uses):
        pending = root.evaluate(_MARK_CONTROLS, [OUTPUT_CLASS, STAGED_CLASS]) if root.count() else []
        if not pending:
            break
        spec = pending[0]
        # Unmark the rest: the page may re-render them, and they are found again next time.
        root.evaluate(
            "(root, ids) => ids.forEach(id => {"
            " const e = root.querySelector(`[data-labkit-control='${id}']`);"
            " if (e) delete e.dataset.labkitControl; })",
            [p["id"] for p in pending[1:]],
        )
        result = ControlCheck(kind=spec["kind"], label=spec["label"], staged=spec["staged"])
        control = root.locator(f"[data-labkit-control='{spec['id']}']")
        if control.count() == 0:
            result.note = "was redrawn before it could be used; its new copy is used instead"
            check.controls.append(result)
            continue
        control.scroll_into_view_if_needed()
        activity = getattr(page, "labkit_kernel", None)
        idle_before = activity.idle if activity is not None else 0
        result.note = _use_control(page, control, spec["kind"])
        if not result.note:
            new_html, errors = _settled_state(page, root, html, idle_before)
            result.changed = new_html != html
            shown = [e for e in errors if looks_like_error(e)]
            if shown:
                lines = [ln for ln in shown[0].strip().splitlines() if ln.strip()]
                result.error = lines[-1].strip() if lines else "an error"
            html = new_html
        check.controls.append(result)
    else:
        check.problems.append(f"it still had controls to use after {max_uses} uses")
    if not check.controls:
        check.problems.append("it has no controls to use")
    return check


def displayed_widgets(notebook: Path, names: list[str]) -> set[str]:
    """Which of the widget functions ``names`` the notebook calls in a cell that displays a widget."""
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    found: set[str] = set()
    for cell in nb["cells"]:
        if cell["cell_type"] != "code":
            continue
        shows_widget = any(
            "application/vnd.jupyter.widget-view+json" in out.get("data", {})
            for out in cell.get("outputs", [])
        )
        source = "".join(cell.get("source", ""))
        found |= {n for n in names if shows_widget and re.search(rf"\b{re.escape(n)}\(", source)}
    return found


def unmarked_widgets(page: Page, notebook: Path, names: list[str]) -> list[str]:
    """Widgets the notebook displays that carry no ``labkit-widget-<name>`` class on the page."""
    problems = []
    for name in sorted(displayed_widgets(notebook, names)):
        css = f"{WIDGET_CLASS}-{name.replace('_', '-')}"
        if page.locator(f".{css}").count() == 0:
            problems.append(
                f"it displays {name}, but nothing on the page has the class {css}, so the widget "
                "cannot be tested (mark it with labkit._widgets.mark_widget; see docs/browser-testing.md)"
            )
    return problems


def check_widgets(page: Page) -> list[WidgetCheck]:
    """Use every labkit widget on the page; one finding per widget."""
    roots = widget_roots(page)
    return [check_widget(page, roots.nth(i)) for i in range(roots.count())]


# -- accessibility -------------------------------------------------------------------------

# WCAG 2.0, 2.1 and 2.2 at levels A and AA, which UK public sector bodies must meet.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
BLOCKING_IMPACTS = {"serious", "critical"}


@dataclass
class AxeFinding:
    """One axe-core rule that failed, with where."""

    rule: str
    impact: str
    help: str
    targets: list[str]

    def describe(self) -> str:
        where = ", ".join(self.targets[:3]) + (" ..." if len(self.targets) > 3 else "")
        return f"{self.impact}: {self.rule} ({self.help}) at {where}"


def run_axe(page: Page, axe_script: Path, context: str | None = None) -> list[AxeFinding]:
    """Run axe-core (injected from the pinned npm package) on the page; return its violations."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=axe_script.read_text(encoding="utf-8"))
    results = page.evaluate(
        """async ([context, tags]) => {
            const r = await axe.run(context || document, {runOnly: {type: 'tag', values: tags},
                                                          resultTypes: ['violations']});
            return r.violations.map(v => ({rule: v.id, impact: v.impact || 'unknown', help: v.help,
                                           targets: v.nodes.map(n => n.target.join(' '))}));
        }""",
        [context, AXE_TAGS],
    )
    return [AxeFinding(**r) for r in results]


def blocking(findings: list[AxeFinding]) -> list[str]:
    """Serious and critical violations, and any text-contrast failure, in words."""
    return [f.describe() for f in findings if f.impact in BLOCKING_IMPACTS or f.rule == "color-contrast"]


def chart_problems(page: Page, scope: str = "body") -> list[str]:
    """Charts (images) without a text alternative shown beside them.

    A chart passes when it has a non-empty ``alt`` and sits in a ``<figure>``
    whose ``<figcaption>`` says in words what it shows, as labkit's ``Figure``
    renders it. Icons under 48 pixels are not charts.
    """
    return page.evaluate(
        """(scope) => {
            const problems = [];
            for (const root of document.querySelectorAll(scope)) {
                for (const img of root.querySelectorAll('img, svg[role="img"], canvas')) {
                    const box = img.getBoundingClientRect();
                    if (box.width < 48 && box.height < 48) continue;
                    const name = (img.getAttribute('alt') || img.getAttribute('aria-label') || '').trim();
                    const caption = img.closest('figure')?.querySelector('figcaption');
                    const words = caption ? caption.textContent.trim().split(/\\s+/).length : 0;
                    const label = (img.getAttribute('src') || img.tagName).slice(0, 40);
                    if (!name) problems.push(`a chart (${label}) has no text alternative (alt)`);
                    if (words < 5) problems.push(`a chart (${label}) has no caption in words beside it`);
                }
            }
            return problems;
        }""",
        scope,
    )


def outcome_problems(page: Page) -> list[str]:
    """Exercise-check feedback that relies on colour: every outcome must start with a word label."""
    return page.evaluate(
        """() => Array.from(document.querySelectorAll('.labkit-outcome')).map(o => {
            const label = (o.querySelector('strong') || o).textContent.trim();
            return /[A-Za-z]{3,}/.test(label) ? null :
                `exercise feedback has no word label: ${o.textContent.trim().slice(0, 80)}`;
        }).filter(x => x)"""
    )
