"""The course as a git repository in the workshop folder, and nbgitpuller links to its lessons.

``labkit hub publish`` copies the course's lessons and exercises (``curriculum/`` and ``exercises/``) into
``WORKSHOP/course.git``, a bare git repository, as a new commit. A learner who opens a lesson link gets
the course in ``~/labkit-course`` through nbgitpuller, which clones it the first time and merges later
changes in without overwriting the learner's work (nbgitpuller's rules, proved in
``tests/test_hub/test_course.py``):

- a file the learner changed keeps the learner's change (where both changed the same lines, the
  learner's lines win);
- a file the learner did not change gets the trainer's update;
- a file the learner deleted comes back.

The repository is served from the folder (a ``file://`` address), so nothing leaves the machine.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import urlencode

from labkit._errors import LabkitError
from labkit.hub._workshop import Workshop

__all__ = ["COURSE_FOLDER", "lesson_link", "lesson_path", "publish_course"]

COURSE_FOLDER = "labkit-course"
"""Where the course goes in each learner's home folder."""
PUBLISHED = ("curriculum", "exercises")
BRANCH = "main"
_IDENTITY = ["-c", "user.name=labkit hub", "-c", "user.email=labkit-hub@localhost"]


def _git(*args: str, cwd: Path | None = None) -> str:
    if shutil.which("git") is None:
        raise LabkitError(
            "git is not installed, and the hub needs it to give learners the course (nbgitpuller uses git).",
            where="the programs on this machine",
            fix="Install it, for example: sudo apt-get install -y git.",
        )
    result = subprocess.run(["git", *_IDENTITY, *args], cwd=cwd, capture_output=True, text=True)
    if result.returncode != 0:
        raise LabkitError(
            f"git {args[0]} failed: {result.stderr.strip() or result.stdout.strip()}",
            where=str(cwd or "the course repository"),
            fix="Check the course folder is readable and the workshop folder has free space.",
        )
    return result.stdout


def _course_root(root: str | Path) -> Path:
    base = Path(root).resolve()
    if not (base / "curriculum").is_dir():
        raise LabkitError(
            f"{base} is not the labkit course folder: it has no curriculum/ folder.",
            where="option --course",
            fix="Give the labkit folder (the one with the README), or run the command there.",
        )
    return base


def publish_course(workshop: Workshop, course_root: str | Path, message: str | None = None) -> str | None:
    """Put the current lessons and exercises in the workshop's course repository as a new commit.

    Parameters
    ----------
    workshop : Workshop
        The workshop (see :func:`labkit.hub.open_workshop`).
    course_root : str or Path
        The labkit course folder whose ``curriculum/`` and ``exercises/`` are published.
    message : str, optional
        The commit message learners' nbgitpuller history shows; a date-stamped one by default.

    Returns
    -------
    str or None
        The new commit's id, or ``None`` if nothing had changed since the last publication.
    """
    source = _course_root(course_root)
    repo = workshop.course_repo
    if not (repo / "HEAD").exists():
        _git("init", "--quiet", "--bare", f"--initial-branch={BRANCH}", str(repo))
    with tempfile.TemporaryDirectory(prefix="labkit-publish-") as tmp:
        work = Path(tmp) / "course"
        _git("clone", "--quiet", str(repo), str(work))
        _git("checkout", "--quiet", "-B", BRANCH, cwd=work)
        for folder in PUBLISHED:
            shutil.rmtree(work / folder, ignore_errors=True)
            if (source / folder).is_dir():
                (work / folder).mkdir()
                for notebook in sorted((source / folder).glob("*.ipynb")):
                    shutil.copyfile(notebook, work / folder / notebook.name)
        _git("add", "--all", cwd=work)
        if not _git("status", "--porcelain", cwd=work).strip():
            return None
        _git("commit", "--quiet", "-m", message or "Course update from labkit hub publish", cwd=work)
        _git("push", "--quiet", "origin", f"{BRANCH}:{BRANCH}", cwd=work)
        commit = _git("rev-parse", "HEAD", cwd=work).strip()
    _readable(repo)
    return commit


def _readable(repo: Path) -> None:
    """Let every learner read the repository (nbgitpuller clones it as the learner)."""
    for folder, _dirs, files in os.walk(repo):
        os.chmod(folder, 0o755)
        for name in files:
            os.chmod(os.path.join(folder, name), 0o644)


def lesson_path(workshop: Workshop, lesson: str) -> str:
    """The lesson notebook's path inside the course (``curriculum/00_start_here.ipynb``) for ``"00"``."""
    names = _git("ls-tree", "--name-only", BRANCH, "curriculum/", cwd=workshop.course_repo).split()
    key = str(lesson).strip()
    matches = [n for n in names if n.endswith(".ipynb") and Path(n).name.split("_")[0] == key.zfill(2)]
    if not matches:
        available = ", ".join(Path(n).name[:2] for n in names if n.endswith(".ipynb"))
        raise LabkitError(
            f"The published course has no lesson {key!r}.",
            where="the lesson number",
            fix=f"Use one of {available}; run labkit hub publish first if you have just added a lesson.",
        )
    return matches[0]


def lesson_link(workshop: Workshop, lesson: str, *, base_url: str | None = None) -> str:
    """The nbgitpuller link that gives a learner the current course and opens ``lesson`` in JupyterLab.

    Examples
    --------
    The link has this shape (the repository's address is the workshop's ``course.git``)::

        http://127.0.0.1:8000/hub/user-redirect/git-pull?repo=file%3A%2F%2F%2F...%2Fcourse.git
            &branch=main&targetPath=labkit-course&urlpath=lab%2Ftree%2Flabkit-course%2Fcurriculum%2F00_...
    """
    path = lesson_path(workshop, lesson)
    query = urlencode(
        {
            "repo": workshop.course_repo.as_uri(),
            "branch": BRANCH,
            "targetPath": COURSE_FOLDER,
            "urlpath": f"lab/tree/{COURSE_FOLDER}/{path}",
        }
    )
    return f"{(base_url or workshop.url).rstrip('/')}/hub/user-redirect/git-pull?{query}"
