"""Working together across councils: similar projects, likely duplicates, merging, who to talk to.

Similarity is TF-IDF text similarity (scikit-learn) over each project's title, service and problem
statement: two projects that describe the same problem in different words score high. It finds
candidates for a conversation, not proof that two projects are the same: a person reads each pair.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from labkit._errors import LabkitError
from labkit._report import Report, Section, Table
from labkit._text import listing, num, plural
from labkit.register._store import Register, read_entries, validate_entry

__all__ = [
    "DUPLICATE_THRESHOLD",
    "MergeReport",
    "WhoToTalkTo",
    "find_duplicates",
    "merge",
    "similar_projects",
    "who_to_talk_to",
]

#: Similarity at or above which two projects of different councils are reported as likely duplicates.
#: Chosen on the sandbox register so every planted pair is found and no other pair is (see docs/register.md).
DUPLICATE_THRESHOLD = 0.28


def _texts(frame: pd.DataFrame) -> list[str]:
    return (
        frame["title"].fillna("")
        + ". "
        + frame["service"].fillna("")
        + ". "
        + frame["problem_statement"].fillna("")
    ).tolist()


def _matrix(frame: pd.DataFrame, extra: str | None = None):
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts = _texts(frame) + ([extra] if extra is not None else [])
    vec = TfidfVectorizer(stop_words="english", sublinear_tf=True, token_pattern=r"(?u)\b[a-zA-Z]{3,}\b")
    return vec.fit_transform(texts)


def _frame(register: Register | pd.DataFrame) -> pd.DataFrame:
    if isinstance(register, Register):
        return register.to_frame()
    if isinstance(register, pd.DataFrame):
        return register.reset_index(drop=True)
    raise LabkitError(
        f"register must be a Register (or a DataFrame of entries), not {type(register).__name__}.",
        where="parameter register",
    )


def similar_projects(
    register: Register | pd.DataFrame, about: str, *, k: int = 5, other_councils: bool = True
) -> pd.DataFrame:
    """The ``k`` projects most similar to a project (by id) or to a description of a new idea.

    Parameters
    ----------
    register : Register or DataFrame
    about : str
        A project id in the register, or a sentence describing the problem you want to solve.
    k : int, default 5
    other_councils : bool, default True
        With a project id, only show other councils' projects.

    Returns
    -------
    pandas.DataFrame
        id, title, council, phase, status, contact_role, similarity (0 to 1), best first.

    Examples
    --------
    >>> from labkit.register import sandbox_register, similar_projects
    >>> reg = sandbox_register()
    >>> similar_projects(reg, "northbrook-damp-mould-risk", k=3)["council"].tolist()
    ['Sallowford District Council', 'Ottercombe City Council', 'Brackenmoor Metropolitan Borough Council']
    """
    frame = _frame(register)
    if not isinstance(about, str) or not about.strip():
        raise LabkitError("about must be a project id or a description.", where="parameter about")
    if isinstance(k, bool) or not isinstance(k, int) or k < 1:
        raise LabkitError(f"k must be a whole number of at least 1, not {k!r}.", where="parameter k")
    if frame.empty:
        return pd.DataFrame(
            columns=["id", "title", "council", "phase", "status", "contact_role", "similarity"]
        )
    is_id = about in set(frame["id"])
    m = _matrix(frame, None if is_id else about)
    if is_id:
        i = int(np.flatnonzero(frame["id"].to_numpy() == about)[0])
        sims = (m @ m[i].T).toarray().ravel()
        keep = frame["id"] != about
        if other_councils:
            keep &= frame["council"] != frame.loc[i, "council"]
    else:
        sims = (m[:-1] @ m[-1].T).toarray().ravel()
        keep = pd.Series(True, index=frame.index)
    out = frame.loc[keep, ["id", "title", "council", "phase", "status", "contact_role"]].copy()
    out["similarity"] = np.round(sims[keep.to_numpy()], 3)
    out = out[out["similarity"] > 0].sort_values(["similarity", "id"], ascending=[False, True], kind="stable")
    return out.head(k).reset_index(drop=True)


def find_duplicates(
    register: Register | pd.DataFrame, *, threshold: float = DUPLICATE_THRESHOLD
) -> pd.DataFrame:
    """Pairs of projects in different councils whose descriptions are similar: likely duplicated effort.

    Returns a DataFrame (id_a, council_a, id_b, council_b, similarity), most similar first.

    Examples
    --------
    >>> from labkit.register import find_duplicates, sandbox_register
    >>> pairs = find_duplicates(sandbox_register())
    >>> pairs.iloc[0][["id_a", "id_b"]].tolist()
    ['brackenmoor-care-demand-model', 'lindenshire-asc-demand-forecast']
    """
    if isinstance(threshold, bool) or not isinstance(threshold, (int, float)) or not 0 < threshold < 1:
        raise LabkitError(
            f"threshold must be between 0 and 1, not {threshold!r}.", where="parameter threshold"
        )
    frame = _frame(register)
    columns = ["id_a", "council_a", "id_b", "council_b", "similarity"]
    if len(frame) < 2:
        return pd.DataFrame(columns=columns)
    m = _matrix(frame)
    sims = (m @ m.T).toarray()
    councils = frame["council"].to_numpy()
    ids = frame["id"].to_numpy()
    a, b = np.triu_indices(len(frame), k=1)
    keep = (sims[a, b] >= threshold) & (councils[a] != councils[b])
    a, b = a[keep], b[keep]
    swap = ids[a] > ids[b]
    a, b = np.where(swap, b, a), np.where(swap, a, b)
    out = pd.DataFrame(
        {
            "id_a": ids[a],
            "council_a": councils[a],
            "id_b": ids[b],
            "council_b": councils[b],
            "similarity": np.round(sims[a, b], 3),
        }
    )
    return out.sort_values(["similarity", "id_a", "id_b"], ascending=[False, True, True]).reset_index(
        drop=True
    )


class WhoToTalkTo(Report):
    """Who to talk to before starting a project: similar projects elsewhere, their contacts and lessons.

    Attributes
    ----------
    contacts : pandas.DataFrame
        One row per similar project: council, project, phase, status, RAG, contact role and email,
        similarity, and why to talk to them.
    """

    kind = "WhoToTalkTo"

    def __init__(self, title: str, summary: str, sections: list[Section], contacts: pd.DataFrame) -> None:
        super().__init__(title, summary, sections, frame=contacts)
        self.contacts = contacts

    def _extra_dict(self) -> dict[str, Any]:
        return {"contacts": self.contacts}


def _why(row: pd.Series) -> str:
    bits = []
    if row["status"] == "stopped":
        bits.append("they stopped this project: ask what went wrong")
    elif row["phase"] == "live":
        bits.append("it is live: ask what it took to get there")
    elif row["phase"] in ("public beta", "private beta"):
        bits.append(f"it is in {row['phase']}: ask what it took to get there")
    elif row["status"] == "completed":
        bits.append("they finished it: ask what it achieved")
    else:
        bits.append(f"it is in {row['phase']}: you could share the work")
    if isinstance(row.get("lessons_learned"), str) and row["lessons_learned"].strip():
        bits.append("they have written lessons learned")
    published = [
        n
        for n, c in (
            ("canvas", "canvas_link"),
            ("model card", "model_card_link"),
            ("transparency record", "atrs_record_link"),
        )
        if isinstance(row.get(c), str) and row[c]
    ]
    bits.append(f"published: {listing(published)}" if published else "nothing published yet: ask for it")
    if isinstance(row.get("supplier"), str) and row["supplier"]:
        bits.append(f"supplier {row['supplier']}")
    return "; ".join(bits)


def who_to_talk_to(
    register: Register | pd.DataFrame, about: str, *, k: int = 5, min_similarity: float = 0.2
) -> WhoToTalkTo:
    """A 'who to talk to' report: the councils doing something similar, whom to contact and why.

    Parameters
    ----------
    register : Register or DataFrame
    about : str
        A project id in the register, or a sentence describing the problem you want to solve.
    k : int, default 5
        At most this many contacts.
    min_similarity : float, default 0.2
        Projects less similar than this are left out.

    Examples
    --------
    >>> from labkit.register import sandbox_register, who_to_talk_to
    >>> report = who_to_talk_to(sandbox_register(), "Score families for risk so early help can contact them")
    >>> report.contacts["id"].iloc[0]
    'ottercombe-family-risk-score'
    """
    frame = _frame(register)
    found = similar_projects(frame, about, k=k)
    found = found[found["similarity"] >= min_similarity]
    full = frame.set_index("id")
    rows = []
    for _, r in found.iterrows():
        e = full.loc[r["id"]]
        rows.append(
            {
                "council": r["council"],
                "id": r["id"],
                "title": r["title"],
                "phase": e["phase"],
                "status": e["status"],
                "rag_status": e["rag_status"],
                "contact_role": e["contact_role"],
                "contact_email": e["contact_email"],
                "similarity": r["similarity"],
                "why": _why(e.to_dict() | {"phase": e["phase"], "status": e["status"]}),
            }
        )
    contacts = pd.DataFrame(
        rows,
        columns=[
            "council",
            "id",
            "title",
            "phase",
            "status",
            "rag_status",
            "contact_role",
            "contact_email",
            "similarity",
            "why",
        ],
    )
    is_id = about in set(frame["id"])
    subject = f"project {about}" if is_id else f"'{about}'"
    councils_word = "other council" if is_id else "council"
    if contacts.empty:
        summary = f"No project in the register is similar to {subject}. Add yours so others can find it."
    else:
        first = contacts.iloc[0]
        summary = (
            f"{plural(len(contacts), 'project')} in {plural(contacts['council'].nunique(), councils_word)} "
            f"look similar to {subject}. Start with {first['contact_role']} at {first['council']} "
            f"({first['title']}, similarity {num(first['similarity'])})."
        )
        lessons = contacts[contacts["status"] == "stopped"]
        if len(lessons):
            summary += f" {listing(lessons['council'].tolist())} stopped a similar project: read why first."
    sections = [
        Section(
            "Who to talk to",
            "Similarity compares the words of each project's title, service and problem statement (TF-IDF, "
            "0 to 1). It suggests whom to call; it does not prove two projects are the same.",
            tables=[Table("Similar projects in other councils", contacts.drop(columns=["id"]))]
            if len(contacts)
            else [],
        )
    ]
    return WhoToTalkTo(f"Who to talk to: {about[:60]}", summary, sections, contacts)


class MergeReport(Report):
    """What a merge did: entries added, unchanged, in conflict, and likely duplicates across councils.

    Attributes
    ----------
    added, unchanged, conflicts, replaced : list of str
        Project ids.
    duplicates : pandas.DataFrame
        Likely duplicated efforts across councils after the merge (see :func:`find_duplicates`).
    """

    kind = "MergeReport"

    def __init__(self, title: str, summary: str, sections: list[Section], **fields: Any) -> None:
        super().__init__(title, summary, sections, frame=fields["duplicates"])
        for key, value in fields.items():
            setattr(self, key, value)

    def _extra_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in ("added", "unchanged", "conflicts", "replaced", "duplicates")}


def _source_entries(source: Register | str | Path) -> tuple[str, list[dict[str, Any]]]:
    if isinstance(source, Register):
        return source.path.name, source.entries()
    if isinstance(source, (str, Path)):
        path = Path(source)
        if path.suffix.lower() in (".csv", ".json"):
            return path.name, read_entries(path)
        if not path.exists():
            raise LabkitError("The register to merge does not exist.", where=f"path {path.as_posix()!r}")
        with Register(path, create=False) as other:
            return path.name, other.entries()
    raise LabkitError(
        f"Each register to merge must be a Register or a file path, not {type(source).__name__}.",
        where="parameter sources",
    )


def merge(
    target: Register, sources: Sequence[Register | str | Path], *, overwrite: bool = False
) -> MergeReport:
    """Merge other councils' registers (files or Registers) into ``target``, keeping provenance.

    New projects are added; projects already there with identical content are left alone; projects with
    the same id but different content are conflicts, kept as they are unless ``overwrite=True``. Entries
    without provenance are marked with the file they came from. All in one transaction: a bad entry in any
    source changes nothing. The report lists likely duplicated efforts across councils.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from labkit.register import Register, merge, sandbox_files
    >>> reg = Register(pathlib.Path(tempfile.mkdtemp()) / "merged.sqlite")
    >>> report = merge(reg, sandbox_files())
    >>> len(report.added), len(report.conflicts)
    (39, 0)
    """
    if not isinstance(target, Register):
        raise LabkitError("target must be a Register.", where="parameter target")
    if isinstance(sources, (str, Path, Register)):
        sources = [sources]
    incoming: dict[str, dict[str, Any]] = {}
    problems: list[str] = []
    for source in sources:
        name, entries = _source_entries(source)
        for n, e in enumerate(entries, start=1):
            clean, p = validate_entry(e, f"{name} entry {n}")
            problems += p
            if p:
                continue
            if not clean["provenance"]:
                clean["provenance"] = f"merged from {name}"
            if clean["id"] in incoming and incoming[clean["id"]] != clean:
                problems.append(f"{name} entry {n}: id {clean['id']!r} comes twice with different content")
            incoming[clean["id"]] = clean
    if problems:
        shown = "; ".join(problems[:10]) + (f" (and {len(problems) - 10} more)" if len(problems) > 10 else "")
        raise LabkitError(
            f"{plural(len(problems), 'problem')} in the registers to merge, so nothing was changed: {shown}.",
            where="parameter sources",
            fix="Ask the council that sent the file to correct it, or correct a copy.",
        )
    added: list[str] = []
    unchanged: list[str] = []
    conflicts: list[str] = []
    for pid, e in incoming.items():
        if pid not in target:
            added.append(pid)
            continue
        ours = target.get(pid)
        same = all(ours[c] == e[c] for c in ours if c != "provenance")
        (unchanged if same else conflicts).append(pid)
    to_write = [incoming[i] for i in added] + ([incoming[i] for i in conflicts] if overwrite else [])
    target.add_entries(to_write, overwrite=overwrite, where="merge")
    replaced = conflicts if overwrite else []
    dups = find_duplicates(target) if len(target) > 1 else pd.DataFrame()
    summary = (
        f"Merged {plural(len(sources), 'register')} into {target.path.name}: {len(added)} added, "
        f"{len(unchanged)} already there, {plural(len(conflicts), 'conflict')}"
        + (
            " (replaced, as asked)"
            if overwrite and conflicts
            else " (kept as they were)"
            if conflicts
            else ""
        )
        + f". {plural(len(dups), 'pair')} of projects in different councils "
        + ("looks" if len(dups) == 1 else "look")
        + " like duplicated effort."
    )
    sections = [
        Section("Added", "\n".join(f"- {i}" for i in added) or "None."),
        Section(
            "Conflicts",
            (
                "Same id, different content: "
                + (
                    "replaced by the incoming entry."
                    if overwrite
                    else "kept as they were; compare them, and merge again with overwrite=True to take the "
                    "incoming ones."
                )
                + "\n\n"
                + "\n".join(f"- {i}" for i in conflicts)
            )
            if conflicts
            else "None.",
        ),
        Section(
            "Likely duplicated effort",
            "Projects in different councils with similar descriptions: each pair should talk.",
            tables=[Table("Similar projects in different councils", dups)] if len(dups) else [],
        ),
    ]
    return MergeReport(
        "Register merge",
        summary,
        sections,
        added=added,
        unchanged=unchanged,
        conflicts=conflicts,
        replaced=replaced,
        duplicates=dups,
    )
