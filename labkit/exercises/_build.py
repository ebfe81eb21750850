"""One master notebook, two editions: the learner's and the trainer's.

Authors write one master notebook per exercise set in ``materials/exercises/``
with solution markers (the markers of otter-grader):

- a line ending in ``# SOLUTION`` that assigns a variable, such as
  ``missing_uprn = repairs["uprn"].isna().sum()  # SOLUTION``, becomes
  ``missing_uprn = ____`` in the learner edition;
- a line ending in ``# SOLUTION`` that fills in a question's answer box, such
  as ``q5.widget(answer="B")  # SOLUTION``, becomes ``q5.widget()``, an empty
  box, in the learner edition;
- lines between ``# BEGIN SOLUTION`` and ``# END SOLUTION`` become one line
  ``# Your code here``;
- a cell tagged ``trainer-only`` (trainer notes, timings, common mistakes)
  appears only in the trainer edition; ``learner-only`` only in the learner's.

``labkit exercises build`` writes the learner edition to ``exercises/NN_practice_slug.ipynb`` and
the trainer edition (solutions, notes and a banner) to ``trainer/NN_trainer_slug.ipynb``, executes both
in a clean kernel, and is deterministic: building twice gives identical bytes.

It never clobbers a learner's work: every edition records a fingerprint of its
cells, and the build refuses to overwrite an edition whose cells were changed
since it was built (unless ``force=True``).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from labkit._errors import LabkitError
from labkit._text import listing

__all__ = [
    "BuildResult",
    "build_editions",
    "copy_for_learner",
    "edition_name",
    "find_master",
    "fingerprint",
    "make_editions",
    "project_root",
    "seed_of_copy",
]

MASTER_DIR = Path("materials") / "exercises"
LEARNER_DIR = Path("exercises")
TRAINER_DIR = Path("trainer")
KERNELSPEC = {"name": "labkit", "display_name": "labkit (Python 3)", "language": "python"}
_ASSIGN_SOLUTION = re.compile(
    r"^(?P<indent>\s*)(?P<target>[A-Za-z_][\w.]*(\[[^\]]*\])?)\s*=(?!=).*#\s*SOLUTION\s*$"
)
_WIDGET_SOLUTION = re.compile(
    r"^(?P<indent>\s*)(?P<call>q\d+(\.[A-Za-z_]\w*)?\.widget)\(.*\)\s*#\s*SOLUTION\s*$"
)
_SOLUTION_TAIL = re.compile(r"\s*#\s*SOLUTION\s*$")
# The word after the set's number in each edition's file name, so a lesson and its editions never look alike.
EDITION_WORDS = {"learner": "practice", "trainer": "trainer"}


def edition_name(master: str | Path, edition: str) -> str:
    """The file name of an edition built from a master notebook.

    A lesson (``curriculum/04_build_and_evaluate_a_model.ipynb``) and its master share a name; the
    editions put a word after the number, so JupyterLab's tabs tell them apart.

    Parameters
    ----------
    master : str or Path
        The master notebook's path or file name (``NN_slug.ipynb``).
    edition : {"learner", "trainer"}
        Which edition.

    Examples
    --------
    >>> edition_name("materials/exercises/04_build_and_evaluate_a_model.ipynb", "learner")
    '04_practice_build_and_evaluate_a_model.ipynb'
    >>> edition_name("04_build_and_evaluate_a_model.ipynb", "trainer")
    '04_trainer_build_and_evaluate_a_model.ipynb'
    """
    if edition not in EDITION_WORDS:
        raise LabkitError(
            f"There is no {edition!r} edition.",
            where="parameter edition",
            fix=f"Use one of: {listing(sorted(EDITION_WORDS))}.",
        )
    name = Path(master).name
    number, _, slug = name.partition("_")
    return f"{number}_{EDITION_WORDS[edition]}_{slug}"


def project_root(root: str | Path | None = None) -> Path:
    """The labkit project folder: ``root`` if given, else the nearest folder up from here that has one.

    A labkit project folder holds ``materials/exercises`` or ``curriculum``.
    """
    if root is not None:
        path = Path(root).expanduser().resolve()
        if not path.is_dir():
            raise LabkitError(
                f"The folder {str(path)!r} does not exist.",
                where="parameter root",
                fix="Pass the labkit folder.",
            )
        return path
    starts = [Path.cwd().resolve(), Path(__file__).resolve().parents[2]]
    for start in starts:
        for folder in (start, *start.parents):
            if (folder / MASTER_DIR).is_dir() or (folder / "curriculum").is_dir():
                return folder
    raise LabkitError(
        "labkit cannot find the course folder (one with curriculum/ and materials/exercises/).",
        where="current folder",
        fix="Run the command inside the labkit folder, or pass --root PATH.",
    )


def fingerprint(nb: Any) -> str:
    """A SHA-256 of a notebook's cells (type and source only; outputs do not count)."""
    cells = [
        [c["cell_type"], "".join(c["source"]) if isinstance(c["source"], list) else c["source"]]
        for c in nb["cells"]
    ]
    return hashlib.sha256(json.dumps(cells, ensure_ascii=False).encode("utf-8")).hexdigest()


def _source(cell: Any) -> str:
    src = cell["source"]
    return "".join(src) if isinstance(src, list) else src


def _learner_code(source: str, where: str) -> str:
    out: list[str] = []
    in_block = False
    for number, line in enumerate(source.splitlines(), start=1):
        stripped = line.strip()
        if stripped == "# BEGIN SOLUTION":
            if in_block:
                raise _marker_error("a second # BEGIN SOLUTION before # END SOLUTION", where, number)
            in_block = True
            out.append(line[: len(line) - len(line.lstrip())] + "# Your code here")
            continue
        if stripped == "# END SOLUTION":
            if not in_block:
                raise _marker_error("# END SOLUTION without # BEGIN SOLUTION", where, number)
            in_block = False
            continue
        if in_block:
            continue
        match = _ASSIGN_SOLUTION.match(line)
        if match:
            out.append(f"{match['indent']}{match['target']} = ____")
            continue
        match = _WIDGET_SOLUTION.match(line)
        if match:
            out.append(f"{match['indent']}{match['call']}()")
            continue
        if _SOLUTION_TAIL.search(line):
            raise _marker_error(
                "a line marked # SOLUTION that is neither an assignment (name = value) nor a filled-in "
                "answer box (q1.widget(answer=...))",
                where,
                number,
            )
        out.append(line)
    if in_block:
        raise _marker_error("# BEGIN SOLUTION without # END SOLUTION", where, len(source.splitlines()))
    return "\n".join(out)


def _trainer_code(source: str) -> str:
    out = []
    for line in source.splitlines():
        if line.strip() in {"# BEGIN SOLUTION", "# END SOLUTION"}:
            continue
        out.append(_SOLUTION_TAIL.sub("", line))
    return "\n".join(out)


def _marker_error(problem: str, where: str, line: int) -> LabkitError:
    return LabkitError(
        f"The master notebook has {problem}.",
        where=f"{where}, line {line}",
        fix="Mark a one-line answer with '# SOLUTION' at the end of the line, or wrap several lines in "
        "'# BEGIN SOLUTION' and '# END SOLUTION' lines. Fill in an answer box with "
        "'q1.widget(answer=...)  # SOLUTION'.",
    )


def _check_master(nb: Any, where: str) -> dict[str, Any]:
    meta = dict(nb.get("metadata", {}).get("labkit", {}))
    if meta.get("kind") != "exercises" or not re.fullmatch(r"\d\d", str(meta.get("id", ""))):
        raise LabkitError(
            "The master notebook needs metadata labkit.kind = 'exercises' and a two-digit labkit.id.",
            where=where,
            fix="Add the lesson metadata described in docs/exercises.md.",
        )
    bind = f"ex{meta['id']}.bind(globals()"
    if not any(bind in _source(c) for c in nb["cells"] if c["cell_type"] == "code"):
        raise LabkitError(
            f"The master notebook never binds its questions with {bind}).",
            where=where,
            fix=f"Start the notebook with: from labkit.exercises import ex{meta['id']}; then {bind}).",
        )
    ids = [c.get("id") for c in nb["cells"]]
    if None in ids or len(set(ids)) != len(ids):
        raise LabkitError(
            "Every cell of a master notebook needs its own id, so editions build the same way every time.",
            where=where,
            fix="Save the notebook in nbformat 4.5 or later (JupyterLab does this), and do not copy cells "
            "by editing the JSON.",
        )
    return meta


def make_editions(master: Any, source: str) -> tuple[Any, Any]:
    """Make the learner and trainer editions of a master notebook (not executed).

    Parameters
    ----------
    master : nbformat.NotebookNode
        The master notebook, with solution markers.
    source : str
        Its path relative to the project folder, recorded in the editions.
    """
    import nbformat

    meta = _check_master(master, source)
    editions = []
    for edition in ("learner", "trainer"):
        nb = nbformat.v4.new_notebook()
        cells = []
        for index, cell in enumerate(master["cells"]):
            tags = set(cell.get("metadata", {}).get("tags", []))
            if ("trainer-only" in tags and edition == "learner") or (
                "learner-only" in tags and edition == "trainer"
            ):
                continue
            text = _source(cell)
            kept_tags = sorted(tags - {"trainer-only", "learner-only"})
            cell_meta = {"tags": kept_tags} if kept_tags else {}
            if cell["cell_type"] == "code":
                where = f"{source}, cell {index + 1}"
                text = _learner_code(text, where) if edition == "learner" else _trainer_code(text)
                new = nbformat.v4.new_code_cell(text, metadata=cell_meta)
            elif cell["cell_type"] == "markdown":
                new = nbformat.v4.new_markdown_cell(text, metadata=cell_meta)
            else:
                new = nbformat.v4.new_raw_cell(text, metadata=cell_meta)
            new["id"] = cell["id"]
            cells.append(new)
        if edition == "trainer":
            learner_path = (LEARNER_DIR / edition_name(source, "learner")).as_posix()
            banner = nbformat.v4.new_markdown_cell(
                "**Trainer edition.** This copy shows every solution and the trainer notes. Give learners "
                f"`{learner_path}`, not this file. It is built from `{source}` by `labkit exercises build`: "
                "edit the master, then rebuild."
            )
            banner["id"] = "labkit-trainer-edition"
            cells.insert(1 if cells else 0, banner)
        nb["cells"] = cells
        nb["metadata"] = {"kernelspec": dict(KERNELSPEC), "language_info": {"name": "python"}}
        labkit_meta = dict(meta)
        labkit_meta["edition"] = edition
        labkit_meta["master"] = source
        labkit_meta["fingerprint"] = fingerprint(nb)
        nb["metadata"]["labkit"] = labkit_meta
        editions.append(nb)
    return editions[0], editions[1]


def find_master(exercise: str, root: str | Path | None = None) -> Path:
    """The master notebook of exercise set ``exercise`` (``materials/exercises/NN_*.ipynb``)."""
    from labkit.exercises._set import _normalise_id

    folder = project_root(root) / MASTER_DIR
    wanted = _normalise_id(exercise)
    found = sorted(folder.glob(f"{wanted}_*.ipynb"))
    if len(found) != 1:
        available = sorted(p.name for p in folder.glob("*.ipynb"))
        raise LabkitError(
            f"There should be exactly one master notebook for exercise set {wanted}; found {len(found)}.",
            where=f"folder {MASTER_DIR.as_posix()}",
            fix=f"Master notebooks there: {listing(available) or 'none'}. Name it {wanted}_<slug>.ipynb.",
        )
    return found[0]


def _execute(nb: Any, folder: Path, where: str) -> None:
    from nbclient import NotebookClient

    # Editions are built for the default learner (seed 0, Northbrook), whatever this shell has set.
    names = ("IPYKERNEL_CELL_NAME", "LABKIT_PROGRESS_FILE", "PYTHONHASHSEED", "LABKIT_SEED", "LABKIT_COUNCIL")
    saved = {k: os.environ.get(k) for k in names}
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["IPYKERNEL_CELL_NAME"] = "<IPY-INPUT>"
        os.environ["LABKIT_PROGRESS_FILE"] = str(Path(tmp) / "progress.jsonl")
        os.environ["PYTHONHASHSEED"] = "0"
        os.environ.pop("LABKIT_SEED", None)
        os.environ.pop("LABKIT_COUNCIL", None)
        try:
            NotebookClient(
                nb,
                timeout=600,
                kernel_name="python3",
                record_timing=False,
                resources={"metadata": {"path": str(folder)}},
            ).execute()
        except Exception as exc:
            lines = [ln for ln in str(exc).splitlines() if ln.strip()]
            detail = lines[-1] if lines else type(exc).__name__
            raise LabkitError(
                f"Running the edition in a clean kernel failed: {detail}",
                where=where,
                fix="Open the master in JupyterLab and run all cells to find the problem, or build with "
                "--no-execute to write the edition without running it.",
            ) from exc
        finally:
            for key, value in saved.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value
    nb["metadata"]["kernelspec"] = dict(KERNELSPEC)
    _stable_widget_ids(nb)


_WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
_WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
_MODEL_REF = re.compile(r"IPY_MODEL_([0-9a-f]{32})")


def _stable_widget_ids(nb: Any) -> None:
    """Give the widgets saved in an executed edition ids that are the same at every build.

    Jupyter names each widget with a random id; an edition stores the answer boxes' state under those
    ids. They are renamed in the order the notebook's outputs reach them, so building twice gives
    identical files.
    """
    state = nb.get("metadata", {}).get("widgets", {}).get(_WIDGET_STATE, {}).get("state")
    if not state:
        return
    order: list[str] = []

    def visit(model: str) -> None:
        if model in state and model not in order:
            order.append(model)
            for ref in _MODEL_REF.findall(json.dumps(state[model], sort_keys=True)):
                visit(ref)

    for cell in nb["cells"]:
        for output in cell.get("outputs", []):
            view = output.get("data", {}).get(_WIDGET_VIEW)
            if view:
                visit(view.get("model_id", ""))
    masked = {m: _MODEL_REF.sub("IPY_MODEL_", json.dumps(state[m], sort_keys=True)) for m in state}
    order += sorted((m for m in state if m not in order), key=lambda m: masked[m])
    new_ids = {old: f"{number:032x}" for number, old in enumerate(order, start=1)}
    text = re.sub(
        r"(?<![0-9a-f])[0-9a-f]{32}(?![0-9a-f])",
        lambda m: new_ids.get(m.group(0), m.group(0)),
        json.dumps(nb),
    )
    renamed = json.loads(text)
    renamed["metadata"]["widgets"][_WIDGET_STATE]["state"] = dict(
        sorted(renamed["metadata"]["widgets"][_WIDGET_STATE]["state"].items())
    )
    nb.clear()
    nb.update(_as_node(renamed))


def _as_node(data: Any) -> Any:
    import nbformat

    return nbformat.from_dict(data)


def _edited_since_build(path: Path) -> bool:
    import nbformat

    try:
        existing = nbformat.read(path, as_version=4)
    except Exception:
        return True
    stored = existing.get("metadata", {}).get("labkit", {}).get("fingerprint")
    return stored != fingerprint(existing)


@dataclass
class BuildResult:
    """What a build wrote."""

    written: list[Path] = field(default_factory=list)

    def __str__(self) -> str:
        return "\n".join(f"wrote {p.as_posix()}" for p in self.written) or "Nothing to build."


def build_editions(
    exercises: list[str] | None = None,
    *,
    root: str | Path | None = None,
    execute: bool = True,
    force: bool = False,
) -> BuildResult:
    """Build the learner and trainer editions of exercise sets from their masters.

    Parameters
    ----------
    exercises : list of str, optional
        Exercise set ids to build; by default every master in ``materials/exercises``.
    root : str or Path, optional
        The labkit project folder; found automatically by default.
    execute : bool, default True
        Run each edition in a clean kernel so it is stored with its outputs.
    force : bool, default False
        Overwrite editions even if someone changed their cells since the last build.

    Raises
    ------
    LabkitError
        For an unknown set, broken solution markers, or an edition changed since it was built.
    """
    import nbformat

    base = project_root(root)
    if exercises:
        masters = [find_master(e, base) for e in exercises]
    else:
        masters = sorted((base / MASTER_DIR).glob("[0-9][0-9]_*.ipynb"))
    plans = []
    for master_path in masters:
        master = nbformat.read(master_path, as_version=4)
        source = master_path.relative_to(base).as_posix()
        learner, trainer = make_editions(master, source)
        for folder, edition, nb in ((LEARNER_DIR, "learner", learner), (TRAINER_DIR, "trainer", trainer)):
            plans.append((base / folder / edition_name(master_path, edition), nb))
    edited = [p for p, _ in plans if p.exists() and _edited_since_build(p)]
    if edited and not force:
        names = listing([p.relative_to(base).as_posix() for p in edited])
        raise LabkitError(
            f"These editions were changed since they were built, and building would overwrite that: {names}.",
            where="labkit exercises build",
            fix="Learners: keep your work in a copy (labkit exercises copy NN). Authors: move your changes "
            "into the master notebook, then build again with --force.",
        )
    if execute:  # run everything first, so a failure leaves every file as it was
        for path, nb in plans:
            path.parent.mkdir(parents=True, exist_ok=True)
            _execute(nb, path.parent, path.relative_to(base).as_posix())
    result = BuildResult()
    for path, nb in plans:
        path.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, path)
        result.written.append(path.relative_to(base))
    return result


def copy_for_learner(
    exercise: str, to: str | Path, *, root: str | Path | None = None, seed: int | None = None
) -> tuple[Path, bool]:
    """Copy the learner edition of a set into your own folder, with your own data; never overwrites your work.

    The copy binds its questions with your seed (``ex02.bind(globals(), seed=...)``) and records it in
    its metadata, so your data stays the same and a trainer can reproduce it.

    Parameters
    ----------
    exercise : str
        The exercise set id, for example ``"02"``.
    to : str or Path
        Your folder; created if missing.
    root : str or Path, optional
        The labkit folder; found automatically by default.
    seed : int, optional
        A seed from your trainer; it also becomes your own seed from now on. By default, your own
        seed (see :func:`labkit.exercises.learner_seed`), chosen at random the first time.

    Returns
    -------
    tuple of (Path, bool)
        The path of your copy, and whether it was created now (False if you
        already had one, which is left exactly as it was: see :func:`seed_of_copy`).
    """
    import nbformat

    from labkit.exercises._set import _resolve_seed, learner_seed

    base = project_root(root)
    master = find_master(exercise, base)
    name = edition_name(master, "learner")
    source = base / LEARNER_DIR / name
    if not source.is_file():
        raise LabkitError(
            f"The learner edition {LEARNER_DIR.as_posix()}/{name} is missing.",
            where=f"folder {LEARNER_DIR.as_posix()}",
            fix="Run labkit exercises build, or restore the file with git.",
        )
    if seed is not None:
        seed = _resolve_seed(seed)[0]
    target_dir = Path(to).expanduser()
    blocked = next((p for p in (target_dir, *target_dir.parents) if p.exists() and not p.is_dir()), None)
    if blocked is not None:
        raise LabkitError(
            f"{str(blocked)!r} is a file, so labkit cannot put your copy in it.",
            where="option --to",
            fix="Give the name of a folder (new or existing), for example --to my-work.",
        )
    target = target_dir / name
    if target.exists():
        return target, False
    seed = learner_seed(save=seed) if seed is not None else learner_seed()
    nb = nbformat.read(source, as_version=4)
    set_id = name[:2]
    call = f"ex{set_id}.bind(globals())"
    for cell in nb.cells:
        if cell.cell_type == "code" and call in cell.source:
            cell.source = cell.source.replace(call, f"ex{set_id}.bind(globals(), seed={seed})")
    nb.metadata.setdefault("labkit", {})["seed"] = seed
    target_dir.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, target)
    return target, True


def seed_of_copy(path: str | Path) -> int | None:
    """The seed a learner's copy binds its questions with, or None if it names none.

    Examples
    --------
    >>> seed_of_copy("no-such-copy.ipynb") is None
    True
    """
    import nbformat

    try:
        nb = nbformat.read(Path(path), as_version=4)
    except Exception:
        return None
    seed = nb.get("metadata", {}).get("labkit", {}).get("seed")
    if isinstance(seed, int) and not isinstance(seed, bool):
        return seed
    for cell in nb.get("cells", []):
        match = re.search(r"\.bind\(globals\(\), seed=(\d+)\)", cell.get("source", ""))
        if cell.get("cell_type") == "code" and match:
            return int(match.group(1))
    return None
