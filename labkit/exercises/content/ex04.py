"""Exercise set 04: build and evaluate a model.

Capable developer track: the temporal split, the leaky columns, the two
baselines, a model that beats the officer's rule (trained on the earlier years
only), a threshold for a capacity, a threshold from costs and a calibration
table, each computed from the learner's own synthetic housing repairs (any seed,
any council). Everyone (answered in boxes): what to do before a pilot given the
What Works for Children's Social Care study, what to ask a supplier first, why
test on the latest year, leaks, confidence intervals, capacity, recalibration on
local data, the model card, and what to do when acting rarely prevents the harm.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from labkit.exercises import Check, Equals, ExerciseSet, OneOf, Question, SetEquals, Wrong

NUMERIC = ["no_access_visits", "imd_decile", "target_working_days"]
CATEGORIES = ["priority", "trade", "channel", "hazard_flag"]
CAPACITY = 20 * 52
COST_ACTION, COST_HARM, PREVENTED = 40, 300, 0.5


@lru_cache(maxsize=4)
def _dataset(seed: int, council: str):
    from labkit import data

    return data.generate("housing_repairs", seed=seed, council=council)


def _repairs(seed, council):
    return _dataset(seed, council).clean.copy()


def _schema():
    from labkit import data

    return next(
        r["schema"]
        for r in data.datapackage()["resources"]
        if r["name"] == "northbrook-housing-repairs-clean"
    )


def _split(repairs):
    latest = repairs["financial_year"].astype(str).max()
    is_test = repairs["financial_year"].astype(str) == latest
    return repairs[~is_test], repairs[is_test]


def _reference_model(train, cat_columns=CATEGORIES):
    from sklearn.compose import ColumnTransformer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import OneHotEncoder, StandardScaler

    prepare = ColumnTransformer(
        [
            ("numbers", StandardScaler(), NUMERIC),
            ("categories", OneHotEncoder(handle_unknown="ignore"), list(cat_columns)),
        ]
    )
    model = make_pipeline(prepare, LogisticRegression(max_iter=1000))
    return model.fit(train[NUMERIC + list(cat_columns)], train["target_missed"])


def _scored(seed, council):
    """The test year with the scores of the lesson's logistic regression (trained on earlier years)."""
    train, test = _split(_repairs(seed, council))
    model = _reference_model(train)
    scored = test[["repair_id", "financial_year", *NUMERIC, *CATEGORIES, "target_missed"]].copy()
    scored["score"] = model.predict_proba(test[NUMERIC + CATEGORIES])[:, 1]
    return scored.reset_index(drop=True)


def _test_year(repairs):
    """The latest year's jobs; a function of the data alone, so the engine works it out once."""
    return _split(repairs)[1]


def _leaky_model(repairs):
    train, _ = _split(repairs)
    return _reference_model(train, [*CATEGORIES, "complaint_logged"])


def _rule_auc(repairs) -> float:
    from sklearn.metrics import roc_auc_score

    _, test = _split(repairs)
    return float(roc_auc_score(test["target_missed"], test["no_access_visits"] >= 1))


def _training_rows(repairs) -> int:
    return len(_split(repairs)[0])


def _all_rows(repairs) -> int:
    return len(repairs)


def _rows_seen(model: Any) -> int | None:
    """How many rows a fitted model was trained on, where a step records it (a scaler does), else None."""
    seen = getattr(model, "n_samples_seen_", None)
    if seen is not None:
        try:
            return int(seen if not hasattr(seen, "__len__") else max(seen))
        except (TypeError, ValueError):
            return None
    parts = list(getattr(model, "named_steps", {}).values())
    parts += [t for _, t, _ in getattr(model, "transformers_", [])]
    for part in parts:
        if part in ("drop", "passthrough"):
            continue
        found = _rows_seen(part)
        if found is not None:
            return found
    return None


def _model_with_test_year(repairs):
    """The lesson's model trained on every year, the test year included: the mistake the lesson warns of."""
    return _reference_model(repairs)


class BeatsTheRule(Check):
    """A fitted model, using no leaky column, that ranks the test year better than the officer's rule."""

    kind = "a trained scikit-learn model (for example a Pipeline)"

    def __init__(self) -> None:
        # Functions of the data alone, as attributes: the engine works them out once, when the set is bound.
        self.test_year = _test_year
        self.training_rows = _training_rows
        self.all_rows = _all_rows
        self.rule_auc = _rule_auc

    def verify(self, answer: Any, ctx) -> str | None:
        from sklearn.exceptions import NotFittedError
        from sklearn.metrics import roc_auc_score
        from sklearn.utils.validation import check_is_fitted

        if not hasattr(answer, "predict_proba") or isinstance(answer, type):
            return self.wrong_kind(answer, ctx)
        try:
            check_is_fitted(answer)
        except (NotFittedError, TypeError):
            return "Your model has not been trained yet: call model.fit(...) on the training years first."
        names = [str(n) for n in getattr(answer, "feature_names_in_", [])]
        if not names:
            return "Train the model on a table with named columns, such as train[features], not a bare array."
        gt = ctx.resolve(lambda ground_truth: ground_truth)
        leaky = {f["column"] for f in gt["leaky_features"]} | {gt["label"]["column"]}
        used = sorted(leaky & set(names))
        if used:
            return (
                f"Your model uses {', '.join(used)}, which is not known while a job is open (it is recorded "
                "after the outcome). Leave it out and train again."
            )
        test = ctx.resolve(self.test_year)
        seen = _rows_seen(answer)
        if seen is not None and seen != ctx.resolve(self.training_rows):
            if seen >= ctx.resolve(self.all_rows) or seen == len(test):
                return (
                    "Your model was trained on rows from the latest year, the test year. Then its test "
                    "result says nothing about jobs it has never seen. Train it on train only."
                )
            return (
                "Your model was not trained on exactly the training years. Train it on train[features] "
                "and train['target_missed']."
            )
        try:
            scores = answer.predict_proba(test[names])[:, 1]
        except Exception:  # a learner's model may fail in any way; say so plainly
            return "labkit could not score the test year with your model. Train it on columns of repairs."
        auc = float(roc_auc_score(test["target_missed"], scores))
        if auc <= ctx.resolve(self.rule_auc):
            return (
                "Your model does not rank the latest year's jobs better than the officer's rule "
                "yet. Use more "
                "of the columns known while a job is open, such as priority and trade."
            )
        return None


def _rule_recall(repairs) -> float:
    _, test = _split(repairs)
    flags = test["no_access_visits"] >= 1
    return float((flags & test["target_missed"]).sum() / test["target_missed"].sum())


def _rule_precision(repairs) -> float:
    _, test = _split(repairs)
    flags = test["no_access_visits"] >= 1
    return float((flags & test["target_missed"]).sum() / flags.sum())


def _capacity_found(scored) -> int:
    from labkit.evaluate import choose_threshold

    return choose_threshold(scored["target_missed"], scored["score"], capacity=CAPACITY, plot=False).counts.tp


def _capacity_flagged(scored) -> int:
    from labkit.evaluate import choose_threshold

    return choose_threshold(
        scored["target_missed"], scored["score"], capacity=CAPACITY, plot=False
    ).counts.flagged


def _best_cost(scored) -> float:
    from labkit.evaluate import choose_threshold

    choice = choose_threshold(
        scored["target_missed"],
        scored["score"],
        cost_action=COST_ACTION,
        cost_harm=COST_HARM,
        prevented=PREVENTED,
        plot=False,
    )
    return float(choice.expected_cost)


def _old_cost_model(scored) -> float:
    """The mistake the cost model fixes: acting charged only on false alarms, and always preventing harm."""
    import numpy as np

    y = scored["target_missed"].to_numpy(dtype=bool)
    s = scored["score"].to_numpy(dtype=float)
    costs = [
        COST_ACTION * int((s >= t).sum() - ((s >= t) & y).sum()) + COST_HARM * int((~(s >= t) & y).sum())
        for t in [*np.unique(s), np.inf]
    ]
    return float(min(costs))


def _cost_everyone(scored) -> float:
    positives = int(scored["target_missed"].sum())
    return float(COST_ACTION * len(scored) + COST_HARM * positives * (1 - PREVENTED))


def _cost_at_half(scored) -> float:
    from labkit.evaluate import evaluate

    c = evaluate(y_true=scored["target_missed"], y_score=scored["score"], plot=False).confusion
    return float(COST_ACTION * c.flagged + COST_HARM * (c.positives - PREVENTED * c.tp))


def _calibration(scored):
    from labkit.evaluate import evaluate

    return evaluate(y_true=scored["target_missed"], y_score=scored["score"], plot=False).calibration


EXERCISES = ExerciseSet(
    "04",
    "Build and evaluate a model: exercises",
    [
        Question(
            "q1",
            "Split repairs by time: train on the earlier financial years and test on the latest one. "
            "How many repair jobs are in the test set?",
            variable="n_test",
            track="developer",
            check=Equals(lambda repairs: len(_split(repairs)[1]), kind="a count of repair jobs"),
            hints=[
                "labkit.evaluate.temporal_split(repairs, 'financial_year') returns the training "
                "and test sets.",
                "train, test = temporal_split(repairs, 'financial_year'), then count the rows of test.",
            ],
            solution="train, test = temporal_split(repairs, 'financial_year')\nn_test = len(test)",
            explanation="The test set is the latest financial year, which the model never sees in training.",
            wrong=[
                Wrong(
                    lambda repairs: len(repairs), "That is every job. Count only the jobs in the test set."
                ),
                Wrong(
                    lambda repairs: len(_split(repairs)[0]), "That is the training set: the earlier years."
                ),
                Wrong(
                    lambda repairs: round(0.25 * len(repairs)),
                    "That is a random quarter of the jobs. Split by year.",
                ),
            ],
        ),
        Question(
            "q2",
            "Run leakage_check on repairs with the data dictionary (schema=schema). Which columns does it "
            "flag as leaks? Answer with a list of column names.",
            variable="leaky_columns",
            track="developer",
            check=SetEquals(
                lambda ground_truth: [f["column"] for f in ground_truth["leaky_features"]],
                kind="a list of column names",
            ),
            hints=[
                "leaks = leakage_check(repairs, 'target_missed', schema=schema); leaks.summary names them.",
                "leaks.leaky is the list you need.",
            ],
            solution=(
                "leaks = leakage_check(repairs, 'target_missed', schema=schema)\nleaky_columns = leaks.leaky"
            ),
            explanation=(
                "They are recorded after the outcome (or define it), so they are unknown while a job is open."
            ),
            wrong=[
                Wrong(
                    ["complaint_logged"],
                    "That is one of them, but there are more. Read every row marked as a leak.",
                ),
                Wrong(
                    ["no_access_visits"],
                    "No-access visits happen while the job is open, before the outcome, so they "
                    "are fair to use.",
                ),
            ],
        ),
        Question(
            "q3",
            "The officer's rule flags every job in the test year with at least one no-access visit. Of the "
            "test-year jobs that missed the target, what share does the rule flag (its recall)? Answer as a "
            "proportion between 0 and 1.",
            variable="rule_recall",
            track="developer",
            check=Equals(_rule_recall, tolerance=0.0015, kind="a proportion between 0 and 1"),
            hints=[
                "Recall = flagged jobs that missed the target / all jobs that missed the target, "
                "in test only.",
                "flags = test['no_access_visits'] >= 1; divide (flags & test['target_missed']).sum() by "
                "test['target_missed'].sum().",
            ],
            solution=(
                "flags = test['no_access_visits'] >= 1\n"
                "rule_recall = (flags & test['target_missed']).sum() / test['target_missed'].sum()"
            ),
            wrong=[
                Wrong(
                    _rule_precision,
                    "That is the rule's precision: of the jobs flagged, the share that were late.",
                ),
                Wrong(
                    lambda repairs: float((_split(repairs)[1]["no_access_visits"] >= 1).mean()),
                    "That is the share of all test jobs that are flagged. Divide by the late jobs instead.",
                ),
            ],
        ),
        Question(
            "q4",
            "The majority-class baseline predicts that no job will miss its target. What is its "
            "accuracy (the "
            "share of test-year jobs it gets right)? Answer as a proportion between 0 and 1.",
            variable="majority_accuracy",
            track="developer",
            check=Equals(
                lambda repairs: float(1 - _split(repairs)[1]["target_missed"].mean()),
                tolerance=0.0015,
                kind="a proportion between 0 and 1",
            ),
            hints=[
                "Predicting 'not late' for everyone is right for every job that was not late.",
                "1 minus the share of test jobs that missed the target.",
            ],
            solution="majority_accuracy = 1 - test['target_missed'].mean()",
            explanation="High accuracy from a baseline that finds no late jobs: why accuracy alone misleads.",
            wrong=[
                Wrong(
                    lambda repairs: float(_split(repairs)[1]["target_missed"].mean()),
                    "That is the share of jobs that missed the target; the baseline gets those wrong.",
                ),
                Wrong(0.5, "The baseline is not a coin toss. Count the jobs it gets right."),
            ],
        ),
        Question(
            "q5",
            "Beat the baseline. Train a scikit-learn model on the training years, using only columns known "
            "while a job is open, so that it ranks the test-year jobs better than the officer's rule "
            "(higher ROC-AUC). Put the trained model in model.",
            variable="model",
            track="developer",
            check=BeatsTheRule(),
            hints=[
                "Copy the logistic regression pipeline from lesson 04: numbers scaled, categories "
                "one-hot encoded.",
                "Use no_access_visits, imd_decile, target_working_days, priority, trade, channel "
                "and hazard_flag; "
                "fit on train[features] and train['target_missed'].",
            ],
            solution=(
                "features = numeric + categories\n"
                "prepare = ColumnTransformer([('numbers', StandardScaler(), numeric),\n"
                "                             ('categories', "
                "OneHotEncoder(handle_unknown='ignore'), categories)])\n"
                "model = make_pipeline(prepare, LogisticRegression(max_iter=1000))\n"
                "model.fit(train[features], train['target_missed'])"
            ),
            wrong=[
                Wrong(
                    "LogisticRegression",
                    "That is the model's name as text. Put the trained model itself in model.",
                ),
                Wrong(_leaky_model, "This model uses complaint_logged, which is recorded after the outcome."),
                Wrong(_model_with_test_year),
            ],
        ),
        Question(
            "q6",
            f"The table scored holds the test year with the lesson's model scores. The planners can act on "
            f"20 jobs a week, so {CAPACITY:,} across the year. With choose_threshold and that "
            f"capacity, how many "
            "of the jobs flagged really missed the target?",
            variable="found_within_capacity",
            track="developer",
            check=Equals(_capacity_found, kind="a count of repair jobs"),
            hints=[
                "choose_threshold(scored['target_missed'], scored['score'], capacity=...) returns a choice.",
                "choice.counts.tp is the number flagged that did miss the target.",
            ],
            solution=(
                f"choice = choose_threshold(scored['target_missed'], scored['score'], capacity={CAPACITY})\n"
                "found_within_capacity = choice.counts.tp"
            ),
            wrong=[
                Wrong(CAPACITY, "That is the capacity. Count the flagged jobs that did miss the target."),
                Wrong(_capacity_flagged, "That is every job flagged, including false alarms."),
            ],
        ),
        Question(
            "q7",
            f"Now ignore capacity. Acting on a flagged job (a planner's call) costs £{COST_ACTION}, whether "
            f"or not the job would have been late; a late job costs £{COST_HARM}; and the planners expect "
            f"their call to prevent {PREVENTED:.0%} of late jobs among those they act on. What is the "
            "lowest expected total cost, in pounds, over all thresholds, for the jobs in scored?",
            variable="lowest_cost",
            check=Equals(_best_cost, tolerance=1, kind="an amount in pounds"),
            track="developer",
            hints=[
                "choose_threshold takes cost_action (acting on one flagged job), cost_harm (a late job not "
                "prevented) and prevented (the share of late jobs that acting prevents).",
                "choice = choose_threshold(scored['target_missed'], scored['score'], cost_action=..., "
                "cost_harm=..., prevented=...); then choice.expected_cost.",
            ],
            solution=(
                f"choice = choose_threshold(scored['target_missed'], scored['score'], "
                f"cost_action={COST_ACTION}, cost_harm={COST_HARM}, prevented={PREVENTED})\n"
                "lowest_cost = choice.expected_cost"
            ),
            wrong=[
                Wrong(
                    lambda scored: float(COST_HARM * scored["target_missed"].sum()),
                    "That is the cost of acting on no jobs. Let choose_threshold search every threshold.",
                ),
                Wrong(
                    _cost_at_half,
                    "That is the cost at the default threshold of 0.5, which is not the lowest.",
                ),
                Wrong(
                    _cost_everyone,
                    "That is the cost of acting on every job. Let choose_threshold search every threshold.",
                ),
                Wrong(
                    _old_cost_model,
                    "That charges for acting only on false alarms and assumes every late job flagged is "
                    "prevented. Acting costs money on every flagged job, and prevents only some late jobs.",
                ),
            ],
        ),
        Question(
            "q8",
            "Read a calibration table. Run evaluate(y_true=scored['target_missed'], y_score=scored['score']) "
            "and look at report.calibration. In the highest score band, what share of jobs really missed the "
            "target (the observed rate)? Answer as a proportion between 0 and 1.",
            variable="top_band_rate",
            track="developer",
            check=Equals(
                lambda scored: float(_calibration(scored)["observed rate"].iloc[-1]),
                tolerance=0.0015,
                kind="a proportion between 0 and 1",
            ),
            hints=[
                "The last row of report.calibration is the highest score band.",
                "report.calibration['observed rate'].iloc[-1].",
            ],
            solution=(
                "report = evaluate(y_true=scored['target_missed'], y_score=scored['score'])\n"
                "top_band_rate = report.calibration['observed rate'].iloc[-1]"
            ),
            wrong=[
                Wrong(
                    lambda scored: float(_calibration(scored)["mean predicted"].iloc[-1]),
                    "That is what the model predicted in the band. The question asks what happened.",
                ),
                Wrong(
                    lambda scored: float(_calibration(scored)["observed rate"].iloc[0]),
                    "That is the lowest band. Look at the last row.",
                ),
            ],
        ),
        Question(
            "q9",
            "What Works for Children's Social Care (2020) built models with four councils to predict "
            "outcomes for children. As reported by Community Care, on average they missed four out of five "
            "children at risk, and none reached the precision the researchers had set in advance. A supplier "
            "now offers your children's services a similar model. What should the council do first?",
            variable="before_a_pilot",
            options={
                "A": "Agree in advance the bar the model must reach on the council's own past cases "
                "(how many "
                "children at risk it finds, and how many of its flags are right), and test it against that",
                "B": "Ask for the model's overall accuracy, and go ahead if it is above 90%",
                "C": "Rely on the supplier's results from other councils",
                "D": "Start using it, and judge it by whether social workers like it",
            },
            check=OneOf(["A"], choices=["A", "B", "C", "D"], kind='one letter as text, like "A"'),
            hints=[
                "The study set its bar before it looked at the results. Why does that matter?",
                "Which option tests the model honestly, on the council's own cases, against a bar agreed "
                "first?",
            ],
            solution='before_a_pilot = "A"',
            explanation="Promising models were not good enough to use: test honestly, on your own data, "
            "against a bar set in advance.",
            wrong=[
                Wrong(
                    "B",
                    "When few children are at risk, a model that flags no one has high accuracy. Ask how "
                    "many children at risk it finds, and how many of its flags are right.",
                ),
                Wrong(
                    "C", "Results from other councils' data may not hold for yours: test on your own cases."
                ),
                Wrong("D", "Liking a tool is not evidence that it finds the children at risk."),
            ],
        ),
        Question(
            "q10",
            "A supplier says its model predicts late repairs with 74% accuracy. Which question should you "
            "ask first?",
            variable="first_question",
            options={
                "A": "Which programming language is it written in?",
                "B": "What accuracy does predicting 'no repair will be late' get on the same data?",
                "C": "How many features does it use?",
                "D": "Can it run in the cloud?",
            },
            check=OneOf(["B"], choices=["A", "B", "C", "D"], kind="one letter, A to D, in quotes"),
            hints=[
                "A baseline that finds nothing can still score high accuracy.",
                "Ask how the number compares with doing nothing clever.",
            ],
            solution='first_question = "B"',
            explanation=(
                "About three in four repairs are on time, so 'none will be late' is right about three "
                "times in four: 74% accuracy may be no better than doing nothing clever."
            ),
            wrong=[
                Wrong("A", "The language does not tell you whether the model is any good."),
                Wrong("C", "More features do not make a model better; compare it with a baseline first."),
            ],
        ),
        Question(
            "q11",
            "A supplier tested its repairs model on a random fifth of all past jobs. You ask them to test it "
            "on the latest year instead, after training on the years before. Why?",
            variable="why_temporal",
            options={
                "A": "The model will be used on future jobs: testing on the latest year imitates that, and "
                "shows whether things have changed since the training years",
                "B": "A random fifth is too small to test on",
                "C": "Older jobs are recorded more accurately",
                "D": "Testing on the latest year always gives a higher score",
            },
            check=OneOf(["A"], choices=["A", "B", "C", "D"], kind='one letter as text, like "A"'),
            hints=["When will the model be used, and on which jobs?"],
            solution='why_temporal = "A"',
            explanation="Test a model the way it will be used. A random split mixes future jobs into "
            "training, which flatters the result.",
            wrong=[
                Wrong(
                    "D",
                    "A temporal test is usually harder, not easier. The aim is an honest figure, not a "
                    "high one.",
                ),
                Wrong("B", "The size is the same; what matters is which jobs are tested, and when."),
            ],
        ),
        Question(
            "q12",
            "A supplier's model uses 'complaint logged' to predict whether a repair will miss its "
            "target. The "
            "data dictionary says complaints are recorded after the job is closed. What do you conclude?",
            variable="leak_judgement",
            options={
                "A": "It is fine: complaints are good evidence that a job went badly",
                "B": "It is a leak: the column is not known when the prediction is needed, so the test "
                "results will look better than the model can do in use",
                "C": "It is only a problem if the column has missing values",
                "D": "It is fine if it makes the model more accurate",
            },
            check=OneOf(["B"], choices=["A", "B", "C", "D"], kind='one letter as text, like "A"'),
            hints=["When is the prediction made, and when is a complaint recorded?"],
            solution='leak_judgement = "B"',
            explanation="A leak is information from after the outcome. It makes test results look better "
            "than the model can be when it is used on open jobs.",
            wrong=[
                Wrong(
                    "D",
                    "The extra accuracy is the problem: it comes from information the model will not "
                    "have when it is used.",
                ),
                Wrong("A", "It is evidence after the event. The model must predict before the job closes."),
            ],
        ),
        Question(
            "q13",
            "The model's recall in the latest year is 0.62, with a 95% confidence interval from "
            "0.58 to 0.66. "
            "What does the interval tell you?",
            variable="interval_meaning",
            options={
                "A": "Next year the recall will be between 0.58 and 0.66",
                "B": "How far the recall could move by chance, for jobs like this year's: it does not cover "
                "changes in another year",
                "C": "95% of jobs are predicted correctly",
                "D": "The model is 95% sure of each prediction",
            },
            check=OneOf(["B"], choices=["A", "B", "C", "D"], kind='one letter as text, like "A"'),
            hints=[
                "The interval comes from the jobs in the test year alone. What can it know about another "
                "year?"
            ],
            solution='interval_meaning = "B"',
            explanation="A confidence interval covers sampling noise in the year tested. Another year can "
            "differ for other reasons (drift), so keep measuring.",
            wrong=[
                Wrong(
                    "A",
                    "The interval covers chance among this year's jobs. Next year can differ for reasons "
                    "the interval cannot see, such as changes in how jobs are recorded.",
                ),
                Wrong("D", "The interval is about the recall figure, not about any one prediction."),
                Wrong(
                    "C", "The interval is about recall (the share of late jobs found), not about all jobs."
                ),
            ],
        ),
        Question(
            "q14",
            "The planners can act on 20 jobs a week. At the threshold the supplier set, the model "
            "flags about "
            "60 a week. What should you do?",
            variable="capacity_choice",
            options={
                "A": "Keep 60 flags a week, and let planners pick any 20",
                "B": "Lower the threshold, to catch more late jobs",
                "C": "Set the threshold so about 20 jobs a week are flagged (the highest scores), and check "
                "how many late jobs that list finds",
                "D": "Ignore the model until there are more planners",
            },
            check=OneOf(["C"], choices=["A", "B", "C", "D"], kind='one letter as text, like "A"'),
            hints=["A list longer than the team can act on is not a plan. Which jobs should the 20 be?"],
            solution='capacity_choice = "C"',
            explanation="A threshold turns scores into a list. With a fixed capacity, flag the jobs the team "
            "can act on, highest scores first, and measure how many late jobs that finds.",
            wrong=[
                Wrong("A", "Picking 20 of 60 at random throws away the model's ranking."),
                Wrong("B", "A lower threshold flags even more jobs than the team can act on."),
            ],
        ),
        Question(
            "q15",
            "Northbrook's model is offered to Eastmere, another council. For jobs the model scores at 30%, "
            "45% of Eastmere's jobs really miss the target. What should Eastmere do before relying on the "
            "scores?",
            variable="recalibrate",
            options={
                "A": "Nothing: the model was tested in Northbrook",
                "B": "Check the scores against its own recent jobs, and recalibrate or retrain on local data "
                "before use",
                "C": "Use accuracy instead of the scores",
                "D": "Raise every score by half, for good",
            },
            check=OneOf(["B"], choices=["A", "B", "C", "D"], kind='one letter as text, like "A"'),
            hints=["A score of 30% should mean about 30 in 100 such jobs miss. Does it, in Eastmere?"],
            solution='recalibrate = "B"',
            explanation="Scores that are calibrated in one council can be wrong in another. Check "
            "calibration on local data, and recalibrate or retrain before using them.",
            wrong=[
                Wrong("A", "A test in Northbrook says nothing about Eastmere's jobs: test on local data."),
                Wrong(
                    "D",
                    "A fixed correction from one look can be wrong as things change: recalibrate on "
                    "local data, and keep checking.",
                ),
            ],
        ),
        Question(
            "q16",
            "The council will publish a record of the model in the Algorithmic Transparency Recording "
            "Standard. Which belongs in its model card?",
            variable="model_card",
            options={
                "A": "What the model is for, the data it learnt from, how well it did on the latest "
                "year with "
                "its uncertainty, its known limits, and who reviews its output",
                "B": "Only the supplier's headline accuracy figure",
                "C": "The model's source code, and nothing else",
                "D": "Nothing, until someone complains",
            },
            check=OneOf(["A"], choices=["A", "B", "C", "D"], kind='one letter as text, like "A"'),
            hints=["A model card explains the model to someone who will never run it."],
            solution='model_card = "A"',
            explanation="A model card says what the model is for, what it learnt from, how well it works and "
            "where it does not, and who is accountable for its use.",
            wrong=[
                Wrong("B", "One figure hides how and where the model fails, and who checks it."),
                Wrong("C", "Code alone does not tell a resident what the model does or how well."),
            ],
        ),
        Question(
            "q17",
            f"The repairs service uses the lesson's costs: a planner's call costs £{COST_ACTION} for every "
            f"flagged job, late or not, and a late job costs £{COST_HARM}. A pilot then finds that a call "
            "prevents only 10% of the late jobs it reaches. What should the service do?",
            variable="low_prevention_choice",
            options={
                "A": "Call the tenants of the model's list of 1,300 jobs most likely to be late",
                "B": "Call every tenant, because the model cannot pick out the late jobs well enough",
                "C": "Stop the calls, and look for an action that prevents more late jobs or costs less",
                "D": "Lower the threshold, so the model finds more of the late jobs",
            },
            check=OneOf(["C"], choices=["A", "B", "C", "D"], kind='one letter as text, like "A"'),
            hints=[
                "Take a job that is certain to be late. What does calling its tenant save, and what does "
                "the call cost?",
                f"A call prevents a late job one time in ten, so on a job certain to be late it saves 10% of "
                f"£{COST_HARM}. Compare that with the £{COST_ACTION} the call costs.",
            ],
            solution='low_prevention_choice = "C"',
            explanation=(
                f"Even on a job certain to be late, a call saves 10% × £{COST_HARM} = £30 of harm and costs "
                f"£{COST_ACTION}, so every call costs more than it prevents, however good the list. A better "
                "model cannot fix that; a cheaper or more effective action can. This is why the share of "
                "harms prevented must be measured before a model is bought."
            ),
            wrong=[
                Wrong(
                    "A",
                    "A good list still pays for a call on every job it flags. Work out what one call saves "
                    "on a job that is certain to be late.",
                ),
                Wrong(
                    "B",
                    "Calling every tenant pays for the most calls of all, each on a job that is less likely "
                    "to be late than those on the list.",
                ),
                Wrong(
                    "D",
                    "A lower threshold flags more jobs, so it pays for more calls. Look at what one call "
                    "saves against what it costs.",
                ),
            ],
        ),
    ],
    covers={
        "Test a model the way it will be used": ["q11", "q1"],
        "Catch a leaky feature": ["q12", "q2"],
        "Compare a model with baselines and read metrics with confidence intervals": ["q10", "q13", "q4"],
        "Choose a threshold from the costs of errors and the capacity to act": ["q14", "q17", "q6", "q7"],
        "Explain a model in plain words and write a model card": ["q16", "q15"],
    },
    data={
        "repairs": _repairs,
        "scored": _scored,
        "schema": lambda: _schema(),
        "ground_truth": lambda seed, council: _dataset(seed, council).ground_truth,
    },
)
