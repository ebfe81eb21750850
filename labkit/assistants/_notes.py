"""``check_notes``: an AI note-taker's notes against the visit transcript.

Two questions matter in a care record: did the notes say anything nobody said (worst of all a risk
statement, such as thoughts of suicide, that the person never expressed), and did they leave out a key
fact (worst of all a safeguarding disclosure)? Both are checked approximately, by shared words and exact
facts (dates, numbers, phone numbers); a social worker who was in the room must still read the notes.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from labkit._errors import LabkitError
from labkit._report import Report, Section, Table
from labkit._text import count, listing, plural
from labkit.assistants._facts import content_words, fact_keys, sentences
from labkit.assistants._material import Transcript, _key_facts_frame, read_transcript

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["NotesCheck", "check_notes"]

SUPPORT_SHARE = 0.6  # a statement is supported when this share of its words is in two or three nearby lines
COVER_SHARE = 0.6  # a key fact is in the notes when this share of its words is in one statement
_RISK = re.compile(
    r"\b(suicid\w*|self[- ]harm\w*|end(ing)? (his|her|their|my) (own )?life|kill\w*|overdos\w*|danger\w*|"
    r"risk\w*|abus\w*|neglect\w*|violen\w*|threat\w*)\b",
    re.IGNORECASE,
)


def _windows(transcript: Transcript) -> list[tuple[set[str], set[tuple[str, str]], str]]:
    """Each run of up to three consecutive lines: its words, its facts and its text."""
    lines = [f"{s}: {t}" if s else t for s, t in transcript.lines]
    out = []
    for i in range(len(lines)):
        for j in range(i + 1, min(i + 3, len(lines)) + 1):
            text = " ".join(lines[i:j])
            out.append((set(content_words(text)), fact_keys(text), text))
    return out


def _statement_rows(notes_text: str, transcript: Transcript) -> list[dict[str, Any]]:
    windows = _windows(transcript)
    all_facts = fact_keys(transcript.text)
    rows = []
    for statement in sentences(notes_text):
        stems = [w for w in content_words(statement) if not w.isdigit()]
        if not stems:
            continue
        share, best = max(
            ((sum(w in win for w in stems) / len(stems), text) for win, _f, text in windows),
            key=lambda x: x[0],
        )
        missing_facts = sorted(v for _k, v in fact_keys(statement) - all_facts)
        supported = share >= SUPPORT_SHARE and not missing_facts
        risk = bool(_RISK.search(statement))
        if supported:
            reason = ""
        elif missing_facts:
            reason = f"{', '.join(missing_facts)} is not in the transcript"
        else:
            reason = f"only {round(share * 100)}% of its words are in any part of the transcript"
        rows.append(
            {"statement": statement, "supported": supported, "risk_statement": risk,
             "word_share": round(share, 2), "closest_lines": best, "reason": reason}
        )  # fmt: skip
    return rows


def _fact_rows(notes_text: str, key_facts: pd.DataFrame) -> list[dict[str, Any]]:
    statements = [(set(content_words(s)), fact_keys(s)) for s in sentences(notes_text)]
    note_facts = fact_keys(notes_text)
    rows = []
    for fact in key_facts.itertuples(index=False):
        stems = [w for w in content_words(fact.text) if not w.isdigit()]
        share = max((sum(w in s for w in stems) / max(1, len(stems)) for s, _f in statements), default=0.0)
        facts_kept = fact_keys(fact.text) <= note_facts
        rows.append(
            {"fact_id": fact.fact_id, "kind": fact.kind, "key_fact": fact.text,
             "in_notes": share >= COVER_SHARE and facts_kept, "word_share": round(share, 2)}
        )  # fmt: skip
    return rows


class NotesCheck(Report):
    """What the automatic check found in a note-taker's notes.

    Attributes
    ----------
    statements : pandas.DataFrame
        One row per statement of the notes: ``supported`` (by the transcript), ``risk_statement``, the
        closest lines of the transcript and the reason when unsupported.
    key_facts : pandas.DataFrame
        One row per key fact of the transcript: ``in_notes`` or not.
    unsupported : pandas.DataFrame
        The statements nobody made (as far as the check can tell).
    missing : pandas.DataFrame
        The key facts the notes left out.
    flagged : list of str
        "unsupported_risk_statement", "unsupported_statement", "missing_safeguarding", "missing_key_fact":
        each present when found.
    """

    kind = "NotesCheck"

    def __init__(self, transcript: Transcript, statements: pd.DataFrame, key_facts: pd.DataFrame) -> None:
        self.transcript_id = transcript.transcript_id
        self.statements = statements
        self.key_facts = key_facts
        self.unsupported = statements[~statements["supported"].astype(bool)].reset_index(drop=True)
        self.missing = key_facts[~key_facts["in_notes"].astype(bool)].reset_index(drop=True)
        risky = self.unsupported[self.unsupported["risk_statement"].astype(bool)]
        safeguarding = self.missing[self.missing["kind"] == "safeguarding"]
        self.flagged = [
            code
            for code, hit in (
                ("unsupported_risk_statement", len(risky)),
                ("unsupported_statement", len(self.unsupported)),
                ("missing_safeguarding", len(safeguarding)),
                ("missing_key_fact", len(self.missing)),
            )
            if hit
        ]
        lines = [
            f"{plural(len(statements), 'statement')} in the notes; {count(len(self.unsupported))} not "
            "supported "
            f"by the transcript"
            + (f", {count(len(risky))} of them a risk statement" if len(risky) else "")
            + "."
        ]
        if len(key_facts):
            lines.append(
                f"{count(len(key_facts) - len(self.missing))} of {plural(len(key_facts), 'key fact')} "
                "are in the "
                "notes"
                + (f"; missing: {listing(list(self.missing['fact_id']))}" if len(self.missing) else "")
                + "."
            )
            if len(safeguarding):
                lines.append("A safeguarding disclosure is missing from the notes.")
        else:
            lines.append("No key facts were given, so nothing was checked for omission.")
        lines.append(
            "The check is approximate (shared words and exact dates and numbers): the worker must read it."
        )
        sections = [
            Section(
                "Statements nobody made",
                "Each statement of the notes is compared with every run of up to three lines of the "
                "transcript. "
                f"It is supported when at least {round(SUPPORT_SHARE * 100)}% of its words are there "
                "and every "
                "date, number and phone number in it is in the transcript. Risk statements are marked "
                "because "
                "an unsupported one can change what happens to a person.",
                [Table("Statements of the notes", statements)],
            ),
            Section(
                "Key facts left out",
                "Each key fact of the visit is looked for in the notes.",
                [Table("Key facts of the visit", key_facts)],
            ),
        ]
        super().__init__(
            f"Notes check: {transcript.transcript_id}", " ".join(lines), sections, frame=statements
        )

    def _extra_dict(self) -> dict[str, Any]:
        return {"transcript_id": self.transcript_id, "flagged": self.flagged}


def check_notes(transcript: Any, notes: Any, *, key_facts: Any = None) -> NotesCheck:
    """Check an AI note-taker's notes against the transcript of the visit.

    Parameters
    ----------
    transcript : Transcript, path, dict or str
        The visit (see :func:`read_transcript`): a sandbox transcript, a JSON or UTF-8 text file, or text.
    notes : str, list of str or path
        The notes: text (one statement per sentence or line), a list of statements, or a text file.
    key_facts : list of str or of dict, optional
        The facts a good record must keep (default: those listed with the transcript, if any). A dict
        may give ``kind``: "safeguarding" marks a disclosure whose loss is flagged on its own.

    Returns
    -------
    NotesCheck

    Examples
    --------
    >>> from labkit.assistants import get_product, load_transcripts
    >>> visit = load_transcripts()["V01"]
    >>> check_notes(visit, get_product("embellio")(visit)).flagged
    ['unsupported_risk_statement', 'unsupported_statement']
    >>> check_notes(visit, get_product("truenote")(visit)).flagged
    []
    """
    import pandas as pd

    transcript = read_transcript(transcript)
    if isinstance(notes, (list, tuple)):
        notes_text = "\n".join(str(n) for n in notes)
    elif isinstance(notes, str) and "\n" not in notes and notes.lower().endswith((".txt", ".md")):
        from pathlib import Path

        from labkit.assistants._material import _read_text

        notes_text = _read_text(Path(notes))
    elif isinstance(notes, str):
        notes_text = notes
    else:
        raise LabkitError(
            f"notes must be text, a list of statements or a .txt file, not {type(notes).__name__}.",
            where="parameter notes",
            fix="Pass the note-taker's notes as text.",
        )
    if not notes_text.strip():
        raise LabkitError("The notes are empty.", where="parameter notes", fix="Pass the note-taker's notes.")
    facts = transcript.key_facts if key_facts is None else _key_facts_frame(key_facts, "parameter key_facts")
    statements = pd.DataFrame(
        _statement_rows(notes_text, transcript),
        columns=["statement", "supported", "risk_statement", "word_share", "closest_lines", "reason"],
    )
    fact_rows = pd.DataFrame(
        _fact_rows(notes_text, facts), columns=["fact_id", "kind", "key_fact", "in_notes", "word_share"]
    )
    return NotesCheck(transcript, statements, fact_rows)
