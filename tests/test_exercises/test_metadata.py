"""Every curriculum and exercise notebook carries complete lesson metadata (``metadata.labkit``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from labkit.exercises._course import course_notebooks, lesson_metadata, lesson_problems

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = course_notebooks(ROOT) + sorted((ROOT / "trainer").glob("*.ipynb"))
NOTEBOOKS += sorted((ROOT / "materials" / "exercises").glob("*.ipynb"))


def test_there_are_notebooks_to_check() -> None:
    assert any(p.parent.name == "exercises" for p in NOTEBOOKS)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_lesson_metadata_is_complete(path: Path) -> None:
    meta = lesson_metadata(path)
    problems = lesson_problems(meta)
    assert not problems, f"{path.relative_to(ROOT)}: metadata.labkit is incomplete: " + "; ".join(problems)
    expected_kind = "lesson" if path.parent.name == "curriculum" else "exercises"
    assert meta["kind"] == expected_kind, f"{path.relative_to(ROOT)}: kind should be {expected_kind!r}"
    assert path.name.startswith(meta["id"] + "_"), (
        f"{path.relative_to(ROOT)}: the file name should start with {meta['id']}_"
    )
    assert all(p <= meta["id"] for p in meta["prerequisites"]), (
        "prerequisites must come earlier in the course"
    )
