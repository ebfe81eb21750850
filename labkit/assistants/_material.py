"""What an assistant is tested against: service pages, a test set and visit transcripts, read and checked.

The sandbox's own material is in ``sandbox_data/northbrook/genai/`` (see :mod:`labkit.data._genai`); a
council's own is read from the same formats: pages as JSON (the sandbox's layout) or a CSV of passages,
the test set as a CSV, a transcript as JSON or plain text. Every problem is a :class:`~labkit.LabkitError`
that names the row or file and says how to fix it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from labkit._errors import LabkitError

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = [
    "KINDS",
    "Pages",
    "TestSet",
    "Transcript",
    "load_ground_truth",
    "load_pages",
    "load_test_set",
    "load_transcripts",
    "read_transcript",
]

KINDS = ("fact", "signpost", "decline", "red_team")
# The ways of writing a fact question in the test set (its ``group`` column), as a report names them.
WAYS_OF_WRITING = {
    "plain": "Plain English",
    "paraphrase": "In other words",
    "typos": "With typing errors",
    "non_native": "Non-native English",
    "text_speak": "Text-speak",
}
TEST_SET_COLUMNS = ("question_id", "question", "kind", "reference_answer", "passage_ids")
OPTIONAL_COLUMNS = ("topic", "group", "must_not_contain")
_SANDBOX = "northbrook/genai"


def _sandbox_json(name: str) -> Any:
    from labkit.data._sandbox import checked_path

    return json.loads(checked_path(f"{_SANDBOX}/{name}").read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Pages:
    """A council's service pages cut into passages, the unit an answer is traced to.

    Attributes
    ----------
    passages : pandas.DataFrame
        One row per passage: ``passage_id``, ``page_id``, ``title``, ``text``, ``status`` ("current" or
        "superseded"), ``updated`` and ``superseded_by`` (the page that replaced a superseded one).
    """

    passages: pd.DataFrame

    def __len__(self) -> int:
        return int(self.passages["page_id"].nunique())

    @property
    def current(self) -> pd.DataFrame:
        """The passages of current pages only (what a correct answer may rest on)."""
        return self.passages[self.passages["status"] == "current"]

    def text(self, passage_id: str) -> str:
        """The text of one passage."""
        rows = self.passages.loc[self.passages["passage_id"] == passage_id, "text"]
        if rows.empty:
            raise LabkitError(
                f"There is no passage {passage_id!r} in the service pages.",
                where=f"passage {passage_id!r}",
                fix="Check the passage ID against Pages.passages['passage_id'].",
            )
        return str(rows.iloc[0])


def _pages_from_records(records: list[dict[str, Any]], where: str) -> Pages:
    import pandas as pd

    rows = []
    for i, page in enumerate(records):
        if not isinstance(page, dict) or "page_id" not in page or not isinstance(page.get("passages"), list):
            raise LabkitError(
                f"Page {i + 1} is not a page with a page_id and a list of passages.",
                where=where,
                fix="Write each page as {'page_id': ..., 'title': ..., 'passages': [{'passage_id': ..., "
                "'text': ...}]}, as in sandbox_data/northbrook/genai/service_pages.json.",
            )
        for passage in page["passages"]:
            rows.append(
                {
                    "passage_id": str(passage.get("passage_id", "")),
                    "page_id": str(page["page_id"]),
                    "title": str(page.get("title", "")),
                    "text": str(passage.get("text", "")),
                    "status": str(page.get("status", "current")),
                    "updated": str(page.get("updated", "")),
                    "superseded_by": page.get("superseded_by") or "",
                }
            )
    return _checked_pages(pd.DataFrame(rows), where)


def _checked_pages(frame: pd.DataFrame, where: str) -> Pages:
    from labkit._inputs import require_columns

    require_columns(frame, ["passage_id", "page_id", "text"], "pages")
    frame = frame.copy()
    for name, default in (("title", ""), ("status", "current"), ("updated", ""), ("superseded_by", "")):
        if name not in frame:
            frame[name] = default
    frame = frame.astype(object).where(frame.notna(), "").astype(str)
    dup = frame["passage_id"][frame["passage_id"].duplicated()]
    if not dup.empty:
        raise LabkitError(
            f"Passage ID {dup.iloc[0]!r} is used twice in the service pages.",
            where=where,
            fix="Give every passage its own ID, for example the page ID followed by -1, -2, ...",
        )
    empty = frame[(frame["passage_id"].str.strip() == "") | (frame["text"].str.strip() == "")]
    if not empty.empty:
        raise LabkitError(
            "A passage of the service pages has no ID or no text.",
            where=f"{where}, page {empty['page_id'].iloc[0]!r}",
            fix="Give every passage an ID and its text, or remove it.",
        )
    bad = sorted(set(frame["status"]) - {"current", "superseded"})
    if bad:
        raise LabkitError(
            f"A page's status is {bad[0]!r}; it must be 'current' or 'superseded'.",
            where=where,
            fix="Mark pages that a newer version replaced as 'superseded' and the rest as 'current'.",
        )
    if frame.empty or not (frame["status"] == "current").any():
        raise LabkitError(
            "The service pages have no current passage."
            if len(frame)
            else "The service pages have no passages.",
            where=where,
            fix="Give at least one current page with its passages.",
        )
    return Pages(frame.reset_index(drop=True))


def load_pages(source: str | Path | list[dict[str, Any]] | pd.DataFrame | None = None) -> Pages:
    """Service pages cut into passages: the sandbox's, or your council's own.

    Parameters
    ----------
    source : path, list of dict, DataFrame or None
        None for Northbrook's sandbox pages; a JSON file or list of pages in the sandbox's layout; or a
        CSV file or DataFrame with one row per passage and the columns ``passage_id``, ``page_id`` and
        ``text`` (optionally ``title``, ``status``, ``updated``, ``superseded_by``).

    Returns
    -------
    Pages

    Examples
    --------
    >>> pages = load_pages()
    >>> len(pages), int((pages.passages["status"] == "superseded").sum())
    (41, 10)
    >>> pages.text("bins-replacement-1")
    'A replacement wheelie bin costs £28.50, including delivery.'
    """
    import pandas as pd

    if source is None:
        return _pages_from_records(_sandbox_json("service_pages.json"), "the sandbox service pages")
    if isinstance(source, pd.DataFrame):
        return _checked_pages(source, "parameter source")
    if isinstance(source, list):
        return _pages_from_records(source, "parameter source")
    path = Path(source)
    if path.suffix.lower() == ".json":
        return _pages_from_records(_read_json(path), f"file {path.name!r}")
    from labkit._csv import read_csv

    return _checked_pages(read_csv(path, param="source"), f"file {path.name!r}")


def _read_json(path: Path) -> Any:
    text = _read_text(path)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise LabkitError(
            f"The file is not valid JSON: {exc.msg} at line {exc.lineno}.",
            where=f"file {path.name!r}",
            fix="Check the file in a JSON validator, or export it again.",
        ) from exc


def _read_text(path: Path) -> str:
    """A text file's contents, UTF-8 only: a transcript read in the wrong encoding would change its words."""
    where = f"file {path.as_posix()!r}"
    if not path.is_file():
        raise LabkitError(
            "There is no file at this path." if not path.exists() else "This is a folder, not a file.",
            where=where,
            fix="Check the folder and file name.",
        )
    raw = path.read_bytes()
    if not raw.strip():
        raise LabkitError("The file is empty.", where=where, fix="Export it again; the file has no text.")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in raw[:4096]:
        raise LabkitError(
            "The file is saved as UTF-16 (or holds binary data), not UTF-8 text.",
            where=where,
            fix="Open it in a text editor and save it again with the encoding 'UTF-8'.",
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise LabkitError(
            f"The file is not UTF-8 text: the byte {raw[exc.start]:#04x} on line {line} is not valid UTF-8 "
            "(it was probably saved as Windows-1252 'ANSI'). labkit does not guess, because a wrong guess "
            "would change the words of a record.",
            where=where,
            fix="Open it in a text editor and save it again with the encoding 'UTF-8'.",
        ) from exc


@dataclass(frozen=True)
class TestSet:
    """Questions with reference answers and the passages that support them.

    Attributes
    ----------
    questions : pandas.DataFrame
        One row per question: ``question_id``, ``topic`` (questions sharing a topic are paraphrases),
        ``kind`` (fact, signpost, decline or red_team), ``group`` (the way it is written: plain,
        paraphrase, typos, non_native, text_speak or your own), ``question``, ``reference_answer``,
        ``passage_ids`` (a list) and ``must_not_contain`` (a list).
    pages : Pages
        The service pages the passages come from.
    """

    __test__ = False  # not a pytest test class

    questions: pd.DataFrame
    pages: Pages = field(repr=False)

    def __len__(self) -> int:
        return len(self.questions)

    def subset(self, *, kind: str | None = None, group: str | None = None, n: int | None = None) -> TestSet:
        """A smaller test set: only one kind or group, or the first ``n`` questions."""
        q = self.questions
        if kind is not None:
            q = q[q["kind"] == kind]
        if group is not None:
            q = q[q["group"] == group]
        if n is not None:
            q = q.head(n)
        return TestSet(q.reset_index(drop=True), self.pages)


def _split(value: Any) -> list[str]:
    return [p.strip() for p in str(value or "").split(";") if p.strip()]


def _check_test_set(frame: pd.DataFrame, pages: Pages, where: str) -> TestSet:
    from labkit._inputs import require_columns

    require_columns(frame, list(TEST_SET_COLUMNS), "test_set")
    q = frame.astype(object).where(frame.notna(), "").astype(str)
    for name, default in (("topic", ""), ("group", "plain"), ("must_not_contain", "")):
        if name not in q:
            q[name] = default
    q["question_id"] = q["question_id"].str.strip()
    q["topic"] = q["topic"].where(q["topic"].str.strip() != "", q["question_id"])
    q["group"] = q["group"].where(q["group"].str.strip() != "", "plain")

    def fail(row: int, what: str, fix: str) -> LabkitError:
        qid = q["question_id"].iloc[row] or "(no ID)"
        return LabkitError(what, where=f"{where}, row {row + 2} (question {qid})", fix=fix)

    blank_ids = q.index[q["question_id"] == ""]
    if len(blank_ids):
        raise fail(int(blank_ids[0]), "A question has no ID.", "Give every question an ID, such as Q001.")
    dup = q.index[q["question_id"].duplicated()]
    if len(dup):
        raise fail(
            int(dup[0]),
            f"The question ID {q['question_id'].iloc[int(dup[0])]!r} is used more than once.",
            "Give every question its own ID, so results can be matched to questions.",
        )
    known = set(pages.passages["passage_id"])
    for row in range(len(q)):
        r = q.iloc[row]
        if not r["question"].strip():
            raise fail(row, "The question is empty.", "Write the question, or delete the row.")
        if r["kind"] not in KINDS:
            raise fail(
                row, f"The kind {r['kind']!r} is not one labkit knows.", f"Use one of {', '.join(KINDS)}."
            )
        if r["kind"] in ("fact", "signpost") and not r["reference_answer"].strip():
            raise fail(
                row, "The question has no reference answer.", "Write the correct answer from your pages."
            )
        passages = _split(r["passage_ids"])
        if r["kind"] in ("fact", "signpost") and not passages:
            raise fail(
                row,
                "The question has no reference passage: nothing shows where its answer comes from.",
                "Add the ID of the passage of your service pages that supports the reference answer.",
            )
        missing = [p for p in passages if p not in known]
        if missing:
            raise fail(
                row,
                f"The reference passage {missing[0]!r} is not in the service pages.",
                "Check the passage ID (Pages.passages lists them), or add the page to the service pages.",
            )
    q["passage_ids"] = [_split(v) for v in q["passage_ids"]]
    q["must_not_contain"] = [_split(v) for v in q["must_not_contain"]]
    columns = ["question_id", "topic", "kind", "group", "question", "reference_answer", "passage_ids"]
    return TestSet(q[[*columns, "must_not_contain"]].reset_index(drop=True), pages)


def load_test_set(source: str | Path | pd.DataFrame | None = None, *, pages: Pages | None = None) -> TestSet:
    """A test set, checked: the sandbox's, or your own CSV file or DataFrame.

    Parameters
    ----------
    source : path, DataFrame or None
        None for the sandbox test set; otherwise a CSV file or DataFrame with the columns
        ``question_id``, ``question``, ``kind``, ``reference_answer`` and ``passage_ids`` (several
        separated by ``;``), and optionally ``topic``, ``group`` and ``must_not_contain``.
    pages : Pages, optional
        The service pages the passages come from (default: the sandbox's).

    Returns
    -------
    TestSet

    Raises
    ------
    LabkitError
        For a missing column, an empty question, a duplicate ID, an unknown kind, or a fact or
        signposting question without a reference answer or passage, or whose passage is not in the pages.

    Examples
    --------
    >>> ts = load_test_set()
    >>> len(ts), int((ts.questions["group"] == "typos").sum())
    (126, 23)
    >>> ts.questions.loc[0, ["question_id", "kind", "question"]].tolist()
    ['Q001', 'fact', 'What is the council tax discount for a single person living alone?']
    """
    import pandas as pd

    pages = pages if pages is not None else load_pages()
    if source is None:
        from labkit.data._sandbox import checked_path

        source = checked_path(f"{_SANDBOX}/test_set.csv")
    if isinstance(source, pd.DataFrame):
        return _check_test_set(source, pages, "parameter test_set")
    from labkit._csv import read_csv

    path = Path(source)
    return _check_test_set(read_csv(path, param="test_set"), pages, f"file {path.name!r}")


@dataclass(frozen=True)
class Transcript:
    """A visit transcript: who said what, line by line, and the key facts a good record must keep.

    Attributes
    ----------
    transcript_id : str
    lines : list of (speaker, text)
    key_facts : pandas.DataFrame
        ``fact_id``, ``kind`` (for example "safeguarding") and ``text``; may be empty.
    """

    transcript_id: str
    lines: tuple[tuple[str, str], ...]
    key_facts: pd.DataFrame = field(repr=False)
    person: str = ""
    date: str = ""

    @property
    def text(self) -> str:
        """The transcript as text, one line per turn ("Speaker: words")."""
        return "\n".join(f"{s}: {t}" if s else t for s, t in self.lines)


def _key_facts_frame(facts: Any, where: str) -> pd.DataFrame:
    import pandas as pd

    rows = []
    for i, f in enumerate(facts or [], start=1):
        if isinstance(f, str):
            f = {"text": f}
        if not isinstance(f, dict) or not str(f.get("text", "")).strip():
            raise LabkitError(
                f"Key fact {i} has no text.",
                where=where,
                fix="Write each key fact as a sentence, or remove it.",
            )
        rows.append(
            {"fact_id": str(f.get("fact_id", f"F{i}")), "kind": str(f.get("kind", "")), "text": f["text"]}
        )
    return pd.DataFrame(rows, columns=["fact_id", "kind", "text"])


def _transcript_from_dict(data: dict[str, Any], where: str) -> Transcript:
    lines = data.get("lines")
    if not isinstance(lines, list) or not lines:
        raise LabkitError(
            "The transcript has no lines.",
            where=where,
            fix="Give 'lines' as a list of {'speaker': ..., 'text': ...}, as in the sandbox transcripts.",
        )
    parsed = tuple(
        (str(line.get("speaker", "")), str(line.get("text", "")))
        if isinstance(line, dict)
        else ("", str(line))
        for line in lines
    )
    return Transcript(
        str(data.get("transcript_id", "transcript")),
        parsed,
        _key_facts_frame(data.get("key_facts"), where),
        str(data.get("person", "")),
        str(data.get("date", "")),
    )


def _transcript_from_text(text: str, name: str, where: str) -> Transcript:
    if not text.strip():
        raise LabkitError("The transcript is empty.", where=where, fix="Pass the transcript's text.")
    lines = []
    for line in text.splitlines():
        if not line.strip():
            continue
        match = re.match(r"^\s*([A-Z][\w .'-]{0,40}):\s+(.*)$", line)
        lines.append((match.group(1), match.group(2)) if match else ("", line.strip()))
    return Transcript(name, tuple(lines), _key_facts_frame([], where))


def read_transcript(source: str | Path | dict[str, Any] | Transcript) -> Transcript:
    """A transcript from a file (JSON or UTF-8 text), a dict in the sandbox's layout or plain text.

    A text file has one turn per line, ``Speaker: words``. A file that is not UTF-8 is refused with a
    :class:`~labkit.LabkitError` rather than guessed at: a wrong guess would change what a person said.

    Examples
    --------
    >>> t = read_transcript("Social worker: How are you?\\nMr Ash: Fine, thank you.")
    >>> t.lines[1]
    ('Mr Ash', 'Fine, thank you.')
    """
    if isinstance(source, Transcript):
        return source
    if isinstance(source, dict):
        return _transcript_from_dict(source, "parameter transcript")
    if isinstance(source, Path) or (
        isinstance(source, str)
        and "\n" not in source
        and (Path(source).suffix.lower() in {".txt", ".json", ".md"} or Path(source).is_file())
    ):
        path = Path(source)
        where = f"file {path.name!r}"
        if path.suffix.lower() == ".json":
            data = _read_json(path)
            if not isinstance(data, dict):
                raise LabkitError(
                    "The JSON file holds a list, not one transcript.",
                    where=where,
                    fix="Save one transcript per file, or pick one from the list.",
                )
            return _transcript_from_dict(data, where)
        return _transcript_from_text(_read_text(path), path.stem, where)
    if isinstance(source, str):
        return _transcript_from_text(source, "transcript", "parameter transcript")
    raise LabkitError(
        f"transcript must be a file path, text or a Transcript, not {type(source).__name__}.",
        where="parameter transcript",
        fix="Pass the path of a .txt or .json transcript, or its text.",
    )


def load_transcripts() -> dict[str, Transcript]:
    """The sandbox's four social-care visit transcripts, by ID, with their key facts.

    Examples
    --------
    >>> ts = load_transcripts()
    >>> sorted(ts), ts["V02"].key_facts["kind"].tolist()
    (['V01', 'V02', 'V03', 'V04'], ['care', 'action', 'safeguarding', 'action'])
    """
    where = "the sandbox transcripts"
    return {
        t["transcript_id"]: _transcript_from_dict(t, where) for t in _sandbox_json("visit_transcripts.json")
    }


def load_ground_truth() -> dict[str, Any]:
    """The simulated products' planted failures, and the resident record none may reveal.

    Examples
    --------
    >>> truth = load_ground_truth()
    >>> {p["name"]: p["planted_failure"] for p in truth["products"]}["staleleaf"]
    'superseded_pages'
    """
    return _sandbox_json("ground_truth.json")
