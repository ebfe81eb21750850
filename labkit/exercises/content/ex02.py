"""Exercise set 02: get your data in order.

Questions on the six dimensions, missing UPRNs, the weakest dimension of an
audit, ambiguous dates, duplicate people, legacy codes, the missing month, what
a fix can and cannot recover, and the briefing note's measure on data
standards. Every expected answer is computed from the learner's own synthetic
housing repairs (any seed, any council) and its defect log, the answer key.
"""

from __future__ import annotations

import re
from functools import lru_cache

from labkit.exercises import Equals, ExerciseSet, OneOf, Question, Wrong

DIMENSIONS = ["Completeness", "Uniqueness", "Consistency", "Timeliness", "Validity", "Accuracy"]
MEASURES = [
    "Minimum mandatory data standards and dedicated resources for the maintenance of data quality",
    "Minimum mandatory guidance for problem definition and project progress monitoring",
    "Minimum mandatory supplier standards and flexible procurement",
    "A formal mechanism for collaboration across all local authorities",
]


@lru_cache(maxsize=4)
def _dataset(seed: int, council: str):
    from labkit import data

    return data.generate("housing_repairs", seed=seed, council=council)


def _repairs(seed, council):
    return _dataset(seed, council).dirty.copy()


def _defect_log(seed, council):
    return _dataset(seed, council).defect_log.copy()


@lru_cache(maxsize=4)
def _scores(seed: int, council: str):
    from labkit import quality

    report = quality.audit(_dataset(seed, council).dirty, quality.sandbox_standard("housing_repairs"))
    return report.dimensions.dropna(subset=["score"]).sort_values(["score", "dimension"], kind="stable")


def _worst(seed, council) -> str:
    return str(_scores(seed, council)["dimension"].iloc[0])


def _best(seed, council) -> str:
    return str(_scores(seed, council)["dimension"].iloc[-1])


def _ambiguous(repairs) -> int:
    from labkit import quality

    return len(quality.fix_dates(repairs, "reported_at").notes("ambiguous"))


def _not_iso(repairs) -> int:
    from labkit import quality

    return quality.fix_dates(repairs, "reported_at").n_changed


def _duplicated_people(defect_log) -> int:
    return int(defect_log.loc[defect_log["kind"] == "duplicate_person", "original"].nunique())


def _legacy_column(defect_log) -> str:
    legacy = defect_log.loc[defect_log["kind"] == "legacy_code", "column"].value_counts()
    return str(legacy.sort_index().sort_values(ascending=False, kind="stable").index[0])


def _missing_month(defect_log) -> str:
    detail = " ".join(defect_log.loc[defect_log["kind"] == "late_period", "detail"].astype(str))
    return re.findall(r"\d{4}-\d{2}", detail)[0]


def _first_month(repairs) -> str:
    return str(repairs["reported_at"].astype(str).str[:7].min())


def _still_missing(repairs) -> int:
    from labkit import quality

    return int(quality.fill_from_key(repairs, key="property_id", column="uprn").data["uprn"].isna().sum())


def _filled(repairs) -> int:
    from labkit import quality

    return quality.fill_from_key(repairs, key="property_id", column="uprn").n_changed


EXERCISES = ExerciseSet(
    "02",
    "Get your data in order: exercises",
    [
        Question(
            "q1",
            "A tenant's date of birth is recorded as 1900-01-01 because the real one was not known. The "
            "value is a real date in the right format. Which dimension of the Government Data Quality "
            "Framework does it break?",
            variable="placeholder_dimension",
            check=OneOf(["Accuracy"], choices=DIMENSIONS, kind="the name of one of the six dimensions"),
            hints=[
                "The date is filled in, so it is not a completeness problem, and it is in the expected "
                "format. What is wrong with it?",
                "Which dimension is about whether the data matches reality?",
            ],
            solution="placeholder_dimension = 'Accuracy'",
            wrong=[
                Wrong("Completeness", "The value is there; the problem is that it is not true."),
                Wrong("Validity", "The value is a date in the right format; ask whether it is true."),
            ],
        ),
        Question(
            "q2",
            "How many repair jobs in `repairs` have no UPRN (the unique property reference number)?",
            variable="missing_uprn",
            check=Equals(lambda repairs: int(repairs["uprn"].isna().sum()), kind="a count of repair jobs"),
            hints=[
                "Missing values show as <NA>. `.isna()` finds them.",
                "`repairs['uprn'].isna()` is True for each job with no UPRN; `.sum()` counts the Trues.",
            ],
            solution="missing_uprn = repairs['uprn'].isna().sum()",
            wrong=[
                Wrong(lambda repairs: len(repairs), "That is every repair job, not only those with no UPRN."),
                Wrong(
                    lambda repairs: int(repairs["uprn"].notna().sum()), "That counts jobs that have a UPRN."
                ),
            ],
        ),
        Question(
            "q3",
            "Audit `repairs` against the sandbox standard, "
            "`quality.audit(repairs, quality.sandbox_standard('housing_repairs'))`. Which dimension has the "
            "lowest score?",
            variable="weakest_dimension",
            check=OneOf(
                lambda seed, council: [_worst(seed, council)], choices=DIMENSIONS, kind="a dimension"
            ),
            hints=[
                "The report's `dimensions` table has a `score` for each dimension.",
                "Sort `report.dimensions` by `score` and take the `dimension` of the first row.",
            ],
            solution=(
                "report = quality.audit(repairs, quality.sandbox_standard('housing_repairs'))\n"
                "weakest_dimension = report.dimensions.sort_values('score')['dimension'].iloc[0]"
            ),
            wrong=[
                Wrong(
                    lambda seed, council: _best(seed, council), "That is the dimension with the best score."
                )
            ],
        ),
        Question(
            "q4",
            "Convert `reported_at` with `quality.fix_dates(repairs, 'reported_at')`. How many dates could be "
            "read in two ways (such as 03/04/2024) and need checking by a person?",
            variable="ambiguous_dates",
            check=Equals(_ambiguous, kind="a count of dates"),
            hints=[
                "The fix returns a report; its `notes()` method finds changes by the words in their note.",
                "`quality.fix_dates(repairs, 'reported_at').notes('ambiguous')` lists them; count its rows.",
            ],
            solution="ambiguous_dates = len(quality.fix_dates(repairs, 'reported_at').notes('ambiguous'))",
            wrong=[
                Wrong(
                    _not_iso, "That counts every date not written YYYY-MM-DD; only some can be read two ways."
                ),
                Wrong(lambda repairs: len(repairs), "That is every repair job."),
            ],
        ),
        Question(
            "q5",
            "The defect log `defect_log` is the answer key of the sandbox. How many *people* were given a "
            "second tenant ID (kind `duplicate_person`)?",
            variable="duplicated_people",
            check=Equals(_duplicated_people, kind="a count of people"),
            hints=[
                "Each row of the log with kind `duplicate_person` is one repair job recorded under a second "
                "ID; the `original` column holds the person's first ID.",
                "Select the `duplicate_person` rows and count the distinct values of `original` with "
                "`.nunique()`.",
            ],
            solution=(
                "duplicated_people = defect_log.loc[defect_log['kind'] == 'duplicate_person', "
                "'original'].nunique()"
            ),
            wrong=[
                Wrong(
                    lambda defect_log: int((defect_log["kind"] == "duplicate_person").sum()),
                    "That counts repair jobs; one person can have several jobs under the second ID.",
                ),
                Wrong(lambda repairs: int(repairs["tenant_id"].nunique()), "That counts every tenant ID."),
            ],
        ),
        Question(
            "q6",
            "Which column has the most legacy codes (kind `legacy_code` in `defect_log`)?",
            variable="legacy_column",
            check=OneOf(
                lambda defect_log: [_legacy_column(defect_log)],
                choices=["tenant_ethnic_group", "tenant_sex", "tenant_disability"],
                kind="a column name",
            ),
            hints=[
                "Select the `legacy_code` rows of the log and count them by `column`.",
                "`.value_counts()` on the `column` of those rows puts the most common first.",
            ],
            solution=(
                "legacy = defect_log[defect_log['kind'] == 'legacy_code']\n"
                "legacy_column = legacy['column'].value_counts().index[0]"
            ),
            wrong=[Wrong("tenant_name", "Names are not coded; look at the columns that hold codes.")],
        ),
        Question(
            "q7",
            "One month of repairs is missing from the extract (a Timeliness problem). Which month? Answer as "
            "text in the form YYYY-MM, for example '2023-01'.",
            variable="missing_month",
            check=Equals(_missing_month, kind="a month written YYYY-MM"),
            hints=[
                "The audit's findings include a Timeliness finding that names the month; so does the defect "
                "log (kind `late_period`).",
                "Look at `report.findings` for the row whose `dimension` is Timeliness, or at the "
                "`detail` of the `late_period` row of `defect_log`.",
            ],
            solution=(
                "missing_month = report.findings.loc[report.findings['kind'] == 'periods', 'values'].iloc[0]"
            ),
            wrong=[
                Wrong(_first_month, "That is the first month of the data, which is there."),
                Wrong("2021-04", "Repairs from that month are in the extract."),
            ],
        ),
        Question(
            "q8",
            "Fill missing UPRNs from other repairs to the same property with "
            "`quality.fill_from_key(repairs, key='property_id', column='uprn')`. How many repair jobs still "
            "have no UPRN afterwards?",
            variable="still_missing",
            check=Equals(_still_missing, kind="a count of repair jobs"),
            hints=[
                "The fix returns a report; the fixed table is its `data`.",
                "Count the missing values of `uprn` in `result.data`.",
            ],
            solution=(
                "result = quality.fill_from_key(repairs, key='property_id', column='uprn')\n"
                "still_missing = result.data['uprn'].isna().sum()"
            ),
            wrong=[
                Wrong(
                    lambda repairs: int(repairs["uprn"].isna().sum()), "That is the number before the fix."
                ),
                Wrong(_filled, "That is the number the fix filled in, not the number left."),
            ],
        ),
        Question(
            "q9",
            "Which of the briefing note's proposed measures does a data standard, with an audit like this "
            "one, put into practice? Copy the measure's text from `measures`.",
            variable="measure",
            check=OneOf([MEASURES[0]], choices=MEASURES, kind="one of the measures in `measures`"),
            hints=[
                "The lesson's last key point names it.",
                "It is the measure about standards and resources for data quality.",
            ],
            solution="measure = measures[0]",
            wrong=[
                Wrong(MEASURES[1], "That measure is about defining problems and monitoring projects."),
                Wrong(MEASURES[2], "That measure is about suppliers and procurement."),
            ],
        ),
    ],
    data={"repairs": _repairs, "defect_log": _defect_log, "measures": lambda seed, council: list(MEASURES)},
)
