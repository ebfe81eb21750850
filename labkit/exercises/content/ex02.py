"""Exercise set 02: get your data in order.

Everyone (answered in boxes): the dimension a defect breaks, which audit finding
matters for a use, a rule a computer can check, what a fix cannot recover,
precision and recall of matching, whose records defects hurt, and the briefing
note's measure on data standards. Capable developer track: missing UPRNs, the
weakest dimension of an audit, ambiguous dates, duplicate people, legacy codes,
the missing month and what a fix left, each computed from the learner's own
synthetic housing repairs (any seed, any council) and its defect log, the answer key.
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


def _missing_month_in_words(defect_log) -> str:
    """The right month written the way people often write it ("September 2021"): a format mistake."""
    import datetime as dt

    return dt.datetime.strptime(_missing_month(defect_log), "%Y-%m").strftime("%B %Y")


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
            options=DIMENSIONS,
            check=OneOf(["Accuracy"], choices=DIMENSIONS, kind="the name of one of the six dimensions"),
            hints=[
                "The date is filled in, so it is not a completeness problem, and it is in the expected "
                "format. What is wrong with it?",
                "Which dimension is about whether the data matches reality?",
            ],
            solution="placeholder_dimension = 'Accuracy'",
            explanation="Accuracy is whether the data matches reality: the date is present and valid, but "
            "not true.",
            wrong=[
                Wrong("Completeness", "The value is there; the problem is that it is not true."),
                Wrong("Validity", "The value is a date in the right format; ask whether it is true."),
            ],
        ),
        Question(
            "q2",
            "How many repair jobs in `repairs` have no UPRN (the unique property reference number)?",
            variable="missing_uprn",
            track="developer",
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
            track="developer",
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
            track="developer",
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
            track="developer",
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
            track="developer",
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
            track="developer",
            widget="month",
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
                Wrong(_missing_month_in_words),
            ],
        ),
        Question(
            "q8",
            "Fill missing UPRNs from other repairs to the same property with "
            "`quality.fill_from_key(repairs, key='property_id', column='uprn')`. How many repair jobs still "
            "have no UPRN afterwards?",
            variable="still_missing",
            track="developer",
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
            "Your head of service asks how a written data standard, checked by an audit like the lesson's, "
            "answers the briefing note. Which of its proposed measures does it put into practice?",
            variable="measure",
            options=MEASURES,
            check=OneOf([MEASURES[0]], choices=MEASURES, kind="one of the measures in `measures`"),
            hints=[
                "The lesson's last key point names it.",
                "It is the measure about standards and resources for data quality.",
            ],
            solution="measure = measures[0]",
            explanation="A written standard sets the minimum the data must meet, and the audit checks it "
            "every time: the briefing note's first proposed measure, with the resources to keep it up.",
            wrong=[
                Wrong(MEASURES[1], "That measure is about defining problems and monitoring projects."),
                Wrong(MEASURES[2], "That measure is about suppliers and procurement."),
            ],
        ),
        Question(
            "q10",
            "You will report to the housing board each month's share of repair jobs that missed their "
            "target, from this extract. An audit finds these problems. Which must you fix, or state "
            "plainly, before the board sees the figures?",
            variable="finding_that_matters",
            options={
                "A": "One month of repairs is missing from the extract",
                "B": "Some tenants' names have extra spaces",
                "C": "Some tenants' dates of birth are recorded as 1900-01-01",
                "D": "Some ethnic groups are recorded in old four-letter codes",
            },
            check=OneOf(["A"], choices=["A", "B", "C", "D"], kind='one letter as text, like "A"'),
            hints=[
                "Which problems matter depends on what the data will be used for. Which one changes the "
                "monthly figures?",
            ],
            solution='finding_that_matters = "A"',
            explanation="A missing month shows as no jobs or a false drop in the monthly figures. The other "
            "problems matter for other uses (equality monitoring, contact), not for this report.",
            wrong=[
                Wrong(
                    "B",
                    "Extra spaces in names do not change any monthly figure: not every defect matters "
                    "for every use.",
                ),
                Wrong(
                    "C", "Dates of birth are not in this report. They would matter for an analysis by age."
                ),
                Wrong(
                    "D",
                    "Ethnicity codes matter for equality monitoring, but they do not change the monthly "
                    "share of missed targets.",
                ),
            ],
        ),
        Question(
            "q11",
            "Which of these rules could go in a data standard that a computer checks, like the lesson's "
            "YAML file?",
            variable="checkable_rule",
            options={
                "A": "Addresses should be of good quality",
                "B": "The UPRN is required and is a whole number of up to 12 digits",
                "C": "Staff should take care when they enter repair jobs",
                "D": "Every record must be true",
            },
            check=OneOf(["B"], choices=["A", "B", "C", "D"], kind='one letter as text, like "A"'),
            hints=["A computer can only check a rule that says exactly what a good value looks like."],
            solution='checkable_rule = "B"',
            explanation="A standard a computer can check says exactly what each value must be: here, "
            "required, digits only, at most 12 of them.",
            wrong=[
                Wrong("A", "'Good quality' is not something a computer can check: say what a good value is."),
                Wrong("C", "That is advice to staff, not a rule about the data."),
                Wrong(
                    "D",
                    "Whether a record is true (accurate) needs checking against reality; a data standard "
                    "checks what a value looks like.",
                ),
            ],
        ),
        Question(
            "q12",
            "A fix fills a job's missing UPRN from other repairs to the same property. Which jobs can it "
            "never fill?",
            variable="fix_limit",
            options={
                "A": "Jobs at a property where no other repair has a UPRN",
                "B": "Jobs reported by phone",
                "C": "Jobs whose UPRN is filled in already",
                "D": "None: the fix fills every missing UPRN",
            },
            check=OneOf(["A"], choices=["A", "B", "C", "D"], kind='one letter as text, like "A"'),
            hints=["The fix copies a UPRN it can already see. Where is there nothing to copy?"],
            solution='fix_limit = "A"',
            explanation="A fix can only copy what the data already holds; the rest needs a person, for "
            "example looking the address up in the gazetteer. Read the fix's log to see what it changed "
            "and what it left.",
            wrong=[
                Wrong("D", "A fix can only copy a UPRN that some other record of the property holds."),
                Wrong("C", "Those are not missing, so there is nothing to fill."),
                Wrong(
                    "B",
                    "How a job was reported does not matter to this fix; whether the property has "
                    "another record with a UPRN does.",
                ),
            ],
        ),
        Question(
            "q13",
            "A tool matches council tax records with housing records. Of the 100 pairs it says are the same "
            "person, 90 really are. There are 120 real pairs, and it found 90 of them. Which is right?",
            variable="matching_scores",
            options={
                "A": "Precision 75% and recall 90%",
                "B": "Precision 90% and recall 75%",
                "C": "Accuracy 90%, so it is good enough to merge records",
                "D": "Precision 90% and recall 90%",
            },
            check=OneOf(["B"], choices=["A", "B", "C", "D"], kind='one letter as text, like "A"'),
            hints=[
                "Precision: of the pairs the tool found, the share that are right. Recall: of the real "
                "pairs, the share the tool found.",
                "Precision divides by what the tool found (100); recall divides by what there is to find "
                "(120).",
            ],
            solution='matching_scores = "B"',
            explanation="90 of its 100 pairs are right (precision 90%); it found 90 of 120 real pairs "
            "(recall 75%). The 10 wrong pairs would merge two people's records.",
            wrong=[
                Wrong("A", "Those are swapped: precision divides by the pairs the tool found."),
                Wrong(
                    "C",
                    "One number hides the two kinds of mistake: wrong merges and missed pairs. Give "
                    "precision and recall.",
                ),
                Wrong("D", "Recall divides by the 120 real pairs, not by the 100 the tool found."),
            ],
        ),
        Question(
            "q14",
            "Old four-letter ethnicity codes (such as WBRI) are left unmapped in a few per cent of records, "
            "mostly older tenants'. What does this do to an equality audit of a repairs model?",
            variable="defect_harm",
            options={
                "A": "Nothing: a few per cent is too small to matter",
                "B": "Those tenants drop out of the group comparison or land in the wrong group, so "
                "unfairness to them can be hidden",
                "C": "It makes the model more accurate",
                "D": "It only affects the data team, who must tidy the codes",
            },
            check=OneOf(["B"], choices=["A", "B", "C", "D"], kind='one letter as text, like "A"'),
            hints=[
                "Whose records carry the defect, and what happens to them when results are split by group?"
            ],
            solution='defect_harm = "B"',
            explanation="Defects are rarely spread evenly: when they sit in one group's records, that "
            "group's results are the ones that are wrong or missing.",
            wrong=[
                Wrong(
                    "A",
                    "A few per cent overall can be a large share of one group, and that group is the one "
                    "the audit cannot see.",
                ),
                Wrong("D", "It reaches residents: their group's results in the audit are wrong or missing."),
                Wrong("C", "Unmapped codes do not make a model more accurate; they hide who it works for."),
            ],
        ),
    ],
    covers={
        "Describe data quality in the six dimensions": ["q1"],
        "Read a data-quality audit": ["q10", "q3"],
        "Write a data standard that a computer can check": ["q11"],
        "Fix common defects and review the log": ["q12", "q8"],
        "Find the same resident in two council systems": ["q13", "q5"],
        "Explain how defects change a model's results": ["q14"],
    },
    data={"repairs": _repairs, "defect_log": _defect_log, "measures": lambda seed, council: list(MEASURES)},
)
