"""Exercise set 05: evaluate a supplier's AI before you buy.

Questions on the sandbox tender (six fictional bids with planted flaws): the held-out sample, a column
recorded after the outcome, the accuracy paradox, recall, a claim from another council, leakage, a proxy
behind a "bias-free" claim, a flag-rate ratio, capacity, a lock-in clause, a supplier that refuses model
access, and why minimum standards come before the score. Every learner checks the same bids and planted
truths, on their own held-out year (``load_tender(seed=...)``): the lesson shows seed 0's, so its numbers do
not answer the questions.
"""

from __future__ import annotations

from typing import Any

from labkit.exercises import Equals, ExerciseSet, OneOf, Question, Wrong

LETTERS = ["A", "B", "C", "D"]
# Plain words for the columns and contract terms the consumer questions offer (the key is the machine name).
COLUMNS = {
    "no_access_visits": "Visits where the operative could not get in",
    "lsoa_code": "The small area the home is in",
    "complaint_logged": "Whether the tenant complained",
    "priority": "The repair's priority",
    "trade": "The trade the repair needs",
}
TERMS = {
    "data_export": "Export of data and scores",
    "audit_access": "Audit access to the model",
    "price_change": "Price changes",
    "renewal": "Renewal",
    "derived_data": "Ownership of derived data",
    "exit_support": "Exit support",
}


def _lettered(name: str, prompt: str, *, variable: str, answer: str, **rest: Any) -> Question:
    """A question answered with one of LETTERS: its check and its solution follow from ``answer``."""
    return Question(
        name,
        prompt,
        variable=variable,
        check=OneOf([answer], choices=LETTERS, kind="one of the options"),
        solution=f"{variable} = {answer!r}",
        **rest,
    )


def _tender(seed, council):
    from labkit.suppliers import load_tender

    return load_tender(seed=seed)  # Northbrook's tender, whichever council the other sets use


def _scores(tender, slug):
    scores = tender.bids[slug].scores.set_index("repair_id")["score"]
    return scores.reindex(tender.local["repair_id"]).to_numpy()


def _unflagged_misses(tender, slug, threshold):
    y = tender.local["target_missed"].to_numpy(dtype=bool)
    flag = _scores(tender, slug) >= threshold
    return int((y & ~flag).sum())


def _flag_ratio(tender, slug, threshold, group):
    import pandas as pd

    flag = _scores(tender, slug) >= threshold
    rates = pd.Series(flag).groupby(tender.local[group].astype(str).to_numpy()).mean()
    return float(rates.min() / rates.max())


EXERCISES = ExerciseSet(
    "05",
    "Evaluate a supplier's AI before you buy: exercises",
    [
        Question(
            "q1",
            "How many repairs did Northbrook hold back to test the bids (the rows of `tender.local`)?",
            variable="held_back",
            check=Equals(lambda tender: len(tender.local), kind="a count of repairs"),
            hints=[
                "The held-out repairs are in `tender.local` (and, without outcomes, in `tender.sample`).",
                "`len(tender.local)` counts its rows.",
            ],
            solution="held_back = len(tender.local)",
            explanation="The council kept back every repair of its latest year, with outcomes, and sent "
            "suppliers only "
            "what is known when a supervisor decides. The suppliers never saw these outcomes, so their "
            "scores can "
            "test the claims fairly.",
            wrong=[
                Wrong(
                    lambda tender: tender.ground_truth["extract"]["rows"],
                    "That is the extract suppliers were given. The held-out repairs are the ones they "
                    "never saw.",
                ),
                Wrong(
                    lambda tender: len(tender.sample.columns),
                    "That counts columns, not repairs.",
                ),
            ],
        ),
        Question(
            "q2",
            "Which of these columns is recorded after the outcome, so must not be used to predict it?",
            options={
                c: COLUMNS[c] for c in ["no_access_visits", "lsoa_code", "complaint_logged", "priority"]
            },
            variable="after_outcome_column",
            check=OneOf(
                ["complaint_logged"],
                choices=["no_access_visits", "lsoa_code", "complaint_logged", "priority"],
                kind="one of the column names",
            ),
            hints=[
                "`tender.after_outcome` lists the columns the council records after the outcome.",
                "Tenants complain because a repair is late.",
            ],
            solution="after_outcome_column = 'complaint_logged'",
            explanation="Tenants complain because a repair is late, so a complaint is recorded after "
            "the outcome. A "
            "model that uses it looks excellent in a demonstration and fails in live use.",
            wrong=[
                Wrong(
                    "no_access_visits",
                    "Visits with no access happen during the job, before it is completed: a supervisor knows "
                    "them when deciding.",
                ),
                Wrong(
                    "lsoa_code",
                    "The small area is known when the repair is reported. It raises a different question "
                    "(a proxy), not one of timing.",
                ),
            ],
        ),
        _lettered(
            "q3",
            "Brackenwick says FixFirst is '74% accurate'. On the held-out repairs, which is true?",
            options={
                "A": "The claim is false: the accuracy is far lower.",
                "B": "It holds, but flagging no repair would score the same.",
                "C": "74% of the repairs that miss their target are flagged.",
                "D": "Accuracy cannot be checked without the model file.",
            },
            variable="accuracy_verdict",
            answer="B",
            hints=[
                "Run `check_claims` on Brackenwick's claims and read its findings.",
                "About what share of held-out repairs meet their target?",
            ],
            explanation="About three in four repairs meet their target, so 'none will be late' is right "
            "about as often as FixFirst. Accuracy must beat flagging nothing.",
            wrong=[
                Wrong(
                    "A",
                    "Recompute it: the accuracy on the held-out repairs is close to 74%. The number is "
                    "not the problem; what it is compared with is.",
                ),
                Wrong(
                    "C",
                    "That describes recall (the share of repairs that miss which are flagged), not accuracy.",
                ),
                Wrong("D", "The scores the supplier returned are enough to compute accuracy."),
            ],
        ),
        Question(
            "q4",
            "At its threshold of 0.5, how many of the held-out repairs that missed their target does "
            "FixFirst leave unflagged?",
            variable="brackenwick_missed",
            track="developer",
            check=Equals(
                lambda tender: _unflagged_misses(tender, "brackenwick", 0.5), kind="a count of repairs"
            ),
            hints=[
                "Compare `scores >= 0.5` (flagged) with `tender.local['target_missed']` (missed its target).",
                "Count the repairs that missed their target and were not flagged: "
                "`(missed & ~flagged).sum()`.",
            ],
            solution=(
                "scores = tender.bids['brackenwick'].scores\n"
                "flagged = scores.set_index('repair_id')['score'].reindex(tender.local['repair_id']) >= 0.5\n"
                "missed = tender.local['target_missed'].to_numpy()\n"
                "brackenwick_missed = int((missed & ~flagged.to_numpy()).sum())"
            ),
            explanation="FixFirst leaves every late repair, or almost every one, unflagged: its recall at "
            "0.5 is about 0, so '74% accurate' is the accuracy of flagging nothing.",
            wrong=[
                Wrong(
                    lambda tender: int((_scores(tender, "brackenwick") >= 0.5).sum()),
                    "That counts the repairs FixFirst flags. The question asks about the late repairs it "
                    "does not flag.",
                ),
                Wrong(
                    lambda tender: int((~tender.local["target_missed"].astype(bool)).sum()),
                    "That counts the repairs that met their target. Count those that missed it and were "
                    "not flagged.",
                ),
                Wrong(
                    lambda tender: len(tender.local),
                    "That is every held-out repair. Count only those that missed their target and were "
                    "not flagged.",
                ),
            ],
        ),
        Question(
            "q5",
            "Which of Tallowmere's claims is not supported on Northbrook's data?",
            options={
                "T1": "T1 (ROC-AUC 0.64)",
                "T2": "T2 (precision 0.57 at 0.5)",
                "T3": "T3 (7,517 training records)",
            },
            variable="tallowmere_claim",
            check=OneOf(["T2"], choices=["T1", "T2", "T3"], kind="one of the claims"),
            hints=[
                "Check Tallowmere's claims from the scores it returned, with `tender.check_kwargs()`.",
                "Read the verdict column: one claim is above its interval.",
            ],
            solution="tallowmere_claim = 'T2'",
            explanation="Precision at 0.5 was 0.57 at Eastmere; on Northbrook's held-out repairs it is "
            "lower, and the interval stops short of 0.57.",
            wrong=[
                Wrong(
                    "T1",
                    "T1 comes from Eastmere too, and is flagged for that, but the ranking it claims "
                    "holds at Northbrook.",
                ),
                Wrong(
                    "T3",
                    "T3 (training records) cannot be checked with data: that is a question to ask, "
                    "not a claim shown to fail.",
                ),
            ],
        ),
        _lettered(
            "q6",
            "Corvane's demonstration on the council's own extract was impressive. Why does it fall "
            "short on "
            "the held-out repairs?",
            options={
                "A": "It uses complaints, recorded after the outcome.",
                "B": "It was trained on too little data.",
                "C": "The held-out repairs are harder than the extract.",
                "D": "Its algorithm is worse than the others'.",
            },
            variable="corvane_reason",
            answer="A",
            hints=[
                "Look at Corvane's inputs in its claims file, and at `tender.after_outcome`.",
                "Compare `check_claims` from its model file with and without `after_outcome`.",
            ],
            explanation="JobSense uses complaint_logged. In the demonstration the complaints were "
            "already there; when "
            "a supervisor decides, they are not, so its results fall to those of an ordinary model.",
            wrong=[
                Wrong(
                    "B",
                    "It had the same extract as the others. With complaints known its results are "
                    "as good as its demonstration; the difference is what is known when deciding.",
                ),
                Wrong(
                    "C",
                    "Other bids' claims hold on the same held-out repairs, so the repairs are not the "
                    "problem.",
                ),
                Wrong("D", "It uses the same kind of model as the honest bid; what differs is an input."),
            ],
        ),
        Question(
            "q7",
            "Haldor's 'bias-free' FairFix never sees ethnicity. Which of its inputs stands in for "
            "ethnic group "
            "in Northbrook?",
            options={
                **{c: COLUMNS[c] for c in ["no_access_visits", "priority", "trade", "lsoa_code"]},
                "none": "No input stands in for it",
            },
            variable="proxy_column",
            check=OneOf(
                ["lsoa_code"],
                choices=["no_access_visits", "priority", "trade", "lsoa_code", "none"],
                kind="one of the column names, or none",
            ),
            hints=[
                "The inputs are in `tender.bids['haldor'].claims.inputs`.",
                "Which input says where a tenant lives?",
            ],
            solution="proxy_column = 'lsoa_code'",
            explanation="The small area a tenant lives in goes with ethnic group in Northbrook, so a "
            "model that uses "
            "it can treat groups differently without seeing ethnicity: check flag rates by group.",
            wrong=[
                Wrong(
                    "none",
                    "Not using ethnicity is not enough: a column that goes with it can stand in "
                    "for it. Read the proxy finding of `check_claims`.",
                ),
                Wrong("trade", "The trade needed goes with the job, not with who lives there."),
            ],
        ),
        Question(
            "q8",
            "On the held-out repairs, what is FairFix's flag-rate ratio between ethnic groups at its "
            "threshold "
            "of 0.4 (the lowest group's flag rate divided by the highest, using `tenant_ethnic_group_5`)?",
            variable="haldor_ratio",
            track="developer",
            check=Equals(
                lambda tender: _flag_ratio(tender, "haldor", 0.4, "tenant_ethnic_group_5"),
                tolerance=0.005,
                kind="a ratio from 0 to 1",
            ),
            hints=[
                "`check_claims` recomputes claim H2 for you: read `on_your_data`.",
                "Select the row of claim H2 in the check's `verdicts`.",
            ],
            solution=(
                "check = check_claims(tender.bids['haldor'].claims, tender.local,\n"
                "                     scores=tender.bids['haldor'].scores, **tender.check_kwargs())\n"
                "haldor_ratio = check.verdicts.set_index('claim').loc['H2', 'on_your_data']"
            ),
            explanation="The lowest group's flag rate divided by the highest, on the council's own held-out "
            "repairs: below the 0.9 Haldor claims, because the small area stands in for ethnic group.",
            wrong=[
                Wrong(0.9, "That is what Haldor claims. Recompute it on the held-out repairs."),
                Wrong(
                    lambda tender: 1 / _flag_ratio(tender, "haldor", 0.4, "tenant_ethnic_group_5"),
                    "Divide the lowest flag rate by the highest, so the ratio is at most 1.",
                ),
            ],
        ),
        Question(
            "q9",
            "How many of the held-out repairs does Quillfield's RepairRisk flag at its threshold of 0.3?",
            variable="quillfield_flags",
            track="developer",
            check=Equals(
                lambda tender: int((_scores(tender, "quillfield") >= 0.3).sum()), kind="a count of repairs"
            ),
            hints=[
                "Read Quillfield's returned scores and count those at 0.3 or more.",
                "`(scores['score'] >= 0.3).sum()`",
            ],
            solution=(
                "scores = tender.bids['quillfield'].scores\n"
                "quillfield_flags = int((scores['score'] >= 0.3).sum())"
            ),
            explanation="Every held-out repair scoring 0.3 or more is flagged: more than supervisors can "
            "chase, which is why the council sets the threshold from capacity (question 10).",
            wrong=[
                Wrong(
                    lambda tender: int(tender.local["target_missed"].sum()),
                    "That is the number of repairs that missed their target, not the number flagged.",
                ),
                Wrong(
                    lambda tender: int((_scores(tender, "quillfield") < 0.3).sum()),
                    "That counts the repairs scoring below 0.3, which are not flagged.",
                ),
            ],
        ),
        _lettered(
            "q10",
            "Supervisors can chase about 1,200 repairs a year, fewer than RepairRisk flags at 0.3. "
            "The budget "
            "is £120,000 over three years. What should the council do?",
            options={
                "A": "Quillfield, with a higher threshold that fits capacity.",
                "B": "Brackenwick: cheapest, and it flags almost nothing.",
                "C": "Merrowgate: cheaper than Quillfield, claims hold.",
                "D": "Tallowmere: proven in live use elsewhere.",
            },
            variable="shortlist",
            answer="A",
            hints=[
                "The threshold is the council's choice: it can be set from capacity (lesson 04).",
                "Which bid's claims hold, fits the budget and does not lock the council in?",
            ],
            explanation="Quillfield's claims hold, it fits the budget and its contract does not lock the "
            "council in. The threshold is the council's to set: raise it until the list fits what "
            "supervisors "
            "can chase, and check recall and precision at that threshold on the held-out repairs.",
            wrong=[
                Wrong("B", "A list that finds none of the late repairs fits any capacity and helps nobody."),
                Wrong(
                    "C",
                    "Its numbers hold, but its contract fails all six lock-in checks: no exports, no "
                    "audit, uncapped prices, automatic renewal, supplier-owned scores, no exit help.",
                ),
                Wrong(
                    "D",
                    "Its three-year price is over budget, its precision claim does not hold here, and "
                    "it refuses audit access.",
                ),
            ],
        ),
        Question(
            "q11",
            "Which one contract term would you ask Tallowmere to change?",
            options=dict(TERMS),
            variable="tallowmere_term",
            check=OneOf(
                ["audit_access"],
                choices=[
                    "data_export",
                    "audit_access",
                    "price_change",
                    "renewal",
                    "derived_data",
                    "exit_support",
                ],
                kind="one of the contract terms",
            ),
            hints=[
                "Run `lock_in_risks(tender.bids['tallowmere'])`.",
                "Which term did Hackney's supplier refuse in 2019?",
            ],
            solution="tallowmere_term = 'audit_access'",
            explanation="Tallowmere refuses outside access to its model, as Hackney's supplier did in "
            "2019. Ask for "
            "the right of the council, or an auditor it appoints, to inspect and test the model.",
            wrong=[
                Wrong("price_change", "Tallowmere's prices are fixed, then capped: read its contract terms."),
                Wrong("data_export", "Tallowmere lets the council export its data and scores at any time."),
            ],
        ),
        _lettered(
            "q12",
            "Tallowmere refuses to share its model. What should the council ask it for?",
            options={
                "A": "Its model as a pickle file, to test it in-house.",
                "B": "Scores for our held-out sample, and audit access.",
                "C": "Nothing more: live use at another council is proof enough.",
                "D": "The other council's residents' records.",
            },
            variable="refuses_access",
            answer="B",
            hints=[
                "What can the council check without the model?",
                "And what must the contract say so that someone can check the model later?",
            ],
            explanation="Scores for your own held-out sample let you check every claim without the "
            "model; audit "
            "access in the contract lets someone check the model later. Never open a supplier's pickle.",
            wrong=[
                Wrong(
                    "A",
                    "Never open a supplier's pickle: it can run any code on the council's computer. "
                    "Ask for skops, or for scores.",
                ),
                Wrong(
                    "C",
                    "Claims from another council must be checked on your own data: here its precision "
                    "claim does not hold.",
                ),
                Wrong(
                    "D",
                    "Another council's residents' records are personal data the council has no reason "
                    "to hold.",
                ),
            ],
        ),
        _lettered(
            "q13",
            "On points alone, Merrowgate would rank second, although its contract fails all six lock-in "
            "checks. Why does the council check minimum standards, pass or fail, before it scores?",
            options={
                "A": "A bid it cannot check or leave is not acceptable at any score.",
                "B": "So it can drop a bid it dislikes once it has seen the bids.",
                "C": "Because lock-in should simply be worth more points.",
                "D": "So it need not score quality or price at all.",
            },
            variable="criteria_response",
            answer="A",
            hints=[
                "Run `scorecard(tender.bids, checks=checks)` and read its minimum standards, then run it "
                "again with `gate=()`.",
                "Can points for explanations or monitoring make up for a contract the council cannot leave?",
            ],
            explanation="A product the council cannot check, a claim that fails on its own data, or a "
            "contract it cannot leave is not acceptable at any price, so points elsewhere must not make up "
            "for it. Publish the minimum standards as pass or fail before bids arrive: under the "
            "Procurement Act 2023 the award follows the published criteria, and the competitive flexible "
            "procedure allows staged evaluation.",
            wrong=[
                Wrong(
                    "B",
                    "The standards must be published before the bids arrive; changing the rules after "
                    "seeing the bids breaks the published award criteria.",
                ),
                Wrong(
                    "C",
                    "Any weight can be outscored: with more points for lock-in, a cheap enough locked-in "
                    "bid could still win. A pass or fail cannot be bought back.",
                ),
                Wrong(
                    "D",
                    "The gate comes first, not instead: the bids that pass are still scored on quality and "
                    "price, and the award goes to the most advantageous of them.",
                ),
            ],
        ),
    ],
    data={"tender": _tender},
    covers={
        "Hold back a test set": ["q1", "q2"],
        "Check a supplier's claims on local data": ["q3", "q5", "q8"],
        "Spot the accuracy paradox": ["q3", "q4", "q5", "q6", "q7", "q8"],
        "Open a supplier's model file safely": ["q12"],
        "Check a contract for lock-in, score bids": ["q10", "q11", "q13"],
    },
)
