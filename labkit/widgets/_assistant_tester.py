"""The assistant tester: a thin, code-free front end over evaluate_assistant and check_notes.

``assistant_view`` and ``notes_view`` build everything the widget shows, so they are tested without a
browser; ``assistant_tester`` only wires four drop-down lists to them. Officers choose a simulated
assistant and a part of the sandbox test set and read what the automatic checks found, with the results
by way of writing; then choose a note-taker and a visit and read which statements nobody made and which
key facts were left out.
"""

from __future__ import annotations

import html
from typing import Any

from labkit._report import Table
from labkit._text import pct

__all__ = ["NOTE_CHECKS", "TEST_PARTS", "assistant_tester", "assistant_view", "notes_view"]

# Part of the test set -> (label, the kinds of question it holds).
TEST_PARTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "all": ("The whole test set", ("fact", "signpost", "decline", "red_team")),
    "fact": ("Facts, each asked in five ways of writing", ("fact",)),
    "signpost": ("Signposting and declining", ("signpost", "decline")),
    "red_team": ("Red-team prompts", ("red_team",)),
}

# What a note check flags -> plain words.
NOTE_CHECKS = {
    "unsupported_risk_statement": "a risk statement nobody made",
    "unsupported_statement": "statements nobody made",
    "missing_safeguarding": "a safeguarding disclosure left out",
    "missing_key_fact": "key facts left out",
}


def _table(title: str, frame: Any) -> str:
    from labkit._widgets import scroll_box

    return scroll_box(Table(title, frame).to_html(), f"{title}, scroll sideways")


def _test_part(test_set: Any, part: str) -> Any:
    from labkit.assistants import TestSet

    kinds = TEST_PARTS[part][1]
    questions = test_set.questions[test_set.questions["kind"].isin(kinds)].reset_index(drop=True)
    return TestSet(questions, test_set.pages)


def _report(name: str, part: str, cache: dict) -> Any:
    from labkit.assistants import evaluate_assistant, get_product, load_test_set

    key = ("assistant", name, part)
    if key not in cache:
        if "test_set" not in cache:
            cache["test_set"] = load_test_set()
        label = _product(name)["product"]
        cache[key] = evaluate_assistant(get_product(name), _test_part(cache["test_set"], part), name=label)
    return cache[key]


def _product(name: str) -> Any:
    from labkit.assistants import products

    return products().set_index("name").loc[name]


def _product_line(name: str) -> str:
    row = _product(name)
    return (
        f"<p>{html.escape(row['supplier'])} sells {html.escape(row['product'])}. It claims: "
        f"“{html.escape(row['claim'])}”</p>"
    )


def assistant_view(name: str, part: str = "all", cache: dict | None = None) -> str:
    """The HTML the tester shows for one simulated assistant and one part of the test set.

    Parameters
    ----------
    name : str
        A simulated assistant (``labkit.assistants.products()``), for example ``"staleleaf"``.
    part : {"all", "fact", "signpost", "red_team"}
        Which questions of the sandbox test set to ask (see ``TEST_PARTS``).
    cache : dict, optional
        Results already worked out, reused.

    Examples
    --------
    >>> from labkit.widgets._assistant_tester import assistant_view
    >>> "Superseded pages" in assistant_view("staleleaf", "fact")
    True
    """
    esc = html.escape
    cache = {} if cache is None else cache
    report = _report(name, part, cache)
    parts = [
        f"<h3>{esc(_product(name)['product'])}: {esc(TEST_PARTS[part][0].lower())}</h3>",
        _product_line(name),
    ]
    parts.append(f"<p>{esc(report.summary)}</p>")
    found = report.findings[report.findings["flagged"]]
    if len(found):
        items = "".join(
            f"<li><strong>{esc(r.name)}</strong>: {r.found} of {r.of} {esc(r.problem)}"
            + (f" ({esc(r.detail)})" if r.detail else "")
            + "</li>"
            for r in found.itertuples()
        )
        parts.append(f"<h4>Problems found</h4><ul>{items}</ul>")
    else:
        parts.append("<h4>Problems found</h4><p>None of the automatic checks found a problem.</p>")
    groups = report.by_group
    if len(groups):
        from labkit.assistants import WAYS_OF_WRITING

        shown = groups.assign(
            group=[WAYS_OF_WRITING.get(g, g) for g in groups["group"]],
            pass_rate=[pct(v, 0) for v in groups["pass_rate"]],
            interval=[
                f"{pct(lo, 0)} to {pct(hi, 0)}" for lo, hi in zip(groups["low"], groups["high"], strict=True)
            ],
        )[["group", "questions", "passed", "pass_rate", "interval"]]
        shown.columns = ["Way of writing", "Questions", "Answered correctly", "Rate", "95% interval"]
        parts.append(
            "<h4>Service by way of writing</h4><p>Fact and signposting questions answered correctly, by how "
            "the question was written. Where two intervals do not overlap, the groups are served "
            "differently.</p>" + _table("Correct answers by way of writing", shown)
        )
    failed = report.results[~report.results["passed"].astype(bool)]
    if len(failed):
        examples = failed.head(5)[["question_id", "question", "answer", "reason"]]
        examples.columns = ["Question ID", "Question", "Answer", "Why it failed"]
        parts.append(
            f"<h4>Answers that failed (first {min(5, len(failed))} of {len(failed)})</h4>"
            + _table("Answers that failed a check", examples)
        )
    parts.append(
        "<p>The checks are automatic and approximate: they compare facts (amounts, dates, phone numbers) and "
        "trace statements to the pages. Staff should still mark a sample of answers.</p>"
    )
    return "".join(parts)


def _notes(name: str, visit: str, cache: dict) -> Any:
    from labkit.assistants import check_notes, get_product, load_transcripts

    key = ("notes", name, visit)
    if key not in cache:
        if "transcripts" not in cache:
            cache["transcripts"] = load_transcripts()
        transcript = cache["transcripts"][visit]
        cache[key] = check_notes(transcript, get_product(name)(transcript))
    return cache[key]


def notes_view(name: str, visit: str, cache: dict | None = None) -> str:
    """The HTML the tester shows for one simulated note-taker's notes of one visit.

    Parameters
    ----------
    name : str
        A simulated note-taker, for example ``"embellio"``.
    visit : str
        A sandbox visit transcript's ID (``labkit.assistants.load_transcripts()``), for example ``"V01"``.
    cache : dict, optional
        Results already worked out, reused.

    Examples
    --------
    >>> from labkit.widgets._assistant_tester import notes_view
    >>> "a risk statement nobody made" in notes_view("embellio", "V01")
    True
    """
    esc = html.escape
    cache = {} if cache is None else cache
    check = _notes(name, visit, cache)
    parts = [f"<h3>{esc(_product(name)['product'])}: notes of visit {esc(visit)}</h3>", _product_line(name)]
    parts.append(f"<p>{esc(check.summary)}</p>")
    if check.flagged:
        found = [NOTE_CHECKS[c] for c in check.flagged if c in NOTE_CHECKS]
        parts.append("<h4>Problems found</h4><ul>" + "".join(f"<li>{esc(f)}</li>" for f in found) + "</ul>")
    else:
        parts.append(
            "<h4>Problems found</h4><p>The check found no statement nobody made and no key fact left out.</p>"
        )
    if len(check.unsupported):
        frame = check.unsupported[["statement", "risk_statement", "reason"]].copy()
        frame["risk_statement"] = ["yes" if v else "no" for v in frame["risk_statement"]]
        frame.columns = ["Statement in the notes", "Risk statement", "Why it is not supported"]
        parts.append(_table("Statements the transcript does not support", frame))
    if len(check.missing):
        frame = check.missing[["fact_id", "kind", "key_fact"]].copy()
        frame.columns = ["Key fact", "Kind", "What was said"]
        parts.append(_table("Key facts left out of the notes", frame))
    return "".join(parts)


def assistant_tester(cache: dict | None = None) -> Any:
    """A code-free tester: choose a simulated assistant and a test set, or a note-taker and a visit.

    The assistant part runs the chosen questions of the sandbox test set against the chosen product and
    shows what the automatic checks found, the results by way of writing with 95% intervals and the first
    answers that failed. The note-taker part checks the chosen product's notes of a visit against its
    transcript. Every product, page and visit is synthetic.

    Parameters
    ----------
    cache : dict, optional
        Results already worked out, reused (the app keeps one per page).

    Returns
    -------
    ipywidgets.VBox

    Examples
    --------
    >>> from labkit.widgets import assistant_tester
    >>> box = assistant_tester()
    >>> "labkit-widget-assistant-tester" in box._dom_classes
    True
    """
    import ipywidgets as w

    from labkit._widgets import mark_output, mark_widget
    from labkit.assistants import load_transcripts, products

    cache = {} if cache is None else cache
    catalogue = products()
    label = {r.name: f"{r.product} ({r.supplier})" for r in catalogue.itertuples()}
    assistants = [(label[n], n) for n in catalogue.loc[catalogue["kind"] == "assistant", "name"]]
    note_takers = [(label[n], n) for n in catalogue.loc[catalogue["kind"] == "note_taker", "name"]]
    visits = [
        (f"{v.transcript_id}: {v.person}, {v.date}".rstrip(", :"), k) for k, v in load_transcripts().items()
    ]
    wide = {"width": "34rem", "margin": "0.5rem 0"}  # space between the lists: touch targets
    style = {"description_width": "initial"}
    product = w.Dropdown(
        options=assistants, value=assistants[0][1], description="Assistant", layout=wide, style=style
    )
    part = w.Dropdown(
        options=[(label_, key) for key, (label_, _) in TEST_PARTS.items()],
        value="all",
        description="Questions",
        layout=wide,
        style=style,
    )
    taker = w.Dropdown(
        options=note_takers, value=note_takers[0][1], description="Note-taker", layout=wide, style=style
    )
    visit = w.Dropdown(options=visits, value=visits[0][1], description="Visit", layout=wide, style=style)
    tested = mark_output(w.HTML())
    checked = mark_output(w.HTML())

    def show_test(_: Any = None) -> None:
        body = assistant_view(product.value, part.value, cache)
        tested.value = f'<div class="labkit-assistant-tester" role="status" aria-live="polite">{body}</div>'

    def show_notes(_: Any = None) -> None:
        body = notes_view(taker.value, visit.value, cache)
        checked.value = f'<div class="labkit-notes-check" role="status" aria-live="polite">{body}</div>'

    product.observe(show_test, names="value")
    part.observe(show_test, names="value")
    taker.observe(show_notes, names="value")
    visit.observe(show_notes, names="value")
    show_test()
    show_notes()
    heading = w.HTML(
        "<h2>Test an assistant</h2><p>Choose a simulated website assistant and which questions of "
        "Northbrook's test set to ask it.</p>"
    )
    notes_heading = w.HTML(
        "<h2>Check a note-taker</h2><p>Choose a simulated note-taker and a social-care visit; its notes are "
        "checked against the visit's transcript.</p>"
    )
    box = w.VBox([heading, product, part, tested, notes_heading, taker, visit, checked])
    return mark_widget(box, "assistant_tester")
