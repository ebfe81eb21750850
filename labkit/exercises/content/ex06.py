"""Exercise set 06: fairness and equality.

Questions on the equality duty and the Bridges case, then an audit of a
simple deprivation rule on the learner's own synthetic repairs data, checked
against the planted truths: ethnic minority households cluster in deprived
areas (so area deprivation is a proxy for ethnic group), and disability
raises missed targets only through no-access visits (a mediator). Then
"not defined" against fairlearn's 0, choosing a measure for a punitive
decision, a biased label, and what the law asks of an Equality Impact
Assessment.
"""

from __future__ import annotations

from labkit.exercises import Equals, ExerciseSet, OneOf, Question, Wrong

_WHITE = "White"
_ETHNIC = "tenant_ethnic_group_5"
_CANDIDATES = ["imd_decile", "trade", "priority", "channel"]


def _repairs(seed, council):
    from labkit import data

    return data.generate("housing_repairs", seed=seed, council=council).clean


def _homeless(seed, council):
    from labkit import data

    return data.generate("homelessness", seed=seed, council=council).clean


def _gap_for(homeless, interpreter: bool) -> float:
    """Percentage points by which the recorded success rate falls short of the true rate."""
    rows = homeless["interpreter_needed"].astype(bool) == interpreter
    recorded = homeless.loc[rows, "accommodation_secured"].astype(float).mean()
    true = homeless.loc[rows, "latent_accommodation_secured"].astype(float).mean()
    return float(100 * (true - recorded))


def _record_gap(homeless):
    return _gap_for(homeless, True)


def _rule(repairs):
    """The deprivation rule of questions 4 to 7: an early check for every repair in IMD deciles 1 to 3."""
    return (repairs["imd_decile"] <= 3).fillna(False).astype(bool)


def _selection(repairs):
    return _rule(repairs).groupby(repairs[_ETHNIC], observed=True).mean()


def _strongest_proxy(repairs):
    from labkit.fairness import find_proxies

    return [str(find_proxies(repairs, _ETHNIC, _CANDIDATES).table["column"].iloc[0])]


def _white_selection(repairs):
    return float(_selection(repairs)[_WHITE])


def _highest_group(repairs):
    return [str(_selection(repairs).idxmax())]


def _white_rates(repairs):
    white = repairs[_ETHNIC] == _WHITE
    missed = repairs["target_missed"].astype(bool)
    flagged = _rule(repairs)
    fnr = float((~flagged[white & missed]).mean())
    fpr = float(flagged[white & ~missed].mean())
    return fnr, fpr


def _white_fnr(repairs):
    return _white_rates(repairs)[0]


def _four_fifths_ratio(repairs):
    sel = _selection(repairs)
    return float(sel[_WHITE] / sel.max())


_NOT_DEFINED = ["not defined", "undefined", "nan", "none", "not a number", "cannot be calculated"]

EXERCISES = ExerciseSet(
    "06",
    "Fairness and equality: exercises",
    [
        Question(
            "q1",
            "Which section of the Equality Act 2010 sets out the Public Sector Equality Duty? "
            "Answer with the section number.",
            variable="duty_section",
            check=Equals(149, kind="a section number of the Equality Act 2010"),
            hints=[
                "It is the section that asks public bodies to have 'due regard' to three aims.",
                "It is in the 140s.",
            ],
            solution="duty_section = 149",
            wrong=[
                Wrong(4, "Section 4 lists the protected characteristics. The duty comes later in the Act."),
                Wrong(6, "Section 6 defines disability. The duty comes later in the Act."),
            ],
        ),
        Question(
            "q2",
            "In R (Bridges) v Chief Constable of South Wales Police [2020] EWCA Civ 1058, why did the "
            "Court of "
            "Appeal find that the force breached the Public Sector Equality Duty? Answer with one letter.\n"
            "A. Its facial-recognition software was proved to be biased against women.\n"
            "B. It had not taken reasonable steps to find out whether the software had a race or sex bias.\n"
            "C. It had not published the software's source code.\n"
            "D. It had not written an Equality Impact Assessment in the form the Act requires.",
            variable="bridges",
            check=OneOf(["B"], choices=["A", "B", "C", "D"], kind="one letter, A to D, in quotes"),
            hints=[
                "The breach was about what the force did not find out, not about what it found.",
                "No statute requires an EqIA by that name, and bias was never proved.",
            ],
            solution='bridges = "B"',
            explanation="The duty asks you to find out, and it is continuing: keep checking after launch.",
            wrong=[
                Wrong("A", "Bias was never proved in the case: the breach was about not finding out."),
                Wrong("D", "No statute in England requires a document called an Equality Impact Assessment."),
            ],
        ),
        Question(
            "q3",
            "Capable developer track. Which of the columns imd_decile, trade, priority and channel is most "
            "strongly linked to tenant_ethnic_group_5 in your repairs table? Answer with the column's name "
            "as "
            "text.",
            variable="strongest_proxy",
            check=OneOf(_strongest_proxy, choices=_CANDIDATES, kind="a column name as text"),
            hints=[
                "labkit.fairness.find_proxies(repairs, 'tenant_ethnic_group_5', [...]) ranks columns by "
                "Cramér's V, strongest first.",
                "Pass the four column names as the third argument, then read the first row of .table.",
            ],
            solution=(
                "from labkit.fairness import find_proxies\n"
                "proxies = find_proxies(repairs, 'tenant_ethnic_group_5', ['imd_decile', 'trade', "
                "'priority', "
                "'channel'])\n"
                "strongest_proxy = proxies.table['column'].iloc[0]"
            ),
            wrong=[
                Wrong("trade", "The trade of a repair has almost nothing to do with who the tenant is."),
                Wrong("channel", "How the repair was reported is only weakly linked to ethnic group here."),
            ],
        ),
        Question(
            "q4",
            "Capable developer track. A supplier proposes a simple rule: give an early check to every repair "
            "in the three most deprived deciles (imd_decile 1 to 3). Under this rule, what share of the "
            "repairs of tenants in the White group (tenant_ethnic_group_5) would get an early check? Give a "
            "proportion between 0 and 1.",
            variable="white_selection_rate",
            check=Equals(_white_selection, tolerance=0.0005, kind="a proportion between 0 and 1"),
            hints=[
                "The rule's decision for each repair is repairs['imd_decile'] <= 3.",
                "Keep only the rows where tenant_ethnic_group_5 is 'White', then take the mean of the rule.",
            ],
            solution=(
                "flagged = repairs['imd_decile'] <= 3\n"
                "white = repairs['tenant_ethnic_group_5'] == 'White'\n"
                "white_selection_rate = flagged[white].mean()"
            ),
            wrong=[
                Wrong(
                    lambda repairs: 100 * _white_selection(repairs), "Give a proportion, not a percentage."
                ),
                Wrong(
                    lambda repairs: float(_rule(repairs).mean()),
                    "That is the share for every tenant. The question asks about the White group only.",
                ),
                Wrong(
                    lambda repairs: 1 - _white_selection(repairs),
                    "That is the share that would not get an early check.",
                ),
            ],
        ),
        Question(
            "q5",
            "Capable developer track. Under the same rule, which ethnic group (tenant_ethnic_group_5) has "
            "the "
            "highest share of repairs given an early check? Answer with the group's name as text, exactly as "
            "it appears in the data.",
            variable="highest_group",
            check=OneOf(_highest_group, kind="an ethnic group's name as text"),
            hints=[
                "Group the rule's decisions by tenant_ethnic_group_5 and take the mean of each group.",
                "flagged.groupby(repairs['tenant_ethnic_group_5'], observed=True).mean().idxmax()",
            ],
            solution=(
                "flagged = repairs['imd_decile'] <= 3\n"
                "highest_group = flagged.groupby(repairs['tenant_ethnic_group_5'], "
                "observed=True).mean().idxmax()"
            ),
            wrong=[
                Wrong(
                    "White",
                    "White tenants are less likely than others to live in the most deprived areas here.",
                )
            ],
        ),
        Question(
            "q6",
            "Capable developer track. Of the White group's repairs that really missed their target, what "
            "share "
            "does the rule fail to give an early check (the false negative rate)? Give a proportion "
            "between 0 "
            "and 1.",
            variable="white_fnr",
            check=Equals(_white_fnr, tolerance=0.0005, kind="a proportion between 0 and 1"),
            hints=[
                "Keep the rows where the tenant is White and target_missed is True.",
                "Of those rows, the share where the rule's decision is False is the false negative rate.",
            ],
            solution=(
                "flagged = repairs['imd_decile'] <= 3\n"
                "white_missed = (repairs['tenant_ethnic_group_5'] == 'White') & repairs['target_missed']\n"
                "white_fnr = (~flagged[white_missed]).mean()"
            ),
            wrong=[
                Wrong(
                    lambda repairs: 1 - _white_fnr(repairs),
                    "That is the share the rule does pick out (the true positive rate).",
                ),
                Wrong(
                    lambda repairs: _white_rates(repairs)[1],
                    "That is the false positive rate: it looks at repairs that met their target.",
                ),
            ],
        ),
        Question(
            "q7",
            "Capable developer track. The four-fifths rule compares each group's selection rate with the "
            "highest group's. Under the rule, what is the White group's selection rate divided by the "
            "highest "
            "group's? Give a number between 0 and 1.",
            variable="white_ratio",
            check=Equals(_four_fifths_ratio, tolerance=0.005, kind="a ratio between 0 and 1"),
            hints=[
                "You found the White group's rate in question 4 and the highest group in question 5.",
                "Divide the White group's selection rate by the largest of the groups' selection rates.",
            ],
            solution=(
                "rates = (repairs['imd_decile'] <= 3).groupby(repairs['tenant_ethnic_group_5'], "
                "observed=True).mean()\n"
                "white_ratio = rates['White'] / rates.max()"
            ),
            wrong=[
                Wrong(
                    lambda repairs: 1 / _four_fifths_ratio(repairs),
                    "That is the highest group's rate over the White group's: turn the division round.",
                ),
                Wrong(
                    lambda repairs: float(_selection(repairs).max() - _selection(repairs)[_WHITE]),
                    "That is a difference. The four-fifths rule uses a ratio: divide instead.",
                ),
            ],
        ),
        Question(
            "q8",
            "In the repairs data, disabled tenants' repairs miss their target more often, although "
            "disability "
            "has no direct effect on the outcome. Which column carries the effect (the mediator)? Answer "
            "with "
            "the column's name as text.",
            variable="mediator",
            check=OneOf(
                ["no_access_visits"],
                choices=["no_access_visits", "imd_decile", "tenant_age", "priority", "trade", "channel"],
                kind="a column name as text",
            ),
            hints=[
                "Think about what happens when an operative arrives and cannot get into the home.",
                "Compare the mean of each numeric column between disabled and non-disabled tenants.",
            ],
            solution='mediator = "no_access_visits"',
            wrong=[
                Wrong("imd_decile", "Deprivation is the route for ethnic group, not for disability, here."),
                Wrong("tenant_age", "Age goes with disability, but it is not what makes repairs late here."),
            ],
        ),
        Question(
            "q9",
            "A group has no repairs that missed their target. fairlearn's MetricFrame reports its false "
            "negative rate as 0. What is the rate really? Answer in words, as text.",
            variable="fnr_no_positives",
            check=OneOf(_NOT_DEFINED, kind="a few words as text"),
            hints=[
                "The false negative rate divides the missed cases by all the cases that really had the "
                "outcome.",
                "How many cases are there to divide by?",
            ],
            solution='fnr_no_positives = "not defined"',
            wrong=[
                Wrong(
                    0, "0 looks like a perfect result, but there was nothing to miss: the rate has no value."
                ),
                Wrong("zero", "0 looks like a perfect result, but there was nothing to miss."),
            ],
        ),
        Question(
            "q10",
            "A council tax team wants a model that refers households to enforcement agents. Wrongly "
            "referring a "
            "household that would have paid is the worse mistake. Which measure should the model be held to "
            "first? Answer with one letter.\n"
            "A. Selection-rate parity\n"
            "B. Equal opportunity (equal true positive rates)\n"
            "C. Equal false positive rates\n"
            "D. Calibration within groups",
            variable="enforcement_measure",
            check=OneOf(["C"], choices=["A", "B", "C", "D"], kind="one letter, A to D, in quotes"),
            hints=[
                "Being referred burdens the resident: it is a punitive decision.",
                "Which measure looks only at the people who did not deserve to be picked out?",
            ],
            solution='enforcement_measure = "C"',
            explanation='recommend_measures(kind="punitive", worse_error="wrongly_flagged") gives the same.',
            wrong=[
                Wrong(
                    "B",
                    "Equal opportunity is about missing people in need: the worse mistake here is the "
                    "other one.",
                ),
                Wrong("A", "Equal selection rates ignore who is wrongly referred."),
            ],
        ),
        Question(
            "q11",
            "A supplier's homelessness score was trained on records where 'contact lost' counts as a failed "
            "case, and contact is lost more often when a household needs an interpreter. Which check can "
            "show "
            "that the score treats these households unfairly? Answer with one letter.\n"
            "A. Equal true positive rates, measured against the same records\n"
            "B. Comparing a sample of case files with what the records say happened\n"
            "C. The model's accuracy on the records\n"
            "D. The four-fifths rule, measured against the records' outcomes",
            variable="label_bias_check",
            check=OneOf(["B"], choices=["A", "B", "C", "D"], kind="one letter, A to D, in quotes"),
            hints=[
                "If the yardstick is biased, measuring against the yardstick cannot show it.",
                "Which option looks outside the records?",
            ],
            solution='label_bias_check = "B"',
            wrong=[
                Wrong("A", "Error rates against the biased records inherit the same bias."),
                Wrong("C", "Accuracy against the biased records rewards copying the bias."),
            ],
        ),
        Question(
            "q12",
            "True or False: a statute in England requires councils to write a document called an Equality "
            "Impact Assessment. Answer True or False (without quotes).",
            variable="eqia_required",
            check=Equals(False, kind="True or False"),
            hints=["What the law requires is 'due regard'. How you show it is up to the council."],
            solution="eqia_required = False",
            explanation="No statute requires it by that name, but it is the usual way to show due regard.",
            wrong=[
                Wrong(True, "The law asks for due regard; an EqIA is the usual way to show it, not a duty.")
            ],
        ),
        Question(
            "q13",
            "Capable developer track. Your table homeless holds synthetic homelessness cases. "
            "accommodation_secured is the outcome as recorded; latent_accommodation_secured is the true "
            "outcome, which only synthetic data can show. For households needing an interpreter "
            "(interpreter_needed is True), by how many percentage points is the recorded success rate lower "
            "than the true success rate? Give a number of percentage points, for example 3.5.",
            variable="record_gap",
            check=Equals(_record_gap, tolerance=0.05, kind="a number of percentage points"),
            hints=[
                "Keep the rows where interpreter_needed is True, then take the mean of each of the two "
                "columns.",
                "Subtract the recorded rate from the true rate, and multiply by 100 to get percentage "
                "points.",
            ],
            solution=(
                'needs = homeless[homeless["interpreter_needed"]]\n'
                'record_gap = 100 * (needs["latent_accommodation_secured"].mean() - '
                'needs["accommodation_secured"].mean())'
            ),
            explanation="Contact lost is recorded more often for these households, so the record "
            "under-counts their successes: a score trained on it learns that false lesson.",
            wrong=[
                Wrong(
                    lambda homeless: _record_gap(homeless) / 100,
                    "That is a proportion. Give percentage points: multiply by 100.",
                ),
                Wrong(
                    lambda homeless: _gap_for(homeless, False),
                    "That is the gap for households that did not need an interpreter.",
                ),
                Wrong(
                    lambda homeless: -_record_gap(homeless),
                    "The recorded rate is the lower one: subtract it from the true rate.",
                ),
            ],
        ),
    ],
    data={"repairs": _repairs, "homeless": _homeless},
)
