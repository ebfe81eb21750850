"""The trainer's view of a workshop: the shared progress of the learners who chose to share.

:func:`cohort_progress` reads only the workshop's cohort folder (see
``_cohort``): one ``<user name>.json`` per learner who ticked the switch. It
never reads anything from learners' own folders. A file that is not a plain,
readable, well-formed progress file is listed under "Files not read" and
left out; it never stops the report.
"""

from __future__ import annotations

import html
import json
import os
import re
import stat
from pathlib import Path
from typing import Any

from labkit._errors import LabkitError
from labkit._report import Figure, Report, Section, Table
from labkit._text import listing, plural
from labkit.exercises._cohort import COHORT_VAR, FORMAT, NAME_PATTERN, cohort_folder
from labkit.exercises._context import is_reference
from labkit.exercises._outcome import CORRECT, NOT_ATTEMPTED, NOT_YET
from labkit.exercises._question import Question

__all__ = ["CohortReport", "cohort_progress"]

PREFIX_VAR = "LABKIT_COHORT_ACCOUNT_PREFIX"
"""Set by ``labkit hub``: the prefix of learners' system accounts (hub user ``alice`` is ``labkit-alice``)."""
MAX_BYTES = 1_000_000
"""A shared file larger than this is not read (a real one is a few kilobytes)."""
_STATUSES = {CORRECT, NOT_YET, NOT_ATTEMPTED, "not checked"}
_COUNTS = ("checks", "hints", "solutions")
QUESTION_COLUMNS = [
    "exercise",
    "question",
    "prompt",
    "learners",
    "checked",
    "correct",
    "not_yet",
    "used_hints",
    "saw_answer",
]
MISTAKE_COLUMNS = ["exercise", "question", "mistake", "wrong_answer", "what_it_reveals", "learners"]


class CohortReport(Report):
    """The shared progress of a workshop: per question, and the common mistakes with what they reveal.

    Attributes
    ----------
    folder : pathlib.Path
        The cohort folder read.
    learners : list of str
        The user names of the learners sharing (their file was read), sorted.
    problems : list of str
        One sentence per file in the folder that was not read, saying why.
    """

    kind = "CohortReport"

    def __init__(
        self,
        title: str,
        summary: str,
        sections: list[Section],
        frame: Any,
        *,
        folder: Path,
        learners: list[str],
        problems: list[str],
        mistakes: Any,
    ) -> None:
        super().__init__(title, summary, sections, frame)
        self.folder = folder
        self.learners = learners
        self.problems = problems
        self._mistakes = mistakes

    @property
    def mistakes(self) -> Any:
        """The known mistakes learners made, most common first (a DataFrame copy)."""
        return self._mistakes.copy()

    def _extra_dict(self) -> dict[str, Any]:
        return {"folder": self.folder.as_posix(), "learners": self.learners, "problems": self.problems}


def _folder(folder: str | Path | None) -> Path:
    base = Path(folder).expanduser() if folder not in (None, "") else cohort_folder()
    if base is None:
        raise LabkitError(
            "No cohort folder was given, and the environment variable LABKIT_COHORT_DIR is not set.",
            where="parameter folder",
            fix="Type the workshop's cohort folder (labkit hub prints it), or start this from the "
            f"workshop hub, which sets {COHORT_VAR}.",
        )
    if not base.is_dir():
        raise LabkitError(
            f"There is no folder {base.as_posix()!r}.",
            where="parameter folder",
            fix="Check the path of the workshop's cohort folder (labkit hub prints it).",
        )
    return base


def _problem(name: str, why: str) -> str:
    return f"{name}: {why}"


def _owner_mismatch(name: str, info: os.stat_result) -> bool:
    """True when the file is not owned by the learner whose name it carries.

    In a workshop hub, ``LABKIT_COHORT_ACCOUNT_PREFIX`` says how hub user names map to system accounts
    (``alice`` is ``labkit-alice``): the owner must be that account. Elsewhere, when a system user called
    ``name`` exists, someone else (not root) must not own the file.
    """
    try:
        import pwd
    except ImportError:  # not on Unix: there are no owners to compare
        return False
    prefix = os.environ.get(PREFIX_VAR, "").strip()
    if prefix:
        try:
            return pwd.getpwuid(info.st_uid).pw_name != prefix + name
        except KeyError:
            return True
    try:
        expected = pwd.getpwnam(name).pw_uid
    except KeyError:
        return False
    return info.st_uid not in (expected, 0)


def _valid_question(entry: Any) -> str:
    """What is wrong with one question entry of a shared file (empty if nothing)."""
    if not isinstance(entry, dict):
        return "a question entry is not an object"
    if not (isinstance(entry.get("exercise"), str) and re.fullmatch(r"\d\d", entry["exercise"])):
        return "a question entry has no two-digit 'exercise'"
    if not (isinstance(entry.get("question"), str) and re.fullmatch(r"q\d+(\.[a-z])?", entry["question"])):
        return "a question entry has no 'question' such as 'q3' or 'q3.a'"
    for count in _COUNTS:
        value = entry.get(count)
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            return f"'{count}' of {entry['exercise']} {entry['question']} is not a whole number"
    if entry.get("status") not in _STATUSES:
        return f"'status' of {entry['exercise']} {entry['question']} is not one labkit writes"
    mistakes = entry.get("mistakes")
    if not isinstance(mistakes, list) or not all(
        isinstance(m, int) and not isinstance(m, bool) and m > 0 for m in mistakes
    ):
        return f"'mistakes' of {entry['exercise']} {entry['question']} is not a list of mistake numbers"
    return ""


def _read_one(folder: Path, file_name: str) -> tuple[str, list[dict[str, Any]] | None, str]:
    """(learner, questions, problem): the questions of one shared file, or why it was not read."""
    name = file_name[: -len(".json")] if file_name.endswith(".json") else ""
    if not name:
        return "", None, _problem(file_name, "not a shared progress file (those end in .json); left out")
    if not NAME_PATTERN.fullmatch(name):
        return "", None, _problem(file_name, "its name is not a user name; left out")
    path = folder / file_name
    try:
        info = os.lstat(path)
        if stat.S_ISLNK(info.st_mode):
            return name, None, _problem(file_name, "a link, not a file; only plain files are read")
        if not stat.S_ISREG(info.st_mode):
            return name, None, _problem(file_name, "not a plain file; left out")
        if info.st_size > MAX_BYTES:
            return name, None, _problem(file_name, f"larger than {MAX_BYTES:,} bytes, so not a progress file")
        if _owner_mismatch(name, info):
            return name, None, _problem(file_name, f"it belongs to another user, not to {name}; left out")
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        with os.fdopen(fd, "rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except PermissionError:
        return (
            name,
            None,
            _problem(file_name, "it cannot be read (permission denied); is your account a trainer's?"),
        )
    except OSError as exc:
        return name, None, _problem(file_name, f"it cannot be read ({exc.strerror or type(exc).__name__})")
    try:
        document = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return name, None, _problem(file_name, "not valid JSON (perhaps cut short); left out")
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        return name, None, _problem(file_name, f"not a labkit progress file (no format {FORMAT!r}); left out")
    if document.get("learner") != name:
        return name, None, _problem(file_name, "the user name inside it is not the file's name; left out")
    questions = document.get("questions")
    if not isinstance(questions, list):
        return name, None, _problem(file_name, "it has no list of questions; left out")
    for entry in questions:
        wrong = _valid_question(entry)
        if wrong:
            return name, None, _problem(file_name, f"{wrong}; left out")
    return name, questions, ""


def _find_question(exercise: str, path: str) -> Question | None:
    from labkit.exercises._set import exercise_set

    try:
        found = exercise_set(exercise)
    except LabkitError:
        return None
    return next((leaf for leaf in found.leaves() if leaf.path == path), None)


def _label(question: Question, key: Any) -> str:
    """An option as the answer box shows it: "A. text" for a letter, the words alone when they say the key."""
    text = str(question.options.get(key, key))
    shown = str(key)
    if len(shown) <= 2 and not re.match(rf"{re.escape(shown)}\b", text, flags=re.IGNORECASE):
        return question.option_label(key)
    return text


def answer_text(question: Question, value: Any) -> str:
    """A known-wrong answer in words: its option as the answer box shows it, or the value itself."""
    if is_reference(value):
        return "a value worked out from the learner's own data"
    if isinstance(value, list | tuple | set | frozenset):
        return listing([_label(question, v) for v in value]) if value else "nothing chosen"
    try:
        return _label(question, value)
    except TypeError:
        return str(value)


def _mistake(exercise: str, path: str, number: int) -> tuple[str, str]:
    """(the wrong answer in words, what it reveals) for a known mistake of a question."""
    question = _find_question(exercise, path)
    if question is None or not 1 <= number <= len(question.wrong):
        return "(not in this version of labkit)", "(not in this version of labkit)"
    known = question.wrong[number - 1]
    reveals = known.reason or "(the question gives no reason for this mistake)"
    return answer_text(question, known.value), reveals


def _prompt(exercise: str, path: str) -> str:
    question = _find_question(exercise, path)
    return question.prompt if question is not None else "(not in this version of labkit)"


def cohort_progress(folder: str | Path | None = None) -> CohortReport:
    """Summarise the progress shared by the learners of a workshop who chose to share it.

    Parameters
    ----------
    folder : str or Path, optional
        The workshop's cohort folder; by default the one named by ``LABKIT_COHORT_DIR``.

    Returns
    -------
    CohortReport
        Per question (``to_frame()``): how many learners sharing checked it, got it
        right, are still at "not yet", used hints or saw the answer. ``mistakes``: the
        known mistakes made, with what each reveals. ``learners``: who is sharing.
        ``problems``: files not read, and why.

    Raises
    ------
    LabkitError
        If there is no such folder, or none was given and ``LABKIT_COHORT_DIR`` is not set.

    Examples
    --------
    >>> import json, tempfile
    >>> folder = tempfile.mkdtemp()
    >>> entry = {"exercise": "00", "question": "q1", "checks": 2, "status": "correct",
    ...          "hints": 1, "solutions": 0, "mistakes": [1]}
    >>> with open(f"{folder}/alice.json", "w") as f:
    ...     json.dump({"format": "labkit-cohort/1", "learner": "alice", "questions": [entry]}, f)
    >>> report = cohort_progress(folder)
    >>> report.learners
    ['alice']
    >>> int(report.to_frame().loc[0, "correct"])
    1
    """
    import pandas as pd

    base = _folder(folder)
    try:
        names = sorted(entry.name for entry in os.scandir(base) if not entry.name.startswith("."))
    except OSError as exc:
        raise LabkitError(
            f"The folder {base.as_posix()!r} cannot be listed ({exc.strerror or type(exc).__name__}).",
            where="parameter folder",
            fix="Run the dashboard as a trainer: trainers' accounts are in the group labkit-trainers, "
            "which may read the cohort folder.",
        ) from exc
    learners: list[str] = []
    problems: list[str] = []
    rows = []
    for file_name in names:
        name, questions, problem = _read_one(base, file_name)
        if questions is None:
            problems.append(problem)
            continue
        learners.append(name)
        rows += [{**entry, "learner": name} for entry in questions]
    shared = pd.DataFrame(
        rows,
        columns=["learner", "exercise", "question", "checks", "status", "hints", "solutions", "mistakes"],
    )
    frame, mistakes = _per_question(shared), _mistakes(shared)
    summary = _summary(base, learners, problems, frame, mistakes)
    sections = _sections(base, problems, frame, mistakes)
    return CohortReport(
        "Workshop progress",
        summary,
        sections,
        frame,
        folder=base,
        learners=learners,
        problems=problems,
        mistakes=mistakes,
    )


def _per_question(shared: Any) -> Any:
    import pandas as pd

    if shared.empty:
        return pd.DataFrame(columns=QUESTION_COLUMNS)
    rows = []
    for (exercise, question), part in shared.groupby(["exercise", "question"], sort=True):
        rows.append(
            {
                "exercise": exercise,
                "question": question,
                "prompt": _prompt(exercise, question),
                "learners": int(part["learner"].nunique()),
                "checked": int((part["checks"] > 0).sum()),
                "correct": int((part["status"] == CORRECT).sum()),
                "not_yet": int((part["status"] == NOT_YET).sum()),
                "used_hints": int((part["hints"] > 0).sum()),
                "saw_answer": int((part["solutions"] > 0).sum()),
            }
        )
    return pd.DataFrame(rows, columns=QUESTION_COLUMNS)


def _mistakes(shared: Any) -> Any:
    import pandas as pd

    counts: dict[tuple[str, str, int], int] = {}
    for row in shared.itertuples(index=False):
        for number in row.mistakes:
            key = (row.exercise, row.question, number)
            counts[key] = counts.get(key, 0) + 1
    rows = []
    for (exercise, question, number), learners in counts.items():
        answer, reveals = _mistake(exercise, question, number)
        rows.append(
            {
                "exercise": exercise,
                "question": question,
                "mistake": number,
                "wrong_answer": answer,
                "what_it_reveals": reveals,
                "learners": learners,
            }
        )
    frame = pd.DataFrame(rows, columns=MISTAKE_COLUMNS)
    if frame.empty:
        return frame
    return frame.sort_values(
        ["learners", "exercise", "question", "mistake"], ascending=[False, True, True, True]
    ).reset_index(drop=True)


def _summary(base: Path, learners: list[str], problems: list[str], frame: Any, mistakes: Any) -> str:
    if not learners:
        sentences = [
            f"No learner is sharing their progress yet (folder {base.as_posix()}). Learners share by ticking "
            "'Share my exercise progress with my trainer' under the first cell of an exercise notebook."
        ]
    else:
        sentences = [
            f"{plural(len(learners), 'learner')} {'is' if len(learners) == 1 else 'are'} sharing: "
            f"{listing(learners)}."
        ]
        checked = frame[frame["checked"] > 0]
        if not checked.empty:
            share = checked["correct"] / checked["checked"]
            hardest = checked.assign(share=share).sort_values(["share", "exercise", "question"]).iloc[0]
            sentences.append(
                f"The question the fewest got right is {hardest['exercise']} {hardest['question']}: "
                f"{int(hardest['correct'])} of the {int(hardest['checked'])} who checked it."
            )
        if not mistakes.empty:
            top = mistakes.iloc[0]
            sentences.append(
                f"The most common mistake is in {top['exercise']} {top['question']}, made by "
                f"{plural(int(top['learners']), 'learner')}: {top['what_it_reveals']}"
            )
    if problems:
        sentences.append(
            f"{plural(len(problems), 'file')} in the folder could not be used; see 'Files not read'."
        )
    return " ".join(sentences)


def _sections(base: Path, problems: list[str], frame: Any, mistakes: Any) -> list[Section]:
    sections: list[Section] = []
    if not frame.empty:
        table = frame.rename(
            columns={
                "exercise": "set",
                "not_yet": "not yet",
                "used_hints": "used hints",
                "saw_answer": "saw the answer",
            }
        )
        sections.append(
            Section(
                "Progress per question",
                "For each question, how many of the learners sharing checked it, have it right, are still "
                "at 'not yet', used hints or looked at the answer.",
                tables=[Table("Progress per question of the learners sharing", table)],
                figures=[_progress_figure(frame)],
            )
        )
    if not mistakes.empty:
        sections.append(
            Section(
                "Common mistakes and what they reveal",
                "Each known mistake a wrong answer matched, with how many learners made it, most common "
                "first. Wrong answers that match no known mistake are not listed.",
                tables=[
                    Table(
                        "Known mistakes made by the learners sharing",
                        mistakes.rename(
                            columns={
                                "exercise": "set",
                                "wrong_answer": "wrong answer",
                                "what_it_reveals": "what it reveals",
                            }
                        ),
                    )
                ],
            )
        )
    if problems:
        sections.append(Section("Files not read", "\n".join(f"- {p}" for p in problems)))
    sections.append(
        Section(
            "Where this comes from",
            f"Read from the cohort folder {base.as_posix()} only; nothing is read from learners' own "
            "folders. Only learners who ticked the switch are shown; the others are not counted anywhere.",
        )
    )
    return sections


def _progress_figure(frame: Any) -> Figure:
    """A bar per question: learners sharing who have it right, are at "not yet", or have no answer yet."""
    labels = [f"{e} {q}" for e, q in zip(frame["exercise"], frame["question"], strict=True)]
    right = frame["correct"].astype(int).tolist()
    stuck = frame["not_yet"].astype(int).tolist()
    other = (frame["learners"] - frame["correct"] - frame["not_yet"]).astype(int).tolist()
    parts = [
        f"{label}: {r} right, {n} not yet" + (f", {o} no answer yet" if o else "")
        for label, r, n, o in zip(labels, right, stuck, other, strict=True)
    ]
    alt = "Learners sharing, per question. " + "; ".join(parts) + "."

    def draw() -> Any:
        import matplotlib

        matplotlib.use("Agg", force=False)
        import matplotlib.pyplot as plt
        from matplotlib.ticker import MaxNLocator

        from labkit._style import OKABE_ITO

        fig, ax = plt.subplots(figsize=(6.5, 0.6 + 0.35 * len(labels)))
        left = [0] * len(labels)
        for values, name, colour, hatch in (
            (right, "right", OKABE_ITO[2], ""),
            (stuck, "not yet", OKABE_ITO[1], "//"),
            (other, "no answer yet", "#dddddd", ".."),
        ):
            ax.barh(labels, values, left=left, label=name, color=colour, hatch=hatch, edgecolor="#505a5f")
            left = [a + b for a, b in zip(left, values, strict=True)]
        ax.invert_yaxis()
        ax.set_xlabel("Learners sharing")
        ax.set_ylabel("Exercise question")
        ax.set_title("Progress per question")
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize="small", frameon=False)
        return fig

    return Figure("Progress per question", alt, draw=draw)


def learners_html(report: CohortReport) -> str:
    """The list of learners sharing, as HTML with the class the hub's browser test looks for."""
    items = "".join(f"<li>{html.escape(name)}</li>" for name in report.learners)
    if not items:
        return '<div class="labkit-cohort-learners"><p>Nobody is sharing yet.</p></div>'
    count = plural(len(report.learners), "learner")
    return f'<div class="labkit-cohort-learners"><p>Sharing now ({count}):</p><ul>{items}</ul></div>'
