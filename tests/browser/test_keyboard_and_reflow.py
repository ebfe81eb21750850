"""Every kind of labkit widget, used with the keyboard only in JupyterLab, and measured for cut-off text.

The fixture notebook ``fixtures/every-widget.ipynb`` shows each labkit widget
on small synthetic data. JupyterLab's notebook shortcuts listen to every key
pressed in a notebook: ArrowDown moves to the next cell and "b" inserts one,
unless the key comes from an element marked ``data-lm-suppress-shortcuts``,
which :func:`labkit._widgets.keyboard_guard` does for keys pressed in labkit
widgets. The keyboard test focuses each control in turn and uses it with keys
alone (arrows, Space, Enter, letters), then checks that the key reached the
widget (its value or result changed, and focus stayed inside it) and that the
notebook's cells did not change: same number of cells, same active cell.

The reflow tests take a screenshot of every widget at 1280 CSS pixels wide and
at 320 (a 1280-pixel screen at 400% zoom, WCAG 2.2 success criterion 1.4.10),
and measure every element inside the widgets: none may cut text off (content
wider than its box, with the overflow hidden), and no widget may be wider than
the page, except inside a box made to scroll sideways (a wide table).
"""

from __future__ import annotations

import pytest
from browser_harness import cell_problems, open_in_lab, run_all
from browser_lab import FIXTURES, ROOT
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page

pytestmark = pytest.mark.browser

NOTEBOOK = FIXTURES / "every-widget.ipynb"
WIDGETS = [
    "quality-explorer",
    "threshold-explorer",
    "fairness-explorer",
    "measure-wizard",
    "project-sorter",
    "question",  # an exercise question's answer box (q4: a choice; q10: a text box)
    "project-health",
    "register-explorer",
]

# Each kind of control, how to find it, and the keys that use it. Every key list ends with keys that are
# notebook shortcuts in command mode (ArrowUp and ArrowDown: select the cell above or below; "b": insert a
# cell below; "m": make the cell Markdown), chosen so that no key undoes the one before.
CONTROLS = {
    "slider": (".widget-slider .noUi-handle", ["ArrowUp", "ArrowRight", "b"]),
    "dropdown": (".widget-dropdown select", ["ArrowDown", "b"]),
    "radio buttons": (".widget-radio-box input[type=radio]", ["ArrowDown", "b", "m"]),
    "checkbox": (".widget-checkbox input[type=checkbox]", ["Space", "ArrowDown", "b"]),
    "number box": (".widget-text input[type=number]", ["ArrowUp", "Enter", "b"]),
    "text box": (".widget-text input[type=text], .widget-textarea textarea", ["b", "m", "ArrowDown"]),
    "button": ("button.widget-button", ["Enter", "ArrowDown", "b"]),
}

_STATE = """() => {
  const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
  const cells = Array.from(panel.querySelectorAll('.jp-Notebook .jp-Cell'));
  const active = cells.findIndex(c => c.classList.contains('jp-mod-active'));
  const focus = document.activeElement;
  const inWidget = !!(focus && focus.closest('.labkit-widget'));
  const values = Array.from(document.querySelectorAll('.labkit-widget')).map(root => [
    Array.from(root.querySelectorAll('select, input')).map(
      e => e.type === 'checkbox' || e.type === 'radio' ? String(e.checked) : e.value).join('|'),
    Array.from(root.querySelectorAll('.widget-readout')).map(r => r.textContent).join('|'),
    Array.from(root.querySelectorAll('.labkit-output')).map(o => o.innerHTML).join('|'),
  ].join('#'));
  return {cells: cells.length, active, inWidget, values};
}"""


@pytest.fixture(scope="module")
def every_widget(lab, lab_page) -> Page:
    """The fixture notebook, open in JupyterLab after Run All, with no errors."""
    page = lab_page
    try:
        open_in_lab(page, lab, NOTEBOOK.relative_to(ROOT).as_posix())
        run_all(page)
    except PlaywrightError:
        page.labkit_lab_loaded = False
        raise
    problems = cell_problems(page, NOTEBOOK)
    assert not problems, "the fixture notebook failed:\n- " + "\n- ".join(problems)
    shown = [w for w in WIDGETS if page.locator(f".labkit-widget-{w}").count()]
    assert shown == WIDGETS
    return page


def _use(page: Page, control, keys: list[str]) -> tuple[dict, dict]:
    control.scroll_into_view_if_needed()
    control.focus()
    page.wait_for_timeout(100)
    before = page.evaluate(_STATE)
    for key in keys:
        page.keyboard.press(key)
        page.wait_for_timeout(150)
    page.wait_for_timeout(600)  # the kernel answers a changed value within this on an idle machine
    return before, page.evaluate(_STATE)


def test_every_kind_of_control_works_with_the_keyboard_and_notebook_shortcuts_stay_out(every_widget) -> None:
    page = every_widget
    problems: list[str] = []
    used = set()
    for widget in WIDGETS:
        roots = page.locator(f".labkit-widget-{widget}")
        for kind, (selector, keys) in CONTROLS.items():
            # The first widget of this name that has this kind of control.
            having = [roots.nth(i) for i in range(roots.count()) if roots.nth(i).locator(selector).count()]
            if not having:
                continue
            root = having[0]
            # The first control of this kind (of a radio group: its checked choice, if there is one).
            checked = root.locator(f"{selector}:checked")
            control = (
                checked.first if kind == "radio buttons" and checked.count() else root.locator(selector).first
            )
            if kind == "slider" and control.get_attribute("aria-valuenow") == control.get_attribute(
                "aria-valuemax"
            ):
                keys = ["ArrowDown", "ArrowLeft", *keys[2:]]
            if kind == "dropdown" and control.evaluate("s => s.selectedIndex === s.options.length - 1"):
                keys = ["ArrowUp", *keys[1:]]  # the last choice is chosen: go up one
            before, after = _use(page, control, keys)
            used.add(kind)
            what = f"{widget}, {kind} (keys {', '.join(keys)})"
            if after["cells"] != before["cells"]:
                problems.append(f"{what}: the notebook went from {before['cells']} to {after['cells']} cells")
            if after["active"] != before["active"]:
                problems.append(f"{what}: the active cell moved from {before['active']} to {after['active']}")
            if not after["inWidget"]:
                problems.append(f"{what}: the keys took focus out of the widget")
            if after["values"] == before["values"]:
                problems.append(f"{what}: the keys did not change the widget (its value or its result)")
    assert used == set(CONTROLS), f"kinds of control not found: {set(CONTROLS) - used}"
    assert not problems, "keyboard use in JupyterLab:\n- " + "\n- ".join(problems)


# Text cut off: an element whose content is wider than its box while its overflow is hidden (an ellipsis,
# or a clipped label), and any widget wider than the page. Boxes made to scroll sideways are allowed.
_CLIPPED = """(root) => {
  const found = [];
  const describe = e => {
    const cls = typeof e.className === 'string' ? e.className.split(' ').filter(c => c).slice(0, 2) : [];
    const text = (e.textContent || e.value || '').replace(/\\s+/g, ' ').trim().slice(0, 50);
    return `${e.tagName.toLowerCase()}${cls.map(c => '.' + c).join('')} "${text}"`;
  };
  const page = root.closest('.jp-OutputArea-output, .jp-Cell, body');
  const limit = page.getBoundingClientRect().right + 1;
  if (root.getBoundingClientRect().right > limit || root.scrollWidth > root.clientWidth + 1) {
    found.push(`the widget is ${root.scrollWidth} px wide in a space of ${Math.round(root.clientWidth)} px`);
  }
  // Inside a box that scrolls sideways (and fits the page), wide content is reachable, not cut off.
  const scrolls = e => ['auto', 'scroll'].includes(getComputedStyle(e).overflowX);
  const inScroller = e => {
    for (let a = e.parentElement; a && a !== root; a = a.parentElement) {
      if (scrolls(a) && a.getBoundingClientRect().right <= limit) return true;
    }
    return false;
  };
  for (const e of root.querySelectorAll('*')) {
    if (e.closest('.labkit-keyboard-guard') || inScroller(e)) continue;
    const style = getComputedStyle(e);
    if (style.display === 'none' || style.visibility === 'hidden' || !e.getClientRects().length) continue;
    const hidden = ['hidden', 'clip'].includes(style.overflowX) || style.textOverflow === 'ellipsis';
    if (hidden && e.scrollWidth > e.clientWidth + 1 && (e.textContent || '').trim()) {
      found.push(`${describe(e)} shows ${e.clientWidth} of ${e.scrollWidth} px`);
    } else if (e.tagName === 'SELECT' && e.selectedIndex >= 0) {
      // A drop-down shows its chosen option in its own box: measure the option's text.
      const canvas = document.createElement('canvas').getContext('2d');
      canvas.font = style.font;
      const need = canvas.measureText(e.options[e.selectedIndex].text).width + 24;
      if (need > e.clientWidth + 1) found.push(`${describe(e)} shows ${e.clientWidth} of ${Math.ceil(need)}`);
    } else if (e.getBoundingClientRect().right > limit && (e.textContent || '').trim() &&
               !(e.parentElement.getBoundingClientRect().right > limit)) {
      found.push(`${describe(e)} runs off the page`);
    }
  }
  return found;
}"""


def test_no_widget_cuts_text_off_at_1280_or_320_pixels(every_widget, artifacts) -> None:
    """At 1280 CSS pixels, and at 320 (400% zoom of a 1280-pixel screen, WCAG reflow), on the same page."""
    page = every_widget
    problems: list[str] = []
    left_bar_hidden = False
    try:
        for width, label in ((1280, "1280px"), (320, "400pc-zoom")):
            page.set_viewport_size({"width": width, "height": 900})
            if width < 760 and page.locator("#jp-left-stack:not(.lm-mod-hidden)").count():
                page.evaluate("() => document.activeElement && document.activeElement.blur()")
                page.keyboard.press("Control+b")  # View > Show Left Sidebar, off: the notebook gets the width
                page.wait_for_selector("#jp-left-stack.lm-mod-hidden", state="attached")
                left_bar_hidden = True
            page.wait_for_timeout(500)  # JupyterLab lays itself out again
            page.screenshot(path=str(artifacts / f"every-widget-{label}.png"))
            for widget in WIDGETS:
                roots = page.locator(f".labkit-widget-{widget}")
                for i in range(roots.count()):
                    root = roots.nth(i)
                    root.scroll_into_view_if_needed()
                    page.wait_for_timeout(300)
                    number = f"-{i + 1}" if i else ""
                    root.screenshot(path=str(artifacts / f"widget-{widget}{number}-{label}.png"))
                    problems += [f"{widget}, {width} px: {p}" for p in root.evaluate(_CLIPPED)]
    finally:
        page.set_viewport_size({"width": 1280, "height": 900})
        if left_bar_hidden:
            page.keyboard.press("Control+b")
    assert not problems, "text cut off:\n- " + "\n- ".join(problems)
