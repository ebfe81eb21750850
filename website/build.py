"""Build the course and API website: ``python -m website.build`` (what ``make site`` runs).

1. Gather the pages into ``_build/site-src``: every notebook in ``curriculum/``
   and ``exercises/`` (learners' editions) prepared by :mod:`website.notebooks`,
   every page of ``docs/``, the generated pages of :mod:`website.pages`.
   A file is written only when its text changed, so Sphinx rebuilds only the
   pages that changed.
2. Run Sphinx (``website/conf.py``) with warnings as errors into ``_build/site``.

Nothing is executed and nothing is fetched: the notebooks show their stored
outputs, and the pages load nothing from outside the site.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from website import pages
from website.notebooks import prepare_notebook

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "_build" / "site-src"
OUTPUT = ROOT / "_build" / "site"
DOCTREES = ROOT / "_build" / "site-doctrees"
NOTEBOOK_FOLDERS = {
    "curriculum": (
        "Lessons",
        "Every lesson of the course, as it looks after it was run. Code cells are for the capable developer "
        "track; everyone can follow the text, the outputs and the interactive tools.",
    ),
    "exercises": (
        "Exercises",
        "The practice questions of each lesson (the learners' edition: no solutions). Each answer box checks "
        "your answer when you run it in JupyterLab.",
    ),
}


def _write(path: Path, text: str, written: set[Path]) -> None:
    """Write ``text`` to ``path`` only if it differs, so Sphinx sees unchanged pages as unchanged."""
    path.parent.mkdir(parents=True, exist_ok=True)
    written.add(path)
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def gather(root: Path = ROOT, source: Path = SOURCE) -> list[Path]:
    """Write every page of the site into ``source``; return the files written. Stale files are removed."""
    written: set[Path] = set()
    _write(source / "index.md", pages.landing_page(), written)
    for folder, (title, intro) in NOTEBOOK_FOLDERS.items():
        _write(source / folder / "index.md", pages.notebook_index(title, intro, "[0-9]*"), written)
        for path in sorted((root / folder).glob("*.ipynb")):
            nb = json.loads(path.read_text(encoding="utf-8"))
            ready = prepare_notebook(nb, f"{folder}/{path.name}")
            _write(
                source / folder / path.name, json.dumps(ready, indent=1, ensure_ascii=False) + "\n", written
            )
    docs = sorted((root / "docs").glob("*.md"))
    for path in docs:
        _write(source / "docs" / path.name, path.read_text(encoding="utf-8"), written)
    _write(source / "docs" / "index.md", pages.docs_index([p.stem for p in docs]), written)
    trainers = pages.trainer_pages(root)
    for name, text in trainers.items():
        _write(source / "trainers" / name, text, written)
    _write(source / "trainers" / "index.md", pages.trainers_index(list(trainers)), written)
    packages = pages.public_packages()
    _write(source / "api" / "core.rst", pages.CORE_PAGE, written)
    for package in packages:
        _write(source / "api" / f"{package}.rst", pages.api_page(package), written)
    _write(source / "api" / "index.md", pages.api_index(packages), written)
    for stale in [p for p in source.rglob("*") if p.is_file() and p not in written]:
        stale.unlink()
    return sorted(written)


def build(root: Path = ROOT, output: Path = OUTPUT, quiet: bool = True, work: Path | None = None) -> int:
    """Gather the pages and run Sphinx with warnings as errors; return Sphinx's exit code.

    ``work`` holds the gathered pages and Sphinx's cache (``_build`` by default).
    """
    from sphinx.cmd.build import build_main

    work = work or root / "_build"
    source = work / "site-src"
    written = gather(root, source)
    doctrees = work / "site-doctrees"
    args = ["-b", "html", "-W", "--keep-going", "-c", str(root / "website")]
    args += ["-d", str(doctrees), str(source), str(output)]
    # Sphinx does not notice a change to the website's own code (conf.py's event handlers, the page
    # makers): then every page is read afresh.
    pickled = doctrees / "environment.pickle"
    code = max(p.stat().st_mtime for p in (root / "website").rglob("*.py"))
    if not pickled.exists() or pickled.stat().st_mtime < code:
        args.insert(0, "-E")
    if quiet:
        args.insert(0, "-q")
    code = build_main(args)
    if code == 0:
        remove_stale_pages(output, [p.relative_to(source) for p in written])
    return code


def remove_stale_pages(output: Path, sources: list[Path]) -> list[Path]:
    """Delete pages Sphinx left from sources that no longer exist (a renamed lesson); return them."""
    pages = {s.with_suffix(".html").as_posix() for s in sources} | {"genindex.html", "search.html"}
    stale = [
        p
        for p in output.rglob("*.html")
        if "_static" not in p.relative_to(output).parts and p.relative_to(output).as_posix() not in pages
    ]
    for path in stale:
        path.unlink()
    return stale


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m website.build", description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUTPUT, help="where the site goes (default _build/site)")
    parser.add_argument("--verbose", action="store_true", help="show Sphinx's progress")
    args = parser.parse_args(argv)
    started = time.monotonic()
    code = build(ROOT, args.out, quiet=not args.verbose)
    took = time.monotonic() - started
    if code == 0:
        print(f"The website is in {args.out} ({took:.0f} s). Open {args.out / 'index.html'} in a browser.")
    else:
        print(f"The website did not build: see the warnings above ({took:.0f} s).", file=sys.stderr)
    return code


if __name__ == "__main__":
    sys.exit(main())
