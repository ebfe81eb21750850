"""The pages the website generates: the landing page, section indexes, trainers' pages and the API.

Every page is computed from the project itself, so nothing here is copied by
hand and goes out of date: the course map and its timings come from
:func:`labkit.exercises._course.course_outline` (the notebooks' metadata), the
API pages from the public subpackages of ``labkit`` (any new one gets a page).
"""

from __future__ import annotations

import importlib
import importlib.util
import pkgutil
from collections.abc import Callable
from pathlib import Path

from labkit.exercises._course import TRACKS, course_outline, minutes

INTERNAL_PACKAGES: frozenset[str] = frozenset()
"""Public subpackages left out of the API reference (none so far)."""


def public_packages() -> list[str]:
    """The public subpackages of ``labkit`` (no leading underscore), each of which gets an API page.

    Examples
    --------
    >>> "quality" in public_packages()
    True
    """
    import labkit

    return sorted(
        m.name
        for m in pkgutil.iter_modules(labkit.__path__)
        if m.ispkg and not m.name.startswith("_") and m.name not in INTERNAL_PACKAGES
    )


def _first_line(package: str) -> str:
    doc = importlib.import_module(f"labkit.{package}").__doc__ or ""
    line = doc.strip().splitlines()[0] if doc.strip() else ""
    return line.rstrip(".")


def api_page(package: str) -> str:
    """The reStructuredText of one subpackage's API page: its docstring and its public names."""
    title = f"labkit.{package}"
    return f"{title}\n{'=' * len(title)}\n\n.. automodule:: labkit.{package}\n   :members:\n"


CORE_PAGE = """labkit: errors and reports
==========================

What every part of labkit shares: the one exception family for bad input, and the report every analysis
helper returns (its ``summary``, ``to_frame()``, ``to_markdown()``, ``to_dict()`` and ``save()``).

.. autoexception:: labkit.LabkitError

.. automodule:: labkit._report
   :members: Report, Section, Table, Figure
"""
"""The API page of what the subpackages share (``labkit.LabkitError`` and the report pattern)."""


def api_index(packages: list[str]) -> str:
    core = "| [labkit: errors and reports](core.rst) | LabkitError, and the report every helper returns |"
    rows = "\n".join([core] + [f"| [labkit.{p}]({p}.rst) | {_first_line(p)} |" for p in packages])
    toc = "\n".join(["core.rst"] + [f"{p}.rst" for p in packages])
    return f"""# API reference

Every public function and class of labkit, with its parameters and an example, one page per subpackage.
These pages are made from the docstrings in the code, so they always match the installed version.
The guide pages explain how the pieces fit together ([architecture](../docs/architecture.md)).

| package | what it does |
| --- | --- |
{rows}

```{{toctree}}
:hidden:

{toc}
```
"""


def _link(row, folder_prefix: str = "") -> str:
    return f"[{row['title']}]({folder_prefix}{row['notebook']})"


def course_map() -> str:
    """The course map as a Markdown table: each lesson, its exercises and its time in each track."""
    frame = course_outline().to_frame()
    lines = [
        "| lesson | exercises | " + " | ".join(f"{name.lower()} track" for name in TRACKS.values()) + " |",
        "| --- | --- | " + " | ".join("---" for _ in TRACKS) + " |",
    ]
    for lesson_id in sorted(frame["id"].unique()):
        rows = frame[frame["id"] == lesson_id]
        lesson = rows[rows["kind"] == "lesson"].drop_duplicates("notebook")
        sets = rows[rows["kind"] == "exercises"].drop_duplicates("notebook")
        title = _link(lesson.iloc[0]) if len(lesson) else "(exercises only)"
        practice = ", ".join(_link(r) for _, r in sets.iterrows()) or "none"
        times = []
        for track in TRACKS:
            part = rows[rows["track"] == track]
            times.append(minutes(int(part["total_minutes"].sum())) if len(part) else "not in this track")
        lines.append(f"| {lesson_id}: {title} | {practice} | " + " | ".join(times) + " |")
    totals = []
    for track in TRACKS:
        part = frame[frame["track"] == track]
        totals.append(f"**{minutes(int(part['total_minutes'].sum()))}**")
    lines.append("| **whole course** | | " + " | ".join(totals) + " |")
    return "\n".join(lines)


def landing_page() -> str:
    """The site's index: who the course is for, the two tracks, the course map and how to run it."""
    outline = course_outline()
    return f"""# labkit: AI in UK local government

labkit is a hands-on course and a sandbox for staff of UK councils who want to become **intelligent
consumers** and **capable developers** of AI. All its data are synthetic, about a fictional council,
Northbrook Borough Council, and nothing you do in it is sent anywhere.

This website lets you read every lesson and exercise as it looks after it was run, without installing
anything. To try the code and the interactive tools, run the course on your own computer (below).

## Who it is for

- **Officers**: managers, commissioners, procurement and policy officers who decide about AI, and analysts
  who build it.
- **Trainers** who run the course for a team or a cohort: see [for trainers](trainers/index.md) for the
  schedule, timings and key points.
- **Teams** who reuse labkit's helpers on their own data: see the [guide](docs/index.md) and the
  [API reference](api/index.md).

## Two tracks

Two tracks run through the same notebooks. Each lesson says at the top who it is for.

- **Intelligent consumer** (managers, commissioners, procurement and policy officers): no code needed. Read
  the text and the outputs, and use the interactive tools.
- **Capable developer** (analysts): also runs and changes the code.

## Course map

{outline.summary}

{course_map()}

Timings include each lesson's exercises. They come from each notebook's own metadata, as
`labkit course outline` prints them.

## How to run it

You need Python 3.11 or newer and `make` (Linux, macOS, or Windows with WSL). In a terminal, in the
course folder:

```
make lab
```

The first time, this installs labkit and the exact versions of what it needs into a private environment
(a few minutes). Then it makes your own copy of every lesson and exercise in `my-work/` and opens
JupyterLab at lesson 00. Conda users: `conda env create -f environment.yml`, `conda activate labkit`,
then `labkit lab`. The README in the course folder says more.

```{{toctree}}
:hidden:
:maxdepth: 1

curriculum/index
exercises/index
trainers/index
docs/index
api/index
```
"""


def notebook_index(title: str, intro: str, pattern: str) -> str:
    """A section page whose table of contents is every notebook matching ``pattern`` (a glob)."""
    return f"""# {title}

{intro}

```{{toctree}}
:glob:
:maxdepth: 1

{pattern}
```
"""


def docs_index(names: list[str]) -> str:
    toc = "\n".join(names)
    return f"""# Guide

How labkit is built, how each helper works on your own data, and how to extend it. For analysts who
reuse labkit or contribute to it, and for anyone who wants to check how a number was computed.

```{{toctree}}
:maxdepth: 1

{toc}
```
"""


def course_outline_page() -> str:
    """The trainers' schedule: ``labkit course outline --markdown``."""
    text = course_outline().to_markdown()
    return text + "\n\nMade with `labkit course outline --markdown`, from the notebooks' metadata.\n"


def facilitator_guides(root: Path) -> dict[str, str]:
    """The facilitator guide of every lesson (``labkit course guide NN``), once that generator exists."""
    if importlib.util.find_spec("labkit.exercises._guide") is None:
        return {}
    guide = importlib.import_module("labkit.exercises._guide")
    return {
        f"guide-{lesson}.md": guide.facilitator_guide(lesson, root).to_markdown()
        for lesson in guide.guide_lessons(root)
    }


def _outline_pages(root: Path) -> dict[str, str]:
    return {"course-outline.md": course_outline_page()}


def _facilitator_folder(root: Path) -> dict[str, str]:
    folder = root / "facilitator"
    return (
        {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.md"))}
        if folder.is_dir()
        else {}
    )


TRAINER_PAGES: list[Callable[[Path], dict[str, str]]] = [
    _outline_pages,
    facilitator_guides,
    _facilitator_folder,
]
"""The steps that make the trainers' pages: each takes the project folder, returns file name -> Markdown."""


def trainer_pages(root: Path) -> dict[str, str]:
    """Every trainers' page: the course outline, each lesson's guide, any Markdown in ``facilitator/``."""
    pages: dict[str, str] = {}
    for step in TRAINER_PAGES:
        pages.update(step(root))
    return pages


def trainers_index(names: list[str]) -> str:
    toc = "\n".join(n.removesuffix(".md") for n in names)
    return f"""# For trainers

What you need to run the course for a team or a cohort: the schedule of each track with its timings, the
key points of each lesson and each lesson's facilitator guide. The learners' editions of the exercises are
in [exercises](../exercises/index.md); the trainers' editions, with the solutions, are in the course
folder's `trainer/` and are not published here.

```{{toctree}}
:maxdepth: 1

{toc}
```
"""
