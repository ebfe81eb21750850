"""Exercise set 03: define the problem before the technology, then check the benefits arrive.

Mostly judgement: which statement is a solution in disguise, which measure can be measured, whether a DPIA
is needed, what Articles 22A-22D require, and the continue / fix / stop call. Then, for the capable developer
track, a baseline from the learner's own synthetic repairs (any seed, any council) and three questions read
from the monitor of the learner's own monitoring log (any seed; the log is always Northbrook's repairs model).
"""

from __future__ import annotations

from labkit.exercises import Equals, ExerciseSet, OneOf, Question, Wrong


def _repairs(seed, council):
    from labkit import data

    return data.generate("housing_repairs", seed=seed, council=council).clean


def _log(seed):
    """The learner's monitoring log: its own random draws, and a go-live month that moves with the seed, so
    the months the lesson prints (seed 0, go-live April 2024) are not the learner's answers."""
    import pandas as pd

    from labkit.data._monitoring import generate_monitoring

    start = str(pd.Period("2024-04", freq="M") + seed % 12)
    return generate_monitoring(seed=seed, start=start)


def _health(log):
    from labkit.projects import example_canvas, monitor

    return monitor(log, example_canvas(), plot=False)


def _baseline_share(repairs):
    year = repairs[repairs["financial_year"] == "2023-24"]
    return float(year["target_missed"].astype("float").mean())


def _fired(log, measure):
    rules = _health(log).rules
    return str(rules.loc[rules["measure"] == measure, "first fired"].iloc[0])


def _month_before(month):
    import pandas as pd

    return str(pd.Period(month, freq="M") - 1)


def _promised_month(log):
    import pandas as pd

    return str(pd.Period(str(log["month"].min()), freq="M") + 5)


def _red_rule_month(log):
    return _fired(log, "roc_auc")


def _drift_month(log):
    return _health(log).events["drift"]["channel"]["month"]


def _benefit_month(log):
    return _health(log).events["benefits"]["outcome_rate"]["arrived_month"]


_LETTERS = ["A", "B", "C", "D"]

EXERCISES = ExerciseSet(
    "03",
    "Define the problem before the technology: exercises",
    [
        Question(
            "q1",
            "Which statement is a solution in disguise rather than a problem?",
            variable="disguised",
            options={
                "A": "Tenants wait weeks to hear when their repair will be done, and many chase by phone.",
                "B": "We need a chatbot to answer tenants' questions about repairs.",
                "C": "Half of the households we help to prevent homelessness lose contact before the duty "
                "ends.",
                "D": "Residents cannot tell which bin to put out this week.",
            },
            check=OneOf(["B"], choices=_LETTERS, kind="one of the options"),
            hints=[
                "A problem says who has a need and what goes wrong for them. A solution names a technology.",
                "Look for the statement that would still make sense if nobody had said what was wrong.",
            ],
            solution='disguised = "B"',
            explanation="B names a technology (a chatbot); the others describe what goes wrong for "
            "residents.",
            wrong=[
                Wrong("A", "A describes what goes wrong for tenants, in their terms: that is a problem."),
                Wrong("C", "C describes an outcome that goes wrong for households: that is a problem."),
                Wrong("D", "D describes a resident's need: a form, a letter or a calendar might meet it."),
            ],
        ),
        Question(
            "q2",
            "Which success measure can be measured as written?",
            variable="measurable",
            options={
                "A": "Residents are happier with the repairs service.",
                "B": "A more efficient, data-driven repairs service.",
                "C": "The share of repair jobs that miss their target falls from 25.9% to 18% within six "
                "months of go-live, counted monthly from the repairs system.",
                "D": "Better use of the council's data.",
            },
            check=OneOf(["C"], choices=_LETTERS, kind="one of the options"),
            hints=[
                "A measurable measure has a unit, a number to start from, a number to reach, and a date.",
                "Only one statement says how it will be counted, from what, to what, by when.",
            ],
            solution='measurable = "C"',
            explanation="C has a unit (a share), a baseline, a target, a date and a source.",
            wrong=[
                Wrong("A", "How would you count 'happier'? A has no unit, baseline or target."),
                Wrong("B", "'More efficient' has no unit, no baseline and no target."),
                Wrong("D", "'Better use of data' cannot be counted as written."),
            ],
        ),
        Question(
            "q3",
            "A council plans to join council tax and housing records to score which households may fall into "
            "arrears, and to contact the highest-scoring households with an offer of help. Does the DPIA "
            "screening call for a full DPIA?",
            variable="dpia_needed",
            options={"yes": "Yes: a full DPIA follows", "no": "No: the screening is enough"},
            check=OneOf(["yes"], choices=["yes", "no"], kind="one of the options"),
            hints=[
                "Go through the ICO's list: innovative technology, profiling or automated decisions about "
                "access to a service, matching or combining datasets, special category data at scale.",
                "Joining two services' records is one item on the list; scoring households is another.",
            ],
            solution='dpia_needed = "yes"',
            explanation="It combines datasets and profiles households: any yes in the screening means a full "
            "DPIA, with the DPO consulted.",
            wrong=[
                Wrong("no", "Check the ICO's list again: the project combines datasets and profiles people."),
            ],
        ),
        Question(
            "q4",
            "A tool refuses applications for a discretionary payment when their score is below a threshold; "
            "nobody looks at them. Under Articles 22A-22D (from the Data (Use and Access) Act 2025), which "
            "is true?",
            variable="automated",
            options={
                "A": "It is allowed with no conditions, because the council has a public task.",
                "B": "It is a significant decision based solely on automated processing: it needs safeguards "
                "(tell the person, let them make representations and contest it, provide human "
                "intervention), and stays restricted if it uses special category data.",
                "C": "It is fine if a manager signs the weekly list of refusals without looking at the "
                "cases.",
                "D": "Automated decisions are never allowed for councils.",
            },
            check=OneOf(["B"], choices=_LETTERS, kind="one of the options"),
            hints=[
                "Is there meaningful human involvement? Does refusing a payment have a similarly significant "
                "effect on the person?",
                "Rubber-stamping is not meaningful human involvement, and the new articles allow such "
                "decisions only with safeguards.",
            ],
            solution='automated = "B"',
            explanation="No meaningful human involvement and a significant effect: safeguards are needed, "
            "and special category data keeps it restricted. Check the ICO's current guidance for what is "
            "in force.",
            wrong=[
                Wrong("A", "A lawful basis does not remove the rules on solely automated decisions."),
                Wrong("C", "Signing a list without looking at the cases is rubber-stamping, not meaningful."),
                Wrong("D", "The new articles allow some significant automated decisions, with safeguards."),
            ],
        ),
        Question(
            "q5",
            "Northbrook's monitor shows that at the end of August 2025 the red stop rule (the score no "
            "longer separates late jobs) has fired, after two amber rules earlier. What is the call?",
            variable="call",
            options={
                "continue": "Continue: keep the tool running and keep monitoring",
                "fix": "Fix: investigate the cause and fix it",
                "stop": "Stop: pause the tool and take the decision back to the accountable owner",
            },
            check=OneOf(["stop"], choices=["continue", "fix", "stop"], kind="one of the options"),
            hints=[
                "Amber rules point to fixing; a red rule was set in advance to point to something stronger.",
                "The rules were agreed before go-live, so the call follows the rule that fired.",
            ],
            solution='call = "stop"',
            explanation="A red rule fired: stop, return to the weekly review, and let the accountable owner "
            "decide whether to retrain or end the contract.",
            wrong=[
                Wrong("continue", "A rule has fired: continuing ignores what was agreed before go-live."),
                Wrong("fix", "Fix is the amber call; the rule that fired in August 2025 is red."),
            ],
        ),
        Question(
            "q6",
            "Capable developer track. In your `repairs`, what share of the 2023-24 jobs (`financial_year`) "
            "missed their target (`target_missed`)? This is the baseline. Give a proportion between 0 and 1.",
            variable="baseline_share",
            track="developer",
            check=Equals(_baseline_share, tolerance=0.0005, kind="a proportion between 0 and 1"),
            hints=[
                'Keep only the rows where `financial_year` is "2023-24", then take the mean of '
                "`target_missed`.",
                "`baseline(repairs[repairs['financial_year'] == '2023-24'], 'target_missed').value` "
                "gives it.",
            ],
            solution='baseline_share = baseline(repairs[repairs["financial_year"] == "2023-24"], '
            '"target_missed").value',
            wrong=[
                Wrong(
                    lambda repairs: float(repairs["target_missed"].astype("float").mean()),
                    "That is the share over every year; the baseline is last year's, 2023-24.",
                ),
                Wrong(
                    lambda repairs: 100 * _baseline_share(repairs),
                    "That looks like a percentage; give a proportion between 0 and 1.",
                ),
            ],
        ),
        Question(
            "q7",
            "Capable developer track. In your monitoring `log`, from which month (YYYY-MM) does the "
            "`channel` input drift, with a PSI above 0.25? Use `health = monitor(log, canvas)`.",
            variable="drift_month",
            track="developer",
            check=Equals(_drift_month, kind="a month written YYYY-MM"),
            hints=[
                "`health.events['drift']` gives the first month each input passes the alert level.",
                "`health.events['drift']['channel']['month']`.",
            ],
            solution='drift_month = health.events["drift"]["channel"]["month"]',
            wrong=[
                Wrong(
                    lambda log: _month_before(_drift_month(log)),
                    "That month is still like the first months; look one month later.",
                ),
                Wrong(lambda log: str(log["month"].min()), "That is the go-live month."),
            ],
        ),
        Question(
            "q8",
            "Capable developer track. In which month (YYYY-MM) does the red stop rule on `roc_auc` (below "
            "0.62 for two months in a row) fire in your log?",
            variable="stop_month",
            track="developer",
            check=Equals(_red_rule_month, kind="a month written YYYY-MM"),
            hints=[
                "`health.rules` has a row per stop rule with the month it first fired.",
                "A rule for two months in a row fires in the second of those months, not the first.",
            ],
            solution='stop_month = health.rules.set_index("measure").loc["roc_auc", "first fired"]',
            wrong=[
                Wrong(
                    lambda log: _month_before(_red_rule_month(log)),
                    "In that month ROC-AUC was below 0.62 for the first time: the rule needs two months in a "
                    "row.",
                ),
                Wrong(lambda log: _fired(log, "max_psi"), "That is when the amber drift rule fired."),
            ],
        ),
        Question(
            "q9",
            "Capable developer track. The canvas promised the share of jobs missing their target would beat "
            "the baseline by month 6 after go-live (the sixth month of your log). From which month (YYYY-MM) "
            "is it clearly better than the baseline in your log?",
            variable="benefit_month",
            track="developer",
            check=Equals(_benefit_month, kind="a month written YYYY-MM"),
            hints=[
                "`health.events['benefits']` has one entry per measure the monitor tracks.",
                "`health.events['benefits']['outcome_rate']['arrived_month']`.",
            ],
            solution='benefit_month = health.events["benefits"]["outcome_rate"]["arrived_month"]',
            wrong=[
                Wrong(_promised_month, "That is the month it was promised by, not the month it arrived."),
                Wrong(
                    lambda log: _month_before(_benefit_month(log)),
                    "In that month the share was not yet clearly below the baseline.",
                ),
            ],
        ),
        Question(
            "q10",
            "The head of repairs has two options on the table: a supplier's AI model, and doing nothing. "
            "What is missing before the options can be compared fairly?",
            options={
                "A": "An option without AI, such as a weekly review of jobs near their deadline.",
                "B": "A second AI supplier, so that there is competition.",
                "C": "Nothing: doing nothing is already the option without AI.",
                "D": "The model's accuracy, which settles the choice on its own.",
            },
            variable="missing_option",
            check=OneOf(["A"], choices=_LETTERS, kind="one of the options"),
            hints=[
                "Doing nothing is the comparison for every other option. Which kind of option meets the "
                "need another way?",
                "The AI Playbook asks you to use the right tool for the job.",
            ],
            solution='missing_option = "A"',
            explanation="Doing nothing is what every option is compared with; at least one option should "
            "meet the need without AI (a process change, a better form, a simple rule), compared on the same "
            "measures. A weekly review may deliver most of the benefit for a fraction of the cost.",
            wrong=[
                Wrong(
                    "B",
                    "Two AI products are still only AI: the comparison that can save the most money, an "
                    "option without AI, is still missing.",
                ),
                Wrong(
                    "C",
                    "Doing nothing does not meet the need; it is the comparison for the other options. You "
                    "still need an option that meets the need without AI.",
                ),
                Wrong(
                    "D",
                    "Options are compared on the same measures (benefit, cost, risk), not on the accuracy of "
                    "one of them.",
                ),
            ],
        ),
        Question(
            "q11",
            "The baseline is the share of jobs that missed their target last year, with its 95% interval. "
            "A month after go-live, the share is a little lower, but still inside that interval. What can "
            "the council say?",
            options={
                "A": "Not yet that the tool helped: a change this small could be chance.",
                "B": "The tool works: the share fell below the baseline.",
                "C": "The tool failed and must stop.",
                "D": "Nothing, because a baseline cannot be compared with later months.",
            },
            variable="baseline_reading",
            check=OneOf(["A"], choices=_LETTERS, kind="one of the options"),
            hints=[
                "What does the interval around the baseline show?",
                "Treat a later month as better only if it clearly beats the baseline.",
            ],
            solution='baseline_reading = "A"',
            explanation="The interval shows how far the baseline could move by chance. A month inside it is "
            "not clearly better, so the council waits for months that clearly beat it, as the success "
            "measure and stop rules set out before go-live.",
            wrong=[
                Wrong(
                    "B",
                    "Inside the interval, a lower share could be chance: a month must clearly beat the "
                    "baseline before you credit the tool.",
                ),
                Wrong(
                    "C",
                    "Nothing here shows harm: the share is no worse than before. Stop rules, set in advance, "
                    "say when to stop.",
                ),
                Wrong(
                    "D",
                    "Comparing later months with it is what a baseline is for; that is why it is measured "
                    "before anything changes.",
                ),
            ],
        ),
    ],
    data={"repairs": _repairs, "log": _log},
    covers={
        "Turn a request for a technology into a problem statement": ["q1"],
        "Compare options fairly": ["q10"],
        "Measure a baseline": ["q11", "q6"],
        "Fix success measures, targets and stop rules": ["q2", "q9"],
        "Screen a project": ["q3", "q4"],
        "Read a deployed tool's monitor": ["q5", "q7", "q8"],
    },
)
