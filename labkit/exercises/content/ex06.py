"""Exercise set 06: fairness and equality.

Everyone (answered in boxes): what the equality duty asks and what Bridges
added, the mediator, "not defined" against fairlearn's 0, a measure for a
punitive decision, a biased label, the Equality Impact Assessment, a small
group's uncertain rate, proxies, nationality as an input, a mitigation's
trade-off and the evidence an EqIA needs. Capable developer track: an audit of
a simple deprivation rule on the learner's own synthetic repairs data, checked
against the planted truths (ethnic minority households cluster in deprived
areas, so area deprivation is a proxy for ethnic group), and a biased record in
the homelessness data.
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
            "A council plans to use a model to decide which repairs get an early check. What does the Public "
            "Sector Equality Duty (Equality Act 2010, section 149) ask of it?",
            variable="duty_asks",
            options={
                "A": "Nothing, as long as the model does not use protected characteristics as inputs",
                "B": "Due regard, before and while the model is used, to the need to eliminate "
                "discrimination, advance equality of opportunity and foster good relations: so it must find "
                "out how the model affects different groups",
                "C": "A document called an Equality Impact Assessment, which a statute requires by that name",
                "D": "Publishing the model's source code",
            },
            check=OneOf(["B"], choices=["A", "B", "C", "D"], kind='one letter as text, like "A"'),
            hints=[
                "The duty is about what the council pays attention to, and when.",
                "A model can treat groups differently without ever seeing the characteristic. How would the "
                "council know?",
            ],
            solution='duty_asks = "B"',
            explanation="The duty is 'due regard' to its three aims, and it continues while the model is "
            "used. Finding out how the model affects groups is how a council shows it.",
            wrong=[
                Wrong(
                    "A",
                    "Leaving protected characteristics out does not stop a model treating groups "
                    "differently, through proxies; the duty asks the council to find out.",
                ),
                Wrong(
                    "C",
                    "No statute in England requires a document by that name; an Equality Impact Assessment "
                    "is the usual way to show due regard.",
                ),
                Wrong("D", "Publishing code is not what the duty asks: it asks for due regard to its aims."),
            ],
        ),
        Question(
            "q2",
            "In R (Bridges) v Chief Constable of South Wales Police [2020] EWCA Civ 1058, why did the "
            "Court of "
            "Appeal find that the force breached the Public Sector Equality Duty?",
            variable="bridges",
            options={
                "A": "Its facial-recognition software was proved to be biased against women",
                "B": "It had not taken reasonable steps to find out whether the software had a race "
                "or sex bias",
                "C": "It had not published the software's source code",
                "D": "It had not written an Equality Impact Assessment in the form the Act requires",
            },
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
            track="developer",
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
            track="developer",
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
            track="developer",
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
            track="developer",
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
            track="developer",
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
            "has no direct effect on the outcome. Which column carries the effect (the mediator)?",
            variable="mediator",
            options=["no_access_visits", "imd_decile", "tenant_age", "priority", "trade", "channel"],
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
            explanation="In the sandbox data, operatives more often cannot get into disabled tenants' homes, "
            "and no-access visits make a missed target more likely. A rule that uses no-access "
            "visits can pick out disabled tenants without "
            "ever seeing disability.",
            wrong=[
                Wrong("imd_decile", "Deprivation is the route for ethnic group, not for disability, here."),
                Wrong("tenant_age", "Age goes with disability, but it is not what makes repairs late here."),
            ],
        ),
        Question(
            "q9",
            "In an audit, one group has no repairs that missed their target. fairlearn's MetricFrame reports "
            "its false negative rate as 0. What is the rate really, and what should the report say?",
            variable="fnr_no_positives",
            options={
                "A": "0: the model made no mistakes for this group",
                "B": "Not defined: there were no late repairs to miss, so the report should say there is no "
                "evidence either way",
                "C": "1: the model missed everything",
                "D": "The same as the other groups' average",
            },
            check=OneOf(["B"], choices=["A", "B", "C", "D"], kind='one letter as text, like "A"'),
            hints=[
                "The false negative rate divides the missed cases by all the cases that really had the "
                "outcome.",
                "How many cases are there to divide by?",
            ],
            solution='fnr_no_positives = "B"',
            explanation="With nothing to divide by, the rate has no value. A 0 in a table looks "
            "like a perfect "
            "result and hides that there is no evidence.",
            wrong=[
                Wrong(
                    "A",
                    "0 looks like a perfect result, but there was nothing to miss: the rate has no value.",
                ),
                Wrong("C", "Nothing was missed, because there was nothing to miss: the rate has no value."),
            ],
        ),
        Question(
            "q10",
            "A council tax team wants a model that refers households to enforcement agents. Wrongly "
            "referring a "
            "household that would have paid is the worse mistake. Which measure should the model be held to "
            "first?",
            variable="enforcement_measure",
            options={
                "A": "Selection-rate parity",
                "B": "Equal opportunity (equal true positive rates)",
                "C": "Equal false positive rates",
                "D": "Calibration within groups",
            },
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
            "whether the records the score learnt from are wrong for these households?",
            variable="label_bias_check",
            options={
                "A": "Equal true positive rates, measured against the same records",
                "B": "Comparing a sample of case files with what the records say happened",
                "C": "The model's accuracy on the records",
                "D": "The four-fifths rule: comparing the share of each group that the score selects",
            },
            check=OneOf(["B"], choices=["A", "B", "C", "D"], kind="one letter, A to D, in quotes"),
            hints=[
                "If the yardstick is biased, measuring against the yardstick cannot show it.",
                "Think about how you would find out whether 'contact lost' was recorded fairly.",
            ],
            solution='label_bias_check = "B"',
            explanation="Only evidence from outside the records (the case files) can show that the records "
            "themselves are wrong.",
            wrong=[
                Wrong("A", "Error rates against the biased records inherit the same bias."),
                Wrong("C", "Accuracy against the biased records rewards copying the bias."),
                Wrong(
                    "D",
                    "Selection rates show whether groups are selected at different rates, not whether the "
                    "records behind the score are wrong.",
                ),
            ],
        ),
        Question(
            "q12",
            "True or False: a statute in England requires councils to write a document called an Equality "
            "Impact Assessment.",
            variable="eqia_required",
            options={True: "True", False: "False"},
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
            track="developer",
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
        Question(
            "q14",
            "An audit of an early-check rule shows, with 95% confidence intervals: group X, selection rate "
            "0.40 (0.37 to 0.43, from 1,100 repairs); group Y, 0.25 (0.13 to 0.41, from 40 repairs). What "
            "should the report say about group Y?",
            variable="small_group",
            options={
                "A": "Y is treated unfairly: 0.25 is below four-fifths of 0.40",
                "B": "Y's rate looks lower, but it rests on 40 repairs and its interval is wide: the gap may "
                "be real or chance, so say so and gather more evidence",
                "C": "There is no difference, because the intervals overlap",
                "D": "Leave group Y out of the report: it is too small to count",
            },
            check=OneOf(["B"], choices=["A", "B", "C", "D"], kind='one letter as text, like "A"'),
            hints=["How many repairs is group Y's rate based on, and what does its interval say?"],
            solution='small_group = "B"',
            explanation="Read every rate with its interval. A small group's rate is uncertain: report the "
            "uncertainty, never hide the group, and gather more evidence.",
            wrong=[
                Wrong(
                    "A",
                    "The four-fifths comparison ignores how uncertain Y's rate is: it rests on 40 repairs.",
                ),
                Wrong(
                    "C",
                    "Overlapping intervals do not show that there is no difference: the evidence is weak "
                    "either way.",
                ),
                Wrong(
                    "D",
                    "Leaving a group out hides it from the council's due regard: report it with its "
                    "uncertainty.",
                ),
            ],
        ),
        Question(
            "q15",
            "A supplier's score does not use ethnic group as an input. Can it still treat ethnic groups "
            "differently?",
            variable="proxy_judgement",
            options={
                "A": "No: if ethnic group is not an input, the score cannot treat groups differently",
                "B": "Yes: a column linked to ethnic group, such as the area's deprivation decile, "
                "can act as "
                "a proxy for it",
                "C": "Only if the supplier meant it to",
                "D": "Only if the training data is small",
            },
            check=OneOf(["B"], choices=["A", "B", "C", "D"], kind='one letter as text, like "A"'),
            hints=["In the lesson's data, where do ethnic minority households tend to live?"],
            solution='proxy_judgement = "B"',
            explanation="Leaving a characteristic out does not remove it: columns linked to it carry it in. "
            "That raises indirect discrimination (s.19), which an audit by group can show.",
            wrong=[
                Wrong(
                    "A",
                    "Leaving the characteristic out is not enough: a linked column, a proxy, can "
                    "carry it in.",
                ),
                Wrong("C", "Intent does not matter: the effect on groups is what the audit looks for."),
            ],
        ),
        Question(
            "q16",
            "Another supplier's score uses nationality as an input, because it makes the score more "
            "accurate. What is the problem?",
            variable="nationality_input",
            options={
                "A": "None: accuracy justifies any input",
                "B": "Nationality is part of race, a protected characteristic: using it to decide who gets a "
                "service raises direct discrimination (s.13), which accuracy does not justify",
                "C": "Only that nationality data is often missing",
                "D": "It is indirect discrimination, which is fine if the score is accurate",
            },
            check=OneOf(["B"], choices=["A", "B", "C", "D"], kind='one letter as text, like "A"'),
            hints=["Is the score treating people differently because of a protected characteristic itself?"],
            solution='nationality_input = "B"',
            explanation="Treating a person less favourably because of a protected characteristic is direct "
            "discrimination (Equality Act s.13); nationality is part of race (s.9). Proxies raise "
            "indirect discrimination (s.19) instead.",
            wrong=[
                Wrong("A", "Accuracy does not justify treating people differently because of their race."),
                Wrong(
                    "D",
                    "Using the characteristic itself is direct discrimination (s.13). Indirect "
                    "discrimination (s.19) is about proxies and rules applied to everyone.",
                ),
            ],
        ),
        Question(
            "q17",
            "A mitigation makes the early-check rule's true positive rates nearly equal across "
            "ethnic groups, "
            "but the number of late repairs it catches overall falls slightly. What should the report to "
            "decision makers say?",
            variable="mitigation_report",
            options={
                "A": "Only the gain in fairness, so that the mitigation is adopted",
                "B": "Only the fall in late repairs caught, so that it is rejected",
                "C": "Both the gain in equal treatment and the cost in late repairs caught, so decision "
                "makers choose with the trade-off in view",
                "D": "Nothing: mitigation is a technical detail",
            },
            check=OneOf(["C"], choices=["A", "B", "C", "D"], kind='one letter as text, like "A"'),
            hints=["Who decides whether the trade-off is worth it, and what do they need to see?"],
            solution='mitigation_report = "C"',
            explanation="Mitigation usually trades one good for another. Decision makers, not analysts, "
            "should weigh it, with both sides shown.",
            wrong=[
                Wrong("A", "Hiding the cost takes the decision away from the people accountable for it."),
                Wrong("B", "Hiding the gain takes the decision away from the people accountable for it."),
                Wrong("D", "The trade-off is a decision about residents, not a technical detail."),
            ],
        ),
        Question(
            "q18",
            "Which belongs in the evidence section of an Equality Impact Assessment for the "
            "early-check rule?",
            variable="eqia_evidence",
            options={
                "A": "A statement that the rule is fair because it does not use protected characteristics",
                "B": "The rule's overall accuracy",
                "C": "The audit's rates by group with their intervals, the groups with too little data to "
                "judge, what was done about the gaps found, and how the rule will be monitored",
                "D": "The rule's code",
            },
            check=OneOf(["C"], choices=["A", "B", "C", "D"], kind='one letter as text, like "A"'),
            hints=[
                "The evidence should let a reader see the effect on each group, and what is still unknown."
            ],
            solution='eqia_evidence = "C"',
            explanation="Evidence of due regard shows the effect on each group, what is uncertain, what was "
            "done, and how the council will keep checking.",
            wrong=[
                Wrong(
                    "A",
                    "Not using a characteristic does not show the effect on groups: proxies can carry it in.",
                ),
                Wrong("B", "Overall accuracy can hide a group for whom the rule works badly."),
            ],
        ),
    ],
    covers={
        "Say what the Public Sector Equality Duty asks": ["q1", "q2", "q12"],
        "Read a fairness audit": ["q14", "q9"],
        "Explain proxies and biased labels": ["q15", "q11", "q16"],
        "Choose a fairness measure that fits a decision": ["q10", "q17"],
        "Write the evidence section of an Equality Impact Assessment": ["q18"],
    },
    data={"repairs": _repairs, "homeless": _homeless},
)
