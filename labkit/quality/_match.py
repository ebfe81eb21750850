"""Find the same person across systems: blocking, then similarity on name, birth date, postcode, UPRN.

Comparing every housing tenant with every council-tax payer would mean
10 billion comparisons for 100,000 people on each side. *Blocking* compares
only people who share something cheap to check: the same date of birth, the
same UPRN, or the same postcode and name initials. Each candidate pair then
gets a score between 0 and 1 from the similarity of the names (Jaro-Winkler,
via rapidfuzz) and whether birth date, postcode and UPRN agree. Pairs at or
above ``threshold`` are matches; each person is matched at most once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from labkit._errors import LabkitError
from labkit._report import Report, Section, Table
from labkit._text import count, listing, num, pct, plural
from labkit.quality._values import as_text, parse_mixed_dates

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from labkit.quality._standard import People

__all__ = ["MatchReport", "duplicate_person_mask", "match_people"]

ROLES = ("id", "name", "date_of_birth", "postcode", "uprn")
FIRST_NAME_FLOOR = 0.85
WEIGHTS = {"name": 0.45, "date_of_birth": 0.30, "postcode": 0.15, "uprn": 0.10}
_GUESSES = {
    "id": ("person_id", "resident_id", "tenant_id", "customer_id", "account_id", "id"),
    "name": ("name", "full_name", "tenant_name", "resident_name", "customer_name", "account_holder_name"),
    "date_of_birth": ("date_of_birth", "dob", "tenant_date_of_birth", "birth_date"),
    "postcode": ("postcode", "post_code"),
    "uprn": ("uprn",),
}
_PLACEHOLDER_DOB = ("1900-01-01", "1901-01-01", "1899-12-31")


def _guess_columns(df: pd.DataFrame, given: dict[str, str] | None, param: str) -> dict[str, str]:
    given = dict(given or {})
    unknown = sorted(set(given) - set(ROLES))
    if unknown:
        raise LabkitError(
            f"{unknown[0]!r} is not a role labkit matches on.",
            where=f"parameter {param}",
            fix=f"Use the roles {listing(list(ROLES))}, e.g. {{'name': 'tenant_name'}}.",
        )
    cols = {str(c).lower(): str(c) for c in df.columns}
    out: dict[str, str] = {}
    for role in ROLES:
        if role in given:
            if given[role] not in df.columns:
                raise LabkitError(
                    f"The table has no column called {given[role]!r} for the {role}.",
                    where=f"parameter {param}",
                    fix=f"Use one of its columns: {listing([str(c) for c in df.columns][:30])}.",
                )
            out[role] = given[role]
            continue
        for guess in _GUESSES[role]:
            if guess in cols:
                out[role] = cols[guess]
                break
    for role in ("id", "name"):
        if role not in out:
            raise LabkitError(
                f"labkit could not tell which column holds each person's {role.replace('_', ' ')}.",
                where=f"parameter {param}",
                fix=f"Name it, e.g. {param}={{'{role}': 'YOUR_COLUMN'}}.",
            )
    return out


def _norm_name(s: pd.Series) -> pd.Series:
    return (
        s.astype("str")
        .str.lower()
        .str.replace(r"[^a-z ]+", " ", regex=True)
        .str.replace(r"\s+", " ", regex=True)
        .str.strip()
        .where(s.notna())
    )


def _people(df: pd.DataFrame, cols: dict[str, str]) -> pd.DataFrame:
    """One row per person ID, with normalised matching fields."""
    import pandas as pd

    rows = df[list(cols.values())].rename(columns={v: k for k, v in cols.items()})
    rows = rows[rows["id"].notna()]
    norm = pd.DataFrame({"id": as_text(rows["id"]).to_numpy()})
    norm["name"] = _norm_name(rows["name"]).to_numpy()
    if "date_of_birth" in rows:
        dob = rows["date_of_birth"]
        if not pd.api.types.is_datetime64_any_dtype(dob):
            dob = parse_mixed_dates(as_text(dob).str.strip())[0]
        dob_text = dob.dt.strftime("%Y-%m-%d")
        norm["date_of_birth"] = dob_text.where(~dob_text.isin(_PLACEHOLDER_DOB)).to_numpy()
    if "postcode" in rows:
        norm["postcode"] = (
            as_text(rows["postcode"]).str.upper().str.replace(r"\s+", "", regex=True).to_numpy()
        )
    if "uprn" in rows:
        norm["uprn"] = as_text(rows["uprn"]).str.strip().to_numpy()
    # One record per person ID, taking each field's first known value (placeholders count as unknown).
    out = norm.groupby("id", sort=False).first().reset_index()
    tokens = out["name"].fillna("").str.split(" ")
    out["_initials"] = tokens.map(lambda ts: "".join(sorted(t[:1] for t in ts if t)))
    out["_first"] = tokens.str[0].fillna("")
    out["_last"] = tokens.str[-1].fillna("")
    out["_first_letter"] = out["_first"].str[:1]
    out["_first_length"] = out["_first"].str.len()
    return out


def _candidates(a: pd.DataFrame, b: pd.DataFrame, same_table: bool) -> pd.DataFrame:
    import pandas as pd

    blocks = [["date_of_birth"]] if "date_of_birth" in a and "date_of_birth" in b else []
    if "postcode" in a and "postcode" in b:
        blocks.append(["postcode", "_initials"])
    if "uprn" in a and "uprn" in b:
        blocks.append(["uprn"])
    pairs = []
    if not blocks:
        raise LabkitError(
            "labkit needs a date of birth, a postcode or a UPRN to compare people; a name alone is too weak.",
            where="parameters left_columns and right_columns",
            fix="Name a date_of_birth, postcode or uprn column for both tables.",
        )
    la = a.reset_index(names="li")
    lb = b.reset_index(names="ri")
    for keys in blocks:
        left = la[["li", *keys]].dropna()
        right = lb[["ri", *keys]].dropna()
        merged = left.merge(right, on=keys, how="inner")[["li", "ri"]]
        if same_table:
            merged = merged[merged["li"] < merged["ri"]]
        pairs.append(merged)
    return pd.concat(pairs, ignore_index=True).drop_duplicates(ignore_index=True)


def _name_similarity(a: pd.DataFrame, b: pd.DataFrame, li: Any, ri: Any) -> Any:
    """Jaro-Winkler similarity of first names and of surnames, averaged.

    Also tries the names the other way round ("Khan, Amina") and, where one
    side has only an initial ("A Khan"), compares the initial and the surname
    at a small discount. First names or surnames less similar than
    ``FIRST_NAME_FLOOR`` cap the similarity at 0.6: relatives share surnames and
    addresses, and two people born on the same day share a birth date.
    """
    import numpy as np
    from rapidfuzz.distance import JaroWinkler
    from rapidfuzz.process import cpdist

    def sim(x: Any, y: Any) -> Any:
        return cpdist(list(x), list(y), scorer=JaroWinkler.normalized_similarity, workers=1).astype(float)

    fa, la = a["_first"].to_numpy()[li], a["_last"].to_numpy()[li]
    fb, lb = b["_first"].to_numpy()[ri], b["_last"].to_numpy()[ri]
    surname = sim(la, lb)
    first = sim(fa, fb)
    direct = 0.5 * first + 0.5 * surname
    cross_first, cross_last = sim(fa, lb), sim(la, fb)
    swapped = 0.5 * cross_first + 0.5 * cross_last
    same_initial = a["_first_letter"].to_numpy()[li] == b["_first_letter"].to_numpy()[ri]
    initial_only = (a["_first_length"].to_numpy()[li] == 1) | (b["_first_length"].to_numpy()[ri] == 1)
    direct = np.where(initial_only, 0.9 * (0.5 * same_initial + 0.5 * surname), direct)
    # Relatives share a surname and an address (twins even a birth date), so a different first
    # name caps the score however close the rest is.
    direct = np.where(~initial_only & (first < FIRST_NAME_FLOOR), np.minimum(direct, 0.6), direct)
    direct = np.where(surname < FIRST_NAME_FLOOR, np.minimum(direct, 0.6), direct)
    swapped = np.where(
        np.minimum(cross_first, cross_last) < FIRST_NAME_FLOOR, np.minimum(swapped, 0.6), swapped
    )
    return np.maximum(direct, swapped)


def _score(a: pd.DataFrame, b: pd.DataFrame, pairs: pd.DataFrame) -> pd.DataFrame:
    import numpy as np

    li, ri = pairs["li"].to_numpy(), pairs["ri"].to_numpy()
    out = pairs.copy()
    out["name_similarity"] = _name_similarity(a, b, li, ri)
    total = WEIGHTS["name"] * out["name_similarity"].to_numpy()
    weight = np.full(len(out), WEIGHTS["name"])
    for role in ("date_of_birth", "postcode", "uprn"):
        if role not in a or role not in b:
            continue
        va, vb = a[role].to_numpy()[li], b[role].to_numpy()[ri]
        known = ~(a[role].isna().to_numpy()[li] | b[role].isna().to_numpy()[ri])
        agree = known & (va == vb)
        out[f"{role}_agrees"] = np.where(known, agree, None)
        total = total + WEIGHTS[role] * agree
        # People move: a different postcode or UPRN counts against a pair only half as much.
        soft = 0.5 if role in {"postcode", "uprn"} else 1.0
        weight = weight + WEIGHTS[role] * np.where(agree, 1.0, soft * known)
    out["score"] = total / weight
    return out


def _one_to_one(scored: pd.DataFrame) -> pd.DataFrame:
    ranked = scored.sort_values(["score", "li", "ri"], ascending=[False, True, True], kind="stable")
    ranked = ranked.drop_duplicates("li").drop_duplicates("ri")
    return ranked.sort_values(["li", "ri"], kind="stable")


class MatchReport(Report):
    """The result of :func:`match_people`: the matched pairs and how good they are."""

    kind = "MatchReport"

    def __init__(
        self,
        pairs: pd.DataFrame,
        n_left: int,
        n_right: int,
        n_candidates: int,
        threshold: float,
        precision: float | None,
        recall: float | None,
        n_true: int | None,
    ) -> None:
        self.pairs = pairs
        self.n_left, self.n_right = n_left, n_right
        self.n_candidates = n_candidates
        self.threshold = threshold
        self.precision, self.recall, self.n_true = precision, recall, n_true
        matches = pairs[pairs["decision"] == "match"]
        possible = pairs[pairs["decision"] == "possible"]
        summary = (
            f"labkit compared {plural(n_left, 'person', 'people')} with "
            f"{plural(n_right, 'person', 'people')}. Blocking cut the "
            f"{count(n_left * n_right)} possible comparisons to {count(n_candidates)}. "
            f"{plural(len(matches), 'pair')} scored {num(threshold)} or more and "
            f"{'is' if len(matches) == 1 else 'are'} treated as the same person; {count(len(possible))} more "
            f"{'is a possible match' if len(possible) == 1 else 'are possible matches'} "
            "for a person to review."
        )
        if precision is not None and recall is not None:
            summary += (
                f" Against the {plural(n_true or 0, 'known true pair')}, precision is {pct(precision)} "
                f"(matches that are right) and recall is {pct(recall)} (true pairs found)."
            )
        shown = pairs.head(20)
        sections = [
            Section(
                "How the matching works",
                "Only people who share a date of birth, a UPRN, or a postcode and name initials are "
                "compared (blocking). Each pair scores 0 to 1: name similarity counts 45%, date of birth "
                "30%, postcode 15% and UPRN 10%; a field missing on either side is left out, and a "
                "different postcode or UPRN counts only half against a pair, because people move. "
                "Each person is matched at most once, to their best-scoring partner.",
            ),
            Section("Pairs", tables=[Table("The first 20 pairs, with their scores", shown)]),
        ]
        super().__init__("Matching people across records", summary, sections, frame=pairs)

    def _extra_dict(self) -> dict[str, Any]:
        return {
            "n_left": self.n_left,
            "n_right": self.n_right,
            "n_candidates": self.n_candidates,
            "threshold": self.threshold,
            "precision": self.precision,
            "recall": self.recall,
            "n_matches": int((self.pairs["decision"] == "match").sum()),
        }

    @property
    def matches(self) -> pd.DataFrame:
        """The pairs treated as the same person."""
        return self.pairs[self.pairs["decision"] == "match"].reset_index(drop=True)


def match_people(
    left: pd.DataFrame,
    right: pd.DataFrame | None = None,
    *,
    left_columns: dict[str, str] | None = None,
    right_columns: dict[str, str] | None = None,
    threshold: float = 0.8,
    review_threshold: float = 0.65,
    truth: pd.DataFrame | None = None,
) -> MatchReport:
    """Find the same people in two tables (or repeated people in one).

    Parameters
    ----------
    left, right : DataFrame
        Records about people, for example housing tenants and council-tax
        payers. With ``right=None`` labkit looks for people recorded twice in
        ``left`` under different IDs. Neither table is changed.
    left_columns, right_columns : dict, optional
        Which column plays each role: ``id`` and ``name`` (required) and
        ``date_of_birth``, ``postcode``, ``uprn`` (optional, but matching on a
        name alone is weak). Common names such as
        ``tenant_name`` or ``dob`` are found without help.
    threshold : float
        Pairs scoring at least this are matches (0 to 1; default 0.8).
    review_threshold : float
        Pairs scoring at least this, but below ``threshold``, are listed as
        possible matches for a person to review.
    truth : DataFrame, optional
        The known true pairs, with columns ``left_id`` and ``right_id``; then
        the report gives precision and recall.

    Returns
    -------
    MatchReport
        ``pairs`` has ``left_id``, ``right_id``, ``score``, ``name_similarity``,
        the agreement of each other field, and ``decision`` ("match" or "possible").

    Examples
    --------
    >>> import pandas as pd
    >>> from labkit.quality import match_people
    >>> housing = pd.DataFrame({"tenant_id": ["T1", "T2"], "tenant_name": ["Amina Khan", "Joe Bloggs"],
    ...                         "dob": ["1980-02-01", "1975-06-30"], "postcode": ["ZX1 2AB", "ZX3 4DE"]})
    >>> tax = pd.DataFrame({"account_id": ["C9"], "name": ["Aminah Khan"], "dob": ["1980-02-01"],
    ...                     "postcode": ["ZX1 2AB"]})
    >>> match_people(housing, tax).matches[["left_id", "right_id"]].values.tolist()
    [['T1', 'C9']]
    """
    import numpy as np
    import pandas as pd

    from labkit.quality._validate import require_frame

    require_frame(left, "left")
    same = right is None
    if not same:
        require_frame(right, "right")
    for name, value in (("threshold", threshold), ("review_threshold", review_threshold)):
        if not isinstance(value, (int, float)) or not 0 <= value <= 1:
            raise LabkitError(
                f"{name} must be a number from 0 to 1, not {value!r}.",
                where=f"parameter {name}",
                fix=f"Pass e.g. {name}=0.8.",
            )
    lcols = _guess_columns(left, left_columns, "left_columns")
    rcols = lcols if same else _guess_columns(right, right_columns, "right_columns")
    a = _people(left, lcols)
    b = a if same else _people(right, rcols)
    pairs = _candidates(a, b, same)
    scored = _score(a, b, pairs) if len(pairs) else pairs.assign(score=[], name_similarity=[])
    if same:
        scored = scored[
            a["id"].to_numpy()[scored["li"].to_numpy()] != b["id"].to_numpy()[scored["ri"].to_numpy()]
        ]
    kept = scored[scored["score"] >= min(review_threshold, threshold)]
    if not same:
        kept = _one_to_one(kept)
    out = pd.DataFrame(
        {
            "left_id": a["id"].to_numpy()[kept["li"].to_numpy()],
            "right_id": b["id"].to_numpy()[kept["ri"].to_numpy()],
            "score": kept["score"].round(3).to_numpy(),
            "name_similarity": kept["name_similarity"].round(3).to_numpy(),
        }
    )
    for role in ("date_of_birth", "postcode", "uprn"):
        if f"{role}_agrees" in kept:
            out[f"{role}_agrees"] = kept[f"{role}_agrees"].to_numpy()
    out["decision"] = np.where(out["score"] >= threshold, "match", "possible")
    out = out.sort_values(["score", "left_id"], ascending=[False, True], kind="stable").reset_index(drop=True)
    precision = recall = None
    n_true = None
    if truth is not None:
        precision, recall, n_true = _against_truth(out, truth, same)
    return MatchReport(out, len(a), len(b), len(pairs), threshold, precision, recall, n_true)


def _against_truth(pairs: pd.DataFrame, truth: pd.DataFrame, same: bool) -> tuple[float, float, int]:
    from labkit.quality._validate import require_columns, require_frame

    require_frame(truth, "truth", allow_empty=True)
    require_columns(truth, ["left_id", "right_id"], "truth")

    def keyset(frame: pd.DataFrame) -> set[tuple[str, str]]:
        keys = zip(frame["left_id"].astype(str), frame["right_id"].astype(str), strict=True)
        return {tuple(sorted(k)) if same else k for k in keys}

    found = keyset(pairs[pairs["decision"] == "match"])
    true = keyset(truth)
    hit = len(found & true)
    precision = hit / len(found) if found else float("nan")
    recall = hit / len(true) if true else float("nan")
    return precision, recall, len(true)


def duplicate_person_mask(typed: pd.DataFrame, people: People) -> tuple[pd.Series, int]:
    """Rows whose person ID looks like a second ID for someone already in the table.

    Returns a boolean Series (True = fine) aligned with ``typed`` and the number of
    likely pairs of IDs.
    """
    cols = {"id": people.id, "name": people.name}
    for role in ("date_of_birth", "postcode", "uprn"):
        column = getattr(people, role)
        if column is not None and column in typed.columns:
            cols[role] = column
    report = match_people(typed, left_columns=cols)
    pairs = report.matches
    suspect = set(pairs["left_id"]) | set(pairs["right_id"])
    return ~typed[people.id].isin(list(suspect)), len(pairs)
