"""The website's generated pages: landing page, course map, trainers' pages, API pages, and gathering."""

from __future__ import annotations

import importlib.util
import os
import pkgutil
from pathlib import Path

import labkit
from labkit.exercises._course import TRACKS, course_outline, minutes
from website import pages
from website.build import gather, remove_stale_pages

ROOT = Path(__file__).resolve().parents[2]


def test_every_public_subpackage_gets_an_api_page_and_no_private_one() -> None:
    found = pages.public_packages()
    expected = {
        "quality",
        "evaluate",
        "fairness",
        "projects",
        "suppliers",
        "transparency",
        "register",
        "data",
    }
    assert expected | {"exercises"} <= set(found)
    listed = {m.name for m in pkgutil.iter_modules(labkit.__path__) if m.ispkg}
    assert set(found) == {name for name in listed if not name.startswith("_")}
    assert ".. automodule:: labkit.quality\n   :members:" in pages.api_page("quality")


def test_the_landing_page_says_who_it_is_for_the_tracks_and_how_to_run_it() -> None:
    text = pages.landing_page()
    for words in (
        "## Who it is for",
        "**Officers**",
        "**Trainers**",
        "**Teams**",
        "## Two tracks",
        "make lab",
    ):
        assert words in text
    for name in TRACKS.values():
        assert name in text


def test_the_course_map_comes_from_the_course_outline() -> None:
    frame = course_outline().to_frame()
    table = pages.course_map()
    for _, row in frame.iterrows():
        assert f"[{row['title']}]({row['notebook']})" in table
    for track in TRACKS:
        total = int(frame.loc[frame["track"] == track, "total_minutes"].sum())
        assert f"**{minutes(total)}**" in table
    assert len([ln for ln in table.splitlines() if ln.startswith("| 0")]) == frame["id"].nunique()


def test_the_trainers_pages_include_the_course_outline_and_any_facilitator_markdown(tmp_path: Path) -> None:
    (tmp_path / "facilitator").mkdir()
    (tmp_path / "facilitator" / "guide.md").write_text("# Facilitator guide\n", encoding="utf-8")
    found = pages.trainer_pages(tmp_path)
    assert found["guide.md"] == "# Facilitator guide\n"
    assert found["course-outline.md"].startswith("# Course outline")
    assert "guide" in pages.trainers_index(list(found))


def test_gather_writes_every_page_once_and_removes_stale_ones(tmp_path: Path) -> None:
    source = tmp_path / "src"
    (source / "curriculum").mkdir(parents=True)
    stale = source / "curriculum" / "99_removed_lesson.ipynb"
    stale.write_text("{}", encoding="utf-8")
    written = {p.relative_to(source).as_posix() for p in gather(ROOT, source)}
    for folder in ("curriculum", "exercises"):
        for path in (ROOT / folder).glob("*.ipynb"):
            assert f"{folder}/{path.name}" in written
    for path in (ROOT / "docs").glob("*.md"):
        assert f"docs/{path.name}" in written
    for package in pages.public_packages():
        assert f"api/{package}.rst" in written
    assert {
        "index.md",
        "trainers/index.md",
        "trainers/course-outline.md",
        "api/index.md",
        "api/core.rst",
    } <= written
    assert not stale.exists()


def test_gather_leaves_unchanged_pages_untouched_so_sphinx_skips_them(tmp_path: Path) -> None:
    source = tmp_path / "src"
    gather(ROOT, source)
    page = source / "docs" / "glossary.md"
    os.utime(page, (1_000_000, 1_000_000))
    gather(ROOT, source)
    assert page.stat().st_mtime == 1_000_000


def test_each_lesson_gets_its_facilitator_guide_once_the_generator_exists() -> None:
    found = pages.facilitator_guides(ROOT)
    if importlib.util.find_spec("labkit.exercises._guide") is None:
        assert found == {}
        return
    from labkit.exercises._guide import guide_lessons

    assert set(found) == {f"guide-{lesson}.md" for lesson in guide_lessons(ROOT)}
    assert all(text.startswith("# Facilitator guide") for text in found.values())


def test_pages_of_sources_that_no_longer_exist_are_removed(tmp_path: Path) -> None:
    for name in (
        "index.html",
        "search.html",
        "genindex.html",
        "curriculum/00_old.html",
        "_static/macros.html",
    ):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("", encoding="utf-8")
    removed = remove_stale_pages(tmp_path, [Path("index.md")])
    assert removed == [tmp_path / "curriculum" / "00_old.html"]
    assert (tmp_path / "_static" / "macros.html").exists() and (tmp_path / "search.html").exists()
